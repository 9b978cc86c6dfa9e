//! What a signer's certificate says about them, read from the national CA's certificate profile
//! (docs/eds.md, "The national profile"): the IIN that binds it to an account, the BIN and
//! organisation of a company's employee, the names shown in the UI and on issued permits,
//! and which purposes the key may serve.
//!
//! The subject looks like `CN=АСАНОВ АСАН, SN=АСАНОВ, SERIALNUMBER=IIN850314300183, C=KZ,
//! G=АСАНҰЛЫ, E=…` and, for an employee, adds `O=<organisation>, OU=BIN<12 digits>`. On these
//! certificates `G` (givenName) holds the **patronymic**; the first name is the rest of the CN
//! after the surname.

use std::fmt;

use chrono::{DateTime, Utc};
use openssl::{
    nid::Nid,
    x509::{X509, X509NameRef, X509Ref},
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x509_parser::{
    certificate::X509Certificate,
    extensions::{GeneralName, ParsedExtension},
    prelude::FromDer,
};

use super::{
    asn1,
    error::EdsError,
    identity::{Bin, Iin},
};

/// What a signature is for; each needs a different key of the user's pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyPurpose {
    /// Registration and login: the AUTH key (`AUTH_RSA256_….p12`). Needs keyUsage
    /// digitalSignature and extendedKeyUsage clientAuth (1.3.6.1.5.5.7.3.2).
    Authentication,
    /// Signing documents (permit requests, consents, issued permits): the SIGN key
    /// (`RSA256_….p12`). Needs keyUsage nonRepudiation and, when the certificate restricts its
    /// extended key usage, emailProtection (1.3.6.1.5.5.7.3.4) among them.
    Signing,
}

impl KeyPurpose {
    pub(crate) fn key_file_hint(&self) -> &'static str {
        match self {
            KeyPurpose::Authentication => "authentication (AUTH_RSA256_…)",
            KeyPurpose::Signing => "signing (RSA256_…, not AUTH_…)",
        }
    }
}

impl fmt::Display for KeyPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyPurpose::Authentication => "logging in",
            KeyPurpose::Signing => "signing documents",
        })
    }
}

/// A holder role the national CA encodes as an extended-key-usage OID under 1.2.398.3.3.4
/// (`malikzh/NCANode` `CertificateKeyUser`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    /// 1.2.398.3.3.4.1.1: a natural person acting for themself.
    Individual,
    /// 1.2.398.3.3.4.1.2: acting for a legal entity.
    Organization,
    /// 1.2.398.3.3.4.1.2.1: the legal entity's head (first head).
    Ceo,
    /// 1.2.398.3.3.4.1.2.2: may sign for the legal entity.
    CanSign,
    /// 1.2.398.3.3.4.1.2.3: may sign financial documents.
    CanSignFinancial,
    /// 1.2.398.3.3.4.1.2.4: human resources.
    HumanResources,
    /// 1.2.398.3.3.4.1.2.5: an employee.
    Employee,
    /// 1.2.398.3.3.4.3.2.1: identified remotely (Digital ID).
    RemoteIdentification,
}

impl SignerRole {
    pub const ALL: [SignerRole; 8] = [
        SignerRole::Individual,
        SignerRole::Organization,
        SignerRole::Ceo,
        SignerRole::CanSign,
        SignerRole::CanSignFinancial,
        SignerRole::HumanResources,
        SignerRole::Employee,
        SignerRole::RemoteIdentification,
    ];

    pub fn oid(&self) -> &'static str {
        match self {
            SignerRole::Individual => "1.2.398.3.3.4.1.1",
            SignerRole::Organization => "1.2.398.3.3.4.1.2",
            SignerRole::Ceo => "1.2.398.3.3.4.1.2.1",
            SignerRole::CanSign => "1.2.398.3.3.4.1.2.2",
            SignerRole::CanSignFinancial => "1.2.398.3.3.4.1.2.3",
            SignerRole::HumanResources => "1.2.398.3.3.4.1.2.4",
            SignerRole::Employee => "1.2.398.3.3.4.1.2.5",
            SignerRole::RemoteIdentification => "1.2.398.3.3.4.3.2.1",
        }
    }

    pub fn from_oid(oid: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.oid() == oid)
    }
}

/// The national CA's arc: role OIDs in the extended key usage live under it.
const NATIONAL_ARC: &str = "1.2.398.";

/// The signer, as their certificate describes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignerCertificate {
    /// From `SERIALNUMBER=IIN…`; always present and valid (else the certificate is refused).
    pub iin: Iin,
    /// From `OU=BIN…` (or `SERIALNUMBER=BIN…`): present on a legal entity's employee certificate.
    pub bin: Option<Bin>,
    /// `CN`: on national certificates "SURNAME NAME".
    pub common_name: String,
    /// `SN` (surname).
    pub surname: Option<String>,
    /// `G` (givenName). On national certificates this is the **patronymic**; see
    /// [`SignerCertificate::first_name`] for the first name.
    pub given_name: Option<String>,
    /// `O`: the legal entity an employee acts for.
    pub organisation: Option<String>,
    /// `E` (emailAddress) in the subject, else the first e-mail in the subject alternative name.
    pub email: Option<String>,
    /// The certificate serial number, uppercase hex without leading zeros.
    pub serial_number: String,
    /// The subject as `CN=…, SN=…, SERIALNUMBER=…`, in the certificate's own order.
    pub subject_dn: String,
    /// The issuer, in the same form.
    pub issuer_dn: String,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// SHA-256 of the certificate's DER, uppercase hex: a stable id for "this exact certificate".
    pub thumbprint_sha256: String,
    /// The purposes the key usage allows (see [`KeyPurpose`] for the rules).
    pub purposes: Vec<KeyPurpose>,
    /// The holder roles recognised among the extended key usages.
    pub roles: Vec<SignerRole>,
    /// Every extended-key-usage OID under the national arc 1.2.398, known or not.
    pub role_oids: Vec<String>,
    /// The certificate policy OIDs (1.2.398.3.3.2.x tell the certificate template).
    pub policy_oids: Vec<String>,
    /// The certificate itself, to store beside a signature or an account.
    #[serde(skip)]
    pub der: Vec<u8>,
}

impl SignerCertificate {
    /// Reads a DER certificate. Refuses ([`EdsError::NoIdentity`]) a subject without a valid IIN,
    /// or with an invalid BIN.
    pub fn from_der(der: &[u8]) -> Result<Self, EdsError> {
        let cert = X509::from_der(der)
            .map_err(|e| EdsError::Malformed(format!("the certificate does not parse: {e}")))?;
        Self::from_x509(&cert)
    }

    pub(crate) fn from_x509(cert: &X509Ref) -> Result<Self, EdsError> {
        let der = cert.to_der().map_err(EdsError::internal)?;
        let (_, parsed) = X509Certificate::from_der(&der)
            .map_err(|e| EdsError::Malformed(format!("the certificate does not parse: {e}")))?;
        let subject = name_entries(cert.subject_name());

        let mut iin = None;
        let mut bin = None;
        for (label, value) in &subject {
            match (label.as_str(), value.get(..3)) {
                ("SERIALNUMBER", Some("IIN")) => {
                    iin = Some(Iin::parse(&value[3..]).map_err(|e| {
                        EdsError::NoIdentity(format!("the IIN in the subject is invalid ({e})"))
                    })?);
                }
                ("SERIALNUMBER" | "OU", Some("BIN")) if bin.is_none() => {
                    bin = Some(Bin::parse(&value[3..]).map_err(|e| {
                        EdsError::NoIdentity(format!("the BIN in the subject is invalid ({e})"))
                    })?);
                }
                _ => {}
            }
        }
        let iin = iin.ok_or_else(|| {
            EdsError::NoIdentity("the subject has no SERIALNUMBER=IIN… attribute".into())
        })?;
        let first = |wanted: &str| {
            subject
                .iter()
                .find(|(label, _)| label == wanted)
                .map(|(_, value)| value.clone())
        };

        let extensions = Extensions::read(&parsed);
        let email = first("E").or(extensions.san_email);
        let not_before = asn1::to_chrono(cert.not_before())
            .ok_or_else(|| EdsError::Malformed("unreadable notBefore".into()))?;
        let not_after = asn1::to_chrono(cert.not_after())
            .ok_or_else(|| EdsError::Malformed("unreadable notAfter".into()))?;
        let serial_number = cert
            .serial_number()
            .to_bn()
            .and_then(|bn| bn.to_hex_str().map(|hex| hex.to_string()))
            .map_err(EdsError::internal)?;

        Ok(Self {
            iin,
            bin,
            common_name: first("CN").unwrap_or_default(),
            surname: first("SN"),
            given_name: first("G"),
            organisation: first("O"),
            email,
            serial_number,
            subject_dn: format_dn(&subject),
            issuer_dn: format_dn(&name_entries(cert.issuer_name())),
            not_before,
            not_after,
            thumbprint_sha256: hex::encode_upper(Sha256::digest(&der)),
            purposes: extensions.purposes,
            roles: extensions
                .role_oids
                .iter()
                .filter_map(|oid| SignerRole::from_oid(oid))
                .collect(),
            role_oids: extensions.role_oids,
            policy_oids: extensions.policy_oids,
            der,
        })
    }

    /// Whether the key usage allows this purpose.
    pub fn permits(&self, purpose: KeyPurpose) -> bool {
        self.purposes.contains(&purpose)
    }

    /// Whether the holder acts for a legal entity (the certificate carries a BIN).
    pub fn is_legal_entity(&self) -> bool {
        self.bin.is_some()
    }

    /// The first name: the CN without the leading surname ("АСАНОВ АСАН" → "АСАН").
    pub fn first_name(&self) -> Option<String> {
        let rest = match &self.surname {
            Some(surname) => self.common_name.strip_prefix(surname.as_str())?,
            None => self.common_name.split_once(' ')?.1,
        };
        let rest = rest.trim();
        (!rest.is_empty()).then(|| rest.to_owned())
    }

    /// "SURNAME NAME PATRONYMIC", as Kazakh documents print a person's name.
    pub fn full_name(&self) -> String {
        match &self.given_name {
            Some(patronymic) if !self.common_name.is_empty() => {
                format!("{} {patronymic}", self.common_name)
            }
            _ => self.common_name.clone(),
        }
    }
}

/// What the extensions say, read with x509-parser (the `openssl` crate does not expose custom
/// extended-key-usage OIDs or policies).
#[derive(Default)]
struct Extensions {
    purposes: Vec<KeyPurpose>,
    role_oids: Vec<String>,
    policy_oids: Vec<String>,
    san_email: Option<String>,
}

impl Extensions {
    fn read(cert: &X509Certificate<'_>) -> Self {
        let mut out = Extensions::default();
        // A malformed or duplicated extension reads as absent: that can only take purposes away.
        let key_usage = cert.key_usage().ok().flatten().map(|ext| *ext.value);
        let eku = cert
            .extended_key_usage()
            .ok()
            .flatten()
            .map(|ext| ext.value);

        if let Some(ku) = key_usage {
            if ku.digital_signature() && eku.is_some_and(|eku| eku.client_auth) {
                out.purposes.push(KeyPurpose::Authentication);
            }
            if ku.non_repudiation() && eku.is_none_or(|eku| eku.email_protection) {
                out.purposes.push(KeyPurpose::Signing);
            }
        }
        if let Some(eku) = eku {
            out.role_oids = eku
                .other
                .iter()
                .map(|oid| oid.to_id_string())
                .filter(|oid| oid.starts_with(NATIONAL_ARC))
                .collect();
        }
        for ext in cert.extensions() {
            match ext.parsed_extension() {
                ParsedExtension::CertificatePolicies(policies) => {
                    out.policy_oids = policies
                        .iter()
                        .map(|p| p.policy_id.to_id_string())
                        .collect();
                }
                ParsedExtension::SubjectAlternativeName(san) => {
                    out.san_email = san.general_names.iter().find_map(|name| match name {
                        GeneralName::RFC822Name(email) => Some((*email).to_owned()),
                        _ => None,
                    });
                }
                _ => {}
            }
        }
        out
    }
}

/// The name's attributes in order, each as (label, UTF-8 value). OpenSSL converts every string
/// type (UTF8String, PrintableString, BMPString, …) to UTF-8, so Kazakh letters come out right
/// whatever the CA chose.
fn name_entries(name: &X509NameRef) -> Vec<(String, String)> {
    name.entries()
        .map(|entry| {
            let nid = entry.object().nid();
            let label = match nid {
                Nid::COMMONNAME => "CN".to_owned(),
                Nid::SURNAME => "SN".to_owned(),
                Nid::SERIALNUMBER => "SERIALNUMBER".to_owned(),
                Nid::COUNTRYNAME => "C".to_owned(),
                Nid::LOCALITYNAME => "L".to_owned(),
                Nid::STATEORPROVINCENAME => "ST".to_owned(),
                Nid::STREETADDRESS => "STREET".to_owned(),
                Nid::ORGANIZATIONNAME => "O".to_owned(),
                Nid::ORGANIZATIONALUNITNAME => "OU".to_owned(),
                Nid::GIVENNAME => "G".to_owned(),
                Nid::TITLE => "T".to_owned(),
                Nid::PKCS9_EMAILADDRESS => "E".to_owned(),
                Nid::DOMAINCOMPONENT => "DC".to_owned(),
                _ => entry.object().to_string(),
            };
            let value = entry
                .data()
                .to_string()
                .unwrap_or_else(|_| String::from_utf8_lossy(entry.data().as_slice()).into_owned());
            (label, value)
        })
        .collect()
}

/// `LABEL=value, …` with RFC 4514 escaping of the characters that would make it ambiguous.
fn format_dn(entries: &[(String, String)]) -> String {
    entries
        .iter()
        .map(|(label, value)| format!("{label}={}", escape_dn_value(value)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn escape_dn_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        let special = matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=')
            || (i == 0 && matches!(c, '#' | ' '))
            || (i == last && c == ' ');
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use openssl::{
        asn1::{Asn1Integer, Asn1Time, Asn1Type},
        bn::BigNum,
        ec::{EcGroup, EcKey},
        hash::MessageDigest,
        pkey::PKey,
        x509::{
            X509Builder, X509NameBuilder,
            extension::{ExtendedKeyUsage, KeyUsage, SubjectAlternativeName},
        },
    };

    /// A self-signed certificate with this subject and these extensions (EC, for speed).
    fn certificate(
        subject: &[(Nid, &str, Asn1Type)],
        key_usage: Option<KeyUsage>,
        eku: Option<ExtendedKeyUsage>,
        san_email: Option<&str>,
    ) -> X509 {
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).expect("P-256");
        let key = PKey::from_ec_key(EcKey::generate(&group).expect("a key")).expect("a pkey");
        let mut name = X509NameBuilder::new().expect("a name");
        for (nid, value, ty) in subject {
            name.append_entry_by_nid_with_type(*nid, value, *ty)
                .expect("an entry");
        }
        let name = name.build();
        let mut builder = X509Builder::new().expect("a builder");
        builder.set_version(2).expect("v3");
        let serial = BigNum::from_hex_str("00ABCDEF0123").expect("hex");
        builder
            .set_serial_number(&Asn1Integer::from_bn(&serial).expect("an integer"))
            .expect("serial");
        builder.set_subject_name(&name).expect("subject");
        builder.set_issuer_name(&name).expect("issuer");
        builder.set_pubkey(&key).expect("key");
        builder
            .set_not_before(&Asn1Time::from_unix(1_700_000_000).expect("time"))
            .expect("nb");
        builder
            .set_not_after(&Asn1Time::from_unix(1_731_536_000).expect("time"))
            .expect("na");
        if let Some(ku) = key_usage {
            builder
                .append_extension(ku.build().expect("ku"))
                .expect("ku");
        }
        if let Some(eku) = eku {
            builder
                .append_extension(eku.build().expect("eku"))
                .expect("eku");
        }
        if let Some(email) = san_email {
            let ext = SubjectAlternativeName::new()
                .email(email)
                .build(&builder.x509v3_context(None, None))
                .expect("san");
            builder.append_extension(ext).expect("san");
        }
        builder.sign(&key, MessageDigest::sha256()).expect("signed");
        builder.build()
    }

    fn auth_usage() -> (Option<KeyUsage>, Option<ExtendedKeyUsage>) {
        let mut ku = KeyUsage::new();
        ku.critical().digital_signature().key_encipherment();
        let mut eku = ExtendedKeyUsage::new();
        eku.client_auth()
            .other("1.2.398.3.3.4.1.2")
            .other("1.2.398.3.3.4.1.2.1");
        (Some(ku), Some(eku))
    }

    #[test]
    fn a_kazakh_employee_certificate_reads_out_in_cyrillic() {
        let (ku, eku) = auth_usage();
        let cert = certificate(
            &[
                (Nid::COMMONNAME, "ТОҚТАРОВ ЕРЛАН", Asn1Type::UTF8STRING),
                (Nid::SURNAME, "ТОҚТАРОВ", Asn1Type::UTF8STRING),
                (
                    Nid::SERIALNUMBER,
                    "IIN061211600012",
                    Asn1Type::PRINTABLESTRING,
                ),
                (Nid::COUNTRYNAME, "KZ", Asn1Type::PRINTABLESTRING),
                (
                    Nid::ORGANIZATIONNAME,
                    "«ТЕСТ ҚҰРЫЛЫС», ЖШС",
                    Asn1Type::UTF8STRING,
                ),
                (
                    Nid::ORGANIZATIONALUNITNAME,
                    "BIN960340000376",
                    Asn1Type::PRINTABLESTRING,
                ),
                (Nid::GIVENNAME, "МАРАТҰЛЫ", Asn1Type::UTF8STRING),
                (
                    Nid::PKCS9_EMAILADDRESS,
                    "ceo@example.com",
                    Asn1Type::IA5STRING,
                ),
            ],
            ku,
            eku,
            None,
        );
        let signer = SignerCertificate::from_x509(&cert).expect("readable");
        assert_eq!(signer.iin.as_str(), "061211600012");
        assert_eq!(signer.bin.as_ref().map(Bin::as_str), Some("960340000376"));
        assert_eq!(signer.common_name, "ТОҚТАРОВ ЕРЛАН");
        assert_eq!(signer.surname.as_deref(), Some("ТОҚТАРОВ"));
        assert_eq!(signer.given_name.as_deref(), Some("МАРАТҰЛЫ"));
        assert_eq!(signer.first_name().as_deref(), Some("ЕРЛАН"));
        assert_eq!(signer.full_name(), "ТОҚТАРОВ ЕРЛАН МАРАТҰЛЫ");
        assert_eq!(signer.organisation.as_deref(), Some("«ТЕСТ ҚҰРЫЛЫС», ЖШС"));
        assert_eq!(signer.email.as_deref(), Some("ceo@example.com"));
        assert_eq!(signer.serial_number, "ABCDEF0123");
        assert_eq!(
            signer.subject_dn,
            "CN=ТОҚТАРОВ ЕРЛАН, SN=ТОҚТАРОВ, SERIALNUMBER=IIN061211600012, C=KZ, \
             O=«ТЕСТ ҚҰРЫЛЫС»\\, ЖШС, OU=BIN960340000376, G=МАРАТҰЛЫ, E=ceo@example.com"
        );
        assert_eq!(signer.issuer_dn, signer.subject_dn, "self-signed");
        assert_eq!(signer.not_before.timestamp(), 1_700_000_000);
        assert_eq!(signer.not_after.timestamp(), 1_731_536_000);
        assert_eq!(signer.thumbprint_sha256.len(), 64);
        assert_eq!(signer.purposes, vec![KeyPurpose::Authentication]);
        assert_eq!(
            signer.roles,
            vec![SignerRole::Organization, SignerRole::Ceo]
        );
        assert!(signer.is_legal_entity());
    }

    #[test]
    fn names_in_printable_and_bmp_strings_read_the_same() {
        // OpenSSL stores a BMPString's bytes as given: hand it UTF-16BE. (These letters'
        // UTF-16BE bytes are all below 0x80, so they fit in a &str.)
        let utf16: Vec<u8> = "АСАНОВ".encode_utf16().flat_map(u16::to_be_bytes).collect();
        let bmp = String::from_utf8(utf16).expect("bytes below 0x80");
        let cert = certificate(
            &[
                (Nid::COMMONNAME, "ASANOV ASAN", Asn1Type::PRINTABLESTRING),
                (Nid::SURNAME, &bmp, Asn1Type::BMPSTRING),
                (
                    Nid::SERIALNUMBER,
                    "IIN061211600012",
                    Asn1Type::PRINTABLESTRING,
                ),
            ],
            None,
            None,
            Some("asan@example.com"),
        );
        let signer = SignerCertificate::from_x509(&cert).expect("readable");
        assert_eq!(signer.common_name, "ASANOV ASAN");
        assert_eq!(signer.surname.as_deref(), Some("АСАНОВ"));
        assert_eq!(
            signer.email.as_deref(),
            Some("asan@example.com"),
            "from the SAN"
        );
        assert_eq!(signer.bin, None);
        assert!(signer.purposes.is_empty(), "no key usage, no purpose");
    }

    #[test]
    fn a_subject_without_a_valid_iin_identifies_no_one() {
        let missing = certificate(
            &[(Nid::COMMONNAME, "АСАНОВ АСАН", Asn1Type::UTF8STRING)],
            None,
            None,
            None,
        );
        assert!(matches!(
            SignerCertificate::from_x509(&missing),
            Err(EdsError::NoIdentity(_))
        ));
        let bad_digit = certificate(
            &[(
                Nid::SERIALNUMBER,
                "IIN061211600013",
                Asn1Type::PRINTABLESTRING,
            )],
            None,
            None,
            None,
        );
        assert!(matches!(
            SignerCertificate::from_x509(&bad_digit),
            Err(EdsError::NoIdentity(_))
        ));
        let bad_bin = certificate(
            &[
                (
                    Nid::SERIALNUMBER,
                    "IIN061211600012",
                    Asn1Type::PRINTABLESTRING,
                ),
                (
                    Nid::ORGANIZATIONALUNITNAME,
                    "BIN960340000377",
                    Asn1Type::UTF8STRING,
                ),
            ],
            None,
            None,
            None,
        );
        assert!(matches!(
            SignerCertificate::from_x509(&bad_bin),
            Err(EdsError::NoIdentity(_))
        ));
    }

    #[test]
    fn purposes_follow_the_national_key_templates() {
        let subject = [(
            Nid::SERIALNUMBER,
            "IIN061211600012",
            Asn1Type::PRINTABLESTRING,
        )];
        let purposes = |ku: Option<KeyUsage>, eku: Option<ExtendedKeyUsage>| {
            SignerCertificate::from_x509(&certificate(&subject, ku, eku, None))
                .expect("readable")
                .purposes
        };

        let (ku, eku) = auth_usage();
        assert_eq!(purposes(ku, eku), vec![KeyPurpose::Authentication]);

        let sign_ku = || {
            let mut ku = KeyUsage::new();
            ku.critical().digital_signature().non_repudiation();
            ku
        };
        let mut sign_eku = ExtendedKeyUsage::new();
        sign_eku.email_protection().other("1.2.398.3.3.4.1.1");
        assert_eq!(
            purposes(Some(sign_ku()), Some(sign_eku)),
            vec![KeyPurpose::Signing],
            "a SIGN key does not log in: it lacks clientAuth"
        );
        assert_eq!(
            purposes(Some(sign_ku()), None),
            vec![KeyPurpose::Signing],
            "no EKU restriction: nonRepudiation is enough to sign"
        );
        let mut server_only = ExtendedKeyUsage::new();
        server_only.server_auth();
        assert_eq!(
            purposes(Some(sign_ku()), Some(server_only)),
            vec![],
            "an EKU without emailProtection or clientAuth allows neither"
        );
        let mut no_ds = KeyUsage::new();
        no_ds.key_encipherment();
        let mut client = ExtendedKeyUsage::new();
        client.client_auth();
        assert_eq!(
            purposes(Some(no_ds), Some(client)),
            vec![],
            "clientAuth without digitalSignature does not authenticate"
        );
    }

    #[test]
    fn role_oids_map_both_ways() {
        for role in SignerRole::ALL {
            assert_eq!(SignerRole::from_oid(role.oid()), Some(role));
        }
        assert_eq!(SignerRole::from_oid("1.2.398.3.3.4.9"), None);
    }

    #[test]
    fn dn_values_are_escaped_where_they_would_be_ambiguous() {
        assert_eq!(escape_dn_value("A, B"), "A\\, B");
        assert_eq!(escape_dn_value(" lead"), "\\ lead");
        assert_eq!(escape_dn_value("trail "), "trail\\ ");
        assert_eq!(escape_dn_value("#x=y"), "\\#x\\=y");
        assert_eq!(escape_dn_value("ҰЛТТЫҚ (RSA)"), "ҰЛТТЫҚ (RSA)");
    }
}
