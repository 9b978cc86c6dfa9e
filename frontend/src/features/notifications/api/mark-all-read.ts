// POST /api/v1/notifications/read-all: every notice is read.
import { api, send, type ApiResult } from '@/lib/api-client';

export function markAllRead(): Promise<ApiResult<unknown>> {
  return send(api.POST('/api/v1/notifications/read-all'));
}
