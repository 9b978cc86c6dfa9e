import { describe, expect, it } from 'vitest';
import { checkPassword, looksLikeEmail } from './password-policy';

describe('the password policy', () => {
  it('accepts a long password unrelated to the person', () => {
    expect(checkPassword('Көктем-қаласы-2026', { email: 'aliya@example.kz', iin: '850314301834' })).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(checkPassword('құпиясөз12')).toBeNull();
    expect(checkPassword('құпиясөз1')).toBe('too_short');
  });

  it.each([
    ['short-one', {}, 'too_short'],
    ['x'.repeat(129), {}, 'too_long'],
    ['my-aliya@example.kz-pass', { email: 'Aliya@Example.kz' }, 'contains_email'],
    ['ALIYA-secret-words', { email: 'aliya@example.kz' }, 'contains_email'],
    ['pass-850314301834', { iin: '850314301834' }, 'contains_iin'],
    ['aaaaaaaaaaaa', {}, 'too_simple'],
  ] as const)('refuses %j (%j) as %s', (password, context, rule) => {
    expect(checkPassword(password, context)).toBe(rule);
  });

  it('ignores a local part too short to matter', () => {
    expect(checkPassword('bob-is-my-uncle-2026', { email: 'bob@example.kz' })).toBeNull();
  });

  it('recognises what looks like an email address', () => {
    expect(looksLikeEmail(' aliya@example.kz ')).toBe(true);
    expect(looksLikeEmail('aliya@example')).toBe(false);
    expect(looksLikeEmail('aliya example.kz')).toBe(false);
  });
});
