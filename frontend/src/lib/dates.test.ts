// Dates in Kazakh are written like Russian ones: dd.mm.yyyy and a 24-hour clock.
import { describe, expect, it } from 'vitest';
import { astanaDay, formatAstanaDateTime, formatDateTime, formatDay, formatTime, sundayOf } from './dates';

// Built in the local time zone, so the test does not depend on where it runs.
const moment = new Date(2026, 10, 4, 9, 5, 7);

describe('dates in the interface languages', () => {
  it('writes a day as dd.mm.yyyy in Kazakh and Russian', () => {
    expect(formatDay(moment, 'kk')).toBe('04.11.2026');
    expect(formatDay(moment, 'ru')).toBe('04.11.2026');
    expect(formatDay(moment, 'en')).toBe('11/04/2026');
  });

  it('writes a moment with a 24-hour clock in Kazakh and Russian', () => {
    expect(formatDateTime(moment, 'kk')).toBe('04.11.2026, 09:05');
    expect(formatDateTime(moment, 'ru')).toBe(formatDateTime(moment, 'kk'));
    expect(formatDateTime(new Date(2026, 10, 24, 16, 43), 'kk')).toBe('24.11.2026, 16:43');
    expect(formatDateTime(new Date(2026, 10, 24, 16, 43), 'en')).toMatch(/^11\/24\/2026, 0?4:43\sPM$/);
  });

  it('reads a calendar day in UTC when asked, whatever the time zone', () => {
    expect(formatDay(new Date('2026-12-08T00:00:00Z'), 'kk', { utc: true })).toBe('08.12.2026');
    expect(formatDay(new Date('2026-12-08T00:00:00Z'), 'en', { utc: true })).toBe('12/08/2026');
  });

  it('writes a time of day, with the seconds when asked', () => {
    expect(formatTime(moment, 'kk')).toBe('09:05');
    expect(formatTime(moment, 'ru', { seconds: true })).toBe('09:05:07');
  });

  it('writes a moment on Astana’s clock (UTC+5), whatever the browser’s zone', () => {
    expect(formatAstanaDateTime(new Date('2026-12-04T18:30:00Z'), 'kk')).toBe('04.12.2026, 23:30');
    expect(formatAstanaDateTime(new Date('2026-12-04T19:30:00Z'), 'ru')).toBe('05.12.2026, 00:30');
    expect(formatAstanaDateTime(new Date('2026-12-04T19:30:00Z'), 'en')).toMatch(/^12\/05\/2026, 12:30\sAM$/);
  });
});

describe('the department’s calendar', () => {
  it('takes the day from Astana time', () => {
    expect(astanaDay(new Date('2026-12-04T18:59:59Z'))).toBe('2026-12-04');
    expect(astanaDay(new Date('2026-12-04T19:00:00Z'))).toBe('2026-12-05');
  });

  it('ends the week on Sunday', () => {
    expect(sundayOf('2026-11-30')).toBe('2026-12-06'); // a Monday
    expect(sundayOf('2026-12-04')).toBe('2026-12-06'); // a Friday
    expect(sundayOf('2026-12-06')).toBe('2026-12-06'); // the Sunday itself
    expect(sundayOf('2026-12-31')).toBe('2027-01-03'); // across the year
  });
});
