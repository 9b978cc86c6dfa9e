// After registration: the address must be confirmed through the link just emailed.
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { paths } from '@/config/paths';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { useDocumentTitle } from '@/hooks/use-document-title';
import type { RegisteredState } from './register';

export function RegisteredRoute() {
  const { t } = useTranslation();
  const { account } = useAuth();
  const state = useLocation().state as RegisteredState | null;
  useDocumentTitle(t('registered.title'));
  const email = state?.email ?? account?.email;

  return (
    <>
      <h1>{t('registered.title')}</h1>
      <p className="lead">{email ? t('registered.sentTo', { email }) : t('registered.sent')}</p>
      <p>{t('registered.validity')}</p>
      <p>{t('registered.noEmail')}</p>
      <p>
        {account ? (
          <Link to={paths.account}>{t('registered.toAccount')}</Link>
        ) : (
          <Link to={paths.login}>{t('registered.signIn')}</Link>
        )}
      </p>
    </>
  );
}
