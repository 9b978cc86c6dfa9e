// A request's status in words, and the marks of its deadline: the due date, "overdue" and "the
// clock stands still" each carry their words and a symbol, never colour alone.
import { useTranslation } from 'react-i18next';
import { TextSymbol } from '@/components/symbols';
import type { RequestStatus } from '../api/permit-types';
import { useDay } from '../lib/format';

const TONE: Record<RequestStatus, 'neutral' | 'progress' | 'waiting' | 'good' | 'closed'> = {
  draft: 'neutral',
  submitted: 'progress',
  in_review: 'progress',
  corrections_requested: 'waiting',
  preliminary_refusal: 'waiting',
  approved: 'good',
  issued: 'good',
  refused: 'closed',
  returned: 'closed',
  withdrawn: 'closed',
};

export function StatusTag({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-tag status-tag--${TONE[status]}`} data-status={status}>
      {t(`permits.status.${status}`)}
    </span>
  );
}

export function OverdueMark() {
  const { t } = useTranslation();
  return (
    <span className="mark mark--overdue">
      <TextSymbol name="warning" />
      {t('permits.due.overdue')}
    </span>
  );
}

export function PausedMark() {
  const { t } = useTranslation();
  return (
    <span className="mark mark--paused">
      <TextSymbol name="pause" />
      {t('permits.due.paused')}
    </span>
  );
}

/** The due date with its marks, for a table cell or a summary. */
export function DueDate({ dueOn, overdue, paused = false }: { dueOn?: string | null; overdue: boolean; paused?: boolean }) {
  const day = useDay();
  return (
    <>
      {dueOn ? <time dateTime={dueOn}>{day(dueOn)}</time> : '—'}
      {overdue && (
        <>
          {' '}
          <OverdueMark />
        </>
      )}
      {paused && (
        <>
          {' '}
          <PausedMark />
        </>
      )}
    </>
  );
}
