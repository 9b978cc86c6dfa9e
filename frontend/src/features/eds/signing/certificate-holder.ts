// Reads who a certificate names from its subject, in the national CA's layout (docs/eds.md,
// "The national profile"): CN = surname and name, G = the patronymic, SERIALNUMBER = IIN<12 digits>,
// OU = BIN<12 digits>, O = the organisation. Shown to the person so they see which key they used.
import type * as pkijs from 'pkijs';
import type { CertificateHolder } from '@/lib/signed-challenge';

const OID_COMMON_NAME = '2.5.4.3';
const OID_GIVEN_NAME = '2.5.4.42';
const OID_SERIAL_NUMBER = '2.5.4.5';
const OID_ORGANISATION = '2.5.4.10';
const OID_ORGANISATIONAL_UNIT = '2.5.4.11';

function attribute(certificate: pkijs.Certificate, oid: string): string | null {
  for (const entry of certificate.subject.typesAndValues) {
    if (entry.type !== oid) continue;
    const value: unknown = (entry.value as { valueBlock?: { value?: unknown } }).valueBlock?.value;
    if (typeof value === 'string') return value;
  }
  return null;
}

function digitsAfter(prefix: string, value: string | null): string | null {
  if (!value?.startsWith(prefix)) return null;
  const digits = value.slice(prefix.length);
  return /^\d{12}$/.test(digits) ? digits : null;
}

export function describeHolder(certificate: pkijs.Certificate): CertificateHolder {
  const notAfter = certificate.notAfter.value;
  return {
    fullName: [attribute(certificate, OID_COMMON_NAME), attribute(certificate, OID_GIVEN_NAME)]
      .filter(Boolean)
      .join(' '),
    iin: digitsAfter('IIN', attribute(certificate, OID_SERIAL_NUMBER)),
    bin: digitsAfter('BIN', attribute(certificate, OID_ORGANISATIONAL_UNIT)),
    organisation: attribute(certificate, OID_ORGANISATION),
    validUntil: notAfter instanceof Date && !Number.isNaN(notAfter.getTime()) ? notAfter : null,
  };
}
