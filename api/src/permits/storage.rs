//! Where documents and decision PDFs live: content-addressed objects named by their SHA-256
//! (`ab/abcdef…`), so a file uploaded twice is stored once and a stored file can never change
//! under its name. Through the `object_store` crate: a local folder by default
//! (`permits.storage_dir`, `data/documents/`), or any S3-compatible store (`permits.s3`) that
//! every node reaches with no shared folder (docs/scaling.md).
//!
//! An upload is streamed to a temporary object (`tmp/<uuid>`, a multipart upload: a few MiB in
//! memory at a time, never the whole file) while it is hashed and counted, refused as soon as it
//! passes the slot's size limit, and its type is read from its first bytes (magic numbers, with
//! the `infer` crate), never from its name or the client's `Content-Type`. Only a file
//! that passes every check is moved under its name; a refused one is aborted and leaves nothing
//! behind. A put is complete or absent: a multipart upload appears only when completed, and the
//! move is a rename (folder) or a server-side copy (S3).

use std::{path::PathBuf, sync::Arc, time::Duration};

use futures_util::{Stream, StreamExt};
use object_store::{
    ObjectStore, WriteMultipart, aws::AmazonS3Builder, local::LocalFileSystem, path::Path,
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::ApiError;

/// `[permits.s3]`: an S3-compatible object store for documents and decision PDFs.
#[derive(Debug, Clone, Deserialize)]
pub struct S3Settings {
    /// The store's address, e.g. `https://s3.example.kz` or `http://127.0.0.1:3900`.
    pub endpoint: String,
    pub bucket: String,
    #[serde(default = "default_region")]
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: SecretString,
}

fn default_region() -> String {
    "us-east-1".into()
}

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

/// The document store: a local folder or an S3-compatible bucket. Cheap to clone.
#[derive(Debug, Clone)]
pub struct FileStore {
    /// The store, or why it could not be opened (every use then answers 503).
    store: Result<Arc<dyn ObjectStore>, String>,
    /// How long a file's version, once read, may stand for the store's answer
    /// ([`FileStore::version_recheck`]).
    recheck: Duration,
    /// The local folder, when the store is one: [`FileStore::version`] asks the file system
    /// directly.
    local_root: Option<PathBuf>,
}

/// How long the version of a file in an S3 bucket, once read, stands for the bucket's answer in
/// the public verification: asking costs a round trip to the store on every verification.
pub const S3_VERSION_RECHECK: Duration = Duration::from_secs(5);

/// How many times a failed request to the S3 store is tried again, and for how long at most.
pub const S3_RETRIES: usize = 3;
pub const S3_RETRY_TIMEOUT: Duration = Duration::from_secs(10);

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

/// Up to this many bytes of an upload are held in memory before they are sent as one part.
const PART_BYTES: usize = 5 * 1024 * 1024;

impl FileStore {
    /// The store in the folder `root`, created if missing.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let store = std::fs::create_dir_all(&root)
            .map_err(|e| e.to_string())
            .and_then(|()| LocalFileSystem::new_with_prefix(&root).map_err(|e| e.to_string()))
            .map(|fs| Arc::new(fs) as Arc<dyn ObjectStore>)
            .map_err(|e| format!("the document folder {} cannot be used: {e}", root.display()));
        Self {
            store,
            recheck: Duration::ZERO,
            local_root: Some(root),
        }
    }

    /// The store in an S3-compatible bucket. A request the store fails (a dropped connection, a
    /// 5xx, "slow down") is tried again [`S3_RETRIES`] times with growing pauses, for at most
    /// [`S3_RETRY_TIMEOUT`]: a store that is down answers the client with a 503 in seconds rather
    /// than holding the request for the client library's default of three minutes.
    pub fn s3(settings: &S3Settings) -> anyhow::Result<Self> {
        let store = AmazonS3Builder::new()
            .with_endpoint(&settings.endpoint)
            .with_bucket_name(&settings.bucket)
            .with_region(&settings.region)
            .with_access_key_id(&settings.access_key_id)
            .with_secret_access_key(settings.secret_access_key.expose_secret())
            .with_allow_http(settings.endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false)
            .with_retry(object_store::RetryConfig {
                backoff: object_store::BackoffConfig {
                    init_backoff: Duration::from_millis(100),
                    max_backoff: Duration::from_secs(2),
                    base: 2.0,
                },
                max_retries: S3_RETRIES,
                retry_timeout: S3_RETRY_TIMEOUT,
            })
            .build()?;
        Ok(Self {
            store: Ok(Arc::new(store)),
            recheck: S3_VERSION_RECHECK,
            local_root: None,
        })
    }

    fn store(&self) -> Result<&Arc<dyn ObjectStore>, ApiError> {
        self.store.as_ref().map_err(|why| {
            tracing::error!(error = %why, "document storage failed");
            unavailable()
        })
    }

    fn path_of(sha256: &str) -> Result<Path, ApiError> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ApiError::Internal(anyhow::anyhow!(
                "not a SHA-256: {sha256}"
            )));
        }
        Ok(Path::from(format!("{}/{sha256}", &sha256[..2])))
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
        let store = self.store()?;
        let temp = Path::from(format!("tmp/{}", Uuid::now_v7()));
        let upload = store.put_multipart(&temp).await.map_err(storage_error)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
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
                writer
                    .wait_for_capacity(2)
                    .await
                    .map_err(storage_error)?;
                writer.write(&chunk);
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
            Ok(Stored {
                sha256: hex::encode(hasher.finalize()),
                size,
                content_type: content_type.to_owned(),
            })
        }
        .await;
        let stored = match result {
            Ok(stored) => stored,
            Err(e) => {
                let _ = writer.abort().await;
                return Err(e);
            }
        };
        writer.finish().await.map_err(storage_error)?;
        let target = Self::path_of(&stored.sha256)?;
        if let Err(e) = store.rename(&temp, &target).await {
            let _ = store.delete(&temp).await;
            return Err(storage_error(e));
        }
        Ok(stored)
    }

    /// Stores bytes the server made (decision PDFs); returns their SHA-256.
    pub async fn put_bytes(&self, bytes: &[u8]) -> Result<String, ApiError> {
        let store = self.store()?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        let target = Self::path_of(&sha256)?;
        if store.head(&target).await.is_ok() {
            return Ok(sha256);
        }
        // A single put is atomic in both stores: the object is there whole, or not at all.
        store
            .put(&target, bytes.to_vec().into())
            .await
            .map_err(storage_error)?;
        Ok(sha256)
    }

    /// A stored file's bytes (decision PDFs and what the evidence package carries; documents
    /// are served with [`FileStore::read_stream`]).
    pub async fn read(&self, sha256: &str) -> Result<Vec<u8>, ApiError> {
        let store = self.store()?;
        let path = Self::path_of(sha256)?;
        let got = store.get(&path).await.map_err(|e| unreadable(sha256, &e))?;
        let bytes = got.bytes().await.map_err(|e| unreadable(sha256, &e))?;
        Ok(bytes.to_vec())
    }

    /// How long a version read with [`FileStore::version`] may be relied on without asking again:
    /// never for the local folder (a `stat`), [`S3_VERSION_RECHECK`] for a bucket (a request).
    pub fn version_recheck(&self) -> Duration {
        self.recheck
    }

    /// The stored object's version (its size, ETag and time of writing, as the store reports
    /// them): any rewrite of the object changes it, so a check of its bytes remembered with the
    /// version holds while the version does.
    pub async fn version(&self, sha256: &str) -> Result<String, ApiError> {
        let store = self.store()?;
        let path = Self::path_of(sha256)?;
        if let Some(root) = &self.local_root {
            return local_version(&root.join(path.as_ref())).map_err(|e| {
                let e = match e.kind() {
                    std::io::ErrorKind::NotFound => object_store::Error::NotFound {
                        path: path.to_string(),
                        source: e.into(),
                    },
                    _ => object_store::Error::Generic {
                        store: "LocalFileSystem",
                        source: e.into(),
                    },
                };
                unreadable(sha256, &e)
            });
        }
        let meta = store
            .head(&path)
            .await
            .map_err(|e| unreadable(sha256, &e))?;
        Ok(format!(
            "{}:{}:{}",
            meta.size,
            meta.e_tag.unwrap_or_default(),
            meta.last_modified.timestamp_nanos_opt().unwrap_or_default()
        ))
    }

    /// A stored file, as it is read: never held whole in memory.
    pub async fn read_stream(
        &self,
        sha256: &str,
    ) -> Result<impl Stream<Item = Result<actix_web::web::Bytes, ApiError>> + use<>, ApiError> {
        let store = self.store()?;
        let path = Self::path_of(sha256)?;
        let got = store.get(&path).await.map_err(|e| unreadable(sha256, &e))?;
        let sha256 = sha256.to_owned();
        Ok(got
            .into_stream()
            .map(move |chunk| chunk.map_err(|e| unreadable(&sha256, &e))))
    }

    /// Removes a stored file (the caller knows nothing refers to it any more).
    pub async fn remove(&self, sha256: &str) -> Result<(), ApiError> {
        let store = self.store()?;
        let path = Self::path_of(sha256)?;
        match store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(storage_error(e)),
        }
    }
}

/// A store that cannot be asked (unreachable, misconfigured): said so, for reads and writes alike;
/// [`storage_error`] is the refusal of an upload.
fn unavailable() -> ApiError {
    ApiError::ServiceUnavailable("The document store is unavailable now".into())
}

/// A file's version in the local folder, from one `stat` on the calling thread: its size, inode,
/// and times of last change of its bytes and of its inode (which no program can set back). Only
/// the public verification asks, for a file whose check it remembers (read within
/// [`crate::permits::verified::REMEMBER_FOR`], so its inode is in the kernel's cache): a hop to
/// the blocking pool and back, as the object store's `head` takes (it also opens the file), cost
/// about a tenth of such a verification's CPU. The `stat` runs on the async worker: on a local
/// disk it takes microseconds, but on a network file system it could wait on the server, which
/// is one more reason several nodes use the S3 store rather than a shared folder (docs/scaling.md).
fn local_version(file: &std::path::Path) -> std::io::Result<String> {
    let meta = std::fs::metadata(file)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(format!(
            "{}:{:x}:{}.{}:{}.{}",
            meta.len(),
            meta.ino(),
            meta.mtime(),
            meta.mtime_nsec(),
            meta.ctime(),
            meta.ctime_nsec()
        ))
    }
    #[cfg(not(unix))]
    {
        Ok(format!("{}:{:?}", meta.len(), meta.modified()?))
    }
}

/// A stored file that cannot be read. One that is missing is data lost from the store, an
/// operator's matter (500, logged); a store that does not answer is a 503 the client may retry.
fn unreadable(sha256: &str, e: &object_store::Error) -> ApiError {
    match e {
        object_store::Error::NotFound { .. } => ApiError::Internal(anyhow::anyhow!(
            "document {sha256} is missing from the store"
        )),
        other => {
            tracing::error!(error = %other, "document storage failed");
            unavailable()
        }
    }
}

/// A full or unwritable disk, an unreachable store: the upload is refused and the client may
/// retry later.
fn storage_error(e: object_store::Error) -> ApiError {
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
    async fn a_local_file_rewritten_in_place_has_a_new_version() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = FileStore::new(dir.path());
        let stored = store
            .put_stream(stream(vec![PDF]), 1000, &pdf_only())
            .await
            .expect("stored");
        let first = store.version(&stored.sha256).await.expect("a version");
        assert_eq!(first, store.version(&stored.sha256).await.expect("again"));
        // The same number of bytes, one of them changed, its time of writing set back: the
        // inode's change time still moves.
        let file = dir.path().join(&stored.sha256[..2]).join(&stored.sha256);
        let written = std::fs::metadata(&file)
            .expect("stat")
            .modified()
            .expect("mtime");
        std::thread::sleep(Duration::from_millis(20));
        let mut altered = PDF.to_vec();
        altered[PDF.len() - 3] ^= 0x20;
        std::fs::write(&file, &altered).expect("rewrite");
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(written))
            .expect("set the time of writing back");
        let after = store.version(&stored.sha256).await.expect("a version");
        assert_ne!(first, after, "a rewrite must show");
        std::fs::remove_file(&file).expect("remove");
        let missing = store.version(&stored.sha256).await;
        assert!(
            matches!(missing, Err(ApiError::Internal(ref e)) if e.to_string().contains("missing")),
            "{missing:?}"
        );
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

    fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
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
