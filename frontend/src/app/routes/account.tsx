// The person's account, in short pages reached from the
// account's own navigation, so that no one scrolls past their sessions to find their consents:
//
//   /account            profile: who the account is, the contact details, the API clients link
//                       (for a legal entity's account)
//   /account/security   password, a renewed certificate, the sessions, the history of changes
//   /account/consents   the consents given and withdrawn
//   /account/data       downloading one's data
//   /account/close      closing the account
//
// The server's notices link to the security and consents pages (keep in step). The certificate
// form and the signature that withdraws a consent (with the SIGN key) are the `eds` feature's
// signer, composed in here.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
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

const SECTIONS = [
  { to: paths.account, label: 'account.nav.profile' },
  { to: paths.accountSecurity, label: 'account.nav.security' },
  { to: paths.accountConsents, label: 'account.nav.consents' },
  { to: paths.accountData, label: 'account.nav.data' },
  { to: paths.accountClose, label: 'account.nav.close' },
] as const;

/** Every account page: the heading, the unconfirmed-email notice and the sections' navigation. */
function AccountFrame({ title, children }: { title: string; children: (account: Account) => ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(title);
  return (
    <RequireAuth>
      {(account) => (
        <>
          <h1>{t('account.title')}</h1>
          {!account.email_verified && (
            <p className="alert alert--warning" data-testid="email-unconfirmed">
              {t('account.emailUnconfirmedNotice', { email: account.email })}
            </p>
          )}
          <nav className="sub-nav" aria-label={t('account.nav.label')}>
            <ul className="sub-nav__list">
              {SECTIONS.map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to} end>
                    {t(section.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          {children(account)}
        </>
      )}
    </RequireAuth>
  );
}

function ProfilePage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { updateAccount } = useAuth();
  return (
    <>
      <section aria-labelledby="account-identity">
        <h2 id="account-identity">{t('account.identity.heading')}</h2>
        <AccountIdentity account={account} />
      </section>

      <section aria-labelledby="account-profile">
        <h2 id="account-profile">{t('account.profile.heading')}</h2>
        <ProfileForm key={account.id} account={account} onUpdated={updateAccount} />
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
    </>
  );
}

function SecurityPage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { updateAccount } = useAuth();
  // Bumped after every change, so the history and the sessions are read again.
  const [version, setVersion] = useState(0);
  const changed = (updated?: Account) => {
    if (updated) updateAccount(updated);
    setVersion((previous) => previous + 1);
  };

  return (
    <>
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('account.password.heading')}</h2>
        <ChangePasswordForm account={account} onChanged={() => changed()} />
      </section>

      <section aria-labelledby="account-certificate">
        <h2 id="account-certificate">{t('account.certificate.heading')}</h2>
        <CertificateRenewal
          renderSigner={(onSigned) => <EdsSigner submitLabel={t('account.certificate.submit')} challengePurpose="bind-certificate" onSigned={onSigned} />}
          onBound={changed}
        />
      </section>

      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('account.sessions.heading')}</h2>
        <SessionList version={version} />
      </section>

      <section aria-labelledby="account-history">
        <h2 id="account-history">{t('account.history.heading')}</h2>
        <ChangeHistory accountId={account.id} version={version} />
      </section>
    </>
  );
}

/** /account: who the account is and how to reach its owner. */
export function AccountRoute() {
  const { t } = useTranslation();
  return <AccountFrame title={t('account.title')}>{(account) => <ProfilePage account={account} />}</AccountFrame>;
}

/** /account/security: password, certificate, sessions and the history of changes. */
export function AccountSecurityRoute() {
  const { t } = useTranslation();
  return (
    <AccountFrame title={t('account.nav.security')}>{(account) => <SecurityPage account={account} />}</AccountFrame>
  );
}

/** /account/consents: the consents given and withdrawn, and withdrawing one. */
export function AccountConsentsRoute() {
  const { t } = useTranslation();
  return (
    <AccountFrame title={t('account.nav.consents')}>
      {() => (
        <section aria-labelledby="account-consents">
          <h2 id="account-consents">{t('consents.mine.heading')}</h2>
          <MyConsents
            linkTo={paths.agreement}
            renderSigner={(texts, onSignedTexts, submitLabel) => (
              <EdsSigner submitLabel={submitLabel} texts={texts} onSignedTexts={onSignedTexts} />
            )}
          />
        </section>
      )}
    </AccountFrame>
  );
}

/** /account/data: a copy of everything Saulet keeps about the person. */
export function AccountDataRoute() {
  const { t } = useTranslation();
  return (
    <AccountFrame title={t('account.nav.data')}>
      {() => (
        <section aria-labelledby="account-export">
          <h2 id="account-export">{t('account.export.heading')}</h2>
          <DownloadMyData />
        </section>
      )}
    </AccountFrame>
  );
}

/** /account/close: closing the account. */
export function AccountCloseRoute() {
  const { t } = useTranslation();
  const { forgetSession } = useAuth();
  return (
    <AccountFrame title={t('account.nav.close')}>
      {() => (
        <section aria-labelledby="account-close">
          <h2 id="account-close">{t('account.close.heading')}</h2>
          {/* Closing ends the session; the guard then takes the person home. */}
          <CloseAccountForm onClosed={forgetSession} />
        </section>
      )}
    </AccountFrame>
  );
}
