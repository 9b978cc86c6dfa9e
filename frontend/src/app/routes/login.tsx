// Signing in: with the password, or with the EDS through the signing form of
// the `eds` feature. Afterwards the person returns to the page that sent them here.
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { paths } from '@/config/paths';
import { EdsSignIn } from '@/features/auth/components/eds-sign-in';
import { PasswordSignInForm } from '@/features/auth/components/password-sign-in-form';
import type { ReturnTo } from '@/features/auth/components/require-auth';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { EdsSigner } from '@/features/eds/components/eds-signer';
import { useDocumentTitle } from '@/hooks/use-document-title';

export function LoginRoute() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const navigate = useNavigate();
  const state = useLocation().state as ReturnTo | null;
  useDocumentTitle(t('signIn.title'));

  const destination = state?.from ? `${state.from.pathname}${state.from.search ?? ''}` : paths.account;
  const goOn = () => void navigate(destination, { replace: true });

  if (session.status === 'signed-in') return <Navigate to={destination} replace />;
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <p className="lead">{t('signIn.intro')}</p>
      <div className="sign-in-ways">
        <section aria-labelledby="sign-in-password" className="panel">
          <h2 id="sign-in-password">{t('signIn.password.heading')}</h2>
          <PasswordSignInForm onSignedIn={goOn} />
        </section>
        <section aria-labelledby="sign-in-eds" className="panel">
          <h2 id="sign-in-eds">{t('signIn.eds.heading')}</h2>
          <p>{t('signIn.eds.intro')}</p>
          <EdsSignIn
            renderSigner={(onSigned) => <EdsSigner submitLabel={t('signIn.eds.submit')} challengePurpose="sign-in" onSigned={onSigned} />}
            onSignedIn={goOn}
          />
        </section>
      </div>
      <p className="page-aside">
        {t('signIn.noAccount')} <Link to={paths.register}>{t('signIn.register')}</Link>
      </p>
    </>
  );
}
