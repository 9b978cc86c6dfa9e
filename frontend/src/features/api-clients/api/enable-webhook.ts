// POST /api/v1/webhooks/{id}/enable: deliveries again for a subscription that was disabled (one
// failing for a day is), once its receiver is fixed.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Webhook } from './webhook-types';

export function enableWebhook(id: string): Promise<ApiResult<Webhook>> {
  return send(api.POST('/api/v1/webhooks/{id}/enable', { params: { path: { id } } }));
}
