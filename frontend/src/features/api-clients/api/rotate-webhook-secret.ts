// POST /api/v1/webhooks/{id}/secret: a new signing secret, shown this once. For 24 hours every
// delivery carries two signatures, by the new secret and by the old one, so the receiver can switch
// over without losing a delivery.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { WebhookWithSecret } from './webhook-types';

export function rotateWebhookSecret(id: string): Promise<ApiResult<WebhookWithSecret>> {
  return send(api.POST('/api/v1/webhooks/{id}/secret', { params: { path: { id } } }));
}
