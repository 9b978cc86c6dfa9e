// Guards the pages that need a signed-in person: while the session is being restored it waits;
// a visitor is sent to sign in (and brought back afterwards), someone who just signed out goes
// home; a page for some roles only (administrators, reviewers) tells anyone else they have no
// access.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useDocumentTitle } from '@/hooks/use-document-title';
import type { Account } from '../api/token-response';
import { useAuth } from '../hooks/use-auth';

/** Where the sign-in page returns to, in the router's location state. */
export interface ReturnTo {
  from?: { pathname: string; search?: string };
}

function NoAccess() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.noAccess.title'));
  return (
    <>
      <h1>{t('auth.noAccess.title')}</h1>
      <p className="lead">{t('auth.noAccess.body')}</p>
    </>
  );
}

function Restoring() {
  const { t } = useTranslation();
  return (
    <p role="status" className="restoring">
      {t('auth.restoring')}
    </p>
  );
}

export function RequireAuth({
  children,
  role,
}: {
  children: (account: Account) => ReactNode;
  /** The role, or the roles, the page is for. */
  role?: Account['role'] | readonly Account['role'][];
}) {
  const { session } = useAuth();
  const location = useLocation();

  if (session.status === 'restoring') return <Restoring />;
  if (session.status === 'signed-out') {
    // Whoever just signed out (or closed the account) here is not asked to sign in again.
    if (session.endedHere) return <Navigate to={paths.home} replace />;
    const state: ReturnTo = { from: { pathname: location.pathname, search: location.search } };
    return <Navigate to={paths.login} replace state={state} />;
  }
  const roles: readonly Account['role'][] = role === undefined ? [] : typeof role === 'string' ? [role] : role;
  if (roles.length > 0 && !roles.includes(session.account.role)) return <NoAccess />;
  return <>{children(session.account)}</>;
}
