// The figures page's months as they live in its address (?from=2026-01&to=2026-12): read
// leniently (anything but a month is left out, and the API's default stands in for it).
import type { MonthRange } from '../api/get-performance';
import { isMonth, monthRangeProblem } from './figures';

export function monthRangeOf(params: URLSearchParams): MonthRange {
  const from = params.get('from')?.trim() ?? '';
  const to = params.get('to')?.trim() ?? '';
  const range: MonthRange = {};
  if (isMonth(from)) range.from = from;
  if (isMonth(to)) range.to = to;
  // A range the API would refuse (the wrong way round, too long) is not asked for at all.
  if (range.from && range.to && monthRangeProblem(range.from, range.to)) return {};
  return range;
}

export function monthRangeSearch(range: MonthRange): string {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  const search = query.toString();
  return search ? `?${search}` : '';
}
