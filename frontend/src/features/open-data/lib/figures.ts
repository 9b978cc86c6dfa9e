// The performance figures made ready to show: every month of the range (the API lists only months
// with something counted), the range's totals, and numbers, shares and months written as people
// of each interface language write them.
import type { Language } from '@/i18n/languages';
import type { Figures, MonthFigures, PerformanceView } from '../api/open-data-types';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** The most months the page shows at a time (ten years): more would make its charts unreadable. */
export const MAX_MONTHS = 121;

/** A month as the API writes it, YYYY-MM. */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

function monthIndex(month: string): number {
  const [, year, number] = MONTH.exec(month) ?? [];
  return Number(year) * 12 + Number(number) - 1;
}

function monthOf(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to` (YYYY-MM, both included), at most ten years' worth. */
export function monthsBetween(from: string, to: string): string[] {
  if (!isMonth(from) || !isMonth(to)) return [];
  const first = monthIndex(from);
  const last = Math.min(monthIndex(to), first + MAX_MONTHS - 1);
  const months: string[] = [];
  for (let index = first; index <= last; index += 1) months.push(monthOf(index));
  return months;
}

/** Why a range of months typed in cannot be asked for, if it cannot. */
export type MonthRangeProblem = 'fromFormat' | 'toFormat' | 'order' | 'tooLong';

export function monthRangeProblem(from: string, to: string): MonthRangeProblem | null {
  if (from && !isMonth(from)) return 'fromFormat';
  if (to && !isMonth(to)) return 'toFormat';
  if (from && to) {
    if (from > to) return 'order';
    if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) return 'tooLong';
  }
  return null;
}

export const NO_FIGURES: Figures = {
  received: 0,
  decided: 0,
  issued: 0,
  refused: 0,
  median_working_days: null,
  p90_working_days: null,
  on_time_share: null,
  corrections_rate: null,
  deemed_approvals: 0,
};

/** The figures of every month of the range, in order; a month without any counts nought. */
export function everyMonth(view: Pick<PerformanceView, 'from' | 'to'>, months: readonly MonthFigures[]): MonthFigures[] {
  const byMonth = new Map(months.map((figures) => [figures.month, figures]));
  const range = monthsBetween(view.from, view.to);
  // Months the API has that the range does not name (it never should) are kept, in order.
  const all = [...new Set([...range, ...byMonth.keys()])].sort();
  return all.map((month) => byMonth.get(month) ?? { ...NO_FIGURES, month });
}

/** The range's totals: counts added up, shares weighted by each month's decisions. */
export interface Totals {
  received: number;
  decided: number;
  issued: number;
  refused: number;
  onTimeShare: number | null;
  correctionsRate: number | null;
  /** Approvals deemed given, over every organisation. */
  deemedApprovals: number;
}

export function totalsOf(view: PerformanceView): Totals {
  const sum = (pick: (figures: MonthFigures) => number) => view.months.reduce((total, figures) => total + pick(figures), 0);
  const decided = sum((figures) => figures.decided);
  // A month's share is its count over its decisions: the count, recovered, adds up exactly.
  const share = (pick: (figures: MonthFigures) => number | null | undefined) =>
    decided > 0 ? sum((figures) => Math.round((pick(figures) ?? 0) * figures.decided)) / decided : null;
  return {
    received: sum((figures) => figures.received),
    decided,
    issued: sum((figures) => figures.issued),
    refused: sum((figures) => figures.refused),
    onTimeShare: share((figures) => figures.on_time_share),
    correctionsRate: share((figures) => figures.corrections_rate),
    deemedApprovals: view.by_organisation.reduce((total, organisation) => total + organisation.deemed_approvals, 0),
  };
}

const NUMBER_LOCALE: Record<Language, string> = { kk: 'ru', ru: 'ru', en: 'en' };

/** A count or a number of days: 1 234 (kk, ru), 1,234 (en); '—' for none. */
export function formatNumber(value: number | null | undefined, language: Language): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat(NUMBER_LOCALE[language], { maximumFractionDigits: 1 }).format(value);
}

/** A share (0–1) in whole percent: 85 % (kk, ru), 85% (en); '—' for none. */
export function formatShare(share: number | null | undefined, language: Language): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const percent = Math.round(share * 100);
  return language === 'en' ? `${percent}%` : `${percent}\u00a0%`;
}

/** A month: 01.2026 (kk, ru, as they write days), Jan 2026 (en). */
export function formatMonth(month: string, language: Language): string {
  const [, year, number] = MONTH.exec(month) ?? [];
  if (!year || !number) return month;
  if (language !== 'en') return `${number}.${year}`;
  const date = new Date(Date.UTC(Number(year), Number(number) - 1, 1));
  return new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The largest of the values and where it is (the first, on a tie); null when all are none or nought. */
export function peakOf(values: readonly (number | null | undefined)[]): { index: number; value: number } | null {
  let peak: { index: number; value: number } | null = null;
  for (const [index, value] of values.entries()) {
    if (value === null || value === undefined || value <= 0) continue;
    if (!peak || value > peak.value) peak = { index, value };
  }
  return peak;
}

/** The smallest and the largest of the values given, or null when none is. */
export function rangeOf(values: readonly (number | null | undefined)[]): { min: number; max: number } | null {
  const given = values.filter((value): value is number => value !== null && value !== undefined && Number.isFinite(value));
  if (given.length === 0) return null;
  return { min: Math.min(...given), max: Math.max(...given) };
}
