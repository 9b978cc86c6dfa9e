// Opens a PKCS#12 key store (.p12, .pfx) in the browser with pkijs and WebCrypto: checks its
// password (the MAC), decrypts it, and returns the private key as a non-extractable CryptoKey
// with its certificate and any chain certificates.
//
// Modern key stores only: PBES2 with AES-CBC, as OpenSSL 3 and current NCA tools write them.
// Legacy ones (pbeWithSHA1And3-KeyTripleDES-CBC, RC2) cannot be decrypted with WebCrypto; they are
// recognised before decryption and refused with `legacy-pkcs12`, so the person is told to use
// NCALayer instead (pkijs cannot open such files). RSA keys only: WebCrypto has no GOST
// (https://www.w3.org/TR/WebCryptoAPI/).
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer, utf8 } from './bytes';
import { EdsError } from './eds-error';

export interface Pkcs12Contents {
  /** RSASSA-PKCS1-v1_5 with SHA-256, usable for `sign` only, never exportable. */
  privateKey: CryptoKey;
  /** The certificate of the private key. */
  certificate: pkijs.Certificate;
  /** The other certificates in the store (the issuing CAs), in file order. */
  chain: pkijs.Certificate[];
}

const OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  pbes2: '1.2.840.113549.1.5.13',
  /** pkcs-12PbeIds: pbeWithSHAAnd128BitRC4 … pbewithSHAAnd40BitRC2-CBC, the legacy schemes. */
  pkcs12PbePrefix: '1.2.840.113549.1.12.1.',
  /** PBES1 (pbeWithMD5AndDES-CBC and friends), older still. */
  pbes1Prefix: '1.2.840.113549.1.5.',
  aesCbc: ['2.16.840.1.101.3.4.1.2', '2.16.840.1.101.3.4.1.22', '2.16.840.1.101.3.4.1.42'],
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  /** Kazakhstan's GOST key algorithms (1.2.398.3.10.1.1.*) and Russia's (1.2.643.*). */
  gostPrefixes: ['1.2.398.3.10.', '1.2.643.'],
} as const;

/**
 * Whether WebCrypto can decrypt what `algorithm` encrypted: PBES2 with AES-CBC. Anything else
 * is a legacy scheme (3DES, RC2, RC4, DES) that only NCALayer or a desktop tool can open.
 */
function browserCanDecrypt(algorithm: pkijs.AlgorithmIdentifier): boolean {
  if (algorithm.algorithmId !== OID.pbes2) return false;
  try {
    const parameters = new pkijs.PBES2Params({ schema: algorithm.algorithmParams });
    return (OID.aesCbc as readonly string[]).includes(parameters.encryptionScheme.algorithmId);
  } catch {
    return false;
  }
}

function refuseUnlessDecryptable(algorithm: pkijs.AlgorithmIdentifier): void {
  if (browserCanDecrypt(algorithm)) return;
  const id = algorithm.algorithmId;
  if (id.startsWith(OID.pkcs12PbePrefix) || id.startsWith(OID.pbes1Prefix) || id === OID.pbes2) {
    throw new EdsError('legacy-pkcs12');
  }
  throw new EdsError('unreadable', { cause: new Error(`unknown encryption ${id}`) });
}

function parsePfx(file: ArrayBuffer): pkijs.PFX {
  try {
    return pkijs.PFX.fromBER(file);
  } catch (cause) {
    throw new EdsError('not-pkcs12', { cause });
  }
}

/** Checks the password against the MAC; the only reliable "wrong password" signal. */
async function checkIntegrity(pfx: pkijs.PFX, password: ArrayBuffer): Promise<pkijs.AuthenticatedSafe> {
  if (pfx.authSafe.contentType !== pkijs.id_ContentType_Data) {
    // Public-key integrity mode: never seen in EDS key stores.
    throw new EdsError('unreadable', { cause: new Error(`integrity mode ${pfx.authSafe.contentType}`) });
  }
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : '';
    if (/integrity/i.test(message)) throw new EdsError('wrong-password', { cause });
    throw new EdsError('not-pkcs12', { cause });
  }
  const safe = pfx.parsedValue?.authenticatedSafe;
  if (!safe) throw new EdsError('not-pkcs12');
  return safe;
}

interface SafeContentsEntry {
  value: pkijs.SafeContents;
}

async function decryptContents(
  safe: pkijs.AuthenticatedSafe,
  password: ArrayBuffer,
): Promise<pkijs.SafeBag[]> {
  for (const content of safe.safeContents) {
    if (content.contentType === pkijs.id_ContentType_EncryptedData) {
      // From a copy: pkijs re-tags parts of the ASN.1 tree it parses, so parsing the same tree
      // twice (here, and again in parseInternalValues) would fail.
      const encrypted = pkijs.EncryptedData.fromBER(
        (content.content as asn1js.Sequence).toBER(false),
      );
      refuseUnlessDecryptable(encrypted.encryptedContentInfo.contentEncryptionAlgorithm);
    } else if (content.contentType !== pkijs.id_ContentType_Data) {
      throw new EdsError('unreadable', { cause: new Error(`safe contents ${content.contentType}`) });
    }
  }
  try {
    await safe.parseInternalValues({ safeContents: safe.safeContents.map(() => ({ password })) });
  } catch (cause) {
    // With a MAC the password is already proven; without one, a failed decryption is the sign.
    throw new EdsError('wrong-password', { cause });
  }
  const contents = (safe.parsedValue as { safeContents: SafeContentsEntry[] }).safeContents;
  return contents.flatMap((entry) => entry.value.safeBags);
}

/**
 * pkijs does not decrypt a shrouded key bag while parsing the safe contents, and declares the
 * method that does it `protected`; it is part of its working API all the same.
 */
async function decryptShroudedKey(
  bag: pkijs.PKCS8ShroudedKeyBag,
  password: ArrayBuffer,
): Promise<pkijs.PrivateKeyInfo> {
  refuseUnlessDecryptable(bag.encryptionAlgorithm);
  const decryptable = bag as unknown as {
    parseInternalValues(parameters: { password: ArrayBuffer }): Promise<void>;
  };
  try {
    await decryptable.parseInternalValues({ password });
  } catch (cause) {
    throw new EdsError('wrong-password', { cause });
  }
  if (!bag.parsedValue) throw new EdsError('no-key');
  return bag.parsedValue;
}

function rsaModulus(bytes: Uint8Array, parse: 'private' | 'public'): Uint8Array | null {
  try {
    const der = toArrayBuffer(bytes);
    const key = parse === 'private' ? pkijs.RSAPrivateKey.fromBER(der) : pkijs.RSAPublicKey.fromBER(der);
    const modulus = key.modulus.valueBlock.valueHexView;
    // An INTEGER may carry a leading zero byte; compare the magnitude only.
    let start = 0;
    while (start < modulus.length - 1 && modulus[start] === 0) start += 1;
    return modulus.subarray(start);
  } catch {
    return null;
  }
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  return left.length === right.length && left.every((byte, index) => byte === right[index]);
}

/** The certificate whose RSA public key matches the private key. */
function certificateOf(
  key: pkijs.PrivateKeyInfo,
  certificates: pkijs.Certificate[],
): pkijs.Certificate | null {
  const modulus = rsaModulus(key.privateKey.valueBlock.valueHexView, 'private');
  if (!modulus) return null;
  return (
    certificates.find((certificate) => {
      const publicKey = certificate.subjectPublicKeyInfo;
      if (publicKey.algorithm.algorithmId !== OID.rsaEncryption) return false;
      const candidate = rsaModulus(publicKey.subjectPublicKey.valueBlock.valueHexView, 'public');
      return candidate !== null && sameBytes(candidate, modulus);
    }) ?? null
  );
}

export async function openPkcs12(file: ArrayBuffer, password: string): Promise<Pkcs12Contents> {
  const passwordBytes = toArrayBuffer(utf8(password));
  const pfx = parsePfx(file);
  const safe = await checkIntegrity(pfx, passwordBytes);
  const bags = await decryptContents(safe, passwordBytes);

  const keys: pkijs.PrivateKeyInfo[] = [];
  const certificates: pkijs.Certificate[] = [];
  for (const bag of bags) {
    if (bag.bagId === OID.shroudedKeyBag) {
      keys.push(await decryptShroudedKey(bag.bagValue as pkijs.PKCS8ShroudedKeyBag, passwordBytes));
    } else if (bag.bagId === OID.keyBag) {
      keys.push(bag.bagValue as pkijs.PrivateKeyInfo);
    } else if (bag.bagId === OID.certBag) {
      const certBag = bag.bagValue as pkijs.CertBag;
      if (certBag.certId === OID.x509Certificate && certBag.parsedValue instanceof pkijs.Certificate) {
        certificates.push(certBag.parsedValue);
      }
    }
  }

  const key = keys[0];
  if (!key) throw new EdsError('no-key');
  const algorithm = key.privateKeyAlgorithm.algorithmId;
  if (OID.gostPrefixes.some((prefix) => algorithm.startsWith(prefix))) {
    throw new EdsError('unsupported-key');
  }
  if (algorithm !== OID.rsaEncryption) {
    throw new EdsError('unsupported-key', { cause: new Error(`key algorithm ${algorithm}`) });
  }
  const certificate = certificateOf(key, certificates);
  if (!certificate) throw new EdsError('no-key');

  let privateKey: CryptoKey;
  try {
    privateKey = await crypto.subtle.importKey(
      'pkcs8',
      key.toSchema().toBER(false),
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
  } catch (cause) {
    throw new EdsError('unsupported-key', { cause });
  }
  return {
    privateKey,
    certificate,
    chain: certificates.filter((candidate) => candidate !== certificate),
  };
}
