//! A demo PKI shaped like Kazakhstan's national CA, so registration, login, signing and every
//! refusal can be tried locally and in tests without real keys.
//!
//! `saulet dev-pki --out data/dev-pki` writes it: a root ("TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ
//! ТҮБІР (RSA)") and an issuing CA ("TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)"), RSA-2048 with
//! SHA-256; for each demo person an AUTH and a SIGN key in .p12 files (password
//! [`DEV_PKI_PASSWORD`]) with the national subject layout, key usages and role OIDs; a CRL that
//! lists the revoked person; an OCSP responder certificate and an `openssl ocsp` index; a
//! look-alike CA nobody trusts (the fake-NCALayer case); and a README listing everything.
//!
//! Identities are deterministic (the same IINs and BINs every run, with valid check digits);
//! keys and serial numbers are fresh each run. Nothing here is for production: the private keys
//! are written unencrypted next to the certificates.

use std::{
    fmt::Write as _,
    path::{Path, PathBuf},
};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use openssl::{
    asn1::{Asn1Integer, Asn1Object, Asn1OctetString, Asn1Type},
    bn::BigNum,
    error::ErrorStack,
    hash::MessageDigest,
    pkcs12::Pkcs12,
    pkey::{PKey, PKeyRef, Private},
    rsa::Rsa,
    stack::Stack,
    x509::{
        X509, X509Builder, X509Crl, X509CrlBuilder, X509Extension, X509Name, X509NameBuilder,
        X509Ref, X509RevokedBuilder,
        extension::{
            AuthorityKeyIdentifier, BasicConstraints, CrlNumber, ExtendedKeyUsage, KeyUsage,
            SubjectKeyIdentifier,
        },
    },
};

mod issue;
mod people;
pub mod tsa_server;

use super::{
    asn1,
    certificate::{KeyPurpose, SignerRole},
    identity::{Bin, Iin, Sex},
    verify::TrustSettings,
};
use issue::{Profile, ca_name, extension, issue, keys_for, person_name};
use people::{Person, people};

/// The password of every demo .p12 file.
pub const DEV_PKI_PASSWORD: &str = "Qwerty12";

/// The demo root CA's common name.
pub const ROOT_CA_NAME: &str = "TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ ТҮБІР (RSA)";
/// The demo issuing CA's common name. The untrusted look-alike CA uses the same name.
pub const ISSUING_CA_NAME: &str = "TEST ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)";

/// How long the demo CRL stays current.
const CRL_VALIDITY_DAYS: i64 = 30;

/// Why the demo PKI could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum DevPkiError {
    #[error("OpenSSL failed: {0}")]
    OpenSsl(#[from] ErrorStack),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no valid identity number for {0}")]
    Identity(&'static str),
    #[error("key generation failed")]
    KeyGeneration,
}

/// Where the demo certificates point relying parties for revocation data and CA certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DevPkiOptions {
    /// The CRL distribution point of user certificates (serve `ca/crl.der` there).
    pub crl_url: String,
    /// The OCSP responder in the users' authority information access (run `openssl ocsp` there).
    pub ocsp_url: String,
    /// Where the issuing CA certificate can be fetched (serve `ca/issuing.cer` there).
    pub ca_issuers_url: String,
    /// A folder of RSA keys kept between runs (the tests' `target/test-keys`): keys found there
    /// are used, missing ones are made and added. Unset: every key is new. Making RSA keys is
    /// nearly all the cost of a PKI; the certificates, CRL and dates are made anew each time.
    pub key_pool: Option<PathBuf>,
}

impl Default for DevPkiOptions {
    fn default() -> Self {
        Self {
            crl_url: "http://127.0.0.1:8089/ca/crl.der".into(),
            ocsp_url: "http://127.0.0.1:8088".into(),
            ca_issuers_url: "http://127.0.0.1:8089/ca/issuing.cer".into(),
            key_pool: None,
        }
    }
}

/// What a demo certificate is for, in the story a tester follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevStatus {
    /// Valid now, issued by the trusted chain.
    Valid,
    /// Its validity ended before the PKI was generated.
    Expired,
    /// Listed on the CRL and as revoked in the OCSP index.
    Revoked,
    /// Issued by the look-alike CA that is not a trust anchor.
    Untrusted,
}

/// A CA (or the OCSP responder): certificate and private key.
#[derive(Clone)]
pub struct DevCa {
    pub cert: X509,
    pub key: PKey<Private>,
}

/// One demo key of a person: the certificate and the .p12 file holding it.
#[derive(Clone)]
pub struct DevKey {
    pub purpose: KeyPurpose,
    pub cert: X509,
    /// The .p12 file's bytes (password [`DEV_PKI_PASSWORD`]).
    pub p12: Vec<u8>,
    /// Serial number, uppercase hex (as OpenSSL prints it and the OCSP index lists it).
    pub serial: String,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// The file name under `users/`, e.g. `individual-auth.p12`.
    pub file_name: String,
}

/// One demo person with their AUTH and SIGN keys.
#[derive(Clone)]
pub struct DevUser {
    /// A short id and file stem: `individual`, `employee`, `head`, `reviewer`, `admin`,
    /// `individual-renewed`, `second-individual`, `expired`, `revoked`, `untrusted`.
    pub name: &'static str,
    /// What this person is for.
    pub description: &'static str,
    pub iin: Iin,
    pub bin: Option<Bin>,
    pub surname: &'static str,
    pub first_name: &'static str,
    /// Written as `G` (givenName), as the national CA does.
    pub patronymic: &'static str,
    pub organisation: Option<&'static str>,
    pub email: &'static str,
    pub roles: Vec<SignerRole>,
    pub status: DevStatus,
    pub auth: DevKey,
    pub sign: DevKey,
}

impl DevUser {
    pub fn key(&self, purpose: KeyPurpose) -> &DevKey {
        match purpose {
            KeyPurpose::Authentication => &self.auth,
            KeyPurpose::Signing => &self.sign,
        }
    }

    /// "SURNAME FIRST", the certificate's CN.
    pub fn common_name(&self) -> String {
        format!("{} {}", self.surname, self.first_name)
    }
}

/// The whole demo PKI, in memory.
pub struct DevPki {
    pub generated_at: DateTime<Utc>,
    pub options: DevPkiOptions,
    pub root: DevCa,
    pub issuing: DevCa,
    /// The look-alike CA: self-signed, named like the issuing CA, trusted by nobody.
    pub untrusted_root: DevCa,
    /// The delegated OCSP signer (issued by the issuing CA, extended key usage OCSPSigning).
    pub ocsp_responder: DevCa,
    /// The time-stamping authority (issued by the issuing CA, extended key usage timeStamping).
    pub tsa: DevCa,
    pub crl: X509Crl,
    pub crl_this_update: DateTime<Utc>,
    pub crl_next_update: DateTime<Utc>,
    pub users: Vec<DevUser>,
}

/// Where [`DevPki::write`] put each file.
#[derive(Debug, Clone)]
pub struct DevPkiFiles {
    pub dir: PathBuf,
    pub root_pem: PathBuf,
    pub root_cer: PathBuf,
    pub issuing_pem: PathBuf,
    pub issuing_cer: PathBuf,
    pub crl_pem: PathBuf,
    pub crl_der: PathBuf,
    pub untrusted_root_pem: PathBuf,
    pub ocsp_cert: PathBuf,
    pub ocsp_key: PathBuf,
    pub ocsp_index: PathBuf,
    /// The TSA's certificate, key, and an `openssl ts -reply -config` file that uses them.
    pub tsa_cert: PathBuf,
    pub tsa_key: PathBuf,
    pub tsa_config: PathBuf,
    pub readme: PathBuf,
    /// Every .p12 file, in the order of [`DevPki::users`], AUTH before SIGN.
    pub p12: Vec<PathBuf>,
}

impl DevPkiFiles {
    /// The .p12 file of this key.
    pub fn p12_of(&self, key: &DevKey) -> PathBuf {
        self.dir.join("users").join(&key.file_name)
    }

    /// Every file written, for printing.
    pub fn all(&self) -> Vec<&Path> {
        let mut all: Vec<&Path> = vec![
            &self.root_pem,
            &self.root_cer,
            &self.issuing_pem,
            &self.issuing_cer,
            &self.crl_pem,
            &self.crl_der,
            &self.untrusted_root_pem,
            &self.ocsp_cert,
            &self.ocsp_key,
            &self.ocsp_index,
            &self.tsa_cert,
            &self.tsa_key,
            &self.tsa_config,
        ];
        all.extend(self.p12.iter().map(PathBuf::as_path));
        all.push(&self.readme);
        all
    }
}

/// The `openssl ts -reply` configuration of the demo TSA under `out` (RFC 3161 answers signed
/// with SHA-256, the certificate identified by ESSCertIDv2, accuracy one second). The policy is
/// ETSI's baseline time-stamp policy (EN 319 421, 0.4.0.2023.1.1), as public TSAs state it.
fn tsa_config(out: &Path) -> String {
    let dir = out.join("tsa");
    format!(
        "[ tsa ]\ndefault_tsa = saulet_dev_tsa\n\n[ saulet_dev_tsa ]\n\
         dir = {}\nserial = $dir/serial\ncrypto_device = builtin\n\
         signer_cert = $dir/tsa.pem\nsigner_key = $dir/tsa.key\nsigner_digest = sha256\n\
         default_policy = 0.4.0.2023.1.1\ndigests = sha256, sha384, sha512\naccuracy = secs:1\n\
         ordering = no\ntsa_name = yes\ness_cert_id_chain = no\ness_cert_id_alg = sha256\n",
        dir.display()
    )
}

/// Generates the demo PKI as of `now` with the default local URLs and writes it under `out`.
pub fn generate(out: &Path, now: DateTime<Utc>) -> Result<(DevPki, DevPkiFiles), DevPkiError> {
    generate_with(out, now, &DevPkiOptions::default())
}

/// [`generate`] with `options` (a key pool, other URLs).
pub fn generate_with(
    out: &Path,
    now: DateTime<Utc>,
    options: &DevPkiOptions,
) -> Result<(DevPki, DevPkiFiles), DevPkiError> {
    let pki = DevPki::build(now, options)?;
    let files = pki.write(out)?;
    Ok((pki, files))
}

impl DevPki {
    /// Generates the demo PKI in memory, valid around `now`.
    pub fn build(now: DateTime<Utc>, options: &DevPkiOptions) -> Result<Self, DevPkiError> {
        // Certificates keep whole seconds; so do the times reported here.
        let now = DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        let people = people()?;
        // RSA key generation dominates the cost: spread it over the cores.
        let mut keys = keys_for(options, 5 + 2 * people.len())?.into_iter();
        let mut next_key = || keys.next().ok_or(DevPkiError::KeyGeneration);

        let ca_from = now - Duration::days(1);
        let ca = |name: &X509Name, key, issuer, until, profile| {
            DevCa::issue(name, key, issuer, (ca_from, until), profile, options)
        };
        let root_name = ca_name(ROOT_CA_NAME)?;
        let root = ca(
            &root_name,
            next_key()?,
            None,
            now + Duration::days(3650),
            &Profile::Ca { path_len: None },
        )?;
        let issuing_name = ca_name(ISSUING_CA_NAME)?;
        let issuing = ca(
            &issuing_name,
            next_key()?,
            Some(&root),
            now + Duration::days(1825),
            &Profile::Ca { path_len: Some(0) },
        )?;
        // The look-alike: the issuing CA's name, self-signed, trusted by nobody.
        let untrusted_root = ca(
            &issuing_name,
            next_key()?,
            None,
            now + Duration::days(1825),
            &Profile::Ca { path_len: Some(0) },
        )?;
        let ocsp_responder = DevCa::issue(
            &ca_name("TEST OCSP ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)")?,
            next_key()?,
            Some(&issuing),
            (now - Duration::hours(1), now + Duration::days(365)),
            &Profile::OcspResponder,
            options,
        )?;

        let tsa = DevCa::issue(
            &ca_name("TEST TSA ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA)")?,
            next_key()?,
            Some(&issuing),
            (now - Duration::hours(1), now + Duration::days(1825)),
            &Profile::TimeStamping,
            options,
        )?;

        let mut users = Vec::with_capacity(people.len());
        for person in people {
            let (issuer, validity) = match person.status {
                DevStatus::Expired => (
                    &issuing,
                    (now - Duration::days(400), now - Duration::days(35)),
                ),
                DevStatus::Untrusted => (
                    &untrusted_root,
                    (now - Duration::hours(1), now + Duration::days(365)),
                ),
                DevStatus::Valid | DevStatus::Revoked => (
                    &issuing,
                    (now - Duration::hours(1), now + Duration::days(365)),
                ),
            };
            let subject = person_name(&person)?;
            let mut make = |purpose: KeyPurpose| {
                DevKey::issue(
                    &person,
                    &subject,
                    purpose,
                    next_key()?,
                    (issuer, validity),
                    options,
                )
            };
            let auth = make(KeyPurpose::Authentication)?;
            let sign = make(KeyPurpose::Signing)?;
            users.push(DevUser {
                name: person.name,
                description: person.description,
                iin: person.iin,
                bin: person.bin,
                surname: person.surname,
                first_name: person.first_name,
                patronymic: person.patronymic,
                organisation: person.organisation,
                email: person.email,
                roles: person.roles,
                status: person.status,
                auth,
                sign,
            });
        }

        let (crl, crl_this_update, crl_next_update) = revocation_list(&issuing, &users, now)?;

        Ok(Self {
            generated_at: now,
            options: options.clone(),
            root,
            issuing,
            untrusted_root,
            ocsp_responder,
            tsa,
            crl,
            crl_this_update,
            crl_next_update,
            users,
        })
    }

    /// The demo person with this name.
    pub fn user(&self, name: &str) -> Option<&DevUser> {
        self.users.iter().find(|u| u.name == name)
    }

    /// A new CRL of the issuing CA listing `revoked` (revoked an hour before `this_update`).
    pub fn issue_crl(
        &self,
        revoked: &[&DevKey],
        this_update: DateTime<Utc>,
        next_update: DateTime<Utc>,
        number: u32,
    ) -> Result<X509Crl, DevPkiError> {
        let entries: Vec<(&X509Ref, DateTime<Utc>)> = revoked
            .iter()
            .map(|k| (&*k.cert, this_update - Duration::hours(1)))
            .collect();
        build_crl(
            &self.issuing.cert,
            &self.issuing.key,
            &entries,
            this_update,
            next_update,
            number,
        )
    }

    /// An `openssl ocsp` index of every certificate the issuing CA issued, with the revoked
    /// person's and `also_revoked` marked revoked.
    pub fn ocsp_index(&self, also_revoked: &[&DevKey]) -> String {
        let revoked_at = self.generated_at - Duration::days(1);
        let mut index = String::new();
        for user in self
            .users
            .iter()
            .filter(|u| u.status != DevStatus::Untrusted)
        {
            for key in [&user.auth, &user.sign] {
                let revoked = user.status == DevStatus::Revoked
                    || also_revoked.iter().any(|k| k.serial == key.serial);
                let (flag, when) = if revoked {
                    ("R", format!("{},keyCompromise", index_time(revoked_at)))
                } else {
                    ("V", String::new())
                };
                let _ = writeln!(
                    index,
                    "{flag}\t{}\t{when}\t{}\tunknown\t/C=KZ/SERIALNUMBER=IIN{}/CN={} {}",
                    index_time(key.not_after),
                    key.serial,
                    user.iin,
                    user.surname,
                    user.first_name
                );
            }
        }
        index
    }

    /// Trust settings for these files: the demo root and issuing CA as anchors, the demo CRL.
    pub fn trust_settings(&self, files: &DevPkiFiles) -> TrustSettings {
        TrustSettings {
            anchors: vec![files.root_pem.clone(), files.issuing_pem.clone()],
            crls: vec![files.crl_pem.display().to_string()],
            ..TrustSettings::default()
        }
    }

    /// Writes every file under `out` (created if missing; existing files are replaced).
    pub fn write(&self, out: &Path) -> Result<DevPkiFiles, DevPkiError> {
        let files = DevPkiFiles {
            dir: out.to_owned(),
            root_pem: out.join("ca/root.pem"),
            root_cer: out.join("ca/root.cer"),
            issuing_pem: out.join("ca/issuing.pem"),
            issuing_cer: out.join("ca/issuing.cer"),
            crl_pem: out.join("ca/crl.pem"),
            crl_der: out.join("ca/crl.der"),
            untrusted_root_pem: out.join("untrusted/root.pem"),
            ocsp_cert: out.join("ocsp/responder.pem"),
            ocsp_key: out.join("ocsp/responder.key"),
            ocsp_index: out.join("ocsp/index.txt"),
            tsa_cert: out.join("tsa/tsa.pem"),
            tsa_key: out.join("tsa/tsa.key"),
            tsa_config: out.join("tsa/tsa.cnf"),
            readme: out.join("README.txt"),
            p12: self
                .users
                .iter()
                .flat_map(|u| [&u.auth, &u.sign])
                .map(|k| out.join("users").join(&k.file_name))
                .collect(),
        };
        write_file(&files.root_pem, &self.root.cert.to_pem()?)?;
        write_file(&files.root_cer, &self.root.cert.to_der()?)?;
        write_file(&files.issuing_pem, &self.issuing.cert.to_pem()?)?;
        write_file(&files.issuing_cer, &self.issuing.cert.to_der()?)?;
        write_file(&files.crl_pem, &self.crl.to_pem()?)?;
        write_file(&files.crl_der, &self.crl.to_der()?)?;
        write_file(
            &files.untrusted_root_pem,
            &self.untrusted_root.cert.to_pem()?,
        )?;
        write_file(&files.ocsp_cert, &self.ocsp_responder.cert.to_pem()?)?;
        write_file(
            &files.ocsp_key,
            &self.ocsp_responder.key.private_key_to_pem_pkcs8()?,
        )?;
        write_file(&files.ocsp_index, self.ocsp_index(&[]).as_bytes())?;
        // Tells `openssl ocsp` that several certificates may share a subject (renewals do).
        write_file(&out.join("ocsp/index.txt.attr"), b"unique_subject = no\n")?;
        write_file(&files.tsa_cert, &self.tsa.cert.to_pem()?)?;
        write_file(&files.tsa_key, &self.tsa.key.private_key_to_pem_pkcs8()?)?;
        write_file(&out.join("tsa/serial"), b"01\n")?;
        write_file(&files.tsa_config, tsa_config(out).as_bytes())?;
        for key in self.users.iter().flat_map(|u| [&u.auth, &u.sign]) {
            write_file(&files.p12_of(key), &key.p12)?;
        }
        write_file(&files.readme, self.readme().as_bytes())?;
        Ok(files)
    }

    fn readme(&self) -> String {
        let mut text = String::new();
        let date = |t: DateTime<Utc>| t.format("%Y-%m-%d %H:%M UTC").to_string();
        let _ = writeln!(
            text,
            "SAULET DEMO PKI (generated {}) - FOR DEVELOPMENT AND TESTS ONLY\n\
             ==============================================================\n\n\
             A certification authority shaped like Kazakhstan's national CA (NCA), so that\n\
             registration, login and document signing can be tried without real keys.\n\
             Nothing here is secret: never trust these CAs in production.\n\n\
             Password of every .p12 file: {DEV_PKI_PASSWORD}\n",
            date(self.generated_at)
        );
        let _ = writeln!(
            text,
            "FILES\n-----\n\
             ca/root.pem, ca/root.cer        root CA \"{ROOT_CA_NAME}\" (PEM, DER)\n\
             ca/issuing.pem, ca/issuing.cer  issuing CA \"{ISSUING_CA_NAME}\" (PEM, DER)\n\
             ca/crl.pem, ca/crl.der          the issuing CA's CRL (current until {}); lists the revoked person\n\
             untrusted/root.pem              a look-alike CA with the issuing CA's name and another key; trust it never\n\
             ocsp/responder.pem, .key        the OCSP signing certificate (issued by the issuing CA) and its key\n\
             ocsp/index.txt                  the issuing CA's certificates in `openssl ocsp` index form\n\
             tsa/tsa.pem, tsa/tsa.key        the time-stamping authority's certificate (timeStamping) and key\n\
             tsa/tsa.cnf                     `openssl ts -reply -config tsa/tsa.cnf -queryfile q.tsq -out r.tsr`\n\
             users/<name>-auth.p12           AUTH key (log in, register): digitalSignature + clientAuth\n\
             users/<name>-sign.p12           SIGN key (sign documents): nonRepudiation + emailProtection\n",
            date(self.crl_next_update)
        );
        let _ = writeln!(text, "PEOPLE\n------");
        for user in &self.users {
            let _ = writeln!(
                text,
                "{}: {}\n    {} {} {} (CN=\"{}\", SN=\"{}\", G=\"{}\" - the patronymic)\n    IIN {}{}{}\n    e-mail {}, roles {}\n    AUTH users/{} serial {}\n    SIGN users/{} serial {}\n    valid {} .. {}\n",
                user.name,
                user.description,
                user.surname,
                user.first_name,
                user.patronymic,
                user.common_name(),
                user.surname,
                user.patronymic,
                user.iin,
                user.bin
                    .as_ref()
                    .map(|b| format!(", BIN {b}"))
                    .unwrap_or_default(),
                user.organisation
                    .map(|o| format!(", O=\"{o}\""))
                    .unwrap_or_default(),
                user.email,
                user.roles
                    .iter()
                    .map(|r| r.oid())
                    .collect::<Vec<_>>()
                    .join(" "),
                user.auth.file_name,
                user.auth.serial,
                user.sign.file_name,
                user.sign.serial,
                date(user.auth.not_before),
                date(user.auth.not_after),
            );
        }
        let _ = writeln!(
            text,
            "CONFIGURATION (saulet.toml)\n---------------------------\n\
             [eds]\n\
             anchors = [\"data/dev-pki/ca/root.pem\", \"data/dev-pki/ca/issuing.pem\"]\n\
             crls = [\"data/dev-pki/ca/crl.pem\"]   # or \"{}\" when served\n\
             # ocsp_url = \"{}\"               # with the responder below running\n\n\
             OCSP RESPONDER (optional)\n-------------------------\n\
             openssl ocsp -index data/dev-pki/ocsp/index.txt -port 8088 \\\n  \
             -rsigner data/dev-pki/ocsp/responder.pem -rkey data/dev-pki/ocsp/responder.key \\\n  \
             -CA data/dev-pki/ca/issuing.pem -nmin 10\n\n\
             The CRL goes stale on {}; run `saulet dev-pki` again to renew everything.",
            self.options.crl_url,
            self.options.ocsp_url,
            date(self.crl_next_update)
        );
        text
    }
}

impl DevCa {
    /// Issues a CA (or the OCSP responder) certificate for `key`, by `issuer` or self-signed.
    fn issue(
        name: &X509Name,
        key: PKey<Private>,
        issuer: Option<&DevCa>,
        validity: (DateTime<Utc>, DateTime<Utc>),
        profile: &Profile<'_>,
        options: &DevPkiOptions,
    ) -> Result<Self, DevPkiError> {
        let cert = issue(name, &key, issuer, validity, profile, options)?;
        Ok(Self { cert, key })
    }
}

impl DevKey {
    /// Issues `person`'s certificate for `purpose` (its `subject` already built) on `key`, by
    /// `issuer`, valid for `validity`, and packs both with the issuer's certificate in a .p12 file
    /// named `<person>-auth.p12` or `<person>-sign.p12`.
    fn issue(
        person: &Person,
        subject: &X509Name,
        purpose: KeyPurpose,
        key: PKey<Private>,
        (issuer, validity): (&DevCa, (DateTime<Utc>, DateTime<Utc>)),
        options: &DevPkiOptions,
    ) -> Result<Self, DevPkiError> {
        let profile = Profile::Person {
            purpose,
            roles: &person.roles,
            legal_entity: person.bin.is_some(),
        };
        let stem = match purpose {
            KeyPurpose::Authentication => format!("{}-auth", person.name),
            KeyPurpose::Signing => format!("{}-sign", person.name),
        };
        let cert = issue(subject, &key, Some(issuer), validity, &profile, options)?;
        let mut chain = Stack::new()?;
        chain.push(issuer.cert.clone())?;
        // OpenSSL writes the friendly name as if it were ASCII, so it stays Latin.
        let p12 = Pkcs12::builder()
            .name(&stem)
            .pkey(&key)
            .cert(&cert)
            .ca(chain)
            .build2(DEV_PKI_PASSWORD)?
            .to_der()?;
        Ok(Self {
            purpose,
            serial: cert.serial_number().to_bn()?.to_hex_str()?.to_string(),
            cert,
            p12,
            not_before: validity.0,
            not_after: validity.1,
            file_name: format!("{stem}.p12"),
        })
    }
}

/// The issuing CA's CRL as of `now`, listing the revoked person's keys, current for
/// [`CRL_VALIDITY_DAYS`].
fn revocation_list(
    issuing: &DevCa,
    users: &[DevUser],
    now: DateTime<Utc>,
) -> Result<(X509Crl, DateTime<Utc>, DateTime<Utc>), DevPkiError> {
    let this_update = now - Duration::hours(1);
    let next_update = now + Duration::days(CRL_VALIDITY_DAYS);
    let revoked_at = now - Duration::days(1);
    let revoked: Vec<(&X509Ref, DateTime<Utc>)> = users
        .iter()
        .filter(|u| u.status == DevStatus::Revoked)
        .flat_map(|u| [(&*u.auth.cert, revoked_at), (&*u.sign.cert, revoked_at)])
        .collect();
    let crl = build_crl(
        &issuing.cert,
        &issuing.key,
        &revoked,
        this_update,
        next_update,
        1,
    )?;
    Ok((crl, this_update, next_update))
}

/// Builds a CRL of `issuer`, signed with `signing_key` (normally the issuer's own key; tests
/// pass another to forge one).
pub fn build_crl(
    issuer: &X509Ref,
    signing_key: &PKeyRef<Private>,
    revoked: &[(&X509Ref, DateTime<Utc>)],
    this_update: DateTime<Utc>,
    next_update: DateTime<Utc>,
    number: u32,
) -> Result<X509Crl, DevPkiError> {
    let mut builder = X509CrlBuilder::new()?;
    builder.set_issuer_name(issuer.subject_name())?;
    let (this_update, next_update) = (
        asn1::from_chrono(this_update)?,
        asn1::from_chrono(next_update)?,
    );
    builder.set_last_update(&this_update)?;
    builder.set_next_update(&next_update)?;
    for (cert, at) in revoked {
        let mut entry = X509RevokedBuilder::new()?;
        entry.set_serial_number(cert.serial_number())?;
        let at = asn1::from_chrono(*at)?;
        entry.set_revocation_date(&at)?;
        builder.add_revoked(entry.build())?;
    }
    let key_id = issuer
        .subject_key_id()
        .map(|id| id.as_slice().to_vec())
        .unwrap_or_default();
    // AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING }
    builder.append_extension(extension(
        &[2, 5, 29, 35],
        false,
        &asn1::sequence(&[&asn1::context(0, false, &key_id)]),
    )?)?;
    builder.append_extension(CrlNumber::new(BigNum::from_u32(number)?)?.build()?)?;
    builder.sort()?;
    builder.sign(signing_key, MessageDigest::sha256())?;
    Ok(builder.build()?)
}

/// The time format of an `openssl ca`/`ocsp` index: `YYMMDDHHMMSSZ`.
fn index_time(at: DateTime<Utc>) -> String {
    at.format("%y%m%d%H%M%SZ").to_string()
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), DevPkiError> {
    let io = |source| DevPkiError::Io {
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, bytes).map_err(io)
}
