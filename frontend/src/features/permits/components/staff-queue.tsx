// The reviewers' queue: the requests routed to their organisation (or awaiting its approval),
// newest first, found by words in the number, title or holder's name and filtered by status,
// service, assignee, lateness and the day of submission. The search lives in the address, so
// "back" from a request returns to the same list.
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Field } from '@/components/forms/field';
import { PagedListResults } from '@/components/paged-list-results';
import { usePagedList } from '@/hooks/use-paged-list';
import { listRequests, type RequestFilter } from '../api/list-requests';
import { REQUEST_STATUSES, type PermitsViewer, type RequestStatus } from '../api/permit-types';
import { useLocalized } from '../lib/format';
import { RequestTable } from './request-table';
import { usePermitTypes } from './use-type-names';
import './permits.css';

const ASSIGNEES = ['me', 'none'] as const;
type Assignee = (typeof ASSIGNEES)[number];

function statusOf(value: string | null): RequestStatus | undefined {
  return REQUEST_STATUSES.find((status) => status === value);
}

function assigneeOf(value: string | null): Assignee | undefined {
  return ASSIGNEES.find((assignee) => assignee === value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function filterOf(params: URLSearchParams): RequestFilter {
  const day = (name: string) => {
    const value = params.get(name);
    return value && DAY.test(value) ? value : undefined;
  };
  return {
    q: params.get('q') ?? undefined,
    status: statusOf(params.get('status')),
    type: params.get('type') ?? undefined,
    assignee: assigneeOf(params.get('assignee')),
    overdue: params.get('overdue') === 'true' ? true : undefined,
    submittedFrom: day('submitted_from'),
    submittedTo: day('submitted_to'),
  };
}

export function StaffQueue({ viewer, linkTo }: { viewer: PermitsViewer; linkTo: (id: string) => string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [params, setParams] = useSearchParams();
  const filter = filterOf(params);
  const { types, typeName } = usePermitTypes();
  const [q, setQ] = useState(filter.q ?? '');
  const [status, setStatus] = useState<string>(filter.status ?? '');
  const [type, setType] = useState(filter.type ?? '');
  const [assignee, setAssignee] = useState<string>(filter.assignee ?? '');
  const [overdue, setOverdue] = useState(filter.overdue === true);
  const [from, setFrom] = useState(filter.submittedFrom ?? '');
  const [to, setTo] = useState(filter.submittedTo ?? '');

  const key = params.toString();
  const loadPage = useCallback(
    (cursor: string | undefined) => listRequests(filterOf(new URLSearchParams(key)), cursor),
    [key],
  );
  const list = usePagedList(loadPage, key);

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    if (statusOf(status)) next.set('status', status);
    if (type) next.set('type', type);
    if (assigneeOf(assignee)) next.set('assignee', assignee);
    if (overdue) next.set('overdue', 'true');
    if (DAY.test(from)) next.set('submitted_from', from);
    if (DAY.test(to)) next.set('submitted_to', to);
    setParams(next);
  }

  return (
    <>
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
            </select>
          )}
        </Field>
        <Field label={t('permits.queue.submittedFrom')}>
          {(control) => <input {...control} type="date" name="submitted_from" value={from} onChange={(event) => setFrom(event.target.value)} />}
        </Field>
        <Field label={t('permits.queue.submittedTo')}>
          {(control) => <input {...control} type="date" name="submitted_to" value={to} onChange={(event) => setTo(event.target.value)} />}
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
