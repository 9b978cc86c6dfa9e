// GET /api/v1/admin/audit-events: the log of administrators' actions, newest first, for all
// accounts or one.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { AuditPage } from './admin-types';

export const AUDIT_PAGE_SIZE = 20;

export function listAuditEvents(account?: string, cursor?: string): Promise<ApiResult<AuditPage>> {
  return send(
    api.GET('/api/v1/admin/audit-events', {
      params: { query: { account, limit: AUDIT_PAGE_SIZE, cursor } },
    }),
  );
}
