// The page the verification email links to: /verify-email?token=…
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmailVerification } from '@/features/auth/components/email-verification';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  useDocumentTitle(t('verifyEmail.title'));

  return (
    <>
      <h1>{t('verifyEmail.title')}</h1>
      <EmailVerification token={params.get('token')} />
    </>
  );
}
