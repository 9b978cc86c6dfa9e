// GET /api/v1/permit-requests: the requests I may see (mine, or for staff those routed to their
// organisation), newest first, filtered, a page at a time. "Due this week" is `overdue=false`
// with `due_by` the week's Sunday.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { RequestPage, RequestStatus } from './permit-types';

export interface RequestFilter {
  status?: RequestStatus;
  type?: string;
  /** `true`: only those past their due date; `false`: only those not past it (both in the staff's court). */
  overdue?: boolean;
  /** Only those in the staff's court due on or before this day (YYYY-MM-DD). */
  dueBy?: string;
  /** `me`, `none`, or an account id. */
  assignee?: string;
  q?: string;
  /** Days, YYYY-MM-DD. */
  submittedFrom?: string;
  submittedTo?: string;
}

export const REQUESTS_PAGE_SIZE = 20;

export function listRequests(filter: RequestFilter, cursor?: string): Promise<ApiResult<RequestPage>> {
  return send(
    api.GET('/api/v1/permit-requests', {
      params: {
        query: {
          status: filter.status,
          type: filter.type || undefined,
          overdue: filter.overdue,
          due_by: filter.dueBy || undefined,
          assignee: filter.assignee || undefined,
          q: filter.q?.trim() || undefined,
          submitted_from: filter.submittedFrom || undefined,
          submitted_to: filter.submittedTo || undefined,
          limit: REQUESTS_PAGE_SIZE,
          cursor,
        },
      },
    }),
  );
}
