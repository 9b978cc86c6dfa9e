// POST /api/v1/webhooks/{id}/deliveries/{delivery}/redeliver: sends a delivery again, at once, with
// the same `webhook-id` (a delivered or a given-up one too). A disabled subscription is refused
// with 409 `conflict`: enable it first.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Delivery } from './webhook-types';

export function redeliver(id: string, delivery: string): Promise<ApiResult<Delivery>> {
  return send(
    api.POST('/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver', { params: { path: { id, delivery } } }),
  );
}
