// A new agreement version is proposed to take effect three days ahead, on a whole hour.
import { describe, expect, it } from 'vitest';
import { proposedEffectiveAt, toLocalInput } from './effective-date';

describe('the proposed effective date of a new version', () => {
  it('is three days ahead, on the whole hour after an hour to spare', () => {
    expect(proposedEffectiveAt(new Date(2026, 11, 4, 15, 12))).toBe('2026-12-07T17:00');
    expect(proposedEffectiveAt(new Date(2026, 11, 4, 15, 0))).toBe('2026-12-07T16:00');
  });

  it('is never sooner than three days from now', () => {
    for (const minutes of [0, 1, 29, 59]) {
      const now = new Date(2026, 11, 30, 23, minutes, 30);
      const proposed = new Date(proposedEffectiveAt(now));
      expect(proposed.getTime() - now.getTime()).toBeGreaterThanOrEqual(3 * 24 * 3_600_000);
    }
    expect(proposedEffectiveAt(new Date(2026, 11, 30, 23, 30))).toBe('2027-01-03T01:00');
  });

  it('writes a moment as a datetime-local value', () => {
    expect(toLocalInput(new Date(2026, 0, 5, 9, 7))).toBe('2026-01-05T09:07');
  });
});
