// One request, for its applicant and for the staff who review it. First, on every screen, where
// it stands (its status in words, what happens next, the date that matters and the working days
// left) and what the reader may do now (`actions`; for its reviewers, handing it to another);
// then the open corrections or the announced refusal, the request's particulars, the answers and
// the documents, the approvals (with each organisation's document), the decisions with their
// PDFs and the public verify page, the history, and the signed versions with what changed.
// Fingerprints and certificate serials are under "Technical details", closed for the applicant.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/forms/notice';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiResult } from '@/hooks/use-api-result';
import { useDateTime } from '@/hooks/use-date-time';
import { downloadDecision } from '../api/documents';
import { loadRequestWithType } from '../api/load-request';
import { formDataOf, type Decision, type PermitRequest, type PermitsViewer, type PermitType } from '../api/permit-types';
import { getHistory, getVersions } from '../api/request-records';
import { useDay, useFileSize, useHolderId, useLocalized } from '../lib/format';
import type { RenderSigner } from '../lib/signer';
import { CoApplicants } from './co-applicants';
import { DocumentChecklist } from './document-checklist';
import { DownloadButton } from './download-button';
import { CorrectionList, FormSummary } from './form-summary';
import { MoreTime } from './more-time';
import { RequestActions } from './request-actions';
import { RequestAssignment } from './request-assignment';
import { RequestHistory } from './request-history';
import { RequestOverview } from './request-overview';
import { DueDate } from './request-status';
import { TechnicalDetails } from './technical-details';
import { VersionList } from './version-changes';
import './permits.css';

function Facts({ request }: { request: PermitRequest }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const holderId = useHolderId();
  const rows: [string, ReactNode][] = [
    [t('permits.fields.number'), request.number ?? t('permits.fields.noNumber')],
    [t('permits.fields.type'), localized(request.type_name)],
    [t('permits.fields.organisation'), localized(request.organisation.name)],
    [t('permits.fields.holder'), `${request.holder_name} (${holderId(request.holder_id)})`],
    [t('permits.fields.submitted'), dateTime(request.submitted_at)],
  ];
  // A closed request keeps its due date among its particulars (the overview shows the running one).
  if (request.due_on && ['issued', 'refused', 'returned', 'withdrawn'].includes(request.status)) {
    rows.push([t('permits.fields.dueOn'), <DueDate key="due" dueOn={request.due_on} overdue={false} />]);
  }
  if (request.status !== 'draft') {
    rows.push([t('permits.fields.assignee'), request.assignee_name ?? t('permits.fields.nobody')]);
  }
  if (request.decided_at) rows.push([t('permits.fields.decided'), dateTime(request.decided_at)]);

  return (
    <dl className="summary" data-testid="request-facts">
      {rows.map(([label, value]) => (
        <div className="summary__row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function PendingRefusal({ request, type }: { request: PermitRequest; type: PermitType }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const day = useDay();
  const pending = request.pending_refusal;
  if (!pending) return null;
  return (
    <section className="alert alert--warning" aria-labelledby="request-refusal">
      <h2 id="request-refusal" className="alert__heading">
        {t('permits.refusal.heading')}
      </h2>
      <p>{t('permits.refusal.groundsIntro')}</p>
      <ul>
        {pending.grounds.map((code) => {
          const ground = type.refusal_grounds.find((candidate) => candidate.code === code);
          return <li key={code}>{ground ? localized(ground.text) : code}</li>;
        })}
      </ul>
      <p className="pre-wrap">{pending.text}</p>
      {request.objection ? (
        <>
          <h3>{t('permits.refusal.objectionHeading')}</h3>
          <p className="pre-wrap">{request.objection}</p>
        </>
      ) : (
        request.objection_due && <p>{t('permits.refusal.objectUntil', { day: day(request.objection_due) })}</p>
      )}
    </section>
  );
}

function Decisions({ request, staff }: { request: PermitRequest; staff: boolean }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <ul className="card-list" aria-label={t('permits.decision.listLabel')}>
      {request.decisions.map((decision: Decision) => {
        const title = decision.kind === 'permit' ? t('permits.decision.permit') : t('permits.decision.refusal');
        return (
          <li key={decision.id} className="card" data-testid="decision">
            <p className="card__title">
              {title} {decision.number}{' '}
              {!decision.signed && <span className="mark mark--draft">{t('permits.decision.unsigned')}</span>}
            </p>
            <p className="card__detail">
              {decision.signed
                ? t('permits.decision.signedBy', { name: decision.official_name, when: dateTime(decision.signed_at) })
                : t('permits.decision.preparedBy', { name: decision.official_name })}
            </p>
            <TechnicalDetails open={staff}>
              <p className="card__detail digest-line">
                {t('permits.decision.sha256')}: <code>{decision.pdf_sha256}</code>
              </p>
            </TechnicalDetails>
            <p>
              <DownloadButton
                className="button button--secondary"
                label={t('permits.decision.download')}
                ariaLabel={t('permits.decision.downloadOf', { title, number: decision.number })}
                fallbackName={`${decision.number}-${decision.kind}.pdf`}
                fetchFile={() => downloadDecision(request.id, decision.id)}
              />
            </p>
            {decision.signed && decision.verify_url && (
              <p>
                <a href={decision.verify_url}>{t('permits.decision.verifyLink')}</a>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Approvals({ request }: { request: PermitRequest }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const fileSize = useFileSize();
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">{t('permits.approvals.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permits.approvals.organisation')}</th>
            <th scope="col">{t('permits.approvals.status')}</th>
            <th scope="col">{t('permits.approvals.comment')}</th>
            <th scope="col">{t('permits.approvals.document')}</th>
            <th scope="col">{t('permits.approvals.decided')}</th>
          </tr>
        </thead>
        <tbody>
          {request.tasks.map((task) => (
            <tr key={task.id}>
              <td>{localized(task.organisation.name)}</td>
              <td data-testid="task-status">
                {task.deemed
                  ? t('permits.approvals.deemed')
                  : task.status === 'pending' && task.due_at
                    ? t('permits.approvals.awaitedUntil', { date: dateTime(task.due_at) })
                    : task.status === 'approved' || task.status === 'declined' || task.status === 'pending'
                      ? t(`permits.approvals.statuses.${task.status}`)
                      : task.status}
              </td>
              <td>{task.comment ?? '—'}</td>
              <td>
                {task.document
                  ? t('permits.taskAnswer.file', { file: task.document.file_name, size: fileSize(task.document.size) })
                  : '—'}
              </td>
              <td>{dateTime(task.decided_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Records({ request, type, staff }: { request: PermitRequest; type: PermitType; staff: boolean }) {
  const { t } = useTranslation();
  const key = request.etag;
  const loadHistory = useCallback(() => getHistory(request.id), [request.id]);
  const loadVersions = useCallback(() => getVersions(request.id), [request.id]);
  const history = useApiResult(loadHistory, key);
  const versions = useApiResult(loadVersions, key);

  return (
    <>
      <section aria-labelledby="request-history">
        <h2 id="request-history">{t('permits.history.heading')}</h2>
        {!history.result ? (
          <p role="status">{t('common.loading')}</p>
        ) : !history.result.ok ? (
          <ProblemAlert failure={history.result.failure} />
        ) : (
          <RequestHistory entries={history.result.data} type={type} />
        )}
      </section>
      {request.version_no > 0 && (
        <section aria-labelledby="request-versions">
          <h2 id="request-versions">{t('permits.versions.heading')}</h2>
          {!versions.result ? (
            <p role="status">{t('common.loading')}</p>
          ) : !versions.result.ok ? (
            <ProblemAlert failure={versions.result.failure} />
          ) : (
            <VersionList type={type} versions={versions.result.data} staff={staff} />
          )}
        </section>
      )}
    </>
  );
}

export interface RequestViewProps {
  id: string;
  viewer: PermitsViewer;
  renderSigner: RenderSigner;
  editLink: (id: string, step?: 'form' | 'documents' | 'sign') => string;
  /** A message brought from the page before (the submission's). */
  flash?: string | null;
  onLoaded?: (request: PermitRequest) => void;
}

export function RequestView({ id, viewer, renderSigner, editLink, flash = null, onLoaded }: RequestViewProps) {
  const { t } = useTranslation();
  const load = useCallback(() => loadRequestWithType(id), [id]);
  const { result, reload } = useApiResult(load);
  const [announcement, setAnnouncement] = useState<string | null>(null);

  const loadedRequest = result?.ok ? result.data.request : null;
  useEffect(() => {
    if (loadedRequest) onLoaded?.(loadedRequest);
  }, [loadedRequest, onLoaded]);

  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  const { request, type } = result.data;
  const staff = viewer.role !== 'applicant';
  const openCorrections = request.status === 'corrections_requested' && request.corrections.length > 0;

  return (
    <>
      {(announcement ?? flash) && <Notice>{announcement ?? flash}</Notice>}
      <RequestOverview request={request} staff={staff} />

      {request.actions.length > 0 && (
        <section aria-labelledby="request-actions">
          <h2 id="request-actions">{staff ? t('permits.actions.staffHeading') : t('permits.actions.heading')}</h2>
          <RequestActions
            request={request}
            type={type}
            viewer={viewer}
            renderSigner={renderSigner}
            editLink={editLink}
            onDone={(_updated, text) => {
              setAnnouncement(text);
              reload();
            }}
            onChanged={reload}
          />
          {request.actions.includes('assign') && viewer.role === 'reviewer' && (
            <RequestAssignment
              key={request.etag}
              request={request}
              viewer={viewer}
              onDone={(_updated, text) => {
                setAnnouncement(text);
                reload();
              }}
            />
          )}
        </section>
      )}

      <CoApplicants
        request={request}
        viewer={viewer}
        onChanged={(text) => {
          setAnnouncement(text);
          reload();
        }}
      />

      <PendingRefusal request={request} type={type} />

      {openCorrections && (
        <section aria-labelledby="request-corrections">
          <h2 id="request-corrections">{t('permits.corrections.heading')}</h2>
          <p>{staff ? t('permits.corrections.staffIntro') : t('permits.corrections.intro')}</p>
          <CorrectionList type={type} items={request.corrections} testId="corrections" />
        </section>
      )}

      <MoreTime
        request={request}
        staff={staff}
        onDone={(text) => {
          setAnnouncement(text);
          reload();
        }}
      />

      <section aria-labelledby="request-particulars">
        <h2 id="request-particulars">{t('permits.view.particularsHeading')}</h2>
        <Facts request={request} />
      </section>

      <section aria-labelledby="request-form">
        <h2 id="request-form">{t('permits.view.formHeading')}</h2>
        <FormSummary type={type} formData={formDataOf(request)} />
      </section>

      <section aria-labelledby="request-documents">
        <h2 id="request-documents">{t('permits.view.documentsHeading')}</h2>
        <DocumentChecklist
          requestId={request.id}
          slots={type.documents}
          documents={request.documents}
          editable={false}
          onChanged={reload}
        />
      </section>

      {request.tasks.length > 0 && (
        <section aria-labelledby="request-approvals">
          <h2 id="request-approvals">{t('permits.approvals.heading')}</h2>
          <Approvals request={request} />
        </section>
      )}

      {request.decisions.length > 0 && (
        <section aria-labelledby="request-decisions">
          <h2 id="request-decisions">{t('permits.decision.heading')}</h2>
          <Decisions request={request} staff={staff} />
        </section>
      )}

      <Records request={request} type={type} staff={staff} />
    </>
  );
}
