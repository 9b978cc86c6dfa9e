// POST /api/v1/webhooks/{id}/ping: a test `webhook.ping` event to this subscription alone, to check
// the receiver; the answer (202) is the new delivery, pending until the server's worker sends it.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Delivery } from './webhook-types';

export function pingWebhook(id: string): Promise<ApiResult<Delivery>> {
  return send(api.POST('/api/v1/webhooks/{id}/ping', { params: { path: { id } } }));
}
