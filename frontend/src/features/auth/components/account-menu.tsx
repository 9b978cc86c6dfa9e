// The header's account area: "Sign in" and "Register" for visitors; for a signed-in person their
// name, their account, their requests (applicants) or the review queue (reviewers),
// administration (administrators only) and "Sign out".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { useAuth } from '../hooks/use-auth';

export function AccountMenu() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  if (session.status === 'restoring') {
    return <div className="account-menu" aria-hidden="true" />;
  }

  if (session.status === 'signed-out') {
    return (
      <nav className="account-menu" aria-label={t('accountMenu.label')}>
        <ul className="account-menu__list">
          <li>
            <Link to={paths.login}>{t('accountMenu.signIn')}</Link>
          </li>
          <li>
            <Link to={paths.register}>{t('accountMenu.register')}</Link>
          </li>
        </ul>
      </nav>
    );
  }

  const { account } = session;
  return (
    <nav className="account-menu" aria-label={t('accountMenu.label')}>
      <p className="account-menu__who">
        <span className="visually-hidden">{t('accountMenu.signedInAs')} </span>
        <span data-testid="signed-in-name">{account.full_name}</span>
      </p>
      <ul className="account-menu__list">
        <li>
          <NavLink to={paths.account}>{t('accountMenu.account')}</NavLink>
        </li>
        {account.role === 'applicant' && (
          <li>
            <NavLink to={paths.myRequests}>{t('accountMenu.requests')}</NavLink>
          </li>
        )}
        {account.role === 'reviewer' && (
          <li>
            <NavLink to={paths.staffRequests}>{t('accountMenu.queue')}</NavLink>
          </li>
        )}
        {account.role === 'admin' && (
          <li>
            <NavLink to={paths.adminAccounts}>{t('accountMenu.admin')}</NavLink>
          </li>
        )}
        <li>
          <button
            type="button"
            className="account-menu__sign-out"
            disabled={signingOut}
            onClick={() => {
              setSigningOut(true);
              void signOut()
                .then(() => navigate(paths.home, { replace: true }))
                .finally(() => setSigningOut(false));
            }}
          >
            {t('accountMenu.signOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
