// A year of the working-day calendar as the editor holds it: its exceptions to the Monday–Friday
// rule, each a holiday (a day off) or a working day (a Saturday or Sunday worked by decree), named
// in the three languages. `checkDays` finds what PUT /admin/calendar/{year} would refuse (a date
// outside the year or given twice, a working day that is not a Saturday or Sunday, a missing
// name), keyed like the API's fields (`days[3].date`); `toDays` gives the body's days in date
// order.
import { DAY_KINDS, type CalendarDay, type DayKind, type Localized } from '../api/catalogue-types';
import { LANGUAGES, newKey } from './type-draft';

/** The server keeps at most this many exceptions a year. */
export const MAX_DAYS = 200;

export interface DayDraft {
  key: string;
  /** YYYY-MM-DD, as the date field gives it ('' until chosen). */
  date: string;
  kind: DayKind;
  name: Localized;
}

export type DayProblem =
  | { code: 'required' }
  | { code: 'outsideYear'; year: number }
  | { code: 'duplicate' }
  | { code: 'notWeekend' }
  | { code: 'tooMany'; max: number };

export function isDayKind(value: string): value is DayKind {
  return (DAY_KINDS as readonly string[]).includes(value);
}

export function dayDraft(day?: CalendarDay): DayDraft {
  if (!day) return { key: newKey(), date: '', kind: 'holiday', name: { kk: '', ru: '', en: '' } };
  return { key: newKey(), date: day.date, kind: isDayKind(day.kind) ? day.kind : 'holiday', name: { ...day.name } };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a YYYY-MM-DD names a real day. */
export function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** Saturday or Sunday (a calendar day, no time zone). */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** What the server would refuse in the year's days, by field (`days[2].date`, `days`). */
export function checkDays(year: number, days: readonly DayDraft[]): Record<string, DayProblem> {
  const problems: Record<string, DayProblem> = {};
  if (days.length > MAX_DAYS) problems.days = { code: 'tooMany', max: MAX_DAYS };
  const seen = new Set<string>();
  days.forEach((day, index) => {
    const at = `days[${index}]`;
    if (!isDate(day.date)) problems[`${at}.date`] = { code: 'required' };
    else if (Number(day.date.slice(0, 4)) !== year) problems[`${at}.date`] = { code: 'outsideYear', year };
    else if (seen.has(day.date)) problems[`${at}.date`] = { code: 'duplicate' };
    else if (day.kind === 'working_day' && !isWeekend(day.date)) problems[`${at}.kind`] = { code: 'notWeekend' };
    seen.add(day.date);
    for (const language of LANGUAGES) {
      if (day.name[language].trim() === '') problems[`${at}.name.${language}`] = { code: 'required' };
    }
  });
  return problems;
}

/** The body's days, in date order, names trimmed. */
export function toDays(days: readonly DayDraft[]): CalendarDay[] {
  return [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => ({
      date: day.date,
      kind: day.kind,
      name: { kk: day.name.kk.trim(), ru: day.name.ru.trim(), en: day.name.en.trim() },
    }));
}

/** The fields the editor shows errors at, for these days: any other error is shown above them. */
export function dayFieldsShown(days: readonly DayDraft[]): Set<string> {
  const shown = new Set<string>(['days']);
  days.forEach((_, index) => {
    shown.add(`days[${index}].date`);
    shown.add(`days[${index}].kind`);
    for (const language of LANGUAGES) shown.add(`days[${index}].name.${language}`);
  });
  return shown;
}
