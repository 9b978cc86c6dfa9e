//! Turning what clients send into DER. NCALayer and the browser send CMS as base64 text, the
//! `openssl` tools write PEM or DER, and a file upload is DER: all three are accepted, and
//! anything else is `eds-malformed`.

use base64::{
    Engine,
    engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD},
};

/// A DER (or BER) blob from DER, PEM (any label) or base64 input. `None` when the input is none
/// of those. The result always starts like an ASN.1 SEQUENCE.
pub(crate) fn to_der(input: &[u8]) -> Option<Vec<u8>> {
    // Binary input is taken byte for byte. Trimming "whitespace" off it would cut the last
    // byte of about one signature in fifty (an RSA signature ends in a random byte).
    let der = if input.first() == Some(&0x30) {
        input.to_vec()
    } else {
        let text = input.trim_ascii();
        if text.starts_with(b"-----BEGIN ") {
            pem_blocks(text).into_iter().next()?.1
        } else {
            decode_base64(text)?
        }
    };
    (der.first() == Some(&0x30) && der.len() > 2).then_some(der)
}

/// Every PEM block in `text`, as (label, decoded body), in order. Text between blocks is ignored.
pub(crate) fn pem_blocks(text: &[u8]) -> Vec<(String, Vec<u8>)> {
    let Ok(text) = std::str::from_utf8(text) else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after_begin = &rest[start + "-----BEGIN ".len()..];
        let Some(label_end) = after_begin.find("-----") else {
            break;
        };
        let label = after_begin[..label_end].to_owned();
        let body_start = &after_begin[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(body_end) = body_start.find(&end_marker) else {
            break;
        };
        if let Some(body) = decode_base64(&body_start.as_bytes()[..body_end]) {
            blocks.push((label, body));
        }
        rest = &body_start[body_end + end_marker.len()..];
    }
    blocks
}

fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    let compact: Vec<u8> = text
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if compact.is_empty() {
        return None;
    }
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&compact).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DER: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05];

    #[test]
    fn der_pem_and_base64_give_the_same_bytes() {
        assert_eq!(to_der(DER), Some(DER.to_vec()));
        let b64 = STANDARD.encode(DER);
        assert_eq!(to_der(b64.as_bytes()), Some(DER.to_vec()));
        let wrapped = format!("  {}\r\n{}\n", &b64[..3], &b64[3..]);
        assert_eq!(to_der(wrapped.as_bytes()), Some(DER.to_vec()));
        let pem = format!("-----BEGIN CMS-----\n{b64}\n-----END CMS-----\n");
        assert_eq!(to_der(pem.as_bytes()), Some(DER.to_vec()));
        let url_safe = URL_SAFE_NO_PAD.encode([0x30, 0xFB, 0xFF, 0x01]);
        assert_eq!(
            to_der(url_safe.as_bytes()),
            Some(vec![0x30, 0xFB, 0xFF, 0x01])
        );
    }

    #[test]
    fn binary_der_is_never_trimmed() {
        for last in [b' ', b'\n', b'\r', b'\t', 0x0C] {
            let der = [0x30, 0x03, 0x04, 0x01, last];
            assert_eq!(to_der(&der), Some(der.to_vec()), "last byte {last:#04x}");
        }
    }

    #[test]
    fn garbage_is_not_der() {
        assert_eq!(to_der(b""), None);
        assert_eq!(to_der(b"   "), None);
        assert_eq!(to_der(b"hello, world"), None);
        assert_eq!(to_der(&[0xFF, 0x00, 0x12]), None);
        assert_eq!(to_der(b"-----BEGIN CMS-----\n!!!\n-----END CMS-----"), None);
        assert_eq!(to_der(STANDARD.encode(b"plain text").as_bytes()), None);
    }

    #[test]
    fn several_pem_blocks_are_all_found() {
        let text = format!(
            "junk\n-----BEGIN X509 CRL-----\n{}\n-----END X509 CRL-----\nmore\n\
             -----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            STANDARD.encode([1, 2, 3]),
            STANDARD.encode([4, 5])
        );
        let blocks = pem_blocks(text.as_bytes());
        assert_eq!(
            blocks,
            vec![
                ("X509 CRL".to_owned(), vec![1, 2, 3]),
                ("CERTIFICATE".to_owned(), vec![4, 5])
            ]
        );
    }
}
