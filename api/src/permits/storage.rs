//! Where documents live: content-addressed files under `storage.dir` (default
//! `data/documents/`), named by their SHA-256, so a file uploaded twice is stored once and a
//! stored file can never change under its name.
//!
//! An upload is streamed to a temporary file while it is hashed and counted, refused as soon as it
//! passes the slot's size limit, and its type is read from its first bytes (magic numbers, with
//! the `infer` crate), never from its name or the client's `Content-Type`. Only a file
//! that passes every check is moved into place; a refused one leaves nothing behind.

use std::path::{Path, PathBuf};

use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;
use uuid::Uuid;

use crate::error::ApiError;

/// The content types Saulet can recognise from a file's bytes; a checklist may allow only these.
pub const SNIFFABLE: &[&str] = &["application/pdf", "image/png", "image/jpeg", "image/tiff"];

/// How many leading bytes are read before the type is decided.
const SNIFF_BYTES: usize = 8192;

/// How many trailing bytes are kept to look for a second format appended to the first.
const TAIL_BYTES: usize = 65_536;

/// A ZIP archive's end-of-central-directory record: ZIP readers start from the end of a file, so
/// a document with an archive appended opens as both (a polyglot).
const ZIP_END: &[u8] = b"PK\x05\x06";

/// Whether the last bytes of a file hold a second format that its readers would open.
fn appended_archive(tail: &[u8]) -> bool {
    tail.windows(ZIP_END.len()).any(|w| w == ZIP_END)
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    pub sha256: String,
    pub size: u64,
    pub content_type: String,
}

/// The document store on a local (or mounted network) file system.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// What the bytes of a file are, as far as the checklist cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A program or library (PE, ELF, Mach-O, a script with a shebang…): always refused.
    Executable(String),
    Known(&'static str),
    Unknown,
}

/// Reads a file's type from its first bytes.
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"#!") {
        return Sniffed::Executable("a script".into());
    }
    match infer::get(head) {
        Some(kind) if kind.matcher_type() == infer::MatcherType::App => {
            Sniffed::Executable(kind.mime_type().to_owned())
        }
        Some(kind) => SNIFFABLE
            .iter()
            .find(|t| **t == kind.mime_type())
            .map_or(Sniffed::Unknown, |t| Sniffed::Known(t)),
        None => Sniffed::Unknown,
    }
}

/// Whether a file whose first bytes are `head` may go into a slot allowing `allowed`.
pub fn check_type(head: &[u8], allowed: &[String]) -> Result<&'static str, ApiError> {
    match sniff(head) {
        Sniffed::Executable(what) => Err(ApiError::UnsupportedFileType(format!(
            "The file is a program ({what}), whatever its name says; programs are never accepted."
        ))),
        Sniffed::Known(t) if allowed.iter().any(|a| a == t) => Ok(t),
        Sniffed::Known(t) => Err(ApiError::UnsupportedFileType(format!(
            "The file's content is {t}, but this document must be {}.",
            allowed.join(" or ")
        ))),
        Sniffed::Unknown => Err(ApiError::UnsupportedFileType(format!(
            "The file's content is not a recognised document; this document must be {}.",
            allowed.join(" or ")
        ))),
    }
}

impl FileStore {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    fn path_of(&self, sha256: &str) -> Result<PathBuf, ApiError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::Internal(anyhow::anyhow!(
                "not a SHA-256: {sha256}"
            )));
        }
        Ok(self.root.join(&sha256[..2]).join(sha256))
    }

    async fn temp_file(&self) -> Result<(PathBuf, tokio::fs::File), ApiError> {
        let dir = self.root.join("tmp");
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(storage_error)?;
        let path = dir.join(Uuid::now_v7().to_string());
        let file = tokio::fs::File::create(&path)
            .await
            .map_err(storage_error)?;
        Ok((path, file))
    }

    /// Streams an upload into the store, checking its size and type on the way.
    pub async fn put_stream<S, E>(
        &self,
        mut stream: S,
        limit: u64,
        allowed: &[String],
    ) -> Result<Stored, ApiError>
    where
        S: Stream<Item = Result<actix_web::web::Bytes, E>> + Unpin,
        E: std::fmt::Display,
    {
        let (temp, mut file) = self.temp_file().await?;
        let result = async {
            let mut hasher = Sha256::new();
            let mut size: u64 = 0;
            let mut head: Vec<u8> = Vec::new();
            let mut tail: Vec<u8> = Vec::new();
            let mut content_type = None;
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::MalformedBody(format!("the upload was interrupted: {e}"))
                })?;
                size += chunk.len() as u64;
                if size > limit {
                    return Err(ApiError::PayloadTooLarge {
                        limit: usize::try_from(limit).unwrap_or(usize::MAX),
                    });
                }
                if content_type.is_none() {
                    head.extend_from_slice(
                        &chunk[..chunk.len().min(SNIFF_BYTES - head.len().min(SNIFF_BYTES))],
                    );
                    if head.len() >= SNIFF_BYTES {
                        content_type = Some(check_type(&head, allowed)?);
                    }
                }
                hasher.update(&chunk);
                tail.extend_from_slice(&chunk);
                if tail.len() > 2 * TAIL_BYTES {
                    tail.drain(..tail.len() - TAIL_BYTES);
                }
                file.write_all(&chunk).await.map_err(storage_error)?;
            }
            if size == 0 {
                return Err(ApiError::EmptyFile);
            }
            let content_type = match content_type {
                Some(t) => t,
                None => check_type(&head, allowed)?,
            };
            let tail = &tail[tail.len().saturating_sub(TAIL_BYTES)..];
            if appended_archive(tail) {
                return Err(ApiError::UnsupportedFileType(
                    "The file is also a ZIP archive (a second format appended to the document); send the document on its own.".into(),
                ));
            }
            file.sync_all().await.map_err(storage_error)?;
            Ok(Stored {
                sha256: hex::encode(hasher.finalize()),
                size,
                content_type: content_type.to_owned(),
            })
        }
        .await;
        drop(file);
        match result {
            Ok(stored) => {
                let target = self.path_of(&stored.sha256)?;
                self.settle(&temp, &target).await?;
                Ok(stored)
            }
            Err(e) => {
                let _ = tokio::fs::remove_file(&temp).await;
                Err(e)
            }
        }
    }

    /// Stores bytes the server made (decision PDFs); returns their SHA-256.
    pub async fn put_bytes(&self, bytes: &[u8]) -> Result<String, ApiError> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        let target = self.path_of(&sha256)?;
        if tokio::fs::try_exists(&target).await.unwrap_or(false) {
            return Ok(sha256);
        }
        let (temp, mut file) = self.temp_file().await?;
        let written = async {
            file.write_all(bytes).await?;
            file.sync_all().await
        }
        .await;
        drop(file);
        if let Err(e) = written {
            let _ = tokio::fs::remove_file(&temp).await;
            return Err(storage_error(e));
        }
        self.settle(&temp, &target).await?;
        Ok(sha256)
    }

    async fn settle(&self, temp: &Path, target: &Path) -> Result<(), ApiError> {
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir)
                .await
                .map_err(storage_error)?;
        }
        let moved = tokio::fs::rename(temp, target).await;
        if let Err(e) = moved {
            let _ = tokio::fs::remove_file(temp).await;
            return Err(storage_error(e));
        }
        Ok(())
    }

    /// A stored file's bytes.
    pub async fn read(&self, sha256: &str) -> Result<Vec<u8>, ApiError> {
        let path = self.path_of(sha256)?;
        tokio::fs::read(&path)
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("document {sha256} unreadable: {e}")))
    }

    /// Removes a stored file (the caller knows nothing refers to it any more).
    pub async fn remove(&self, sha256: &str) -> Result<(), ApiError> {
        let path = self.path_of(sha256)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(storage_error(e)),
        }
    }
}

/// A full or unwritable disk: the upload is refused and the client may retry later.
fn storage_error(e: std::io::Error) -> ApiError {
    tracing::error!(error = %e, "document storage failed");
    ApiError::ServiceUnavailable("The document store cannot take files now".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";
    const EXE: &[u8] = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";

    fn stream(
        parts: Vec<&'static [u8]>,
    ) -> impl Stream<Item = Result<actix_web::web::Bytes, String>> + Unpin {
        futures_util::stream::iter(
            parts
                .into_iter()
                .map(|p| Ok(actix_web::web::Bytes::from_static(p))),
        )
    }

    fn pdf_only() -> Vec<String> {
        vec!["application/pdf".into()]
    }

    #[test]
    fn reads_the_type_from_the_bytes_not_the_name() {
        assert_eq!(sniff(PDF), Sniffed::Known("application/pdf"));
        assert!(matches!(sniff(EXE), Sniffed::Executable(_)));
        assert!(matches!(
            sniff(b"#!/bin/sh\nrm -rf /"),
            Sniffed::Executable(_)
        ));
        assert_eq!(sniff(b"plain words"), Sniffed::Unknown);
    }

    #[tokio::test]
    async fn a_good_file_is_stored_under_its_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileStore::new(dir.path());
        let stored = store
            .put_stream(stream(vec![&PDF[..10], &PDF[10..]]), 1000, &pdf_only())
            .await
            .expect("stored");
        assert_eq!(stored.sha256, hex::encode(Sha256::digest(PDF)));
        assert_eq!(store.read(&stored.sha256).await.expect("read"), PDF);
    }

    #[tokio::test]
    async fn refused_uploads_leave_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileStore::new(dir.path());
        let too_big = store.put_stream(stream(vec![PDF]), 10, &pdf_only()).await;
        assert!(matches!(too_big, Err(ApiError::PayloadTooLarge { .. })));
        let exe = store.put_stream(stream(vec![EXE]), 1000, &pdf_only()).await;
        assert!(matches!(exe, Err(ApiError::UnsupportedFileType(_))));
        let polyglot = store
            .put_stream(
                stream(vec![PDF, b"PK\x03\x04zip", b"PK\x05\x06\x00\x00"]),
                1000,
                &pdf_only(),
            )
            .await;
        assert!(matches!(polyglot, Err(ApiError::UnsupportedFileType(_))));
        let empty = store.put_stream(stream(vec![]), 1000, &pdf_only()).await;
        assert!(matches!(empty, Err(ApiError::EmptyFile)));
        let files: Vec<_> = walk(dir.path());
        assert!(files.is_empty(), "left behind: {files:?}");
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
