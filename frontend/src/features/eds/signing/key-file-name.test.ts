// What a key file's name says it holds: AUTH_… signs in, RSA256_… and GOST… sign documents.
import { describe, expect, it } from 'vitest';
import { purposeByName } from './key-file-name';

describe('a key file’s name', () => {
  it('says AUTH for the national CA’s and the demo PKI’s authentication files', () => {
    expect(purposeByName('AUTH_RSA256_0a1b2c3d.p12')).toBe('authentication');
    expect(purposeByName('C:\\fakepath\\AUTH_RSA256_0a1b2c3d.p12')).toBe('authentication');
    expect(purposeByName('individual-auth.p12')).toBe('authentication');
  });

  it('says SIGN for the signing files, RSA or GOST', () => {
    expect(purposeByName('RSA256_0a1b2c3d.p12')).toBe('signing');
    expect(purposeByName('GOSTKNCA_0a1b2c3d.p12')).toBe('signing');
    expect(purposeByName('individual-sign.p12')).toBe('signing');
  });

  it('says nothing about a file renamed to something else', () => {
    expect(purposeByName('my-key.p12')).toBeNull();
    expect(purposeByName('key.pfx')).toBeNull();
  });
});
