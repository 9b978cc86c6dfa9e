// Password recovery, step 1: ask for a reset link by email.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('forgotPassword.title'));

  return (
    <>
      <h1>{t('forgotPassword.title')}</h1>
      <p className="lead">{t('forgotPassword.intro')}</p>
      <ForgotPasswordForm />
      <p className="page-aside">
        {t('forgotPassword.edsInstead')} <Link to={paths.login}>{t('forgotPassword.signIn')}</Link>
      </p>
    </>
  );
}
