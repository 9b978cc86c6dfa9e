// GET /api/v1/admin/accounts: accounts, newest first, searched by name or email (a part) or by a
// whole IIN/BIN, filtered by status and role, a page at a time.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AccountPage, AccountStatus, Role } from './admin-types';

export interface AccountFilter {
  q?: string;
  status?: AccountStatus;
  role?: Role;
}

export const ACCOUNTS_PAGE_SIZE = 20;

export function listAccounts(filter: AccountFilter, cursor?: string): Promise<ApiResult<AccountPage>> {
  return send(
    api.GET('/api/v1/admin/accounts', {
      params: {
        query: {
          q: filter.q?.trim() || undefined,
          status: filter.status,
          role: filter.role,
          limit: ACCOUNTS_PAGE_SIZE,
          cursor,
        },
      },
    }),
  );
}
