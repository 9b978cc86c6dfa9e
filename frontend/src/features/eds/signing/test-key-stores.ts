// Test-only: a small PKI made on the fly with pkijs and WebCrypto (a CA shaped like the
// national one and a person with an IIN, whose key is an AUTH or a SIGN key by its key usage),
// and PKCS#12 key stores written as OpenSSL 3 writes them (PBES2 with AES-256-CBC, PBKDF2 with
// HMAC-SHA-256, a SHA-256 MAC), plus a legacy 3DES-encrypted one that browsers cannot open.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const RSA_SHA256: RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};

export const CA_NAME = 'TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)';
export const HOLDER = {
  commonName: 'АСАНОВ АСАН',
  patronymic: 'АСАНҰЛЫ',
  fullName: 'АСАНОВ АСАН АСАНҰЛЫ',
  iin: '850314301834',
};

/** keyUsage with these bits (RFC 5280: digitalSignature 0, nonRepudiation 1, keyEncipherment 2). */
export function keyUsage(...bits: number[]): pkijs.Extension {
  const first = bits.reduce((byte, bit) => byte | (0x80 >> bit), 0);
  const bitString = new asn1js.BitString({ valueHex: new Uint8Array([first]), unusedBits: 7 - Math.max(...bits) });
  return new pkijs.Extension({ extnID: '2.5.29.15', critical: true, extnValue: bitString.toBER(false) });
}

/** extendedKeyUsage with these purposes. */
export function extendedKeyUsage(...purposes: string[]): pkijs.Extension {
  return new pkijs.Extension({
    extnID: '2.5.29.37',
    critical: false,
    extnValue: new pkijs.ExtKeyUsage({ keyPurposes: purposes }).toSchema().toBER(false),
  });
}

/** The national CA's AUTH template: digitalSignature and keyEncipherment, clientAuth. */
export const authUsage = () => [keyUsage(0, 2), extendedKeyUsage('1.3.6.1.5.5.7.3.2', '1.2.398.3.3.4.1.1')];

/** Its SIGN template: digitalSignature and nonRepudiation, emailProtection. */
export const signUsage = () => [keyUsage(0, 1), extendedKeyUsage('1.3.6.1.5.5.7.3.4', '1.2.398.3.3.4.1.1')];

export interface TestPki {
  ca: pkijs.Certificate;
  person: pkijs.Certificate;
  personKey: CryptoKey;
}

function name(entries: [oid: string, value: asn1js.BaseStringBlock][]): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: entries.map(
      ([type, value]) => new pkijs.AttributeTypeAndValue({ type, value }),
    ),
  });
}

async function certificate(options: {
  serial: number;
  subject: pkijs.RelativeDistinguishedNames;
  issuer: pkijs.RelativeDistinguishedNames;
  publicKey: CryptoKey;
  signingKey: CryptoKey;
  ca: boolean;
  extensions?: pkijs.Extension[];
}): Promise<pkijs.Certificate> {
  // Whole seconds: certificates carry no fractions.
  const now = Math.floor(Date.now() / 1000) * 1000;
  const result = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ value: options.serial }),
    subject: options.subject,
    issuer: options.issuer,
  });
  result.notBefore.value = new Date(now - 3_600_000);
  result.notAfter.value = new Date(now + 365 * 86_400_000);
  result.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: options.ca }).toSchema().toBER(false),
    }),
    ...(options.extensions ?? []),
  ];
  await result.subjectPublicKeyInfo.importKey(options.publicKey);
  await result.sign(options.signingKey, 'SHA-256');
  return result;
}

/** A CA and a person whose key is an AUTH key (the default) or, given `signUsage()`, a SIGN key. */
export async function makeTestPki(usage: pkijs.Extension[] = authUsage()): Promise<TestPki> {
  const caKeys = (await crypto.subtle.generateKey(RSA_SHA256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const personKeys = (await crypto.subtle.generateKey(RSA_SHA256, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const caName = name([
    ['2.5.4.3', new asn1js.Utf8String({ value: CA_NAME })],
    ['2.5.4.6', new asn1js.PrintableString({ value: 'KZ' })],
  ]);
  const ca = await certificate({
    serial: 1,
    subject: caName,
    issuer: caName,
    publicKey: caKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: true,
  });
  const person = await certificate({
    serial: 4242,
    subject: name([
      ['2.5.4.3', new asn1js.Utf8String({ value: HOLDER.commonName })],
      ['2.5.4.5', new asn1js.PrintableString({ value: `IIN${HOLDER.iin}` })],
      ['2.5.4.6', new asn1js.PrintableString({ value: 'KZ' })],
      ['2.5.4.42', new asn1js.Utf8String({ value: HOLDER.patronymic })],
    ]),
    issuer: caName,
    publicKey: personKeys.publicKey,
    signingKey: caKeys.privateKey,
    ca: false,
    extensions: usage,
  });
  return { ca, person, personKey: personKeys.privateKey };
}

const PBES2_AES = {
  // pkijs makes the IV itself.
  contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as pkijs.ContentEncryptionAlgorithm,
  hmacHashAlgorithm: 'SHA-256',
  iterationCount: 2048,
};

function certificateBag(certificate: pkijs.Certificate): pkijs.SafeBag {
  return new pkijs.SafeBag({
    bagId: '1.2.840.113549.1.12.10.1.3',
    bagValue: new pkijs.CertBag({ parsedValue: certificate }),
  });
}

async function sealWithMac(
  authenticatedSafe: pkijs.AuthenticatedSafe,
  password: ArrayBuffer,
): Promise<ArrayBuffer> {
  const pfx = new pkijs.PFX({ parsedValue: { integrityMode: 0, authenticatedSafe } });
  await pfx.makeInternalValues({
    password,
    iterations: 2048,
    pbkdf2HashAlgorithm: 'SHA-256',
    hmacHashAlgorithm: 'SHA-256',
  } as pkijs.MakeInternalValuesParams);
  return pfx.toSchema().toBER(false);
}

function passwordBytes(password: string): ArrayBuffer {
  return new TextEncoder().encode(password).buffer as ArrayBuffer;
}

/** A key store as `openssl pkcs12 -export` (OpenSSL 3) writes it. */
export async function makeModernPkcs12(pki: TestPki, password: string): Promise<ArrayBuffer> {
  const secret = passwordBytes(password);
  const keyInfo = pkijs.PrivateKeyInfo.fromBER(await crypto.subtle.exportKey('pkcs8', pki.personKey));
  const shrouded = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo });
  await shrouded.makeInternalValues({ password: secret, ...PBES2_AES });

  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    parsedValue: {
      safeContents: [
        {
          privacyMode: 1,
          value: new pkijs.SafeContents({
            safeBags: [certificateBag(pki.person), certificateBag(pki.ca)],
          }),
        },
        {
          privacyMode: 0,
          value: new pkijs.SafeContents({
            safeBags: [
              new pkijs.SafeBag({ bagId: '1.2.840.113549.1.12.10.1.2', bagValue: shrouded }),
            ],
          }),
        },
      ],
    },
  });
  await authenticatedSafe.makeInternalValues({
    safeContents: [{ password: secret, ...PBES2_AES }, {}],
  });
  return sealWithMac(authenticatedSafe, secret);
}

/**
 * A key store encrypted with pbeWithSHAAnd3-KeyTripleDES-CBC, as older tools (and
 * `openssl pkcs12 -legacy`) write them. Its MAC is right, so the password checks out; the
 * encrypted part is random, which is enough: the browser must refuse before decrypting.
 */
export async function makeLegacyPkcs12(password: string): Promise<ArrayBuffer> {
  const encrypted = new pkijs.EncryptedData({
    version: 0,
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      contentType: pkijs.id_ContentType_Data,
      contentEncryptionAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: '1.2.840.113549.1.12.1.3',
        algorithmParams: new asn1js.Sequence({
          value: [
            new asn1js.OctetString({ valueHex: crypto.getRandomValues(new Uint8Array(8)) }),
            new asn1js.Integer({ value: 2048 }),
          ],
        }),
      }),
      encryptedContent: new asn1js.OctetString({ valueHex: crypto.getRandomValues(new Uint8Array(64)) }),
    }),
  });
  const authenticatedSafe = new pkijs.AuthenticatedSafe({
    safeContents: [
      new pkijs.ContentInfo({
        contentType: pkijs.id_ContentType_EncryptedData,
        content: encrypted.toSchema(),
      }),
    ],
  });
  return sealWithMac(authenticatedSafe, passwordBytes(password));
}
