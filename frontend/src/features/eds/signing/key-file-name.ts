// What a key file's name says it holds. The national CA issues each person two files: the AUTH
// key (AUTH_RSA256_….p12) to sign in with, and the SIGN key (RSA256_….p12, or GOSTKNCA_….p12 for
// a GOST key) to sign documents with; the demo PKI names them …-auth.p12 and …-sign.p12. A name
// can be changed, so this only prompts a warning the moment a file is chosen; the certificate
// inside decides (key-purpose.ts).
import type { KeyPurpose } from './key-purpose';

export function purposeByName(fileName: string): KeyPurpose | null {
  const name = fileName.split(/[\\/]/).pop()?.trim() ?? '';
  if (/^AUTH[_-]/i.test(name) || /[-_]auth\.(p12|pfx)$/i.test(name)) return 'authentication';
  if (/^(RSA\d*|GOST[A-Z0-9]*)[_-]/i.test(name) || /[-_]sign\.(p12|pfx)$/i.test(name)) return 'signing';
  return null;
}
