// A one-time challenge signed with a person's EDS AUTH key: what registration, the EDS
// sign-in and binding a renewed certificate send to the API. The `eds` feature produces it; the
// `auth` and `account` features consume it, composed in src/app, so the shape lives here.

/** Who the signing certificate names, read from its subject (for display only: the server decides). */
export interface CertificateHolder {
  /** Surname and name (the subject's CN) and the patronymic (its G), as the account shows them. */
  fullName: string;
  /** The IIN from `SERIALNUMBER=IIN…`. */
  iin: string | null;
  /** The company's BIN from `OU=BIN…`, for a legal entity's representative. */
  bin: string | null;
  /** The subject's O, for a legal entity's representative. */
  organisation: string | null;
  /** The certificate's notAfter. */
  validUntil: Date | null;
}

export interface SignedChallenge {
  /** The challenge exactly as the API issued it. */
  challenge: string;
  /** The detached CMS (CAdES-BES) signature over the challenge's UTF-8 bytes, base64 of the DER. */
  signature: string;
  /** The signer, when the signature could be read back; null if not. */
  holder: CertificateHolder | null;
}

/**
 * Signs a fresh challenge: how the `eds` feature plugs into forms of other features. Resolves
 * when the caller has finished with the signed challenge (sent it to the API).
 */
export type SignedChallengeHandler = (signed: SignedChallenge) => Promise<void>;

/** Texts signed with the EDS SIGN key (non-repudiation), such as the agreements a person accepts. */
export interface SignedTexts {
  /** One detached CMS signature (base64 of the DER) per text, in the order given. */
  signatures: string[];
  /** The signer, when the signature could be read back; null if not. */
  holder: CertificateHolder | null;
}

export type SignedTextsHandler = (signed: SignedTexts) => Promise<void>;
