// Registration with the EDS in two steps: (1) sign a fresh challenge with the AUTH key,
// which proves the certificate and so the person's identity; (2) the contact details and the
// password. If the signed challenge expires before step 2 is sent, the person signs again. When
// agreement versions are in force, a step between the two shows them and takes the
// person's SIGN-key acceptance, which the registration request carries.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CertificateHolderSummary } from '@/components/certificate-holder-summary';
import type { SignedChallenge, SignedChallengeHandler } from '@/lib/signed-challenge';
import type { RegistrationConsent } from '../api/register-account';
import { RegistrationForm } from './registration-form';

export interface RegistrationWizardProps {
  /** Renders the signing form, which calls `onSigned` with the signed challenge. */
  renderSigner: (onSigned: SignedChallengeHandler) => ReactNode;
  /**
   * Renders the acceptance of the agreements in force, which calls `onAccepted` with the signed
   * acceptances; absent when nothing is in force, and the step is left out.
   */
  renderConsents?: (onAccepted: (consents: RegistrationConsent[]) => void) => ReactNode;
  /** The server asked for acceptances the page did not show: look for the versions in force again. */
  onConsentRequired?: () => void;
  onRegistered: (email: string) => void;
}

export function RegistrationWizard({
  renderSigner,
  renderConsents,
  onConsentRequired,
  onRegistered,
}: RegistrationWizardProps) {
  const { t } = useTranslation();
  const [signed, setSigned] = useState<SignedChallenge | null>(null);
  const [expired, setExpired] = useState(false);
  const [consents, setConsents] = useState<RegistrationConsent[] | null>(null);
  const [consentRequired, setConsentRequired] = useState(false);
  const withConsents = renderConsents !== undefined;
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  // Each step starts with its heading; moving between steps puts the focus there.
  const step = !signed ? 1 : withConsents && consents === null ? 2 : 3;
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
          {withConsents ? t('register.key.headingOfThree') : t('register.key.heading')}
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

  if (renderConsents && consents === null) {
    return (
      <section aria-labelledby="register-step-consents">
        <h2 id="register-step-consents" ref={heading} tabIndex={-1}>
          {t('register.consents.heading')}
        </h2>
        {consentRequired && (
          <p className="alert alert--error" role="alert">
            {t('register.consents.required')}
          </p>
        )}
        {renderConsents((accepted) => {
          setConsentRequired(false);
          setConsents(accepted);
        })}
        <p>
          <button type="button" className="button button--link" onClick={() => setSigned(null)}>
            {t('register.details.otherKey')}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="register-step-details">
      <h2 id="register-step-details" ref={heading} tabIndex={-1}>
        {withConsents ? t('register.details.headingOfThree') : t('register.details.heading')}
      </h2>
      {signed.holder && (
        <>
          <p>{t('register.details.identity')}</p>
          <CertificateHolderSummary holder={signed.holder} />
        </>
      )}
      <p>
        <button
          type="button"
          className="button button--link"
          onClick={() => {
            setConsents(null);
            setSigned(null);
          }}
        >
          {t('register.details.otherKey')}
        </button>
      </p>
      <RegistrationForm
        signed={signed}
        consents={consents ?? []}
        onRegistered={onRegistered}
        onChallengeExpired={() => {
          setExpired(true);
          setSigned(null);
        }}
        onConsentRequired={() => {
          setConsents(null);
          setConsentRequired(true);
          onConsentRequired?.();
        }}
      />
    </section>
  );
}
