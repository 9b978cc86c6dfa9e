// POST /api/v1/notifications/{id}/read: one notice is read.
import { api, send, type ApiResult } from '@/lib/api-client';

export function markRead(id: string): Promise<ApiResult<unknown>> {
  return send(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
}
