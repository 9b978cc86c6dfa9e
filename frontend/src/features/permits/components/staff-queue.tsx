// The reviewers' queue: the requests routed to their organisation (or awaiting its approval),
// newest first, found by words in the number, title or holder's name and filtered by status,
// service, assignee (me, no one, or a reviewer the team's page chose), lateness, the due day and
// the day of submission. Quick filters above the form: unassigned, mine, due this week (up to
// Sunday on the department's calendar, not yet overdue) and overdue. The search lives in the
// address, so "back" from a request returns to the same list.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { PagedListResults } from '@/components/paged-list-results';
import { usePagedList } from '@/hooks/use-paged-list';
import { astanaDay, sundayOf } from '@/lib/dates';
import { listRequests, type RequestFilter } from '../api/list-requests';
import { REQUEST_STATUSES, type PermitType, type PermitsViewer } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { assigneeOf, dueThisWeek, isDay, queueFilterOf, queueSearch, statusOf } from '../lib/queue-filter';
import { RequestTable } from './request-table';
import { usePermitTypes } from './use-type-names';
import './permits.css';

/** What a link to the queue may bring along: the name of the reviewer it filters by. */
export interface QueueLinkState {
  assigneeName?: string;
}

type QuickFilter = 'all' | 'unassigned' | 'mine' | 'dueThisWeek' | 'overdue';

function quickFilters(today: string): [QuickFilter, RequestFilter][] {
  return [
    ['all', {}],
    ['unassigned', { assignee: 'none' }],
    ['mine', { assignee: 'me' }],
    ['dueThisWeek', dueThisWeek(sundayOf(today))],
    ['overdue', { overdue: true }],
  ];
}

function QuickFilters({ current }: { current: string }) {
  const { t } = useTranslation();
  const [today] = useState(() => astanaDay());
  return (
    <nav className="quick-filters" aria-label={t('permits.queue.quickLabel')}>
      <ul className="quick-filters__list">
        {quickFilters(today).map(([name, filter]) => {
          const search = queueSearch(filter);
          return (
            <li key={name}>
              <Link className="quick-filters__link" to={{ search }} aria-current={search === current ? 'page' : undefined}>
                {t(`permits.queue.quick.${name}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

interface FilterFormProps {
  initial: RequestFilter;
  types: readonly PermitType[];
  /** The name of the reviewer `initial.assignee` names, when the link that led here said it. */
  assigneeName?: string;
  onSearch: (filter: RequestFilter) => void;
}

function FilterForm({ initial, types, assigneeName, onSearch }: FilterFormProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [q, setQ] = useState(initial.q ?? '');
  const [status, setStatus] = useState<string>(initial.status ?? '');
  const [type, setType] = useState(initial.type ?? '');
  const [assignee, setAssignee] = useState<string>(initial.assignee ?? '');
  const [overdue, setOverdue] = useState(initial.overdue === true);
  const [dueBy, setDueBy] = useState(initial.dueBy ?? '');
  const [from, setFrom] = useState(initial.submittedFrom ?? '');
  const [to, setTo] = useState(initial.submittedTo ?? '');
  const chosenReviewer = initial.assignee && initial.assignee !== 'me' && initial.assignee !== 'none' ? initial.assignee : null;

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch({
      q,
      status: statusOf(status),
      type: type || undefined,
      assignee: assigneeOf(assignee),
      // A due day asks for the requests not yet overdue, as "due this week" does.
      overdue: overdue ? true : isDay(dueBy) ? false : undefined,
      dueBy: isDay(dueBy) ? dueBy : undefined,
      submittedFrom: isDay(from) ? from : undefined,
      submittedTo: isDay(to) ? to : undefined,
    });
  }

  return (
    <form className="form form--inline queue-filter" role="search" aria-label={t('permits.queue.searchLabel')} onSubmit={search}>
      <Field label={t('permits.queue.query')} hint={t('permits.queue.queryHint')}>
        {(control) => <input {...control} type="search" name="q" value={q} onChange={(event) => setQ(event.target.value)} />}
      </Field>
      <Field label={t('permits.fields.status')}>
        {(control) => (
          <select {...control} name="status" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">{t('permits.mine.anyStatus')}</option>
            {REQUEST_STATUSES.filter((option) => option !== 'draft').map((option) => (
              <option key={option} value={option}>
                {t(`permits.status.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('permits.fields.type')}>
        {(control) => (
          <select {...control} name="type" value={type} onChange={(event) => setType(event.target.value)}>
            <option value="">{t('permits.queue.anyType')}</option>
            {types.map((option) => (
              <option key={option.code} value={option.code}>
                {localized(option.name)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('permits.fields.assignee')}>
        {(control) => (
          <select {...control} name="assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)}>
            <option value="">{t('permits.queue.anyAssignee')}</option>
            <option value="me">{t('permits.queue.assignedToMe')}</option>
            <option value="none">{t('permits.queue.unassigned')}</option>
            {chosenReviewer && <option value={chosenReviewer}>{assigneeName ?? t('permits.queue.assignedToChosen')}</option>}
          </select>
        )}
      </Field>
      <Field label={t('permits.queue.submittedFrom')}>
        {(control) => <input {...control} type="date" name="submitted_from" value={from} onChange={(event) => setFrom(event.target.value)} />}
      </Field>
      <Field label={t('permits.queue.submittedTo')}>
        {(control) => <input {...control} type="date" name="submitted_to" value={to} onChange={(event) => setTo(event.target.value)} />}
      </Field>
      <Field label={t('permits.queue.dueBy')} hint={t('permits.queue.dueByHint')}>
        {(control) => <input {...control} type="date" name="due_by" value={dueBy} onChange={(event) => setDueBy(event.target.value)} />}
      </Field>
      <Field label={t('permits.queue.overdueOnly')} className="field--checkbox">
        {(control) => (
          <input {...control} type="checkbox" name="overdue" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} />
        )}
      </Field>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('permits.queue.submit')}
        </button>
      </div>
    </form>
  );
}

export function StaffQueue({ viewer, linkTo }: { viewer: PermitsViewer; linkTo: (id: string) => string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const { types, typeName } = usePermitTypes();
  const filter = queueFilterOf(params);
  const assigneeName = ((location.state ?? {}) as QueueLinkState).assigneeName;

  const key = params.toString();
  const loadPage = useCallback(
    (cursor: string | undefined) => listRequests(queueFilterOf(new URLSearchParams(key)), cursor),
    [key],
  );
  const list = usePagedList(loadPage, key);

  return (
    <>
      <QuickFilters current={queueSearch(filter)} />
      {/* Keyed by the address: a quick filter or "back" shows its filter in the fields. */}
      <FilterForm
        key={key}
        initial={filter}
        types={types}
        assigneeName={assigneeName}
        onSearch={(next) => setParams(new URLSearchParams(queueSearch(next)), { state: location.state as unknown })}
      />

      <PagedListResults list={list} none={t('permits.queue.none')} shown={(count) => t('permits.queue.shown', { count })}>
        {(items) => (
          <RequestTable
            items={items}
            caption={t('permits.queue.caption')}
            typeName={typeName}
            linkTo={linkTo}
            staff={{ me: viewer.id }}
          />
        )}
      </PagedListResults>
    </>
  );
}
