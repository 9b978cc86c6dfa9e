// What a certificate's key is for, read as the server reads it (api/src/eds/certificate.rs,
// `Extensions::read`), so that a person who chose the wrong one of their two key files hears it
// as soon as the file is opened, not after filling in the rest of the form:
//
// - signing in and registering (the AUTH key, AUTH_RSA256_….p12): keyUsage digitalSignature and
//   an extendedKeyUsage with clientAuth (1.3.6.1.5.5.7.3.2);
// - signing documents (the SIGN key, RSA256_….p12 or GOSTKNCA_….p12): keyUsage nonRepudiation
//   and, when the certificate restricts its extended key usage, emailProtection
//   (1.3.6.1.5.5.7.3.4) among the purposes.
//
// As on the server, an extension that appears twice or cannot be read counts as absent. The
// server still decides: this only spares the person a round trip.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { EdsError } from './eds-error';

export type KeyPurpose = 'authentication' | 'signing';

const KEY_USAGE = '2.5.29.15';
const EXTENDED_KEY_USAGE = '2.5.29.37';
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
export const EMAIL_PROTECTION = '1.3.6.1.5.5.7.3.4';

/** The one extension with this id; none when it is missing or repeated. */
function uniqueExtension(certificate: pkijs.Certificate, id: string): pkijs.Extension | null {
  const found = (certificate.extensions ?? []).filter((extension) => extension.extnID === id);
  return found.length === 1 ? (found[0] ?? null) : null;
}

interface KeyUsageBits {
  digitalSignature: boolean;
  nonRepudiation: boolean;
}

/** keyUsage ::= BIT STRING { digitalSignature (0), nonRepudiation (1), keyEncipherment (2), … } */
function keyUsageOf(certificate: pkijs.Certificate): KeyUsageBits | null {
  const extension = uniqueExtension(certificate, KEY_USAGE);
  if (!extension) return null;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.BitString)) return null;
  const first = parsed.result.valueBlock.valueHexView[0] ?? 0;
  return { digitalSignature: (first & 0x80) !== 0, nonRepudiation: (first & 0x40) !== 0 };
}

/** The extended key usage's purposes; null when the certificate does not restrict them. */
function extendedKeyUsageOf(certificate: pkijs.Certificate): string[] | null {
  const extension = uniqueExtension(certificate, EXTENDED_KEY_USAGE);
  if (!extension) return null;
  const parsed: unknown = extension.parsedValue;
  if (!(parsed instanceof pkijs.ExtKeyUsage) || (parsed as { parsingError?: string }).parsingError) return null;
  return parsed.keyPurposes;
}

/** The purposes the certificate's key may serve, by the server's rule. */
export function keyPurposes(certificate: pkijs.Certificate): KeyPurpose[] {
  const usage = keyUsageOf(certificate);
  if (!usage) return [];
  const extended = extendedKeyUsageOf(certificate);
  const purposes: KeyPurpose[] = [];
  if (usage.digitalSignature && extended !== null && extended.includes(CLIENT_AUTH)) purposes.push('authentication');
  if (usage.nonRepudiation && (extended === null || extended.includes(EMAIL_PROTECTION))) purposes.push('signing');
  return purposes;
}

/**
 * Refuses a key that is not for `purpose`, naming the file to choose instead (`not-auth-key`:
 * choose AUTH_…; `not-sign-key`: choose RSA256_… or GOST…).
 */
export function requirePurpose(certificate: pkijs.Certificate, purpose: KeyPurpose): void {
  if (keyPurposes(certificate).includes(purpose)) return;
  throw new EdsError(purpose === 'authentication' ? 'not-auth-key' : 'not-sign-key');
}
