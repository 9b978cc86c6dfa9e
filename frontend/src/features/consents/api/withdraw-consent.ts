// Withdrawing a personal-data consent is a signed act, in two steps:
// - GET /api/v1/consents/{id}/withdrawal reads the statement (which consent, and the sentence in
//   the language it was given in) and its digest, the SHA-256 hex to sign; 409 `conflict` when
//   it is withdrawn already or not a personal-data consent;
// - POST /api/v1/consents/{id}/withdraw sends the digest and the detached CMS signature made with
//   the SIGN key over the digest's 64 characters (UTF-8). 409 `legal-hold` while a permit request
//   is in progress, 409 `conflict` when the digest is not the statement's any more, 422/403 for
//   a wrong key or another person's signature.
import { api, send, type ApiResult, type components } from '@/lib/api-client';
import type { Consent } from './agreement-types';

export type WithdrawalStatement = components['schemas']['WithdrawalStatement'];
export type SignedWithdrawal = components['schemas']['SignedWithdrawal'];

export function getWithdrawalStatement(id: string): Promise<ApiResult<WithdrawalStatement>> {
  return send(api.GET('/api/v1/consents/{id}/withdrawal', { params: { path: { id } } }));
}

export function withdrawConsent(id: string, body: SignedWithdrawal): Promise<ApiResult<Consent>> {
  return send(api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id } }, body }));
}
