// POST /api/v1/auth/login/eds: a challenge signed with the AUTH key. The certificate's identity
// finds the account; a renewed certificate of the same person is bound on the way in.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { SignedChallenge } from '@/lib/signed-challenge';
import type { TokenResponse } from './token-response';

export function signInWithEds({ challenge, signature }: SignedChallenge): Promise<ApiResult<TokenResponse>> {
  return send(api.POST('/api/v1/auth/login/eds', { body: { challenge, signature, client: 'web' } }));
}
