// POST /api/v1/admin/accounts/{id}/verify: checks the account's data: the IIN/BIN
// check digits, a valid bound certificate, and the state registry when one is configured.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { VerificationReport } from './admin-types';

export function verifyAccount(id: string): Promise<ApiResult<VerificationReport>> {
  return send(api.POST('/api/v1/admin/accounts/{id}/verify', { params: { path: { id } } }));
}
