// @vitest-environment node
// A key's purpose, read from its certificate by the server's rule (api/src/eds/certificate.rs):
// the same cases as the server's `purposes_follow_the_national_key_templates`.
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { keyPurposes, requirePurpose } from './key-purpose';
import { authUsage, extendedKeyUsage, keyUsage, signUsage } from './test-key-stores';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

/** A certificate with these extensions, as read back from DER. */
function certificateWith(extensions: pkijs.Extension[]): pkijs.Certificate {
  return new pkijs.Certificate({
    extensions: extensions.map((extension) => pkijs.Extension.fromBER(extension.toSchema().toBER(false))),
  });
}

describe('the purpose of a key', () => {
  it('follows the national key templates: AUTH signs in, SIGN signs documents', () => {
    expect(keyPurposes(certificateWith(authUsage()))).toEqual(['authentication']);
    expect(keyPurposes(certificateWith(signUsage()))).toEqual(['signing']);
  });

  it('lets nonRepudiation sign when the certificate does not restrict its extended key usage', () => {
    expect(keyPurposes(certificateWith([keyUsage(0, 1)]))).toEqual(['signing']);
  });

  it('allows neither with an extended key usage that has neither emailProtection nor clientAuth', () => {
    expect(keyPurposes(certificateWith([keyUsage(0, 1), extendedKeyUsage(SERVER_AUTH)]))).toEqual([]);
  });

  it('does not authenticate with clientAuth but without digitalSignature, nor without an extended key usage', () => {
    expect(keyPurposes(certificateWith([keyUsage(2), extendedKeyUsage(CLIENT_AUTH)]))).toEqual([]);
    expect(keyPurposes(certificateWith([keyUsage(0, 2)]))).toEqual([]);
  });

  it('allows nothing without a key usage, or with a repeated one', () => {
    expect(keyPurposes(certificateWith([extendedKeyUsage(CLIENT_AUTH, EMAIL_PROTECTION)]))).toEqual([]);
    expect(keyPurposes(certificateWith([keyUsage(0, 1), keyUsage(0, 1)]))).toEqual([]);
  });

  it('reads a repeated extended key usage as absent, as the server does', () => {
    const repeated = [keyUsage(0, 1), extendedKeyUsage(SERVER_AUTH), extendedKeyUsage(SERVER_AUTH)];
    expect(keyPurposes(certificateWith(repeated))).toEqual(['signing']);
  });

  it('refuses the other key with the code that names the file to choose', () => {
    expect(() => requirePurpose(certificateWith(signUsage()), 'authentication')).toThrow(
      expect.objectContaining({ code: 'not-auth-key' }),
    );
    expect(() => requirePurpose(certificateWith(authUsage()), 'signing')).toThrow(
      expect.objectContaining({ code: 'not-sign-key' }),
    );
    expect(() => requirePurpose(certificateWith(authUsage()), 'authentication')).not.toThrow();
  });
});
