// GET /api/v1/register: the public register, newest first, filtered, a page at a time; and the
// address of the same entries as CSV (GET /api/v1/register.csv), which a plain link downloads.
import { api, send, type ApiResult } from '@/lib/api-client';
import type { RegisterPage } from './open-data-types';

export interface RegisterFilter {
  /** A permit type's code. */
  type?: string;
  outcome?: 'issued' | 'refused';
  district?: string;
  /** Days of the decision (Astana time), YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export const REGISTER_PAGE_SIZE = 50;
/** The most entries one CSV answer holds (the API's largest page). */
export const REGISTER_CSV_LIMIT = 100;

/** The filter as the API's query parameters, in a fixed order, empty ones left out. */
export function registerQuery(filter: RegisterFilter): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of ['type', 'outcome', 'district', 'from', 'to'] as const) {
    const value = filter[name];
    if (value) query[name] = value;
  }
  return query;
}

export function listRegister(filter: RegisterFilter, cursor?: string): Promise<ApiResult<RegisterPage>> {
  return send(
    api.GET('/api/v1/register', {
      params: { query: { ...registerQuery(filter), limit: REGISTER_PAGE_SIZE, ...(cursor ? { cursor } : {}) } },
    }),
  );
}

/** The CSV of the newest entries the filter finds (public: a plain link downloads it). */
export function registerCsvUrl(filter: RegisterFilter): string {
  const query = new URLSearchParams({ ...registerQuery(filter), limit: String(REGISTER_CSV_LIMIT) });
  return `/api/v1/register.csv?${query.toString()}`;
}
