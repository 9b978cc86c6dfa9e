// An organisation's API clients (OAuth 2.0 client credentials): the `api-clients` feature, under
// the account. Issuing credentials needs a session begun with the organisation's EDS; a person
// signed in with a password is offered to sign out and sign in with the EDS, and comes back here.
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { paths } from '@/config/paths';
import { ApiClients } from '@/features/api-clients/components/api-clients';
import { RequireAuth, type ReturnTo } from '@/features/auth/components/require-auth';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { useDocumentTitle } from '@/hooks/use-document-title';

/** Where signing in with the EDS brings the person back to. */
const returnHere: ReturnTo = { from: { pathname: paths.apiClients } };

/**
 * The sign-in page, for a session begun with a password. A signed-in person is not shown that
 * page, so following the link signs out first; the page then goes on to the sign-in page.
 */
function SignInWithEdsLink({ onFollow }: { onFollow: () => void }) {
  const { t } = useTranslation();
  return (
    <Link
      to={paths.login}
      state={returnHere}
      data-testid="api-clients-sign-in-eds"
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        onFollow();
      }}
    >
      {t('apiClients.signInWithEds')}
    </Link>
  );
}

export function ApiClientsRoute() {
  const { t } = useTranslation();
  const { session, signOut } = useAuth();
  const [leaving, setLeaving] = useState(false);
  useDocumentTitle(t('apiClients.title'));

  // Signed out to sign in with the EDS: to the sign-in page (not home, where a page for signed-in
  // people sends whoever signed out), and back here afterwards.
  if (leaving && session.status === 'signed-out') return <Navigate to={paths.login} replace state={returnHere} />;

  const follow = () => {
    if (leaving) return;
    setLeaving(true);
    void signOut();
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.account}>{t('account.title')}</Link>
      </p>
      <h1>{t('apiClients.title')}</h1>
      <p className="lead">{t('apiClients.intro')}</p>
      <RequireAuth>{() => <ApiClients signInWithEds={<SignInWithEdsLink onFollow={follow} />} />}</RequireAuth>
    </>
  );
}
