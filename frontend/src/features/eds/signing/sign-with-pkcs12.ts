// Signs a challenge (or a document's digest) with the key in a .p12 file, entirely in the
// browser: the file and its password never leave the page. The key's purpose is checked as soon
// as the file is open, before anything is signed: the AUTH key to sign in or register, the SIGN
// key to sign a document (key-purpose.ts).
import type { CertificateHolder } from '@/lib/signed-challenge';
import { bytesToBase64, utf8 } from './bytes';
import { describeHolder } from './certificate-holder';
import { signDetached } from './cms';
import { requirePurpose, type KeyPurpose } from './key-purpose';
import { openPkcs12 } from './pkcs12';

export interface Signature {
  /** base64 of the DER of the detached CMS signature. */
  signature: string;
  holder: CertificateHolder;
}

export async function signWithPkcs12(
  keyStore: ArrayBuffer,
  password: string,
  challenge: string,
  purpose: KeyPurpose = 'authentication',
): Promise<Signature> {
  const { privateKey, certificate, chain } = await openPkcs12(keyStore, password);
  requirePurpose(certificate, purpose);
  const der = await signDetached({ data: utf8(challenge), privateKey, certificate, chain });
  return { signature: bytesToBase64(der), holder: describeHolder(certificate) };
}
