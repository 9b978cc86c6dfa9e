// GET /api/v1/admin/audit-events: the audit log, newest first, filtered by the account acted on,
// the actor, the action (one, or a family ending in a dot: `account.`) and the department's
// calendar days (Astana time), a page at a time. GET …/export: the same events as CSV.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AuditPage } from './admin-types';

export interface AuditFilter {
  /** The account acted on (its id). */
  account?: string;
  /** Who acted (an account id). */
  actor?: string;
  /** `account.block`, or a family such as `account.`. */
  action?: string;
  /** Days, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 20;

function query(filter: AuditFilter) {
  return {
    account: filter.account || undefined,
    actor: filter.actor || undefined,
    action: filter.action || undefined,
    from: filter.from || undefined,
    to: filter.to || undefined,
  };
}

export function listAuditEvents(filter: AuditFilter, cursor?: string): Promise<ApiResult<AuditPage>> {
  return send(
    api.GET('/api/v1/admin/audit-events', {
      params: { query: { ...query(filter), limit: AUDIT_PAGE_SIZE, cursor } },
    }),
  );
}

/** Every event matching the filter, as a CSV file (fetched with the token, so not a plain link). */
export function exportAuditEvents(filter: AuditFilter): Promise<ApiResult<Blob>> {
  return send(
    api.GET('/api/v1/admin/audit-events/export', {
      params: { query: query(filter) },
      parseAs: 'blob',
    }),
  );
}
