// The register's filter in the address, and the API's addresses it makes (the JSON page's query
// and the CSV link).
import { describe, expect, it } from 'vitest';
import { REGISTER_CSV_LIMIT, registerCsvUrl, registerQuery } from '../api/list-register';
import { isDay, registerFilterOf, registerSearch } from './register-filter';

describe('the register’s filter', () => {
  it('is read from the address', () => {
    const params = new URLSearchParams('type=sketch-approval&outcome=refused&district=yesil&from=2026-01-01&to=2026-06-30');
    expect(registerFilterOf(params)).toEqual({
      type: 'sketch-approval',
      outcome: 'refused',
      district: 'yesil',
      from: '2026-01-01',
      to: '2026-06-30',
    });
  });

  it('leaves out what the API would refuse', () => {
    const params = new URLSearchParams('type=Sketch Approval&outcome=pending&district=moscow&from=2026-02-30&to=tomorrow');
    expect(registerFilterOf(params)).toEqual({});
    // Days the wrong way round: the end day goes.
    expect(registerFilterOf(new URLSearchParams('from=2026-06-01&to=2026-01-01'))).toEqual({ from: '2026-06-01' });
  });

  it('is written back in a fixed order, empty parts left out', () => {
    expect(registerSearch({ to: '2026-06-30', outcome: 'issued', type: '' })).toBe('?outcome=issued&to=2026-06-30');
    expect(registerSearch({})).toBe('');
    const search = registerSearch({ type: 'redevelopment', district: 'nura', from: '2026-01-01' });
    expect(registerFilterOf(new URLSearchParams(search))).toEqual({ type: 'redevelopment', district: 'nura', from: '2026-01-01' });
  });

  it('takes only real days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-28')).toBe(false);
  });

  it('makes the API’s query and the CSV link with the same filters', () => {
    expect(registerQuery({ outcome: 'issued', district: 'yesil' })).toEqual({ outcome: 'issued', district: 'yesil' });
    expect(registerCsvUrl({ outcome: 'issued', district: 'yesil' })).toBe(
      `/api/v1/register.csv?outcome=issued&district=yesil&limit=${REGISTER_CSV_LIMIT}`,
    );
    expect(registerCsvUrl({})).toBe(`/api/v1/register.csv?limit=${REGISTER_CSV_LIMIT}`);
  });
});
