// The person's account: profile, password, a renewed
// certificate, the organisation's API clients (a link, for a legal entity's account), sessions,
// the history of changes, the consents, and closing the account. The certificate form and the
// signature that withdraws a consent (with the SIGN key) are the `eds` feature's signer, composed
// in here.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AccountIdentity } from '@/features/account/components/account-identity';
import { CertificateRenewal } from '@/features/account/components/certificate-renewal';
import { ChangeHistory } from '@/features/account/components/change-history';
import { ChangePasswordForm } from '@/features/account/components/change-password-form';
import { CloseAccountForm } from '@/features/account/components/close-account-form';
import { DownloadMyData } from '@/features/account/components/download-my-data';
import { ProfileForm } from '@/features/account/components/profile-form';
import { SessionList } from '@/features/account/components/session-list';
import type { Account } from '@/features/auth/api/token-response';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { MyConsents } from '@/features/consents/components/my-consents';
import { EdsSigner } from '@/features/eds/components/eds-signer';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';

function AccountPage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { updateAccount, forgetSession } = useAuth();
  // Bumped after every change, so the history and the sessions are read again.
  const [version, setVersion] = useState(0);
  const changed = (updated?: Account) => {
    if (updated) updateAccount(updated);
    setVersion((previous) => previous + 1);
  };

  return (
    <>
      <h1>{t('account.title')}</h1>
      {!account.email_verified && (
        <p className="alert alert--warning" data-testid="email-unconfirmed">
          {t('account.emailUnconfirmedNotice', { email: account.email })}
        </p>
      )}

      <section aria-labelledby="account-identity">
        <h2 id="account-identity">{t('account.identity.heading')}</h2>
        <AccountIdentity account={account} />
      </section>

      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profile.heading')}</h2>
        <ProfileForm key={account.id} account={account} onUpdated={changed} />
      </section>

      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.password.heading')}</h2>
        <ChangePasswordForm account={account} onChanged={() => changed()} />
      </section>

      <section aria-labelledby="account-certificate">
        <h2 id="account-certificate">{t('account.certificate.heading')}</h2>
        <CertificateRenewal
          renderSigner={(onSigned) => <EdsSigner submitLabel={t('account.certificate.submit')} onSigned={onSigned} />}
          onBound={changed}
        />
      </section>

      {account.kind === 'legal_entity' && (
        <section aria-labelledby="account-api-clients">
          <h2 id="account-api-clients">{t('account.apiClients.heading')}</h2>
          <p>{t('account.apiClients.intro')}</p>
          <p>
            <Link to={paths.apiClients} data-testid="account-api-clients-link">
              {t('account.apiClients.link')}
            </Link>
          </p>
        </section>
      )}

      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('account.sessions.heading')}</h2>
        <SessionList version={version} />
      </section>

      <section aria-labelledby="account-history">
        <h2 id="account-history">{t('account.history.heading')}</h2>
        <ChangeHistory accountId={account.id} version={version} />
      </section>

      <section aria-labelledby="account-consents">
        <h2 id="account-consents">{t('consents.mine.heading')}</h2>
        <MyConsents
          linkTo={paths.agreement}
          renderSigner={(texts, onSignedTexts, submitLabel) => (
            <EdsSigner submitLabel={submitLabel} texts={texts} onSignedTexts={onSignedTexts} />
          )}
        />
      </section>

      <section aria-labelledby="account-export">
        <h2 id="account-export">{t('account.export.heading')}</h2>
        <DownloadMyData />
      </section>

      <section aria-labelledby="account-close">
        <h2 id="account-close">{t('account.close.heading')}</h2>
        {/* Closing ends the session; the guard then takes the person home. */}
        <CloseAccountForm onClosed={forgetSession} />
      </section>
    </>
  );
}

export function AccountRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  return <RequireAuth>{(account) => <AccountPage account={account} />}</RequireAuth>;
}
