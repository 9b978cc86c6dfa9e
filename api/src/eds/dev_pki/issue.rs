//! Issuing the demo certificates: the national CA's profiles (key usages, role OIDs, policies),
//! the subject layout, serial numbers and RSA keys.

use super::{people::Person, *};

/// What a certificate is issued for.
pub(super) enum Profile<'a> {
    Ca {
        path_len: Option<u32>,
    },
    OcspResponder,
    /// A time-stamping authority (RFC 3161 §2.3: the only extended key usage is timeStamping,
    /// and it is critical).
    TimeStamping,
    Person {
        purpose: KeyPurpose,
        roles: &'a [SignerRole],
        legal_entity: bool,
    },
}

pub(super) fn issue(
    subject: &X509Name,
    key: &PKeyRef<Private>,
    issuer: Option<&DevCa>,
    (not_before, not_after): (DateTime<Utc>, DateTime<Utc>),
    profile: &Profile<'_>,
    options: &DevPkiOptions,
) -> Result<X509, DevPkiError> {
    let mut builder = X509Builder::new()?;
    builder.set_version(2)?;
    let serial = random_serial()?;
    builder.set_serial_number(&serial)?;
    builder.set_subject_name(subject)?;
    builder.set_issuer_name(issuer.map_or(subject, |ca| ca.cert.subject_name()))?;
    builder.set_pubkey(key)?;
    let (not_before, not_after) = (
        asn1::from_chrono(not_before)?,
        asn1::from_chrono(not_after)?,
    );
    builder.set_not_before(&not_before)?;
    builder.set_not_after(&not_after)?;

    let ski = SubjectKeyIdentifier::new().build(&builder.x509v3_context(None, None))?;
    builder.append_extension(ski)?;
    if let Some(ca) = issuer {
        let aki = AuthorityKeyIdentifier::new()
            .keyid(true)
            .build(&builder.x509v3_context(Some(&ca.cert), None))?;
        builder.append_extension(aki)?;
    }

    match profile {
        Profile::Ca { path_len } => {
            let mut constraints = BasicConstraints::new();
            constraints.critical().ca();
            if let Some(len) = path_len {
                constraints.pathlen(*len);
            }
            builder.append_extension(constraints.build()?)?;
            builder.append_extension(
                KeyUsage::new()
                    .critical()
                    .key_cert_sign()
                    .crl_sign()
                    .digital_signature()
                    .build()?,
            )?;
        }
        Profile::OcspResponder => {
            builder.append_extension(KeyUsage::new().critical().digital_signature().build()?)?;
            builder.append_extension(ExtendedKeyUsage::new().other("OCSPSigning").build()?)?;
            // id-pkix-ocsp-nocheck: relying parties need not check the responder's own status.
            builder.append_extension(extension(
                &[1, 3, 6, 1, 5, 5, 7, 48, 1, 5],
                false,
                &asn1::null(),
            )?)?;
        }
        Profile::TimeStamping => {
            builder.append_extension(
                KeyUsage::new()
                    .critical()
                    .digital_signature()
                    .non_repudiation()
                    .build()?,
            )?;
            builder
                .append_extension(ExtendedKeyUsage::new().critical().time_stamping().build()?)?;
        }
        Profile::Person {
            purpose,
            roles,
            legal_entity,
        } => person_extensions(&mut builder, *purpose, roles, *legal_entity, options)?,
    }

    let signer = issuer.map_or(key, |ca| &ca.key);
    builder.sign(signer, MessageDigest::sha256())?;
    Ok(builder.build())
}

pub(super) fn extension(
    arcs: &[u64],
    critical: bool,
    value: &[u8],
) -> Result<X509Extension, ErrorStack> {
    let dotted = arcs
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".");
    let oid = Asn1Object::from_str(&dotted)?;
    let value = Asn1OctetString::new_from_bytes(value)?;
    X509Extension::new_from_der(&oid, critical, &value)
}

pub(super) fn ca_name(common_name: &str) -> Result<X509Name, ErrorStack> {
    let mut name = X509NameBuilder::new()?;
    name.append_entry_by_nid_with_type(
        openssl::nid::Nid::COMMONNAME,
        common_name,
        Asn1Type::UTF8STRING,
    )?;
    name.append_entry_by_nid_with_type(
        openssl::nid::Nid::COUNTRYNAME,
        "KZ",
        Asn1Type::PRINTABLESTRING,
    )?;
    Ok(name.build())
}

/// The national subject layout: CN, SN, SERIALNUMBER=IIN…, C, [L, ST, O, OU=BIN…], G, E.
pub(super) fn person_name(person: &Person) -> Result<X509Name, ErrorStack> {
    use openssl::nid::Nid;
    let mut name = X509NameBuilder::new()?;
    let utf8 = Asn1Type::UTF8STRING;
    let printable = Asn1Type::PRINTABLESTRING;
    name.append_entry_by_nid_with_type(
        Nid::COMMONNAME,
        &format!("{} {}", person.surname, person.first_name),
        utf8,
    )?;
    name.append_entry_by_nid_with_type(Nid::SURNAME, person.surname, utf8)?;
    name.append_entry_by_nid_with_type(
        Nid::SERIALNUMBER,
        &format!("IIN{}", person.iin),
        printable,
    )?;
    name.append_entry_by_nid_with_type(Nid::COUNTRYNAME, "KZ", printable)?;
    if let (Some(org), Some(bin)) = (person.organisation, &person.bin) {
        name.append_entry_by_nid_with_type(Nid::LOCALITYNAME, "АСТАНА", utf8)?;
        name.append_entry_by_nid_with_type(Nid::STATEORPROVINCENAME, "АСТАНА", utf8)?;
        name.append_entry_by_nid_with_type(Nid::ORGANIZATIONNAME, org, utf8)?;
        name.append_entry_by_nid_with_type(
            Nid::ORGANIZATIONALUNITNAME,
            &format!("BIN{bin}"),
            printable,
        )?;
    }
    name.append_entry_by_nid_with_type(Nid::GIVENNAME, person.patronymic, utf8)?;
    name.append_entry_by_nid_with_type(Nid::PKCS9_EMAILADDRESS, person.email, Asn1Type::IA5STRING)?;
    Ok(name.build())
}

/// A positive 127-bit serial, never starting with a zero byte.
pub(super) fn random_serial() -> Result<Asn1Integer, ErrorStack> {
    let mut bytes = [0u8; 16];
    openssl::rand::rand_bytes(&mut bytes)?;
    bytes[0] = (bytes[0] & 0x7F) | 0x10;
    BigNum::from_slice(&bytes)?.to_asn1_integer()
}

/// `count` RSA-2048 keys, generated on every core.
pub(super) fn generate_keys(count: usize) -> Result<Vec<PKey<Private>>, DevPkiError> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8)
        .min(count.max(1));
    let per_thread = count.div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|i| {
                let n = per_thread.min(count.saturating_sub(i * per_thread));
                scope.spawn(move || -> Result<Vec<PKey<Private>>, ErrorStack> {
                    (0..n)
                        .map(|_| Rsa::generate(2048).and_then(PKey::from_rsa))
                        .collect()
                })
            })
            .collect();
        let mut keys = Vec::with_capacity(count);
        for worker in workers {
            let batch = worker.join().map_err(|_| DevPkiError::KeyGeneration)??;
            keys.extend(batch);
        }
        Ok(keys)
    })
}

/// A person's key usages, role OIDs, certificate policy, CRL distribution point and authority
/// information access, as the national CA's templates have them.
fn person_extensions(
    builder: &mut X509Builder,
    purpose: KeyPurpose,
    roles: &[SignerRole],
    legal_entity: bool,
    options: &DevPkiOptions,
) -> Result<(), DevPkiError> {
    let mut usage = KeyUsage::new();
    usage.critical().digital_signature();
    let mut eku = ExtendedKeyUsage::new();
    match purpose {
        KeyPurpose::Authentication => {
            usage.key_encipherment();
            eku.client_auth();
        }
        KeyPurpose::Signing => {
            usage.non_repudiation();
            eku.email_protection();
        }
    }
    for role in roles {
        eku.other(role.oid());
    }
    builder.append_extension(usage.build()?)?;
    builder.append_extension(eku.build()?)?;
    // Certificate templates of the national CA (docs/eds.md, "The national profile"). The
    // legal entity's SIGN template's policy is not publicly documented, so it carries none.
    let policy: Option<&[u64]> = match (purpose, legal_entity) {
        (KeyPurpose::Authentication, false) => Some(&[1, 2, 398, 3, 3, 2, 4]),
        (KeyPurpose::Signing, false) => Some(&[1, 2, 398, 3, 3, 2, 3]),
        (KeyPurpose::Authentication, true) => Some(&[1, 2, 398, 3, 3, 2, 2]),
        (KeyPurpose::Signing, true) => None,
    };
    if let Some(policy) = policy {
        builder.append_extension(extension(
            &[2, 5, 29, 32],
            false,
            &asn1::sequence(&[&asn1::sequence(&[&asn1::oid(policy)])]),
        )?)?;
    }
    // CRLDistributionPoints: one point, full name = the URI.
    let uri = asn1::context(6, false, options.crl_url.as_bytes());
    let full_name = asn1::context(0, true, &uri);
    let point_name = asn1::context(0, true, &full_name);
    builder.append_extension(extension(
        &[2, 5, 29, 31],
        false,
        &asn1::sequence(&[&asn1::sequence(&[&point_name])]),
    )?)?;
    // AuthorityInfoAccess: OCSP and CA issuers.
    let access = |method: &[u64], url: &str| {
        asn1::sequence(&[&asn1::oid(method), &asn1::context(6, false, url.as_bytes())])
    };
    builder.append_extension(extension(
        &[1, 3, 6, 1, 5, 5, 7, 1, 1],
        false,
        &asn1::sequence(&[
            &access(&[1, 3, 6, 1, 5, 5, 7, 48, 1], &options.ocsp_url),
            &access(&[1, 3, 6, 1, 5, 5, 7, 48, 2], &options.ca_issuers_url),
        ]),
    )?)?;
    Ok(())
}

/// The `count` keys of a PKI: from the options' key pool, or all new.
pub(super) fn keys_for(
    options: &DevPkiOptions,
    count: usize,
) -> Result<Vec<PKey<Private>>, DevPkiError> {
    match &options.key_pool {
        Some(pool) => pooled_keys(pool, count),
        None => generate_keys(count),
    }
}

/// `count` RSA-2048 keys from the folder `pool` (`rsa-2048-<n>.pem`, PKCS#8), making and adding
/// the missing ones. Each key is written to a temporary file and renamed into place, so processes
/// sharing the folder never read half a key; two that make the same key at once keep either.
fn pooled_keys(pool: &Path, count: usize) -> Result<Vec<PKey<Private>>, DevPkiError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DevPkiError::Io { path, source }
    };
    std::fs::create_dir_all(pool).map_err(io(pool))?;
    let path_of = |n: usize| pool.join(format!("rsa-2048-{n}.pem"));
    let mut keys: Vec<Option<PKey<Private>>> = (0..count)
        .map(|n| {
            std::fs::read(path_of(n))
                .ok()
                .and_then(|pem| PKey::private_key_from_pem(&pem).ok())
        })
        .collect();
    let missing: Vec<usize> = (0..count).filter(|n| keys[*n].is_none()).collect();
    if !missing.is_empty() {
        for (n, key) in missing.iter().zip(generate_keys(missing.len())?) {
            let temporary = pool.join(format!(".rsa-2048-{n}.{}.tmp", std::process::id()));
            std::fs::write(&temporary, key.private_key_to_pem_pkcs8()?).map_err(io(&temporary))?;
            std::fs::rename(&temporary, path_of(*n)).map_err(io(&temporary))?;
            keys[*n] = Some(key);
        }
    }
    keys.into_iter()
        .map(|key| key.ok_or(DevPkiError::KeyGeneration))
        .collect()
}
