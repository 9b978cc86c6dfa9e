// Permits: the catalogue of services, the application wizard, my requests, a request's
// page for its applicant and for the reviewers, the reviewers' queue and their team's load (for
// administrators too, any organisation's), and the public pages that check an issued decision (by
// its number and code, and the verify page the QR code opens).
// Signing (the application, a decision) is the `eds` feature's signer with the SIGN key, composed
// into the `permits` feature's pages here.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { paths } from '@/config/paths';
import type { Account } from '@/features/auth/api/token-response';
import { RequireAuth, type ReturnTo } from '@/features/auth/components/require-auth';
import { useAuth } from '@/features/auth/hooks/use-auth';
import { EdsSigner } from '@/features/eds/components/eds-signer';
import type { PermitRequest, PermitsViewer } from '@/features/permits/api/permit-types';
import { Catalogue } from '@/features/permits/components/catalogue';
import { MyRequests } from '@/features/permits/components/my-requests';
import { PermitCheckForm } from '@/features/permits/components/permit-check-form';
import { PermitVerification } from '@/features/permits/components/permit-verification';
import { RequestEditor } from '@/features/permits/components/request-editor';
import { RequestView } from '@/features/permits/components/request-view';
import { StaffQueue } from '@/features/permits/components/staff-queue';
import { StartApplication } from '@/features/permits/components/start-application';
import { TeamWorkload } from '@/features/permits/components/team-workload';
import type { RenderSigner } from '@/features/permits/lib/signer';
import { useDocumentTitle } from '@/hooks/use-document-title';
import { AdminNav } from '../admin-nav';

function viewerOf(account: Account): PermitsViewer {
  return { id: account.id, role: account.role, kind: account.kind };
}

const renderSigner: RenderSigner = (texts, onSignedTexts, submitLabel) => (
  <EdsSigner submitLabel={submitLabel} texts={texts} onSignedTexts={onSignedTexts} />
);

/** What the request's page says after the wizard submitted it. */
interface SubmittedState {
  submitted?: string;
}

export function ServicesRoute() {
  const { t } = useTranslation();
  const { session } = useAuth();
  useDocumentTitle(t('permits.pages.services.title'));
  const signInState: ReturnTo = { from: { pathname: paths.services } };
  return (
    <>
      <h1>{t('permits.pages.services.title')}</h1>
      <p className="lead">{t('permits.pages.services.intro')}</p>
      {session.status === 'restoring' ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <Catalogue
          viewer={session.status === 'signed-in' ? viewerOf(session.account) : null}
          applyLink={paths.apply}
          signInLink={paths.login}
          signInState={signInState}
        />
      )}
    </>
  );
}

export function ApplyRoute() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [name, setName] = useState<string | null>(null);
  const title = name ? t('permits.pages.apply.heading', { name }) : t('permits.pages.apply.title');
  useDocumentTitle(title);
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.services}>{t('nav.services')}</Link>
      </p>
      <h1>{title}</h1>
      <RequireAuth>
        {(account) => (
          <StartApplication
            code={code}
            viewer={viewerOf(account)}
            onLoaded={setName}
            onStarted={(id) => void navigate(paths.editRequest(id), { replace: true })}
          />
        )}
      </RequireAuth>
    </>
  );
}

export function EditRequestRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [title, setTitle] = useState<string | null>(null);
  const onLoaded = useCallback((request: PermitRequest) => setTitle(request.title), []);
  const heading = title ? t('permits.pages.edit.heading', { title }) : t('permits.pages.edit.title');
  useDocumentTitle(heading);
  return (
    <>
      <p className="breadcrumb">
        <Link to={paths.myRequests}>{t('permits.pages.request.back')}</Link>
      </p>
      <h1>{heading}</h1>
      <RequireAuth>
        {() => (
          <RequestEditor
            id={id}
            renderSigner={renderSigner}
            viewLink={paths.request}
            onLoaded={onLoaded}
            onSubmitted={(request) => {
              const state: SubmittedState = { submitted: request.number ?? '' };
              void navigate(paths.request(request.id), { state });
            }}
          />
        )}
      </RequireAuth>
    </>
  );
}

export function MyRequestsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('permits.pages.mine.title'));
  return (
    <>
      <h1>{t('permits.pages.mine.title')}</h1>
      <p className="lead">{t('permits.pages.mine.intro')}</p>
      <RequireAuth>{() => <MyRequests linkTo={paths.request} servicesLink={paths.services} />}</RequireAuth>
    </>
  );
}

function RequestPage({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const [title, setTitle] = useState<string | null>(null);
  const onLoaded = useCallback((request: PermitRequest) => setTitle(request.title), []);
  const submitted = ((location.state ?? {}) as SubmittedState).submitted;
  useDocumentTitle(title ?? t('permits.pages.request.title'));
  const staff = account.role !== 'applicant';
  return (
    <>
      <p className="breadcrumb">
        {staff ? (
          <Link to={paths.staffRequests}>{t('permits.pages.request.backToQueue')}</Link>
        ) : (
          <Link to={paths.myRequests}>{t('permits.pages.request.back')}</Link>
        )}
      </p>
      <h1>{title ?? t('permits.pages.request.title')}</h1>
      <RequestView
        id={id}
        viewer={viewerOf(account)}
        renderSigner={renderSigner}
        editLink={paths.editRequest}
        onLoaded={onLoaded}
        flash={submitted !== undefined ? t('permits.pages.request.submitted', { number: submitted }) : null}
      />
    </>
  );
}

export function RequestRoute() {
  return <RequireAuth>{(account) => <RequestPage account={account} />}</RequireAuth>;
}

/** The pages of the review: the staff's, and the administrators' who oversee it. */
const REVIEW_ROLES = ['reviewer', 'admin'] as const;

export function StaffRequestsRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('permits.pages.queue.title'));
  return (
    <RequireAuth role={REVIEW_ROLES}>
      {(account) => (
        <>
          {account.role === 'admin' && <AdminNav />}
          <h1>{t('permits.pages.queue.title')}</h1>
          <p className="lead">{account.role === 'admin' ? t('permits.pages.queue.adminIntro') : t('permits.pages.queue.intro')}</p>
          <StaffQueue viewer={viewerOf(account)} linkTo={paths.request} />
        </>
      )}
    </RequireAuth>
  );
}

export function StaffTeamRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('permits.pages.team.title'));
  return (
    <RequireAuth role={REVIEW_ROLES}>
      {(account) => (
        <>
          {account.role === 'admin' && <AdminNav />}
          <h1>{t('permits.pages.team.title')}</h1>
          <p className="lead">{t('permits.pages.team.intro')}</p>
          <TeamWorkload viewer={viewerOf(account)} />
        </>
      )}
    </RequireAuth>
  );
}

/** "Check a permit": the number and the code from the document, then the verify page. */
export function CheckPermitRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('permits.pages.check.title'));
  return (
    <>
      <h1>{t('permits.pages.check.title')}</h1>
      <p className="lead">{t('permits.pages.check.intro')}</p>
      <PermitCheckForm onCheck={({ number, code }) => void navigate(paths.verifyPermit(number, code))} />
    </>
  );
}

export function VerifyPermitRoute() {
  const { t } = useTranslation();
  const { number = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const code = params.get('code');
  const heading = t('permits.pages.verify.heading', { number });
  useDocumentTitle(t('permits.pages.verify.title'));
  return (
    <>
      <h1>{heading}</h1>
      <p className="lead">{t('permits.pages.verify.intro')}</p>
      <PermitVerification key={`${number}:${code ?? ''}`} number={number} code={code} onCode={(value) => setParams({ code: value })} />
    </>
  );
}
