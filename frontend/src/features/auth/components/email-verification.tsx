// Confirms an email address with the token from the emailed link and says how it went.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { paths } from '@/config/paths';
import type { ApiResult } from '@/lib/api-client';
import type { Account } from '../api/token-response';
import { verifyEmail } from '../api/verify-email';
import { useAuth } from '../hooks/use-auth';

export function EmailVerification({ token }: { token: string | null }) {
  const { t } = useTranslation();
  const { session, account, updateAccount } = useAuth();
  const [result, setResult] = useState<ApiResult<Account> | null>(null);

  // Confirm only once the session is restored: on SQLite the server refuses two writes at the same
  // moment (the refresh and this one), and the link arrives with a fresh page load.
  const restoring = session.status === 'restoring';
  useEffect(() => {
    if (!token || restoring) return;
    let superseded = false;
    void verifyEmail(token).then((answer) => {
      if (!superseded) setResult(answer);
    });
    return () => {
      superseded = true;
    };
  }, [token, restoring]);

  // The signed-in person confirmed their own address: show it confirmed everywhere.
  const verified = result?.ok ? result.data : null;
  useEffect(() => {
    if (verified && account && account.id === verified.id && !account.email_verified) {
      updateAccount(verified);
    }
  }, [verified, account, updateAccount]);

  if (!token) {
    return (
      <p className="alert alert--error" role="alert">
        {t('verifyEmail.noToken')}
      </p>
    );
  }
  if (!result) return <p role="status">{t('verifyEmail.checking')}</p>;
  if (!result.ok) {
    return (
      <ProblemAlert failure={result.failure} explain={{ 'token-invalid': t('verifyEmail.invalid') }}>
        {account && (
          <p>
            <Link to={paths.account}>{t('verifyEmail.toAccount')}</Link>
          </p>
        )}
      </ProblemAlert>
    );
  }
  return (
    <>
      <Notice>
        <p className="alert__title" data-testid="email-confirmed">
          {t('verifyEmail.confirmed', { email: result.data.email })}
        </p>
      </Notice>
      <p>
        {account ? (
          <Link to={paths.account}>{t('verifyEmail.toAccount')}</Link>
        ) : (
          <Link to={paths.login}>{t('verifyEmail.signIn')}</Link>
        )}
      </p>
    </>
  );
}
