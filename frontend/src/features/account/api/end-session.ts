// DELETE /api/v1/accounts/me/sessions/{id}: signs out one device.
import { api, send, type ApiResult } from '@/lib/api-client';

export function endSession(id: string): Promise<ApiResult<unknown>> {
  return send(api.DELETE('/api/v1/accounts/me/sessions/{id}', { params: { path: { id } } }));
}
