//! The little ASN.1 the EDS module writes itself, and time conversions between OpenSSL and chrono.
//!
//! The `openssl` crate has builders for certificates, CRLs and CMS, but not for a few certificate
//! extensions the national profile carries (CRL distribution points, authority information
//! access, certificate policies, OCSP no-check). Those are short fixed structures, so they are
//! encoded here in DER rather than through OpenSSL's configuration-string API (deprecated).
//! The tests also use it to build a CMS the way a browser does, which OpenSSL would not.

use chrono::{DateTime, NaiveDateTime, Utc};
use openssl::{
    asn1::{Asn1GeneralizedTimeRef, Asn1Time, Asn1TimeRef},
    error::ErrorStack,
};

/// One DER TLV.
pub(crate) fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub(crate) fn sequence(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

#[cfg(test)]
pub(crate) fn set(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x31, &parts.concat())
}

/// A context-specific tag: `[n]`, constructed (EXPLICIT or IMPLICIT over a constructed type) or
/// primitive.
pub(crate) fn context(number: u8, constructed: bool, content: &[u8]) -> Vec<u8> {
    let tag = 0x80 | if constructed { 0x20 } else { 0 } | (number & 0x1F);
    tlv(tag, content)
}

/// An OBJECT IDENTIFIER from its arcs.
pub(crate) fn oid(arcs: &[u64]) -> Vec<u8> {
    let mut body = Vec::new();
    if arcs.len() >= 2 {
        push_base128(&mut body, arcs[0] * 40 + arcs[1]);
    }
    for arc in arcs.iter().skip(2) {
        push_base128(&mut body, *arc);
    }
    tlv(0x06, &body)
}

fn push_base128(out: &mut Vec<u8>, mut value: u64) {
    let mut stack = vec![(value & 0x7F) as u8];
    value >>= 7;
    while value > 0 {
        stack.push(0x80 | (value & 0x7F) as u8);
        value >>= 7;
    }
    out.extend(stack.iter().rev());
}

/// A non-negative INTEGER from big-endian magnitude bytes.
#[cfg(test)]
pub(crate) fn unsigned_integer(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = match magnitude.iter().position(|b| *b != 0) {
        Some(first) => &magnitude[first..],
        None => &[0],
    };
    let mut body = Vec::with_capacity(trimmed.len() + 1);
    if trimmed[0] & 0x80 != 0 {
        body.push(0);
    }
    body.extend_from_slice(trimmed);
    tlv(0x02, &body)
}

#[cfg(test)]
pub(crate) fn small_integer(value: u8) -> Vec<u8> {
    unsigned_integer(&[value])
}

#[cfg(test)]
pub(crate) fn octet_string(content: &[u8]) -> Vec<u8> {
    tlv(0x04, content)
}

pub(crate) fn null() -> Vec<u8> {
    vec![0x05, 0x00]
}

#[cfg(test)]
pub(crate) fn utc_time(at: DateTime<Utc>) -> Vec<u8> {
    tlv(0x17, at.format("%y%m%d%H%M%SZ").to_string().as_bytes())
}

/// An AlgorithmIdentifier with absent or NULL parameters.
#[cfg(test)]
pub(crate) fn algorithm(arcs: &[u64], null_parameters: bool) -> Vec<u8> {
    if null_parameters {
        sequence(&[&oid(arcs), &null()])
    } else {
        sequence(&[&oid(arcs)])
    }
}

/// An OpenSSL time as a chrono instant (seconds precision), or `None` if OpenSSL cannot compare it.
pub(crate) fn to_chrono(time: &Asn1TimeRef) -> Option<DateTime<Utc>> {
    let epoch = Asn1Time::from_unix(0).ok()?;
    let diff = epoch.diff(time).ok()?;
    DateTime::from_timestamp(i64::from(diff.days) * 86_400 + i64::from(diff.secs), 0)
}

pub(crate) fn from_chrono(at: DateTime<Utc>) -> Result<Asn1Time, ErrorStack> {
    Asn1Time::from_unix(at.timestamp() as _)
}

/// A GeneralizedTime (OCSP responses use them) as a chrono instant.
///
/// The `openssl` crate exposes these only through OpenSSL's printer (`Nov  4 15:57:41 2026 GMT`,
/// seconds possibly with a fraction), so the printed form is parsed back.
pub(crate) fn generalized_to_chrono(time: &Asn1GeneralizedTimeRef) -> Option<DateTime<Utc>> {
    parse_openssl_printed_time(&time.to_string())
}

fn parse_openssl_printed_time(printed: &str) -> Option<DateTime<Utc>> {
    let normalised = printed.split_whitespace().collect::<Vec<_>>().join(" ");
    NaiveDateTime::parse_from_str(&normalised, "%b %d %H:%M:%S%.f %Y GMT")
        .ok()
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn lengths_use_the_short_and_long_forms() {
        assert_eq!(tlv(0x04, &[1, 2]), vec![0x04, 2, 1, 2]);
        let long = tlv(0x04, &[0u8; 200]);
        assert_eq!(&long[..3], &[0x04, 0x81, 200]);
        let longer = tlv(0x04, &[0u8; 300]);
        assert_eq!(&longer[..4], &[0x04, 0x82, 0x01, 0x2C]);
    }

    #[test]
    fn object_identifiers_and_integers_encode_as_openssl_reads_them() {
        // sha256WithRSAEncryption
        assert_eq!(
            oid(&[1, 2, 840, 113549, 1, 1, 11]),
            vec![
                0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B
            ]
        );
        let parsed = openssl::asn1::Asn1Object::from_str("1.2.398.3.3.4.1.2.1").expect("an oid");
        assert_eq!(&oid(&[1, 2, 398, 3, 3, 4, 1, 2, 1])[2..], parsed.as_slice());
        assert_eq!(unsigned_integer(&[0x80]), vec![0x02, 0x02, 0x00, 0x80]);
        assert_eq!(
            unsigned_integer(&[0x00, 0x00, 0x05]),
            vec![0x02, 0x01, 0x05]
        );
        assert_eq!(unsigned_integer(&[]), vec![0x02, 0x01, 0x00]);
    }

    #[test]
    fn times_survive_the_trip_through_openssl() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 4, 15, 57, 41)
            .single()
            .expect("a time");
        let asn1 = from_chrono(at).expect("an ASN.1 time");
        assert_eq!(to_chrono(&asn1), Some(at));
        assert_eq!(
            parse_openssl_printed_time("Nov  4 15:57:41 2026 GMT"),
            Some(at)
        );
        assert_eq!(
            parse_openssl_printed_time("Nov 4 15:57:41.250 2026 GMT").map(|t| t.timestamp()),
            Some(at.timestamp())
        );
        assert_eq!(parse_openssl_printed_time("error"), None);
        let generalized =
            openssl::asn1::Asn1GeneralizedTime::from_str("20261104155741Z").expect("a time");
        assert_eq!(generalized_to_chrono(&generalized), Some(at));
    }
}
