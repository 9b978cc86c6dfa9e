// Files the API sends (documents, decision PDFs): the bytes, and the name from the
// `Content-Disposition` header (`filename*=UTF-8''…` or `filename="…"`).
import { send, type ApiResult } from '@/lib/api-client';

export interface ReceivedFile {
  blob: Blob;
  fileName: string | null;
}

export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(disposition);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // Not valid percent-encoding: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(disposition);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : null;
}

export async function receiveFile(
  call: Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<ApiResult<ReceivedFile>> {
  let fileName: string | null = null;
  const result = await send(
    call.then((answer) => {
      fileName = fileNameOf(answer.response.headers.get('Content-Disposition'));
      return answer;
    }),
  );
  if (!result.ok) return result;
  const blob = result.data instanceof Blob ? result.data : new Blob([]);
  return { ok: true, data: { blob, fileName } };
}
