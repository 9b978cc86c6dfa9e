// POST /api/v1/accounts: registration with the EDS. The signed challenge proves the
// certificate, whose IIN (and BIN) become the account's identity; the server then emails a link
// to confirm the address.
import { api, send, type ApiResult, type components } from '@/lib/api-client';
import type { SignedChallenge } from '@/lib/signed-challenge';
import type { Account } from './token-response';

export type Language = components['schemas']['Lang'];
/** An acceptance of an agreement version in force, signed with the SIGN key. */
export type RegistrationConsent = components['schemas']['RegistrationConsent'];

export interface Registration {
  email: string;
  password: string;
  language: Language;
  phone: string;
  /** The acceptances of the versions in force; none when nothing is in force. */
  consents: readonly RegistrationConsent[];
}

export function registerAccount(
  { challenge, signature }: SignedChallenge,
  registration: Registration,
): Promise<ApiResult<Account>> {
  const phone = registration.phone.trim();
  return send(
    api.POST('/api/v1/accounts', {
      body: {
        challenge,
        signature,
        email: registration.email.trim(),
        password: registration.password,
        language: registration.language,
        phone: phone === '' ? null : phone,
        ...(registration.consents.length > 0 ? { consents: [...registration.consents] } : {}),
      },
    }),
  );
}
