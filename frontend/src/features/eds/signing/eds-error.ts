// Why signing a challenge in the browser failed, as a code the interface translates
// (`eds.errors.<code>`). Library messages (pkijs, WebCrypto, NCALayer) stay in `cause` for the
// console; a person reads only the translated text.

export type EdsErrorCode =
  /** The file is not a PKCS#12 key store at all. */
  | 'not-pkcs12'
  /** The key store's integrity check (or decryption) failed: almost always a wrong password. */
  | 'wrong-password'
  /** A legacy key store (3DES or RC2 encryption) that browsers cannot decrypt: use NCALayer. */
  | 'legacy-pkcs12'
  /** A key the browser cannot sign with (GOST): use NCALayer. */
  | 'unsupported-key'
  /** The key store holds no private key, or no certificate for it. */
  | 'no-key'
  /** The key store could not be read for another reason. */
  | 'unreadable'
  /** Signing in or registering with a key that is not the AUTH key (the SIGN key, typically). */
  | 'not-auth-key'
  /** Signing a document with a key that is not the SIGN key (the AUTH key, typically). */
  | 'not-sign-key'
  /** NCALayer did not answer on its local address. */
  | 'ncalayer-unavailable'
  /** The person closed NCALayer's key dialog. */
  | 'ncalayer-cancelled'
  /** NCALayer answered with an error of its own. */
  | 'ncalayer-failed';

export class EdsError extends Error {
  readonly code: EdsErrorCode;
  /** NCALayer's own message, when it gave one. */
  readonly detail: string | null;

  constructor(code: EdsErrorCode, options: { cause?: unknown; detail?: string | null } = {}) {
    super(code, { cause: options.cause });
    this.name = 'EdsError';
    this.code = code;
    this.detail = options.detail ?? null;
  }
}

export function isEdsError(value: unknown): value is EdsError {
  return value instanceof EdsError;
}
