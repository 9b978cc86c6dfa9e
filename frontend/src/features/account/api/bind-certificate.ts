// PUT /api/v1/accounts/me/certificate: binds a renewed certificate, proven by a fresh
// challenge signed with its AUTH key. It must name the account's own IIN (and BIN).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { SignedChallenge } from '@/lib/signed-challenge';
import type { Account } from './account-types';

export function bindCertificate({ challenge, signature }: SignedChallenge): Promise<ApiResult<Account>> {
  return send(api.PUT('/api/v1/accounts/me/certificate', { body: { challenge, signature } }));
}
