// GET /api/v1/clients/{id}/webhooks: the client's webhook subscriptions, enabled or disabled (and
// why), oldest first.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Webhook } from './webhook-types';

export function listWebhooks(clientId: string): Promise<ApiResult<Webhook[]>> {
  return send(api.GET('/api/v1/clients/{id}/webhooks', { params: { path: { id: clientId } } }));
}
