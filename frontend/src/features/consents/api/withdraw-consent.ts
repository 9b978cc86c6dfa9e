// POST /api/v1/consents/{id}/withdraw: withdraws a personal-data consent; 409 `legal-hold` while
// a permit request is in progress.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Consent } from './agreement-types';

export function withdrawConsent(id: string): Promise<ApiResult<Consent>> {
  return send(api.POST('/api/v1/consents/{id}/withdraw', { params: { path: { id } } }));
}
