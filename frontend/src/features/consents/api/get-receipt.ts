// GET /api/v1/consents/{id}/receipt: the consent receipt (ISO/IEC TS 27560 / Kantara shape).
import { api, send, type ApiResult } from '@/lib/api-client';

export function getReceipt(id: string): Promise<ApiResult<unknown>> {
  return send(api.GET('/api/v1/consents/{id}/receipt', { params: { path: { id } } }));
}
