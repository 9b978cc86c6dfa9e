// Password recovery, step 2: the page the reset email links to, /password/reset?token=…
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  useDocumentTitle(t('resetPassword.title'));

  return (
    <>
      <h1>{t('resetPassword.title')}</h1>
      <p className="lead">{t('resetPassword.intro')}</p>
      <ResetPasswordForm token={params.get('token')} />
    </>
  );
}
