// @vitest-environment node
// Signing a challenge with a .p12 file: the signature is the detached CAdES-BES the
// server verifies, and each way a key file can be unusable gets its own, translatable reason.
// Runs in Node, whose WebCrypto is the one browsers have; jsdom has none.
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, toArrayBuffer, utf8 } from './bytes';
import { OID, signerOf } from './cms';
import { signWithPkcs12 } from './sign-with-pkcs12';
import {
  HOLDER,
  makeLegacyPkcs12,
  makeModernPkcs12,
  makeTestPki,
  signUsage,
  type TestPki,
} from './test-key-stores';

const PASSWORD = 'Qwerty12';
const CHALLENGE = 'saulet:auth:3q2-7wEAAAA:Ktv9Qm-тест';

let pki: TestPki;
let keyStore: ArrayBuffer;
/** The same person's SIGN key. */
let signKeyStore: ArrayBuffer;

beforeAll(async () => {
  pki = await makeTestPki();
  keyStore = await makeModernPkcs12(pki, PASSWORD);
  signKeyStore = await makeModernPkcs12(await makeTestPki(signUsage()), PASSWORD);
}, 60_000);

function readSignedData(signature: string): pkijs.SignedData {
  const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(base64ToBytes(signature)));
  expect(contentInfo.contentType).toBe(OID.signedData);
  return new pkijs.SignedData({ schema: contentInfo.content });
}

function signedAttribute(signedData: pkijs.SignedData, oid: string): pkijs.Attribute | undefined {
  return signedData.signerInfos[0]?.signedAttrs?.attributes.find((attribute) => attribute.type === oid);
}

describe('signing a challenge with a .p12 file', () => {
  it('makes a detached SHA-256/RSA CMS signature over the exact UTF-8 bytes, verifiable up to the CA', async () => {
    const { signature } = await signWithPkcs12(keyStore, PASSWORD, CHALLENGE);
    const signedData = readSignedData(signature);

    expect(signedData.encapContentInfo.eContentType).toBe(OID.data);
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    expect(signedData.digestAlgorithms.map((algorithm) => algorithm.algorithmId)).toEqual([
      pkijs.id_sha256,
    ]);
    const verified = await signedData.verify({
      signer: 0,
      data: toArrayBuffer(utf8(CHALLENGE)),
      trustedCerts: [pki.ca],
      checkChain: true,
      checkDate: new Date(),
    });
    expect(verified).toBe(true);

    await expect(
      signedData.verify({ signer: 0, data: toArrayBuffer(utf8(`${CHALLENGE}!`)), checkChain: false }),
    ).rejects.toThrow(/digest/i);
  });

  it('signs the contentType, messageDigest and signingTime attributes, in DER order', async () => {
    const before = Date.now();
    const { signature } = await signWithPkcs12(keyStore, PASSWORD, CHALLENGE);
    const signedData = readSignedData(signature);

    const contentType = signedAttribute(signedData, OID.contentType);
    expect((contentType?.values[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data);

    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(utf8(CHALLENGE))));
    const messageDigest = signedAttribute(signedData, OID.messageDigest);
    expect([...(messageDigest?.values[0] as asn1js.OctetString).valueBlock.valueHexView]).toEqual([
      ...digest,
    ]);

    const signingTime = (signedAttribute(signedData, OID.signingTime)?.values[0] as asn1js.UTCTime).toDate();
    expect(signingTime.getTime()).toBeGreaterThan(before - 2_000);
    expect(signingTime.getTime()).toBeLessThanOrEqual(Date.now());

    // DER orders a SET OF by the encodings; for these three, hex order is byte order.
    const encoded = signedData.signerInfos[0]?.signedAttrs?.attributes.map((attribute) =>
      [...new Uint8Array(attribute.toSchema().toBER(false))]
        .map((byte) => byte.toString(16).padStart(2, '0'))
        .join(''),
    );
    expect(encoded).toHaveLength(3);
    expect(encoded).toEqual([...(encoded ?? [])].sort());
  });

  it('names the signer by issuer and serial number and carries its certificate and the CA', async () => {
    const { signature } = await signWithPkcs12(keyStore, PASSWORD, CHALLENGE);
    const signedData = readSignedData(signature);

    const sid = signedData.signerInfos[0]?.sid as pkijs.IssuerAndSerialNumber;
    expect(sid).toBeInstanceOf(pkijs.IssuerAndSerialNumber);
    expect(sid.serialNumber.isEqual(pki.person.serialNumber)).toBe(true);
    expect(sid.issuer.isEqual(pki.person.issuer)).toBe(true);
    const serials = (signedData.certificates ?? []).map((certificate) =>
      (certificate as pkijs.Certificate).serialNumber.valueBlock.valueDec,
    );
    expect(serials).toEqual([4242, 1]);
  });

  it('tells who the key belongs to, from the certificate and back from the signature', async () => {
    const { signature, holder } = await signWithPkcs12(keyStore, PASSWORD, CHALLENGE);

    expect(holder).toMatchObject({ fullName: HOLDER.fullName, iin: HOLDER.iin, bin: null });
    expect(holder.validUntil?.getTime()).toBe(pki.person.notAfter.value.getTime());
    expect(signerOf(base64ToBytes(signature))).toEqual(holder);
  });

  it('refuses a wrong password as such', async () => {
    await expect(signWithPkcs12(keyStore, 'qwerty12', CHALLENGE)).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('refuses a file that is not a key store', async () => {
    const pem = new TextEncoder().encode('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    await expect(signWithPkcs12(toArrayBuffer(pem), PASSWORD, CHALLENGE)).rejects.toMatchObject({
      code: 'not-pkcs12',
    });
    const certificate = pki.person.toSchema().toBER(false);
    await expect(signWithPkcs12(certificate, PASSWORD, CHALLENGE)).rejects.toMatchObject({
      code: 'not-pkcs12',
    });
  });

  it('recognises a legacy 3DES key store, which the browser cannot open, and says so', async () => {
    const legacy = await makeLegacyPkcs12(PASSWORD);

    await expect(signWithPkcs12(legacy, PASSWORD, CHALLENGE)).rejects.toMatchObject({
      code: 'legacy-pkcs12',
    });
    // The password is still checked first: a wrong one is reported as wrong.
    await expect(signWithPkcs12(legacy, 'not-it', CHALLENGE)).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('refuses the SIGN key where the AUTH key is needed (signing in, registering), before signing', async () => {
    await expect(signWithPkcs12(signKeyStore, PASSWORD, CHALLENGE)).rejects.toMatchObject({ code: 'not-auth-key' });
    await expect(signWithPkcs12(signKeyStore, PASSWORD, CHALLENGE, 'authentication')).rejects.toMatchObject({
      code: 'not-auth-key',
    });
  });

  it('signs a document’s digest with the SIGN key, and refuses the AUTH key for it', async () => {
    const digest = 'f'.repeat(64);
    const { signature } = await signWithPkcs12(signKeyStore, PASSWORD, digest, 'signing');
    expect(readSignedData(signature).signerInfos).toHaveLength(1);

    await expect(signWithPkcs12(keyStore, PASSWORD, digest, 'signing')).rejects.toMatchObject({ code: 'not-sign-key' });
  });
});
