// GET /api/v1/webhooks/{id}/deliveries: the subscription's delivery log, the newest 100 first, each
// with its attempts and the receiver's last answer.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Delivery } from './webhook-types';

export function listDeliveries(id: string): Promise<ApiResult<Delivery[]>> {
  return send(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id } } }));
}
