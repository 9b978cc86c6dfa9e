// The working-day calendar: GET /api/v1/admin/calendar (this year and the next two: defined,
// verified, where from; and from 1 October the next year still missing its verified calendar),
// GET /api/v1/calendar/{year} (public: the year's holidays and weekend days worked; for a year
// without data, the holidays fixed by law) and PUT /api/v1/admin/calendar/{year} (replaces the
// year; 422 `validation` on `days` when a day is refused).
import { api, send, type ApiResult } from '@/lib/api-client';
import type { CalendarDay, CalendarStatus } from './catalogue-types';

export function getCalendarStatus(): Promise<ApiResult<CalendarStatus>> {
  return send(api.GET('/api/v1/admin/calendar'));
}

export function getCalendarYear(year: number): Promise<ApiResult<CalendarDay[]>> {
  return send(api.GET('/api/v1/calendar/{year}', { params: { path: { year } } }));
}

export function putCalendarYear(year: number, days: CalendarDay[]): Promise<ApiResult<CalendarDay[]>> {
  return send(api.PUT('/api/v1/admin/calendar/{year}', { params: { path: { year } }, body: { days } }));
}
