// GET /api/v1/accounts/me/changes: who changed what in the account, and when.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AccountChange } from './account-types';

export function listChanges(): Promise<ApiResult<AccountChange[]>> {
  return send(api.GET('/api/v1/accounts/me/changes', { params: { query: { limit: 50 } } }));
}
