// GET /api/v1/performance?from=YYYY-MM&to=YYYY-MM: the department's figures per month, per
// permit type and per organisation (public). Without months, the API's default: the last twelve,
// up to this month in Astana.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { PerformanceView } from './open-data-types';

export interface MonthRange {
  /** YYYY-MM */
  from?: string;
  to?: string;
}

export function getPerformance({ from, to }: MonthRange): Promise<ApiResult<PerformanceView>> {
  return send(
    api.GET('/api/v1/performance', {
      params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } },
    }),
  );
}
