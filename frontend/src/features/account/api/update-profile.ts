// PATCH /api/v1/accounts/me: the email (confirmed again by a new link), phone or language
// . Only what changed is sent; every change lands in the account's history.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Account, Language } from './account-types';

export interface ProfileChanges {
  email?: string;
  phone?: string;
  language?: Language;
}

export function updateProfile(changes: ProfileChanges): Promise<ApiResult<Account>> {
  return send(api.PATCH('/api/v1/accounts/me', { body: changes }));
}
