// "People preparing this request" (docs/permits.md, "Co-applicants"): the applicant's side
// (action `invite`) invites a designer or a proxy by email, sees whom it invited and takes an
// invitation back after confirming it (the applicant may do so after the submission too);
// whoever holds an account with that verified address edits the form and documents, and only the
// applicant signs. Someone invited (action `edit` without `invite`) is told that the applicant
// signs and submits.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors, useFieldErrorText } from '@/components/forms/use-field-errors';
import { useDateTime } from '@/hooks/use-date-time';
import type { ApiFailure } from '@/lib/api-client';
import { looksLikeEmail } from '@/lib/password-policy';
import { inviteCoApplicant, removeCoApplicant } from '../api/co-applicants';
import { actionsOf, type CoApplicant, type PermitRequest, type PermitsViewer } from '../api/permit-types';
import './request-panels.css';

export interface CoApplicantsProps {
  request: PermitRequest;
  viewer: PermitsViewer;
  /** An invitation was sent or taken back: what to announce; the page then reads the request again. */
  onChanged: (announcement: string) => void;
}

function InviteForm({ requestId, onInvited }: { requestId: string; onInvited: (email: string) => void }) {
  const { t } = useTranslation();
  const fieldErrorText = useFieldErrorText();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const apiErrors = useApiFieldErrors(failure);
  const input = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    const found = address === '' ? fieldErrorText('required') : !looksLikeEmail(address) ? fieldErrorText('email') : null;
    setError(found);
    if (found) {
      input.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const answer = await inviteCoApplicant(requestId, address);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      input.current?.focus();
      return;
    }
    setEmail('');
    onInvited(answer.data.email);
  }

  const selfError =
    failure?.kind === 'problem' && failure.problem.errors?.some((fieldError) => fieldError.code === 'self')
      ? t('permits.coApplicants.notYourself')
      : null;

  return (
    <form className="form co-applicants__form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="co-applicants-invite">
      <h3 id="co-applicants-invite">{t('permits.coApplicants.inviteHeading')}</h3>
      <ProblemAlert failure={failure} />
      <Field label={t('permits.coApplicants.email')} hint={t('permits.coApplicants.emailHint')} error={error ?? selfError ?? apiErrors.email}>
        {(control) => (
          <input
            {...control}
            ref={input}
            type="email"
            name="co-applicant-email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('permits.coApplicants.inviteSubmit')}
      </button>
    </form>
  );
}

function Invited({
  requestId,
  members,
  removable,
  onRemoved,
}: {
  requestId: string;
  members: readonly CoApplicant[];
  removable: boolean;
  onRemoved: (email: string) => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  /** Where the focus goes back to when a confirmation is cancelled. */
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (confirming) {
      confirmButton.current?.focus();
    } else if (returnTo.current) {
      removeButtons.current.get(returnTo.current)?.focus();
      returnTo.current = null;
    }
  }, [confirming]);

  async function remove(member: CoApplicant) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const answer = await removeCoApplicant(requestId, member.id);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    setConfirming(null);
    onRemoved(member.email);
  }

  if (members.length === 0) return <p data-testid="co-applicants-none">{t('permits.coApplicants.none')}</p>;

  return (
    <>
      <ProblemAlert failure={failure} />
      <ul className="co-applicants__list" aria-label={t('permits.coApplicants.listLabel')} data-testid="co-applicants">
        {members.map((member) => (
          <li key={member.id} className="co-applicants__member" data-testid="co-applicant">
            <span className="co-applicants__email">{member.email}</span>{' '}
            <span className="table__note">{t('permits.coApplicants.invitedOn', { date: dateTime(member.invited_at) })}</span>
            {removable &&
              (confirming === member.id ? (
                <div className="co-applicants__confirm" role="group" aria-labelledby={`co-applicant-${member.id}-question`}>
                  <p id={`co-applicant-${member.id}-question`}>{t('permits.coApplicants.removeQuestion', { email: member.email })}</p>
                  <div className="form__actions">
                    <button
                      ref={confirmButton}
                      type="button"
                      className="button button--danger"
                      disabled={busy}
                      onClick={() => void remove(member)}
                    >
                      {t('permits.coApplicants.removeConfirm')}
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() => {
                        returnTo.current = member.id;
                        setFailure(null);
                        setConfirming(null);
                      }}
                    >
                      {t('permits.coApplicants.keep')}
                    </button>
                  </div>
                </div>
              ) : (
                <button
                  ref={(button) => {
                    if (button) removeButtons.current.set(member.id, button);
                    else removeButtons.current.delete(member.id);
                  }}
                  type="button"
                  className="button button--secondary co-applicants__remove"
                  aria-label={t('permits.coApplicants.removeOf', { email: member.email })}
                  onClick={() => {
                    setFailure(null);
                    setConfirming(member.id);
                  }}
                >
                  {t('permits.coApplicants.remove')}
                </button>
              ))}
          </li>
        ))}
      </ul>
    </>
  );
}

export function CoApplicants({ request, viewer, onChanged }: CoApplicantsProps) {
  const { t } = useTranslation();
  const actions = actionsOf(request);
  const inviting = actions.includes('invite');
  // Someone invited may edit the request but not invite (nor sign).
  const invited = actions.includes('edit') && !inviting;
  const staff = viewer.role !== 'applicant';
  if (staff || (!inviting && !invited && request.co_applicants.length === 0)) return null;

  return (
    <section className="co-applicants" aria-labelledby="request-people" data-testid="people">
      <h2 id="request-people">{t('permits.coApplicants.heading')}</h2>
      {invited ? (
        <p className="co-applicants__notice" data-testid="co-applicant-notice">
          {t('permits.coApplicants.youAreInvited')}
        </p>
      ) : (
        <>
          <p>{t('permits.coApplicants.intro')}</p>
          <Invited
            requestId={request.id}
            members={request.co_applicants}
            removable={inviting || viewer.id === request.applicant_id}
            onRemoved={(email) => onChanged(t('permits.coApplicants.removed', { email }))}
          />
          {inviting && (
            <InviteForm requestId={request.id} onInvited={(email) => onChanged(t('permits.coApplicants.invited', { email }))} />
          )}
        </>
      )}
    </section>
  );
}
