// The agreements: the public list and texts, and the blocking page
// that asks a signed-in person to accept the versions in force before going on. Accepting is the
// `eds` feature's signer (with the SIGN key) composed into the `consents` feature's page; the
// allowed ways out are the `account` feature's closing form and signing out; the person can take
// their data (the `account` feature's export) before deciding.
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { CloseAccountForm } from '@/features/account/components/close-account-form';
import { DownloadMyData } from '@/features/account/components/download-my-data';
import { RequireAuth } from '@/features/auth/components/require-auth';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { AgreementAcceptance } from '@/features/consents/components/agreement-acceptance';
import { AgreementDetail } from '@/features/consents/components/agreement-detail';
import { AgreementList } from '@/features/consents/components/agreement-list';
import { EdsSigner } from '@/features/eds/components/eds-signer';
import { useDocumentTitle } from '@/hooks/use-document-title';
import type { ConsentRequiredState } from '../consent-gate';

export function AgreementsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('consents.list.title'));
  return (
    <>
      <h1>{t('consents.list.title')}</h1>
      <p className="lead">{t('consents.list.intro')}</p>
      <AgreementList linkTo={paths.agreement} />
    </>
  );
}

export function AgreementRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  useDocumentTitle(t('consents.detail.title'));
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.agreements}>{t('consents.detail.back')}</Link>
      </p>
      <h1>{t('consents.detail.title')}</h1>
      <AgreementDetail id={id} />
    </>
  );
}

function AcceptPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { signOut, forgetSession } = useAuth();
  const state = (location.state ?? {}) as ConsentRequiredState;
  const from = state.from ?? { pathname: paths.home };

  return (
    <>
      <AgreementAcceptance
        documents={state.documents ?? null}
        renderSigner={(texts, onSignedTexts) => (
          <EdsSigner submitLabel={t('consents.accept.submit')} texts={texts} onSignedTexts={onSignedTexts} />
        )}
        onAccepted={() => void navigate({ pathname: from.pathname, search: from.search }, { replace: true })}
      />
      <section aria-labelledby="accept-other-choices">
        <h2 id="accept-other-choices">{t('consents.accept.otherHeading')}</h2>
        <p>{t('consents.accept.otherIntro')}</p>
        <p>
          <button type="button" className="button button--secondary" onClick={() => void signOut()}>
            {t('accountMenu.signOut')}
          </button>
        </p>
        <h3>{t('account.export.heading')}</h3>
        <DownloadMyData />
        <h3>{t('account.close.heading')}</h3>
        <CloseAccountForm onClosed={forgetSession} />
      </section>
    </>
  );
}

export function AcceptAgreementsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('consents.accept.title'));
  return (
    <>
      <h1>{t('consents.accept.title')}</h1>
      <RequireAuth>{() => <AcceptPage />}</RequireAuth>
    </>
  );
}
