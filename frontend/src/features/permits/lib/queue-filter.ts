// The reviewers' queue's filter as it lives in the address (/staff/requests?assignee=me&…), so
// that a search can be bookmarked, "back" returns to it, and other pages (the team's page) link
// to a filtered queue: read from the address, and written back in one order.
import type { RequestFilter } from '../api/list-requests';
import { REQUEST_STATUSES, type RequestStatus } from '../api/permit-types';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isDay(value: string | null | undefined): value is string {
  return typeof value === 'string' && DAY.test(value);
}

export function statusOf(value: string | null | undefined): RequestStatus | undefined {
  return REQUEST_STATUSES.find((status) => status === value);
}

/** `me`, `none` or a reviewer's account id. */
export function assigneeOf(value: string | null | undefined): string | undefined {
  if (value === 'me' || value === 'none') return value;
  return value && ACCOUNT_ID.test(value) ? value.toLowerCase() : undefined;
}

export function queueFilterOf(params: URLSearchParams): RequestFilter {
  const day = (name: string) => {
    const value = params.get(name);
    return isDay(value) ? value : undefined;
  };
  const overdue = params.get('overdue');
  return {
    q: params.get('q') ?? undefined,
    status: statusOf(params.get('status')),
    type: params.get('type') ?? undefined,
    assignee: assigneeOf(params.get('assignee')),
    overdue: overdue === 'true' ? true : overdue === 'false' ? false : undefined,
    dueBy: day('due_by'),
    submittedFrom: day('submitted_from'),
    submittedTo: day('submitted_to'),
  };
}

/** The address's query for `filter` (`?assignee=me&overdue=true`), or '' for no filter. */
export function queueSearch(filter: RequestFilter): string {
  const next = new URLSearchParams();
  if (filter.q?.trim()) next.set('q', filter.q.trim());
  if (statusOf(filter.status)) next.set('status', filter.status ?? '');
  if (filter.type) next.set('type', filter.type);
  const assignee = assigneeOf(filter.assignee);
  if (assignee) next.set('assignee', assignee);
  if (filter.overdue !== undefined) next.set('overdue', String(filter.overdue));
  if (isDay(filter.dueBy)) next.set('due_by', filter.dueBy);
  if (isDay(filter.submittedFrom)) next.set('submitted_from', filter.submittedFrom);
  if (isDay(filter.submittedTo)) next.set('submitted_to', filter.submittedTo);
  const query = next.toString();
  return query ? `?${query}` : '';
}

/** "Due this week" up to `sunday`: in the staff's court, not yet overdue, due on or before it. */
export function dueThisWeek(sunday: string): RequestFilter {
  return { overdue: false, dueBy: sunday };
}
