// Registration with the EDS in two steps: (1) sign a fresh challenge with the AUTH key,
// which proves the certificate and so the person's identity; (2) the contact details and the
// password. If the signed challenge expires before step 2 is sent, the person signs again.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CertificateHolderSummary } from '@/components/certificate-holder-summary';
import type { SignedChallenge, SignedChallengeHandler } from '@/lib/signed-challenge';
import { RegistrationForm } from './registration-form';

export interface RegistrationWizardProps {
  /** Renders the signing form, which calls `onSigned` with the signed challenge. */
  renderSigner: (onSigned: SignedChallengeHandler) => ReactNode;
  onRegistered: (email: string) => void;
}

export function RegistrationWizard({ renderSigner, onRegistered }: RegistrationWizardProps) {
  const { t } = useTranslation();
  const [signed, setSigned] = useState<SignedChallenge | null>(null);
  const [expired, setExpired] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Each step starts with its heading; moving between steps puts the focus there.
  const step = signed ? 2 : 1;
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  if (!signed) {
    return (
      <section aria-labelledby="register-step-key">
        <h2 id="register-step-key" ref={heading} tabIndex={-1}>
          {t('register.key.heading')}
        </h2>
        <p>{t('register.key.intro')}</p>
        {expired && (
          <p className="alert alert--error" role="alert">
            {t('register.key.expired')}
          </p>
        )}
        {renderSigner(async (proof) => {
          setExpired(false);
          setSigned(proof);
        })}
      </section>
    );
  }

  return (
    <section aria-labelledby="register-step-details">
      <h2 id="register-step-details" ref={heading} tabIndex={-1}>
        {t('register.details.heading')}
      </h2>
      {signed.holder && (
        <>
          <p>{t('register.details.identity')}</p>
          <CertificateHolderSummary holder={signed.holder} />
        </>
      )}
      <p>
        <button type="button" className="button button--link" onClick={() => setSigned(null)}>
          {t('register.details.otherKey')}
        </button>
      </p>
      <RegistrationForm
        signed={signed}
        onRegistered={onRegistered}
        onChallengeExpired={() => {
          setExpired(true);
          setSigned(null);
        }}
      />
    </section>
  );
}
