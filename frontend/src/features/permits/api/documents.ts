// The checklist's files: uploaded into a slot (multipart, one part named `file`; the server reads
// the type from the bytes and answers 413, 415 or 422 `empty-file` when it refuses one), removed
// while the request may be edited, and downloaded with the signed-in person's token.
import { api, send, type ApiResult } from '@/lib/api-client';
import { receiveFile, type ReceivedFile } from './files';
import type { UploadedDocument } from './permit-types';

export function uploadDocument(requestId: string, slot: string, file: File): Promise<ApiResult<UploadedDocument>> {
  const body = new FormData();
  body.append('file', file, file.name);
  return send(
    api.POST('/api/v1/permit-requests/{id}/documents', {
      params: { path: { id: requestId }, query: { slot } },
      // Sent as it is: the browser writes the multipart boundary.
      body: body as unknown as { file: string },
    }),
  );
}

export function removeDocument(requestId: string, documentId: string): Promise<ApiResult<undefined>> {
  return send(
    api.DELETE('/api/v1/permit-requests/{id}/documents/{doc}', {
      params: { path: { id: requestId, doc: documentId } },
    }),
  );
}

export function downloadDocument(requestId: string, documentId: string): Promise<ApiResult<ReceivedFile>> {
  return receiveFile(
    api.GET('/api/v1/permit-requests/{id}/documents/{doc}', {
      params: { path: { id: requestId, doc: documentId } },
      parseAs: 'blob',
    }),
  );
}

export function downloadDecision(requestId: string, decisionId: string): Promise<ApiResult<ReceivedFile>> {
  return receiveFile(
    api.GET('/api/v1/permit-requests/{id}/decisions/{decision}', {
      params: { path: { id: requestId, decision: decisionId } },
      parseAs: 'blob',
    }),
  );
}
