//! Evidence packages: a ZIP, in the spirit of ETSI's ASiC-E containers, holding each act's signed
//! bytes, its CMS (`.p7s`), its time-stamp token (`.tsr`), the certificate chain and revocation
//! data used, its log entry and inclusion proof, the log's signed tree head and key, a manifest of
//! every file's SHA-256, and `VERIFY.md` + `verify.sh` + `verify.py`, which check all of it with
//! `openssl` and `python3` alone.

use std::io::Write;

use base64::{Engine, engine::general_purpose::STANDARD};
use openssl::x509::{X509, X509Crl};
use sea_orm::ConnectionTrait;
use serde_json::json;
use sha2::{Digest, Sha256};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::{
    acts::{Evidence, validation_items},
    entity::signed_act,
    log::{Entry, InclusionProof, TreeHead, time_text},
};
use crate::error::ApiError;

const VERIFY_MD: &str = include_str!("VERIFY.md");
const VERIFY_SH: &str = include_str!("verify.sh");
const VERIFY_PY: &str = include_str!("verify.py");

/// What an act's signed bytes stand for.
pub enum SignedIs {
    /// A one-time server challenge (registration): the bytes themselves are the point.
    Challenge,
    /// The SHA-256 (hex text) of this file of the act's folder (`content/…`).
    Sha256HexOf(String),
}

/// A document that the signed content names by its SHA-256.
pub struct NamedDocument {
    /// Its path in the act's folder (`content/documents/…`).
    pub file: String,
    pub sha256: String,
    /// The file in the act's folder whose `documents` list names it.
    pub listed_in: Option<String>,
}

/// An act and the files that show what it signed.
pub struct PackagedAct {
    pub act: signed_act::Model,
    pub signed_is: SignedIs,
    /// Files of `content/`: (path inside the act's folder, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    pub documents: Vec<NamedDocument>,
}

impl PackagedAct {
    /// An act whose signed bytes need nothing beside them (a challenge).
    pub fn bare(act: signed_act::Model) -> Self {
        Self {
            act,
            signed_is: SignedIs::Challenge,
            files: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// An act that signed the SHA-256 of one file, shipped as `content/<name>`.
    pub fn signing(act: signed_act::Model, name: &str, bytes: Vec<u8>) -> Self {
        let path = format!("content/{name}");
        Self {
            act,
            signed_is: SignedIs::Sha256HexOf(path.clone()),
            files: vec![(path, bytes)],
            documents: Vec::new(),
        }
    }
}

/// A ZIP being filled, with the SHA-256 of every file written.
struct Writer {
    zip: ZipWriter<std::io::Cursor<Vec<u8>>>,
    files: serde_json::Map<String, serde_json::Value>,
}

impl Writer {
    fn add(&mut self, path: &str, bytes: &[u8], executable: bool) -> Result<String, ApiError> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .unix_permissions(if executable { 0o755 } else { 0o644 });
        self.zip.start_file(path, options).map_err(internal)?;
        self.zip.write_all(bytes).map_err(internal)?;
        let digest = hex::encode(Sha256::digest(bytes));
        Ok(digest)
    }

    fn add_listed(&mut self, path: &str, bytes: &[u8]) -> Result<(), ApiError> {
        let digest = self.add(path, bytes, false)?;
        self.files.insert(path.to_owned(), digest.into());
        Ok(())
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("evidence package: {e}"))
}

fn pem_of_certificates(ders: &[Vec<u8>]) -> Result<Vec<u8>, ApiError> {
    let mut pem = Vec::new();
    for der in ders {
        pem.extend(
            X509::from_der(der)
                .and_then(|c| c.to_pem())
                .map_err(internal)?,
        );
    }
    Ok(pem)
}

fn pem_of(certificates: &[X509]) -> Result<Vec<u8>, ApiError> {
    let mut pem = Vec::new();
    for cert in certificates {
        pem.extend(cert.to_pem().map_err(internal)?);
    }
    Ok(pem)
}

impl Evidence {
    /// The evidence package of `acts` (read by the caller, who decides who may see them), with the
    /// current signed tree head. `subject` describes whose acts they are (for the manifest);
    /// `anchors` are the certification authorities the signatures chain to. The ZIP (deflating
    /// documents of megabytes) is written on the blocking pool.
    pub async fn package<C: ConnectionTrait>(
        &self,
        db: &C,
        subject: serde_json::Value,
        acts: Vec<PackagedAct>,
        anchors: &[X509],
    ) -> Result<Vec<u8>, ApiError> {
        let head = self.log().head(db, self.core().now()).await?;
        let seqs: Vec<i64> = acts.iter().map(|packaged| packaged.act.seq).collect();
        let proofs = self
            .log()
            .inclusions(db, &seqs, Some(head.tree_size))
            .await?;
        let fixed = vec![
            (
                "log/log-key.pem",
                self.log().key().public_pem().as_bytes().to_vec(),
            ),
            ("trust/anchors.pem", pem_of(anchors)?),
            ("trust/tsa-anchors.pem", pem_of(self.tsa_anchors())?),
        ];
        let generated_at = time_text(self.core().now());
        tokio::task::spawn_blocking(move || {
            write_zip(subject, generated_at, &head, fixed, acts, proofs)
        })
        .await
        .map_err(internal)?
    }
}

/// The ZIP: the scripts, the tree head, the trust files, each act's folder, the manifest.
fn write_zip(
    subject: serde_json::Value,
    generated_at: String,
    head: &TreeHead,
    fixed: Vec<(&'static str, Vec<u8>)>,
    acts: Vec<PackagedAct>,
    proofs: Vec<InclusionProof>,
) -> Result<Vec<u8>, ApiError> {
    let mut writer = Writer {
        zip: ZipWriter::new(std::io::Cursor::new(Vec::new())),
        files: serde_json::Map::new(),
    };
    writer.add_listed("VERIFY.md", VERIFY_MD.as_bytes())?;
    let digest = writer.add("verify.sh", VERIFY_SH.as_bytes(), true)?;
    writer.files.insert("verify.sh".into(), digest.into());
    writer.add_listed("verify.py", VERIFY_PY.as_bytes())?;
    writer.add_listed("log/tree-head.txt", head.message.as_bytes())?;
    writer.add_listed(
        "log/tree-head.sig",
        &STANDARD.decode(&head.signature).map_err(internal)?,
    )?;
    writer.add_listed(
        "log/tree-head.json",
        &serde_json::to_vec_pretty(head).map_err(internal)?,
    )?;
    for (path, bytes) in &fixed {
        writer.add_listed(path, bytes)?;
    }
    let manifest_acts = acts
        .iter()
        .zip(&proofs)
        .map(|(packaged, proof)| write_act(&mut writer, packaged, proof))
        .collect::<Result<Vec<_>, _>>()?;
    let manifest = json!({
        "format": "saulet-evidence/1",
        "generated_at": generated_at,
        "subject": subject,
        "tree_head": {
            "tree_size": head.tree_size,
            "root_hash": head.root_hash,
            "issued_at": time_text(head.issued_at),
            "key_id": head.key_id,
        },
        "acts": manifest_acts,
        "files": std::mem::take(&mut writer.files),
    });
    writer.add(
        "manifest.json",
        &serde_json::to_vec_pretty(&manifest).map_err(internal)?,
        false,
    )?;
    Ok(writer.zip.finish().map_err(internal)?.into_inner())
}

/// One act's folder; returns its entry of the manifest.
fn write_act(
    writer: &mut Writer,
    packaged: &PackagedAct,
    proof: &InclusionProof,
) -> Result<serde_json::Value, ApiError> {
    let act = &packaged.act;
    let dir = format!("acts/{:06}-{}", act.seq, act.kind);
    let mut files = serde_json::Map::new();
    let mut put = |writer: &mut Writer, name: &str, bytes: &[u8]| -> Result<(), ApiError> {
        let digest = writer.add(&format!("{dir}/{name}"), bytes, false)?;
        files.insert(name.to_owned(), digest.into());
        Ok(())
    };
    let entry = Entry::of(act);
    put(writer, "signed.bin", &act.signed_bytes)?;
    put(writer, "signature.p7s", &act.cms)?;
    put(writer, "entry.json", &entry.bytes())?;
    let epoch = |at: chrono::DateTime<chrono::Utc>| format!("{}\n", at.timestamp());
    put(writer, "signed-at.epoch", epoch(act.recorded_at).as_bytes())?;
    if let (Some(token), Some(at)) = (&act.tst, act.tst_time) {
        put(writer, "timestamp.tsr", token)?;
        put(writer, "time-stamped-at.epoch", epoch(at).as_bytes())?;
    }
    put(
        writer,
        "chain.pem",
        &pem_of_certificates(&validation_items(act, "chain"))?,
    )?;
    for (n, der) in validation_items(act, "crls").iter().enumerate() {
        let pem = X509Crl::from_der(der)
            .and_then(|crl| crl.to_pem())
            .map_err(internal)?;
        put(writer, &format!("crl-{}.pem", n + 1), &pem)?;
    }
    for (n, der) in validation_items(act, "ocsp").iter().enumerate() {
        put(writer, &format!("ocsp-{}.der", n + 1), der)?;
    }
    put(
        writer,
        "inclusion.json",
        &serde_json::to_vec_pretty(proof).map_err(internal)?,
    )?;
    for (name, bytes) in &packaged.files {
        put(writer, name, bytes)?;
    }
    Ok(json!({
        "dir": dir,
        "seq": act.seq,
        "kind": act.kind,
        "reference": act.reference,
        "recorded_at": time_text(act.recorded_at),
        "time_stamped_at": act.tst_time.map(time_text),
        "entry": entry,
        "signed_bytes": match &packaged.signed_is {
            SignedIs::Challenge => json!({"is": "challenge"}),
            SignedIs::Sha256HexOf(file) => json!({"is": "sha256-hex-of", "file": file}),
        },
        "documents": packaged.documents.iter().map(|d| json!({
            "file": d.file, "sha256": d.sha256, "listed_in": d.listed_in,
        })).collect::<Vec<_>>(),
        "files": files,
    }))
}
