// Dates and times as people write them in each interface language, all in digits: Kazakh and
// Russian as 24.11.2026 and 16:43 (24-hour), English as the browser's `en` writes it.
//
// Kazakh and Russian are written out here rather than asked of Intl: not every browser carries
// data for `kk`, and one that lacks it falls back to another language's form (11/24/2026), while
// both languages write dd.mm.yyyy.
import type { Language } from '@/i18n/languages';

export interface DateFormatOptions {
  /** Read the date in UTC (a calendar day sent as YYYY-MM-DD) rather than the visitor's zone. */
  utc?: boolean;
}

interface Parts {
  day: number;
  month: number;
  year: number;
  hours: number;
  minutes: number;
  seconds: number;
}

function partsOf(date: Date, utc: boolean): Parts {
  return utc
    ? {
        day: date.getUTCDate(),
        month: date.getUTCMonth() + 1,
        year: date.getUTCFullYear(),
        hours: date.getUTCHours(),
        minutes: date.getUTCMinutes(),
        seconds: date.getUTCSeconds(),
      }
    : {
        day: date.getDate(),
        month: date.getMonth() + 1,
        year: date.getFullYear(),
        hours: date.getHours(),
        minutes: date.getMinutes(),
        seconds: date.getSeconds(),
      };
}

const two = (value: number) => String(value).padStart(2, '0');

const dayDigits = ({ day, month, year }: Parts) => `${two(day)}.${two(month)}.${String(year).padStart(4, '0')}`;

const timeDigits = ({ hours, minutes, seconds }: Parts, withSeconds: boolean) =>
  `${two(hours)}:${two(minutes)}${withSeconds ? `:${two(seconds)}` : ''}`;

function english(date: Date, options: Intl.DateTimeFormatOptions, utc: boolean): string {
  return new Intl.DateTimeFormat('en', { ...options, ...(utc ? { timeZone: 'UTC' } : {}) }).format(date);
}

/** 24.11.2026 (kk, ru); 11/24/2026 (en). */
export function formatDay(date: Date, language: Language, { utc = false }: DateFormatOptions = {}): string {
  if (language === 'en') return english(date, { day: '2-digit', month: '2-digit', year: 'numeric' }, utc);
  return dayDigits(partsOf(date, utc));
}

/** 24.11.2026, 16:43 (kk, ru); 11/24/2026, 04:43 PM (en). */
export function formatDateTime(date: Date, language: Language, { utc = false }: DateFormatOptions = {}): string {
  if (language === 'en') {
    return english(date, { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }, utc);
  }
  const parts = partsOf(date, utc);
  return `${dayDigits(parts)}, ${timeDigits(parts, false)}`;
}

/** 16:43 or 16:43:05 (kk, ru); 04:43 PM or 4:43:05 PM (en). */
export function formatTime(
  date: Date,
  language: Language,
  { utc = false, seconds = false }: DateFormatOptions & { seconds?: boolean } = {},
): string {
  if (language === 'en') {
    return english(date, seconds ? { timeStyle: 'medium' } : { hour: '2-digit', minute: '2-digit' }, utc);
  }
  return timeDigits(partsOf(date, utc), seconds);
}

// The department works on Astana time: Kazakhstan keeps one zone, UTC+5, all year (the API's
// calendar days and its "today" are Astana's). Times the back office reads (the audit log) are
// written in it, whatever zone the browser is in.
const ASTANA_OFFSET_MS = 5 * 60 * 60 * 1000;

/** The same instant moved so that reading it in UTC gives Astana's wall clock. */
function astanaWallClock(date: Date): Date {
  return new Date(date.getTime() + ASTANA_OFFSET_MS);
}

/** A moment as Astana's clock shows it: 24.11.2026, 16:43 (kk, ru); 11/24/2026, 04:43 PM (en). */
export function formatAstanaDateTime(date: Date, language: Language): string {
  return formatDateTime(astanaWallClock(date), language, { utc: true });
}

/** The department's calendar day at `now`, YYYY-MM-DD (Astana time). */
export function astanaDay(now: Date = new Date()): string {
  return astanaWallClock(now).toISOString().slice(0, 10);
}

/** The Sunday that ends the week (Monday to Sunday) of `day` (YYYY-MM-DD), as YYYY-MM-DD. */
export function sundayOf(day: string): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  // getUTCDay: Sunday 0, Monday 1 … Saturday 6.
  const daysToSunday = (7 - date.getUTCDay()) % 7;
  date.setUTCDate(date.getUTCDate() + daysToSunday);
  return date.toISOString().slice(0, 10);
}
