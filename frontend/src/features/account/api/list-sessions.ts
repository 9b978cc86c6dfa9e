// GET /api/v1/accounts/me/sessions: where the account is signed in.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AccountSession } from './account-types';

export function listSessions(): Promise<ApiResult<AccountSession[]>> {
  return send(api.GET('/api/v1/accounts/me/sessions'));
}
