// DELETE /api/v1/webhooks/{id}: unsubscribes the receiver; its delivery log goes with it.
import { api, send, type ApiResult } from '@/lib/api-client';

export function deleteWebhook(id: string): Promise<ApiResult<undefined>> {
  return send(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } }));
}
