// Builds the detached CMS SignedData (CAdES-BES) the API verifies (docs/eds.md): SHA-256 with
// RSASSA-PKCS1-v1_5 over the signed attributes contentType, messageDigest and signingTime, the
// signer identified by issuer and serial number, and the signer's certificate (with its chain)
// included. pkijs adds no signed attributes of its own, so they are made here, and put in DER
// order so that every verifier hashes the bytes we signed.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from './bytes';
import { describeHolder } from './certificate-holder';
import type { CertificateHolder } from '@/lib/signed-challenge';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

export interface DetachedSignatureInput {
  /** The exact bytes signed; they are not embedded in the result. */
  data: Uint8Array;
  privateKey: CryptoKey;
  certificate: pkijs.Certificate;
  chain?: pkijs.Certificate[];
  signingTime?: Date;
}

/** RFC 5652: UTCTime through 2049, GeneralizedTime from 2050. */
function timeValue(date: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  return date.getUTCFullYear() < 2050
    ? new asn1js.UTCTime({ valueDate: date })
    : new asn1js.GeneralizedTime({ valueDate: date });
}

/**
 * X.690 §11.6: the elements of a DER SET OF appear in ascending order of their encodings,
 * compared as octet strings, the shorter padded with zeros at the end.
 */
function derSetOrder(left: Uint8Array, right: Uint8Array): number {
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function sortedForDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER(false)) }))
    .sort((left, right) => derSetOrder(left.der, right.der))
    .map(({ attribute }) => attribute);
}

/** The DER of a ContentInfo holding the detached SignedData. */
export async function signDetached(input: DetachedSignatureInput): Promise<Uint8Array> {
  const { data, privateKey, certificate, chain = [], signingTime = new Date() } = input;
  const digest = await crypto.subtle.digest('SHA-256', toArrayBuffer(data));

  const attributes = sortedForDer([
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: digest })],
    }),
    new pkijs.Attribute({ type: OID.signingTime, values: [timeValue(signingTime)] }),
  ]);

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: certificate.issuer,
          serialNumber: certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate, ...chain],
  });
  // With signed attributes present, pkijs signs their DER (tagged as a SET); `data` is unused.
  await signedData.sign(privateKey, 0, 'SHA-256', toArrayBuffer(data));

  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * The certificate that made a CMS signature, read back from the certificates it carries (the one
 * matching the signer's issuer and serial number). Null when the signature cannot be read this way.
 */
export function signerCertificateOf(signature: Uint8Array): pkijs.Certificate | null {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(signature));
    if (contentInfo.contentType !== OID.signedData) return null;
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const certificates = (signedData.certificates ?? []).filter(
      (candidate): candidate is pkijs.Certificate => candidate instanceof pkijs.Certificate,
    );
    const sid = signedData.signerInfos[0]?.sid;
    const signer =
      sid instanceof pkijs.IssuerAndSerialNumber
        ? certificates.find(
            (candidate) =>
              candidate.serialNumber.isEqual(sid.serialNumber) && candidate.issuer.isEqual(sid.issuer),
          )
        : certificates[0];
    return signer ?? null;
  } catch {
    return null;
  }
}

/** Who signed a CMS signature (see `signerCertificateOf`). Null when it cannot be read. */
export function signerOf(signature: Uint8Array): CertificateHolder | null {
  const certificate = signerCertificateOf(signature);
  return certificate ? describeHolder(certificate) : null;
}
