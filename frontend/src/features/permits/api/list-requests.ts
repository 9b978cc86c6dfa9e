// GET /api/v1/permit-requests: the requests I may see (mine, or for staff those routed to their
// organisation), newest first, filtered, a page at a time.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { RequestPage, RequestStatus } from './permit-types';

export interface RequestFilter {
  status?: RequestStatus;
  type?: string;
  overdue?: boolean;
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
          overdue: filter.overdue ? true : undefined,
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
