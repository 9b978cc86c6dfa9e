// The performance figures made ready to show: every month of a range, the range's totals, and
// numbers, shares and months in each interface language.
import { describe, expect, it } from 'vitest';
import type { MonthFigures, PerformanceView } from '../api/open-data-types';
import {
  NO_FIGURES,
  everyMonth,
  formatMonth,
  formatNumber,
  formatShare,
  isMonth,
  monthRangeProblem,
  monthsBetween,
  peakOf,
  rangeOf,
  totalsOf,
} from './figures';

const month = (name: string, figures: Partial<MonthFigures> = {}): MonthFigures => ({ ...NO_FIGURES, month: name, ...figures });

describe('months', () => {
  it('are YYYY-MM with a real month', () => {
    expect(isMonth('2026-01')).toBe(true);
    expect(isMonth('2026-12')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth('')).toBe(false);
  });

  it('run from the first to the last, across the new year, both included', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-05', '2026-04')).toEqual([]);
    expect(monthsBetween('nonsense', '2026-04')).toEqual([]);
  });

  it('stop at ten years', () => {
    const months = monthsBetween('2000-01', '2026-12');
    expect(months).toHaveLength(121);
    expect(months.at(-1)).toBe('2010-01');
  });

  it('as a range typed in: each a month, the first not after the last, ten years at most', () => {
    expect(monthRangeProblem('', '')).toBeNull();
    expect(monthRangeProblem('2026-01', '')).toBeNull();
    expect(monthRangeProblem('2026-01', '2026-12')).toBeNull();
    expect(monthRangeProblem('2026-1', '2026-12')).toBe('fromFormat');
    expect(monthRangeProblem('2026-01', 'December')).toBe('toFormat');
    expect(monthRangeProblem('2026-12', '2026-01')).toBe('order');
    expect(monthRangeProblem('2016-01', '2026-01')).toBeNull();
    expect(monthRangeProblem('2016-01', '2026-02')).toBe('tooLong');
  });

  it('are written 01.2026 in Kazakh and Russian, Jan 2026 in English', () => {
    expect(formatMonth('2026-01', 'kk')).toBe('01.2026');
    expect(formatMonth('2026-11', 'ru')).toBe('11.2026');
    expect(formatMonth('2026-01', 'en')).toBe('Jan 2026');
    expect(formatMonth('not a month', 'en')).toBe('not a month');
  });
});

describe('every month of the range', () => {
  it('fills the months the API left out with noughts and no working days', () => {
    const view = { from: '2026-01', to: '2026-04' };
    const months = everyMonth(view, [month('2026-03', { decided: 2, median_working_days: 4 }), month('2026-01', { received: 1 })]);
    expect(months.map((figures) => figures.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    expect(months[0]?.received).toBe(1);
    expect(months[1]).toEqual({ ...NO_FIGURES, month: '2026-02' });
    expect(months[2]?.median_working_days).toBe(4);
    expect(months[3]?.median_working_days).toBeNull();
  });
});

describe('the range’s totals', () => {
  const view: PerformanceView = {
    from: '2026-01',
    to: '2026-03',
    months: [
      month('2026-01', { received: 3, decided: 4, issued: 3, refused: 1, on_time_share: 0.75, corrections_rate: 0.25 }),
      month('2026-03', { received: 2, decided: 1, issued: 0, refused: 1, on_time_share: 0, corrections_rate: 1 }),
    ],
    by_type: [],
    by_organisation: [
      { ...NO_FIGURES, code: 'department', deemed_approvals: 0 },
      { ...NO_FIGURES, code: 'water', deemed_approvals: 2 },
    ],
  };

  it('add up the counts and weigh each month’s shares by its decisions', () => {
    expect(totalsOf(view)).toEqual({
      received: 5,
      decided: 5,
      issued: 3,
      refused: 2,
      // 3 of 4, then 0 of 1: 3 of 5.
      onTimeShare: 0.6,
      // 1 of 4, then 1 of 1: 2 of 5.
      correctionsRate: 0.4,
      deemedApprovals: 2,
    });
  });

  it('have no shares without decisions', () => {
    const totals = totalsOf({ ...view, months: [month('2026-01', { received: 2 })] });
    expect(totals.onTimeShare).toBeNull();
    expect(totals.correctionsRate).toBeNull();
    expect(totals.received).toBe(2);
  });
});

describe('numbers and shares', () => {
  it('are written as each language writes them, a dash for none', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1234, 'ru')).toMatch(/^1\s234$/u);
    expect(formatNumber(1234, 'kk')).toMatch(/^1\s234$/u);
    expect(formatNumber(7, 'kk')).toBe('7');
    expect(formatNumber(null, 'kk')).toBe('—');
    expect(formatShare(0.853, 'en')).toBe('85%');
    expect(formatShare(0.853, 'ru')).toBe('85\u00a0%');
    expect(formatShare(1, 'kk')).toBe('100\u00a0%');
    expect(formatShare(undefined, 'en')).toBe('—');
  });

  it('the peak is the first largest above nought; the range spans the values given', () => {
    expect(peakOf([0, 3, 1, 3])).toEqual({ index: 1, value: 3 });
    expect(peakOf([0, null, 0])).toBeNull();
    expect(rangeOf([null, 4, 2, undefined, 9])).toEqual({ min: 2, max: 9 });
    expect(rangeOf([null, undefined])).toBeNull();
  });
});
