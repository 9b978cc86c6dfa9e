// What the reader may do to a request now, as the API lists it in `actions`: the applicant's
// (edit or answer the corrections, sign and submit, withdraw, object to a preliminary refusal with
// a signed objection) and the staff's (assign a request no one holds to me, accept, return,
// request corrections, announce a signed preliminary refusal, decide with a signed permit or
// refusal, and an approving organisation's signed answer). Links go to the wizard; each other
// step opens its form under its button, one at a time.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/forms/problem-alert';
import type { ApiFailure, ApiResult } from '@/lib/api-client';
import { actionsOf, type PermitRequest, type PermitsViewer, type PermitType, type RequestAction } from '../api/permit-types';
import { acceptRequest, assignToMe, requestCorrections, returnRequest, withdrawRequest } from '../api/review-steps';
import { useLocalized } from '../lib/format';
import type { RenderSigner } from '../lib/signer';
import { CorrectionsEditor } from './corrections-editor';
import { DecisionSigning } from './decision-signing';
import { ObjectionForm } from './objection-form';
import { RefusalForm } from './refusal-form';
import { TaskAnswer } from './task-answer';
import { TextActionForm } from './text-action-form';

/** The form open under its button: an action's, or `task:<id>` for an approval. */
type Panel = string;

export interface RequestActionsProps {
  request: PermitRequest;
  type: PermitType;
  viewer: PermitsViewer;
  renderSigner: RenderSigner;
  /** The wizard of this request, at a step. */
  editLink: (id: string, step?: 'form' | 'documents' | 'sign') => string;
  /** A step was taken: the request as it is now, and what to announce. */
  onDone: (request: PermitRequest, announcement: string) => void;
  /** The request changed without a step (a decision draft prepared, a task's document uploaded): read it again. */
  onChanged?: () => void;
}

function Disclosure({
  label,
  open,
  onToggle,
  danger = false,
  children,
}: {
  label: string;
  open: boolean;
  onToggle: () => void;
  danger?: boolean;
  children: ReactNode;
}) {
  const panelId = useId();
  return (
    <li className="request-actions__item">
      <button
        type="button"
        className={danger ? 'button button--secondary request-actions__toggle--danger' : 'button button--secondary'}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={onToggle}
      >
        {label}
      </button>
      <div id={panelId} className="request-actions__panel" hidden={!open}>
        {open && children}
      </div>
    </li>
  );
}

export function RequestActions({ request, type, viewer, renderSigner, editLink, onDone, onChanged }: RequestActionsProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const actions = actionsOf(request);
  const [open, setOpen] = useState<Panel | null>(null);
  const [assigning, setAssigning] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  if (actions.length === 0) return null;
  const has = (action: RequestAction) => actions.includes(action);
  const toggle = (panel: Panel) => setOpen((previous) => (previous === panel ? null : panel));

  /** Runs a step; on success closes its form and reports, else answers the failure to show. */
  async function run(step: Promise<ApiResult<PermitRequest>>, announcement: string): Promise<ApiFailure | null> {
    const answer = await step;
    if (!answer.ok) return answer.failure;
    setOpen(null);
    onDone(answer.data, announcement);
    return null;
  }

  async function assign() {
    setAssigning(true);
    setFailure(null);
    const outcome = await run(assignToMe(request.id), t('permits.actions.assigned'));
    setAssigning(false);
    setFailure(outcome);
  }

  const correcting = request.status === 'corrections_requested';
  // The reader answers for their own organisation only (`mine`), and only while it is awaited.
  const myPendingTasks = request.tasks.filter((task) => task.mine && task.status === 'pending');
  const assignedToMe = request.assignee_id === viewer.id;

  return (
    <div className="request-actions">
      <ProblemAlert failure={failure} />
      <ul className="request-actions__list">
        {has('edit') && (
          <li className="request-actions__item">
            <Link className="button" to={editLink(request.id)}>
              {correcting ? t('permits.actions.answerCorrections') : t('permits.actions.edit')}
            </Link>
          </li>
        )}
        {has('submit') && (
          <li className="request-actions__item">
            <Link className={has('edit') ? 'button button--secondary' : 'button'} to={editLink(request.id, 'sign')}>
              {correcting ? t('permits.actions.resubmit') : t('permits.actions.submit')}
            </Link>
          </li>
        )}
        {/* Taking a request from another reviewer needs a reason: that is the assignment form's. */}
        {has('assign') && !request.assignee_id && (
          <li className="request-actions__item">
            <button type="button" className="button" disabled={assigning} onClick={() => void assign()}>
              {t('permits.actions.assignToMe')}
            </button>
          </li>
        )}
        {has('accept') && (
          <Disclosure label={t('permits.actions.accept')} open={open === 'accept'} onToggle={() => toggle('accept')}>
            <TextActionForm
              name="accept-comment"
              label={t('permits.actions.comment')}
              required={false}
              submitLabel={t('permits.actions.acceptSubmit')}
              intro={<p>{t('permits.actions.acceptIntro')}</p>}
              onSubmit={(comment) => run(acceptRequest(request.id, comment), t('permits.actions.accepted'))}
            />
          </Disclosure>
        )}
        {has('request_corrections') && (
          <Disclosure
            label={t('permits.actions.requestCorrections')}
            open={open === 'request_corrections'}
            onToggle={() => toggle('request_corrections')}
          >
            <CorrectionsEditor
              type={type}
              onSubmit={(items, comment) =>
                run(requestCorrections(request.id, items, comment), t('permits.actions.correctionsRequested'))
              }
            />
          </Disclosure>
        )}
        {has('approve') && (
          <Disclosure label={t('permits.actions.approve')} open={open === 'approve'} onToggle={() => toggle('approve')}>
            <DecisionSigning
              request={request}
              kind="permit"
              renderSigner={renderSigner}
              onPrepared={onChanged}
              onDecided={(updated) => {
                setOpen(null);
                onDone(updated, t('permits.actions.approved'));
              }}
            />
          </Disclosure>
        )}
        {has('preliminary_refusal') && (
          <Disclosure
            label={t('permits.actions.preliminaryRefusal')}
            open={open === 'preliminary_refusal'}
            onToggle={() => toggle('preliminary_refusal')}
            danger
          >
            <RefusalForm
              requestId={request.id}
              type={type}
              renderSigner={renderSigner}
              onSigned={(step) => run(step, t('permits.actions.refusalAnnounced'))}
            />
          </Disclosure>
        )}
        {has('refuse') && (
          <Disclosure label={t('permits.actions.refuse')} open={open === 'refuse'} onToggle={() => toggle('refuse')} danger>
            <DecisionSigning
              request={request}
              kind="refusal"
              renderSigner={renderSigner}
              onPrepared={onChanged}
              onDecided={(updated) => {
                setOpen(null);
                onDone(updated, t('permits.actions.refused'));
              }}
            />
          </Disclosure>
        )}
        {has('return') && (
          <Disclosure label={t('permits.actions.return')} open={open === 'return'} onToggle={() => toggle('return')} danger>
            <TextActionForm
              name="return-reason"
              label={t('permits.actions.reason')}
              hint={t('permits.actions.returnHint')}
              required
              danger
              submitLabel={t('permits.actions.returnSubmit')}
              onSubmit={(reason) => run(returnRequest(request.id, reason), t('permits.actions.returned'))}
            />
          </Disclosure>
        )}
        {has('task') &&
          myPendingTasks.map((task) => (
            <Disclosure
              key={task.id}
              label={t('permits.actions.task', { organisation: localized(task.organisation.name) })}
              open={open === `task:${task.id}`}
              onToggle={() => toggle(`task:${task.id}`)}
            >
              <TaskAnswer
                requestId={request.id}
                task={task}
                renderSigner={renderSigner}
                onChanged={onChanged}
                onSigned={(verdict, step) =>
                  run(step, verdict === 'approve' ? t('permits.actions.taskApproved') : t('permits.actions.taskDeclined'))
                }
              />
            </Disclosure>
          ))}
        {has('object') && (
          <Disclosure label={t('permits.actions.object')} open={open === 'object'} onToggle={() => toggle('object')}>
            <ObjectionForm
              requestId={request.id}
              renderSigner={renderSigner}
              onSigned={(step) => run(step, t('permits.actions.objected'))}
            />
          </Disclosure>
        )}
        {has('withdraw') && (
          <Disclosure label={t('permits.actions.withdraw')} open={open === 'withdraw'} onToggle={() => toggle('withdraw')} danger>
            <TextActionForm
              name="withdraw-comment"
              label={t('permits.actions.comment')}
              required={false}
              danger
              submitLabel={t('permits.actions.withdrawSubmit')}
              intro={<p>{t('permits.actions.withdrawIntro')}</p>}
              onSubmit={(comment) => run(withdrawRequest(request.id, comment), t('permits.actions.withdrawn'))}
            />
          </Disclosure>
        )}
      </ul>
      {has('assign') && assignedToMe && <p className="table__note">{t('permits.actions.assignedToYou')}</p>}
    </div>
  );
}
