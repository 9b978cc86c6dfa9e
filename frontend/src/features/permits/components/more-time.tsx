// "More time" on a request's page (docs/permits.md, "Deadlines"): while corrections are requested,
// the last day to answer them, in large type; the applicant's side (action `ask_extension`) asks
// for more working days with a reason, and is told that the day moves only when a reviewer grants
// it; a reviewer of the routed organisation (action `decide_extension`) reads the pending ask and
// grants it or refuses it with a reason. Every ask is listed with its outcome, in words and a
// symbol (never colour alone).
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/forms/field';
import { ProblemAlert } from '@/components/forms/problem-alert';
import { useApiFieldErrors } from '@/components/forms/use-field-errors';
import { TextSymbol, type SymbolName } from '@/components/symbols';
import { useDateTime } from '@/hooks/use-date-time';
import type { ApiFailure } from '@/lib/api-client';
import { askForMoreTime, decideMoreTime } from '../api/extensions';
import { actionsOf, type Extension, type PermitRequest } from '../api/permit-types';
import { useDay } from '../lib/format';
import './request-panels.css';

/** The most working days one ask may name (the server's `permits.max_extension_days` by default). */
export const MAX_EXTENSION_DAYS = 30;

export interface MoreTimeProps {
  request: PermitRequest;
  staff: boolean;
  /** A step was taken: what to announce; the page then reads the request again. */
  onDone: (announcement: string) => void;
}

/** "5" → 5; anything but a whole number of days from 1 to the most allowed → null. */
function daysOf(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const days = Number(text);
  return days >= 1 && days <= MAX_EXTENSION_DAYS ? days : null;
}

function AskForm({ requestId, onDone }: { requestId: string; onDone: (announcement: string) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ days?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const apiErrors = useApiFieldErrors(failure);
  const daysInput = useRef<HTMLInputElement>(null);
  const reasonInput = useRef<HTMLTextAreaElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const asked = daysOf(days);
    const found = {
      days: asked === null ? t('permits.moreTime.daysInvalid', { max: MAX_EXTENSION_DAYS }) : undefined,
      reason: reason.trim() === '' ? t('permits.moreTime.reasonMissing') : undefined,
    };
    setErrors(found);
    if (found.days) daysInput.current?.focus();
    else if (found.reason) reasonInput.current?.focus();
    if (asked === null || found.reason) return;
    setBusy(true);
    setFailure(null);
    const answer = await askForMoreTime(requestId, asked, reason);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    onDone(t('permits.moreTime.asked'));
  }

  return (
    <form className="form more-time__form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="more-time-ask">
      <h3 id="more-time-ask">{t('permits.moreTime.askHeading')}</h3>
      <p>{t('permits.moreTime.askIntro')}</p>
      <ProblemAlert failure={failure} />
      <Field
        label={t('permits.moreTime.days')}
        hint={t('permits.moreTime.daysHint', { max: MAX_EXTENSION_DAYS })}
        error={errors.days ?? apiErrors.days}
      >
        {(control) => (
          <input
            {...control}
            ref={daysInput}
            type="number"
            name="days"
            inputMode="numeric"
            min={1}
            max={MAX_EXTENSION_DAYS}
            step={1}
            className="more-time__days"
            value={days}
            onChange={(event) => setDays(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('permits.moreTime.reason')} hint={t('permits.moreTime.reasonHint')} error={errors.reason ?? apiErrors.reason}>
        {(control) => (
          <textarea
            {...control}
            ref={reasonInput}
            name="reason"
            rows={3}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {t('permits.moreTime.askSubmit')}
      </button>
    </form>
  );
}

function DecideForm({
  requestId,
  ask,
  onDone,
}: {
  requestId: string;
  ask: Extension;
  onDone: (announcement: string) => void;
}) {
  const { t } = useTranslation();
  const day = useDay();
  const dateTime = useDateTime();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const apiErrors = useApiFieldErrors(failure);
  const commentInput = useRef<HTMLTextAreaElement>(null);

  async function decide(grant: boolean) {
    if (busy) return;
    const absent = !grant && comment.trim() === '';
    setMissing(absent);
    if (absent) {
      commentInput.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const answer = await decideMoreTime(requestId, grant, comment);
    setBusy(false);
    if (!answer.ok) {
      setFailure(answer.failure);
      return;
    }
    onDone(
      grant
        ? t('permits.moreTime.granted', { day: day(answer.data.corrections_due) })
        : t('permits.moreTime.refused'),
    );
  }

  return (
    <form
      className="form more-time__form"
      onSubmit={(event) => event.preventDefault()}
      noValidate
      aria-labelledby="more-time-decide"
      data-testid="pending-extension"
    >
      <h3 id="more-time-decide">{t('permits.moreTime.decideHeading')}</h3>
      <dl className="summary">
        <div className="summary__row">
          <dt>{t('permits.moreTime.daysAsked')}</dt>
          <dd>{ask.days}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.moreTime.reason')}</dt>
          <dd className="pre-wrap">{ask.reason}</dd>
        </div>
        <div className="summary__row">
          <dt>{t('permits.moreTime.askedAt')}</dt>
          <dd>{dateTime(ask.created_at)}</dd>
        </div>
      </dl>
      <p>{t('permits.moreTime.decideIntro')}</p>
      <ProblemAlert failure={failure} />
      <Field
        label={t('permits.moreTime.comment')}
        hint={t('permits.moreTime.commentHint')}
        error={missing ? t('permits.moreTime.commentMissing') : apiErrors.comment}
      >
        {(control) => (
          <textarea
            {...control}
            ref={commentInput}
            name="extension-comment"
            rows={3}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        )}
      </Field>
      <div className="form__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void decide(true)}>
          {t('permits.moreTime.grant')}
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={() => void decide(false)}>
          {t('permits.moreTime.refuse')}
        </button>
      </div>
    </form>
  );
}

/** An ask's outcome in words, with its symbol; `status` is `pending`, `granted` or `refused`. */
function Outcome({ status }: { status: string }) {
  const { t } = useTranslation();
  const [symbol, text]: [SymbolName, string] | [null, string] =
    status === 'granted'
      ? ['check', t('permits.moreTime.outcome.granted')]
      : status === 'refused'
        ? ['cross', t('permits.moreTime.outcome.refused')]
        : status === 'pending'
          ? ['pause', t('permits.moreTime.outcome.pending')]
          : [null, status];
  return (
    <span className={`mark more-time__outcome more-time__outcome--${status}`} data-outcome={status}>
      {symbol && <TextSymbol name={symbol} />}
      {text}
    </span>
  );
}

function Asks({ asks }: { asks: readonly Extension[] }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <>
      <h3 id="more-time-asks">{t('permits.moreTime.asksHeading')}</h3>
      <ul className="card-list" aria-labelledby="more-time-asks" data-testid="extensions">
        {asks.map((ask) => (
          <li key={ask.id} className="card" data-testid="extension">
            <p className="card__title">
              <Outcome status={ask.status} /> {t('permits.moreTime.askedOn', { date: dateTime(ask.created_at) })}
            </p>
            <p>
              {t('permits.moreTime.daysAsked')}: {ask.days}
            </p>
            <p className="pre-wrap">
              {t('permits.moreTime.reason')}: {ask.reason}
            </p>
            {ask.decided_at && (
              <p className="card__detail">{t('permits.moreTime.decidedOn', { date: dateTime(ask.decided_at) })}</p>
            )}
            {ask.decision_comment && (
              <p className="pre-wrap">
                {t('permits.moreTime.reviewerComment')}: {ask.decision_comment}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export function MoreTime({ request, staff, onDone }: MoreTimeProps) {
  const { t } = useTranslation();
  const day = useDay();
  const actions = actionsOf(request);
  const correcting = request.status === 'corrections_requested';
  const pending = request.extensions.find((ask) => ask.status === 'pending');
  if (!correcting && request.extensions.length === 0) return null;

  return (
    <section className="more-time" aria-labelledby="request-more-time" data-testid="more-time">
      <h2 id="request-more-time">{t('permits.moreTime.heading')}</h2>
      {correcting && request.corrections_due && (
        <p className="more-time__answer-by" data-testid="answer-by">
          {t('permits.moreTime.answerBy', { day: day(request.corrections_due) })}
        </p>
      )}
      {actions.includes('ask_extension') && <AskForm requestId={request.id} onDone={onDone} />}
      {correcting && pending && !staff && <p>{t('permits.moreTime.waiting', { count: pending.days })}</p>}
      {actions.includes('decide_extension') && pending && (
        <DecideForm key={pending.id} requestId={request.id} ask={pending} onDone={onDone} />
      )}
      {request.extensions.length > 0 && <Asks asks={request.extensions} />}
    </section>
  );
}
