// GET /api/v1/admin/accounts/{id}: one account as administrators see it.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AdminAccount } from './admin-types';

export function getAccount(id: string): Promise<ApiResult<AdminAccount>> {
  return send(api.GET('/api/v1/admin/accounts/{id}', { params: { path: { id } } }));
}
