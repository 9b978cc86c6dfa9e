// Where a request stands, first on its page: its status, what that means and what happens next in
// one sentence (worded for the applicant, or for the staff who review it), and the date that
// matters now with the working days left to it: the completeness check's or the review's due
// date, the last day to answer corrections or to object, each with its marks (overdue, the clock
// standing still).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PermitRequest } from '../api/permit-types';
import { useDay } from '../lib/format';
import { DueDate, StatusTag } from './request-status';

/** The due date that runs now, and its label: the completeness check's, then the review's. */
function runningDue(request: PermitRequest): { label: 'intakeDue' | 'dueOn'; day: string } | null {
  if (request.status === 'submitted' && request.intake_due) return { label: 'intakeDue', day: request.intake_due };
  if (request.status === 'draft' || !request.due_on) return null;
  const closed = ['issued', 'refused', 'returned', 'withdrawn'].includes(request.status);
  return closed ? null : { label: 'dueOn', day: request.due_on };
}

export function RequestOverview({ request, staff }: { request: PermitRequest; staff: boolean }) {
  const { t } = useTranslation();
  const day = useDay();
  const due = runningDue(request);
  const daysLeft = request.working_days_left ?? null;
  const rows: { key: string; label: string; value: ReactNode }[] = [];

  if (request.status === 'corrections_requested' && request.corrections_due) {
    rows.push({
      key: 'answer-by',
      label: t('permits.overview.answerBy'),
      value: <time dateTime={request.corrections_due}>{day(request.corrections_due)}</time>,
    });
  }
  if (request.status === 'preliminary_refusal' && request.objection_due && !request.objection) {
    rows.push({
      key: 'object-by',
      label: t('permits.overview.objectBy'),
      value: <time dateTime={request.objection_due}>{day(request.objection_due)}</time>,
    });
  }
  if (due) {
    const overdue = request.overdue;
    rows.push({
      key: 'due',
      label: t(`permits.fields.${due.label}`),
      value: (
        <>
          <DueDate dueOn={due.day} overdue={overdue} paused={request.paused} />
          {!overdue && !request.paused && daysLeft !== null && (
            <span className="request-overview__days" data-testid="working-days-left">
              {daysLeft === 0 ? t('permits.overview.lastDay') : t('permits.overview.dueIn', { count: daysLeft })}
            </span>
          )}
        </>
      ),
    });
  }

  return (
    <section className="request-overview" aria-labelledby="request-overview" data-testid="request-overview">
      <h2 id="request-overview" className="visually-hidden">
        {t('permits.overview.heading')}
      </h2>
      <p className="request-overview__status">
        <StatusTag status={request.status} />
      </p>
      <p className="request-overview__meaning" data-testid="status-meaning">
        {staff ? t(`permits.meaning.staff.${request.status}`) : t(`permits.meaning.applicant.${request.status}`)}
      </p>
      {rows.length > 0 && (
        <dl className="summary request-overview__dates">
          {rows.map((row) => (
            <div className="summary__row" key={row.key}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
