// GET /api/v1/consents: the signed-in person's consent records, acceptances and withdrawals.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Consent } from './agreement-types';

export function listMyConsents(): Promise<ApiResult<Consent[]>> {
  return send(api.GET('/api/v1/consents'));
}
