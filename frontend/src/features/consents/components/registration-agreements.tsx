// The registration step that accepts the agreements in force: each document in the
// interface language, with the date it took effect, and one SIGN-key signature per document over
// `body_sha256[language]`. Nothing is sent here: the acceptances go with the registration request,
// which stores them in its own transaction.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '@/i18n';
import type { components } from '@/lib/api-client';
import type { SignedTextsHandler } from '@/lib/signed-challenge';
import type { Agreement } from '../api/agreement-types';
import { AgreementText } from './agreement-text';

export type RegistrationConsent = components['schemas']['RegistrationConsent'];

export interface RegistrationAgreementsProps {
  /** The versions in force. */
  agreements: readonly Agreement[];
  /** Renders the SIGN-key signer over the given texts. */
  renderSigner: (texts: readonly string[], onSigned: SignedTextsHandler) => ReactNode;
  /** Called with one signed acceptance per version, to be sent with the registration. */
  onAccepted: (consents: RegistrationConsent[]) => void;
}

export function RegistrationAgreements({ agreements, renderSigner, onAccepted }: RegistrationAgreementsProps) {
  const { t } = useTranslation();
  const language = currentLanguage();

  const onSigned: SignedTextsHandler = async ({ signatures }) => {
    onAccepted(
      agreements.map((agreement, index) => ({
        agreement_id: agreement.id,
        language,
        signature: signatures[index] ?? '',
      })),
    );
    return Promise.resolve();
  };

  return (
    <>
      <p>{t('register.consents.intro')}</p>
      {agreements.map((agreement) => (
        <AgreementText key={agreement.id} agreement={agreement} language={language} level={3} />
      ))}
      <section aria-labelledby="register-consents-sign">
        <h3 id="register-consents-sign">{t('consents.accept.signHeading')}</h3>
        <p>{t('consents.accept.signIntro')}</p>
        {renderSigner(
          agreements.map((agreement) => agreement.body_sha256[language]),
          onSigned,
        )}
      </section>
    </>
  );
}
