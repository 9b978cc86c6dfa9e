// Registration with the EDS: the signing form of the `eds` feature composed into the
// registration steps of the `auth` feature, with the acceptance of the agreements in force (the
// `consents` feature, signed with the SIGN key by the same signer) between them when there are any.
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { RegistrationWizard } from '@/features/auth/components/registration-wizard';
import { RegistrationAgreements } from '@/features/consents/components/registration-agreements';
import { useAgreementsInForce } from '@/features/consents/hooks/use-agreements-in-force';
import { EdsSigner } from '@/features/eds/components/eds-signer';
import { useDocumentTitle } from '@/hooks/use-document-title';

export interface RegisteredState {
  email?: string;
}

export function RegisterRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { agreements, reload } = useAgreementsInForce();
  useDocumentTitle(t('register.title'));

  return (
    <>
      <h1>{t('register.title')}</h1>
      <p className="lead">{t('register.intro')}</p>
      <RegistrationWizard
        renderSigner={(onSigned) => <EdsSigner submitLabel={t('register.key.submit')} challengePurpose="register" onSigned={onSigned} />}
        renderConsents={
          agreements && agreements.length > 0
            ? (onAccepted) => (
                <RegistrationAgreements
                  agreements={agreements}
                  renderSigner={(texts, onSignedTexts) => (
                    <EdsSigner
                      submitLabel={t('register.consents.submit')}
                      texts={texts}
                      onSignedTexts={onSignedTexts}
                    />
                  )}
                  onAccepted={onAccepted}
                />
              )
            : undefined
        }
        onConsentRequired={reload}
        onRegistered={(email) => {
          const state: RegisteredState = { email };
          void navigate(paths.registered, { state });
        }}
      />
      <p className="page-aside">
        {t('register.haveAccount')} <Link to={paths.login}>{t('register.signIn')}</Link>
      </p>
    </>
  );
}
