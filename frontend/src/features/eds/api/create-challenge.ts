// POST /api/v1/auth/eds/challenge: a one-time challenge to sign with the EDS AUTH key, valid for
// a few minutes, once, and for the one flow it is asked for.
import { api, send, type ApiResult, type components } from '@/lib/api-client';

export type Challenge = components['schemas']['ChallengeResponse'];
export type ChallengePurpose = components['schemas']['ChallengePurpose'];

export function createChallenge(purpose: ChallengePurpose): Promise<ApiResult<Challenge>> {
  return send(api.POST('/api/v1/auth/eds/challenge', { body: { purpose } }));
}
