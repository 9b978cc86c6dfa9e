// Handing a request to a reviewer of its organisation (action `assign`): the organisation's
// reviewers (its staff list, read when the form opens), and a reason, required once the request
// has a reviewer: its history keeps it and both reviewers are told. The server has the last word
// (a reviewer the request has already is 409, a missing reason 422 at its field).
import { useCallback, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { useApiResult } from '@/hooks/use-api-result';
import type { ApiFailure } from '@/lib/api-client';
import type { PermitRequest, PermitsViewer, StaffMember } from '../api/permit-types';
import { assignTo } from '../api/review-steps';
import { getStaff } from '../api/staff';

export interface RequestAssignmentProps {
  request: PermitRequest;
  viewer: PermitsViewer;
  /** Assigned: the request as it is now, and what to announce. */
  onDone: (request: PermitRequest, announcement: string) => void;
}

function AssignForm({ request, viewer, staff, onDone }: RequestAssignmentProps & { staff: StaffMember[] }) {
  const { t } = useTranslation();
  // The reviewer it has already is no choice; the reader comes first.
  const candidates = staff
    .filter((member) => member.account_id !== request.assignee_id)
    .sort((a, b) => Number(b.account_id === viewer.id) - Number(a.account_id === viewer.id));
  const [assignee, setAssignee] = useState(candidates[0]?.account_id ?? '');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const serverErrors = useApiFieldErrors(failure);
  const handover = Boolean(request.assignee_id);
  const nameOf = (member: StaffMember) => member.full_name || member.email;

  if (candidates.length === 0) return <p>{t('permits.assign.noOne')}</p>;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const absent = handover && reason.trim() === '';
    setMissing(absent);
    if (absent) {
      reasonField.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const answer = await assignTo(request.id, assignee, reason);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    const chosen = candidates.find((member) => member.account_id === assignee);
    onDone(answer.data, t('permits.assign.done', { name: answer.data.assignee_name ?? (chosen ? nameOf(chosen) : '') }));
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{handover ? t('permits.assign.introHandover', { name: request.assignee_name ?? '' }) : t('permits.assign.intro')}</p>
      <ProblemAlert failure={failure} />
      <Field label={t('permits.assign.reviewer')} error={serverErrors.assignee_id ?? null}>
        {(control) => (
          <select {...control} name="assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
            {candidates.map((member) => (
              <option key={member.account_id} value={member.account_id}>
                {member.account_id === viewer.id ? t('permits.team.you', { name: nameOf(member) }) : nameOf(member)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label={t('permits.assign.reason')}
        hint={t('permits.assign.reasonHint')}
        optional={!handover}
        error={missing ? t('permits.assign.reasonMissing') : (serverErrors.reason ?? null)}
      >
        {(control) => (
          <textarea
            {...control}
            ref={reasonField}
            name="assign-reason"
            rows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('permits.assign.submit')}
      </button>
    </form>
  );
}

/** The organisation's reviewers, read when the form opens. */
function Reviewers(props: RequestAssignmentProps) {
  const { t } = useTranslation();
  const code = props.request.organisation.code;
  const load = useCallback(() => getStaff(code), [code]);
  const { result } = useApiResult(load);
  if (!result) return <p role="status">{t('common.loading')}</p>;
  if (!result.ok) return <ProblemAlert failure={result.failure} />;
  return <AssignForm {...props} staff={result.data.staff} />;
}

export function RequestAssignment(props: RequestAssignmentProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="request-assignment">
      <button
        type="button"
        className="button button--secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((previous) => !previous)}
      >
        {t('permits.assign.toggle')}
      </button>
      <div id={panelId} className="request-actions__panel" hidden={!open}>
        {open && <Reviewers {...props} />}
      </div>
    </div>
  );
}
