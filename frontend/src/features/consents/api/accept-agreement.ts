// POST /api/v1/consents: accepts a version, signed with the SIGN key over the UTF-8 bytes of
// `body_sha256[language]`, the hash of the exact text shown.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { Consent, Language } from './agreement-types';

export function acceptAgreement(agreementId: string, language: Language, signature: string): Promise<ApiResult<Consent>> {
  return send(
    api.POST('/api/v1/consents', {
      body: { agreement_id: agreementId, language, signature, channel: 'web' },
    }),
  );
}
