// POST /api/v1/clients/{id}/webhooks: subscribes a receiver to events for the client. The answer
// carries the signing secret (`whsec_…`), this once. A receiver's address must be https:// (a
// development server may allow http://); anything else is refused with `invalid_url` on `url`.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { NewWebhook, WebhookWithSecret } from './webhook-types';

export function createWebhook(clientId: string, webhook: NewWebhook): Promise<ApiResult<WebhookWithSecret>> {
  return send(api.POST('/api/v1/clients/{id}/webhooks', { params: { path: { id: clientId } }, body: webhook }));
}
