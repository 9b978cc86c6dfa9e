// The register's filter as it lives in the page's address (?type=&outcome=&district=&from=&to=),
// so a filtered register can be bookmarked, shared and returned to. What the address holds is read
// leniently: a value the API would refuse is left out rather than shown as an error.
import type { RegisterFilter } from '../api/list-register';
import { isDistrict, isOutcome } from '../api/open-data-types';

/** A permit type's code, as the API takes it. */
const TYPE_CODE = /^[a-z0-9-]{1,64}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day, YYYY-MM-DD. */
export function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function registerFilterOf(params: URLSearchParams): RegisterFilter {
  const text = (name: string) => params.get(name)?.trim() ?? '';
  const type = text('type');
  const outcome = text('outcome');
  const district = text('district');
  const from = text('from');
  const to = text('to');
  const filter: RegisterFilter = {};
  if (TYPE_CODE.test(type)) filter.type = type;
  if (isOutcome(outcome)) filter.outcome = outcome;
  if (isDistrict(district)) filter.district = district;
  if (isDay(from)) filter.from = from;
  if (isDay(to)) filter.to = to;
  // Days the wrong way round find nothing (the API refuses them): the end day is dropped.
  if (filter.from && filter.to && filter.from > filter.to) delete filter.to;
  return filter;
}

/** The filter as the address's query (`?outcome=issued&district=yesil`), or '' for none. */
export function registerSearch(filter: RegisterFilter): string {
  const query = new URLSearchParams();
  for (const name of ['type', 'outcome', 'district', 'from', 'to'] as const) {
    const value = filter[name];
    if (value) query.set(name, value);
  }
  const search = query.toString();
  return search ? `?${search}` : '';
}
