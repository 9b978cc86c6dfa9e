// A year of the calendar as edited: what PUT /admin/calendar/{year} would refuse, found first
// and named like the API's fields; the days sent in date order.
import { describe, expect, it } from 'vitest';
import { checkDays, dayDraft, isDate, isWeekend, toDays, type DayDraft } from './calendar-draft';

const names = { kk: 'Жаңа жыл', ru: 'Новый год', en: 'New Year' };

function day(date: string, kind: DayDraft['kind'] = 'holiday', name = names): DayDraft {
  return { ...dayDraft(), date, kind, name };
}

describe('a year’s days', () => {
  it('passes a year of holidays and a Saturday worked', () => {
    expect(checkDays(2027, [day('2027-01-01'), day('2027-01-02'), day('2027-03-06', 'working_day')])).toEqual({});
  });

  it('refuses a date outside the year, twice the same date, and a weekday made a working day', () => {
    expect(
      checkDays(2027, [day('2026-12-31'), day('2027-05-01'), day('2027-05-01'), day('2027-03-03', 'working_day'), day('')]),
    ).toEqual({
      'days[0].date': { code: 'outsideYear', year: 2027 },
      'days[2].date': { code: 'duplicate' },
      'days[3].kind': { code: 'notWeekend' },
      'days[4].date': { code: 'required' },
    });
  });

  it('asks for the name in each language', () => {
    expect(checkDays(2027, [day('2027-01-01', 'holiday', { ...names, ru: ' ' })])).toEqual({
      'days[0].name.ru': { code: 'required' },
    });
  });

  it('sends the days in date order, their names trimmed', () => {
    expect(toDays([day('2027-03-08', 'holiday', { ...names, en: ' New Year ' }), day('2027-01-01')])).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: names },
      { date: '2027-03-08', kind: 'holiday', name: names },
    ]);
  });

  it('knows real dates and weekends', () => {
    expect(isDate('2027-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
    expect(isWeekend('2027-03-06')).toBe(true);
    expect(isWeekend('2027-03-07')).toBe(true);
    expect(isWeekend('2027-03-08')).toBe(false);
  });
});
