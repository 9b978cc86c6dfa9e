//! The transparency log: every signed act is a leaf of one append-only Merkle tree, hashed as
//! RFC 9162 §2.1 says (leaf `SHA-256(0x00 ‖ entry)`, node `SHA-256(0x01 ‖ left ‖ right)`), as
//! Certificate Transparency logs and Sigstore's Rekor do. The server signs the tree's head (size and
//! root hash) with its log key (Ed25519) and answers inclusion proofs (this act is in the tree of
//! that head) and consistency proofs (the tree of that older head is a prefix of this one). Whoever
//! kept an old head can therefore prove that no act was removed or changed since: the proofs are
//! checked with the shipped `verify.py` (Python's standard library) and the head's signature with
//! `openssl pkeyutl`, without trusting Saulet.
//!
//! The tree is held in memory (32 bytes per act plus its nodes, about 100 bytes per act in all),
//! rebuilt from the `signed_acts` rows at the first use and caught up from them before every
//! answer, so several nodes sharing one database serve the same log. The rows are the source of
//! truth; the tree is a cache of their entry hashes.

use std::path::{Path, PathBuf};

use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::{DateTime, Utc};
use ct_merkle::{RootHash, mem_backed_tree::MemoryBackedTree};
use merkle_sha2::Sha256 as MerkleSha256;
use openssl::{
    pkey::{Id, PKey, Private, Public},
    sign::{Signer, Verifier},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::entity::{signed_act, tree_head};
use crate::{
    db::{is_unique_violation, stamp},
    error::ApiError,
};

/// Acts are read from the database in pages of this many rows when the log is audited.
const AUDIT_PAGE: u64 = 500;

/// The version of the entry format below; part of every entry.
pub const ENTRY_VERSION: u32 = 1;

/// What the log commits to for one act: its place, kind, time and the hashes of what was signed
/// and of the signature. Canonical JSON (keys sorted, no spaces), so anyone can rebuild it from an
/// evidence package (`json.dumps(entry, sort_keys=True, separators=(",", ":"))` in Python). The
/// act's personal data is not in it: the public log shows that acts exist, never whose they are.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    // Field order is the sorted key order.
    pub cms_sha256: &'a str,
    pub kind: &'a str,
    pub recorded_at: String,
    pub seq: i64,
    pub signed_sha256: &'a str,
    pub v: u32,
}

impl<'a> Entry<'a> {
    pub fn of(act: &'a signed_act::Model) -> Self {
        Self {
            cms_sha256: &act.cms_sha256,
            kind: &act.kind,
            recorded_at: time_text(act.recorded_at),
            seq: act.seq,
            signed_sha256: &act.signed_sha256,
            v: ENTRY_VERSION,
        }
    }

    /// The canonical bytes.
    pub fn bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The SHA-256 of the canonical bytes: the leaf's input.
    pub fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.bytes()).into()
    }
}

/// Times in entries and tree heads: RFC 3339, UTC, microseconds.
pub fn time_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// One leaf's input: the SHA-256 of the act's entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Leaf(pub [u8; 32]);

impl AsRef<[u8]> for Leaf {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

type Tree = MemoryBackedTree<MerkleSha256, Leaf>;

/// RFC 9162 leaf hash of an entry digest.
pub fn leaf_hash(leaf: &Leaf) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update([0u8]);
    hasher.update(leaf.0);
    hasher.finalize().into()
}

/// What a tree head's signature covers, as text:
///
/// ```text
/// saulet transparency log v1
/// tree_size: 42
/// root_hash: <64 hex digits>
/// issued_at: 2026-12-03T12:00:00.000000Z
/// ```
pub fn tree_head_message(tree_size: i64, root_hash: &str, issued_at: DateTime<Utc>) -> String {
    format!(
        "saulet transparency log v1\ntree_size: {tree_size}\nroot_hash: {root_hash}\nissued_at: {}\n",
        time_text(issued_at)
    )
}

/// The log's signing key (Ed25519).
pub struct LogKey {
    key: PKey<Private>,
    public: PKey<Public>,
    key_id: String,
    public_pem: String,
}

impl LogKey {
    /// Loads the key from `configured`, or from (or into) `<data_dir>/keys/log-ed25519.pem`.
    pub fn load_or_generate(configured: Option<&Path>, data_dir: &Path) -> anyhow::Result<Self> {
        let path: PathBuf = match configured {
            Some(path) => path.to_path_buf(),
            None => data_dir.join("keys").join("log-ed25519.pem"),
        };
        if !path.exists() {
            anyhow::ensure!(
                configured.is_none(),
                "evidence.log_key_file {} does not exist",
                path.display()
            );
            let key = PKey::generate_ed25519()?;
            crate::secrets::create_secret_file(&path, &key.private_key_to_pem_pkcs8()?)?;
            tracing::info!(path = %path.display(), "generated a new transparency log key");
        }
        let pem = std::fs::read(&path).map_err(|e| {
            anyhow::anyhow!(
                "cannot read the transparency log key {}: {e}",
                path.display()
            )
        })?;
        Self::from_pem(&pem)
    }

    /// A fresh key that lives as long as the process (in-process tests).
    pub fn ephemeral() -> anyhow::Result<Self> {
        Self::from_pem(&PKey::generate_ed25519()?.private_key_to_pem_pkcs8()?)
    }

    pub fn from_pem(pem: &[u8]) -> anyhow::Result<Self> {
        let key = PKey::private_key_from_pem(pem)?;
        anyhow::ensure!(
            key.id() == Id::ED25519,
            "the transparency log key must be Ed25519"
        );
        let raw = key.raw_public_key()?;
        let public = PKey::public_key_from_raw_bytes(&raw, Id::ED25519)?;
        Ok(Self {
            key_id: hex::encode(Sha256::digest(&raw)),
            public_pem: String::from_utf8(public.public_key_to_pem()?)?,
            key,
            public,
        })
    }

    /// SHA-256 of the raw public key, hex.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The public key, PEM (SubjectPublicKeyInfo), as `openssl pkeyutl -pubin` reads it.
    pub fn public_pem(&self) -> &str {
        &self.public_pem
    }

    fn sign(&self, message: &[u8]) -> Result<String, ApiError> {
        let mut signer = Signer::new_without_digest(&self.key).map_err(internal)?;
        let signature = signer.sign_oneshot_to_vec(message).map_err(internal)?;
        Ok(STANDARD.encode(signature))
    }

    /// Whether `signature` (base64) is this key's over `message`.
    pub fn verifies(&self, message: &[u8], signature: &str) -> bool {
        let Ok(signature) = STANDARD.decode(signature) else {
            return false;
        };
        Verifier::new_without_digest(&self.public)
            .and_then(|mut v| v.verify_oneshot(&signature, message))
            .unwrap_or(false)
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(anyhow::anyhow!("transparency log: {e}"))
}

/// A signed head of the log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TreeHead {
    /// How many acts the tree holds.
    #[schema(example = 42)]
    pub tree_size: i64,
    /// The RFC 9162 root hash, hex.
    #[schema(example = "3f1c0a7e9b2d4c6e8f00112233445566778899aabbccddeeff00112233445566")]
    pub root_hash: String,
    pub issued_at: DateTime<Utc>,
    /// SHA-256 of the log key's raw public key, hex.
    pub key_id: String,
    /// Ed25519 signature (base64) over `message`.
    pub signature: String,
    /// The exact text the signature covers.
    pub message: String,
}

impl From<tree_head::Model> for TreeHead {
    fn from(head: tree_head::Model) -> Self {
        Self {
            message: tree_head_message(head.tree_size, &head.root_hash, head.issued_at),
            tree_size: head.tree_size,
            root_hash: head.root_hash,
            issued_at: head.issued_at,
            key_id: head.key_id,
            signature: head.signature,
        }
    }
}

/// That an act is in the tree of a given size (RFC 9162 §2.1.3).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InclusionProof {
    /// The act's index in the log (its `seq`).
    pub leaf_index: i64,
    pub tree_size: i64,
    /// The SHA-256 of the act's entry (the leaf input), hex.
    pub entry_sha256: String,
    /// The sibling hashes from the leaf up, hex.
    pub audit_path: Vec<String>,
    /// The root hash of the tree of `tree_size` acts, hex.
    pub root_hash: String,
}

/// That the tree of `first` acts is a prefix of the tree of `second` acts (RFC 9162 §2.1.4).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConsistencyProof {
    pub first: i64,
    pub second: i64,
    pub first_root_hash: String,
    pub second_root_hash: String,
    /// The proof's hashes, hex, in RFC 9162 order.
    pub path: Vec<String>,
}

/// What an audit of the whole log found.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogAudit {
    /// `true` when every act and every tree head checked out.
    pub intact: bool,
    /// Acts read.
    pub acts: i64,
    /// Signed tree heads checked against the acts.
    pub tree_heads: i64,
    /// Acts whose time-stamp token was checked (the others have none yet).
    pub time_stamped: i64,
    pub problems: Vec<LogProblem>,
}

/// One thing that does not check out.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LogProblem {
    /// The act (its `seq`) or tree head (its size) concerned.
    pub seq: Option<i64>,
    pub tree_size: Option<i64>,
    pub problem: String,
}

/// The log: its key and the cached tree.
pub struct TransparencyLog {
    key: LogKey,
    tree: tokio::sync::Mutex<Tree>,
}

impl TransparencyLog {
    pub fn new(key: LogKey) -> Self {
        Self {
            key,
            tree: tokio::sync::Mutex::new(Tree::new()),
        }
    }

    pub fn key(&self) -> &LogKey {
        &self.key
    }

    /// The tree, caught up with the committed acts. An act missing from the sequence (a deleted
    /// row) stops the catch-up there: the log then serves its last consistent prefix, and the
    /// audit names the gap.
    async fn caught_up<C: ConnectionTrait>(
        &self,
        db: &C,
    ) -> Result<tokio::sync::MutexGuard<'_, Tree>, ApiError> {
        // The query runs without the lock: every reader of the log (each public verification)
        // would otherwise wait for the others' round trips to the database.
        // Asked on every public verification: its text is built once.
        static NEWER: crate::db::BuiltOnce = crate::db::BuiltOnce::new();
        let from = self.tree.lock().await.len() as i64;
        let statement = NEWER.statement(db.get_database_backend(), vec![from.into()], |backend| {
            signed_act::Entity::find()
                .select_only()
                .column(signed_act::Column::Seq)
                .column(signed_act::Column::EntrySha256)
                .filter(signed_act::Column::Seq.gte(from))
                .order_by_asc(signed_act::Column::Seq)
                .build(backend)
        });
        let rows = db
            .query_all(statement)
            .await?
            .iter()
            .map(|row| Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?)))
            .collect::<Result<Vec<(i64, String)>, sea_orm::DbErr>>()?;
        let mut tree = self.tree.lock().await;
        for (seq, entry) in rows {
            if seq < tree.len() as i64 {
                continue; // added meanwhile by another reader
            }
            let leaf = match decode_digest(&entry) {
                Some(leaf) if seq == tree.len() as i64 => leaf,
                _ => {
                    tracing::error!(
                        seq,
                        size = tree.len(),
                        "the transparency log has a gap or a malformed entry; serving the prefix"
                    );
                    break;
                }
            };
            tree.push(Leaf(leaf));
        }
        Ok(tree)
    }

    /// The current size of the log.
    pub async fn size<C: ConnectionTrait>(&self, db: &C) -> Result<i64, ApiError> {
        Ok(self.caught_up(db).await?.len() as i64)
    }

    /// The signed head of the current tree, signed now when no head of this size exists yet.
    pub async fn head<C: ConnectionTrait>(
        &self,
        db: &C,
        now: DateTime<Utc>,
    ) -> Result<TreeHead, ApiError> {
        let (size, root) = {
            let tree = self.caught_up(db).await?;
            (tree.len() as i64, hex::encode(tree.root().as_bytes()))
        };
        if let Some(head) = tree_head::Entity::find_by_id(size).one(db).await? {
            return Ok(head.into());
        }
        let issued_at = stamp(now);
        let signature = self
            .key
            .sign(tree_head_message(size, &root, issued_at).as_bytes())?;
        let head = tree_head::ActiveModel {
            tree_size: Set(size),
            root_hash: Set(root),
            issued_at: Set(issued_at),
            key_id: Set(self.key.key_id.clone()),
            signature: Set(signature),
        };
        match tree_head::Entity::insert(head).exec(db).await {
            Ok(_) => {}
            // Another node signed this size first: serve its head.
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e.into()),
        }
        tree_head::Entity::find_by_id(size)
            .one(db)
            .await?
            .map(Into::into)
            .ok_or_else(|| internal("a tree head just written is missing"))
    }

    /// A signed head of exactly `tree_size` acts, when one was issued.
    pub async fn head_of_size<C: ConnectionTrait>(
        &self,
        db: &C,
        tree_size: i64,
    ) -> Result<Option<TreeHead>, ApiError> {
        Ok(tree_head::Entity::find_by_id(tree_size)
            .one(db)
            .await?
            .map(Into::into))
    }

    /// The inclusion proof of act `seq` in the tree of `tree_size` acts (the current tree when
    /// `None`). 422 when the act or the size is outside the log.
    pub async fn inclusion<C: ConnectionTrait>(
        &self,
        db: &C,
        seq: i64,
        tree_size: Option<i64>,
    ) -> Result<InclusionProof, ApiError> {
        let mut proofs = self.inclusions(db, &[seq], tree_size).await?;
        proofs
            .pop()
            .ok_or_else(|| internal("no proof was made for one act"))
    }

    /// The inclusion proofs of several acts in one tree: one catch-up and one tree, however many
    /// acts (an evidence package asks for all of its acts at once).
    pub async fn inclusions<C: ConnectionTrait>(
        &self,
        db: &C,
        seqs: &[i64],
        tree_size: Option<i64>,
    ) -> Result<Vec<InclusionProof>, ApiError> {
        if seqs.is_empty() {
            return Ok(Vec::new());
        }
        let tree = self.caught_up(db).await?;
        let current = tree.len() as i64;
        let size = tree_size.unwrap_or(current);
        if size < 1 || size > current {
            return Err(out_of_range(
                "tree_size",
                format!("the log holds {current} acts; ask for a size from 1 to {current}"),
            ));
        }
        if let Some(seq) = seqs.iter().find(|seq| **seq < 0 || **seq >= size) {
            return Err(out_of_range(
                "seq",
                format!(
                    "act {seq} is not in the tree of {size} acts (0 to {})",
                    size - 1
                ),
            ));
        }
        let prefix;
        let tree: &Tree = if size == current {
            &tree
        } else {
            prefix = prefix_of(&tree, size);
            &prefix
        };
        let root_hash = hex::encode(tree.root().as_bytes());
        Ok(seqs
            .iter()
            .map(|&seq| InclusionProof {
                leaf_index: seq,
                tree_size: size,
                entry_sha256: tree
                    .get(seq as usize)
                    .map(|leaf| hex::encode(leaf.0))
                    .unwrap_or_default(),
                audit_path: tree
                    .prove_inclusion(seq as usize)
                    .as_bytes()
                    .chunks(32)
                    .map(hex::encode)
                    .collect(),
                root_hash: root_hash.clone(),
            })
            .collect())
    }

    /// The consistency proof between the trees of `first` and `second` acts (the current tree when
    /// `None`). 422 unless 1 ≤ first ≤ second ≤ the log's size.
    pub async fn consistency<C: ConnectionTrait>(
        &self,
        db: &C,
        first: i64,
        second: Option<i64>,
    ) -> Result<ConsistencyProof, ApiError> {
        let tree = self.caught_up(db).await?;
        let current = tree.len() as i64;
        let second = second.unwrap_or(current);
        if second < 1 || second > current {
            return Err(out_of_range(
                "second",
                format!("the log holds {current} acts; ask for a size from 1 to {current}"),
            ));
        }
        if first < 1 || first > second {
            return Err(out_of_range(
                "first",
                format!("ask for a size from 1 to {second}"),
            ));
        }
        let newer_prefix;
        let newer: &Tree = if second == current {
            &tree
        } else {
            newer_prefix = prefix_of(&tree, second);
            &newer_prefix
        };
        let older = prefix_of(newer, first);
        let path = if first == second {
            Vec::new()
        } else {
            newer
                .prove_consistency((second - first) as usize)
                .as_bytes()
                .chunks(32)
                .map(hex::encode)
                .collect()
        };
        Ok(ConsistencyProof {
            first,
            second,
            first_root_hash: hex::encode(older.root().as_bytes()),
            second_root_hash: hex::encode(newer.root().as_bytes()),
            path,
        })
    }

    /// Reads every act and every tree head and checks them against each other: the sequence has
    /// no gap, each act's hashes match its bytes, each entry hash matches the act, every signed
    /// head's root is the root of the acts below it and its signature is the log key's, and each
    /// time-stamp token covers its act's signature (checked against `tsa_anchors`).
    pub async fn audit<C: ConnectionTrait>(
        &self,
        db: &C,
        tsa_anchors: &[openssl::x509::X509],
    ) -> Result<LogAudit, ApiError> {
        let heads = tree_head::Entity::find()
            .order_by_asc(tree_head::Column::TreeSize)
            .all(db)
            .await?;
        let mut audit = Auditor {
            key: &self.key,
            heads: heads.into_iter().peekable(),
            rebuilt: Tree::new(),
            problems: Vec::new(),
            heads_checked: 0,
        };
        audit.heads_at_current_size();
        let mut acts = 0;
        let mut time_stamped = 0;
        let mut after = -1_i64;
        loop {
            let page = signed_act::Entity::find()
                .filter(signed_act::Column::Seq.gt(after))
                .order_by_asc(signed_act::Column::Seq)
                .limit(AUDIT_PAGE)
                .all(db)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.seq;
            let bad_tokens = tokens_failing(&page, tsa_anchors).await?;
            for act in page {
                acts += 1;
                let expected = audit.rebuilt.len() as i64;
                if act.seq != expected {
                    audit.act_problem(
                        act.seq,
                        format!(
                            "acts {expected} to {} are missing: the log has a gap",
                            act.seq - 1
                        ),
                    );
                }
                let signed_sha256 = hex::encode(Sha256::digest(&act.signed_bytes));
                if signed_sha256 != act.signed_sha256 {
                    audit.act_problem(act.seq, "the signed bytes do not match their recorded hash");
                }
                let cms_sha256 = hex::encode(Sha256::digest(&act.cms));
                if cms_sha256 != act.cms_sha256 {
                    audit.act_problem(
                        act.seq,
                        "the signature (CMS) does not match its recorded hash",
                    );
                }
                if hex::encode(Entry::of(&act).digest()) != act.entry_sha256 {
                    audit.act_problem(act.seq, "the act's log entry does not match the act");
                }
                // The entry as the act's bytes make it now: a changed byte anywhere shows in
                // every signed head above it.
                let entry = Entry {
                    signed_sha256: &signed_sha256,
                    cms_sha256: &cms_sha256,
                    ..Entry::of(&act)
                }
                .digest();
                if act.tst.is_some() {
                    time_stamped += 1;
                    if bad_tokens.contains(&act.seq) {
                        audit.act_problem(
                            act.seq,
                            "the time-stamp token does not cover this signature",
                        );
                    }
                }
                // Keep the indices of the acts after a gap: fill it with marker leaves (the heads
                // above it then fail, as they must).
                while (audit.rebuilt.len() as i64) < act.seq {
                    audit.rebuilt.push(Leaf([0; 32]));
                    audit.heads_at_current_size();
                }
                // The rebuilt tree takes the entry recomputed from the act, so a changed act also
                // shows as a signed head whose root no longer matches.
                audit.rebuilt.push(Leaf(entry));
                audit.heads_at_current_size();
            }
        }
        let left = audit.rebuilt.len();
        for head in audit.heads.by_ref() {
            audit.heads_checked += 1;
            audit.problems.push(LogProblem {
                seq: None,
                tree_size: Some(head.tree_size),
                problem: format!(
                    "a tree head was signed for {} acts, but only {left} acts are left",
                    head.tree_size
                ),
            });
        }
        Ok(LogAudit {
            intact: audit.problems.is_empty(),
            acts,
            tree_heads: audit.heads_checked,
            time_stamped,
            problems: audit.problems,
        })
    }
}

/// The acts of `page` whose time-stamp token does not verify over their CMS (none checked when no
/// TSA is trusted). The tokens are checked on the blocking pool: a page is hundreds of signature
/// and chain checks, which must not hold an async worker.
async fn tokens_failing(
    page: &[signed_act::Model],
    tsa_anchors: &[openssl::x509::X509],
) -> Result<std::collections::HashSet<i64>, ApiError> {
    if tsa_anchors.is_empty() {
        return Ok(Default::default());
    }
    let stamped: Vec<(i64, Vec<u8>, Vec<u8>)> = page
        .iter()
        .filter_map(|act| Some((act.seq, act.tst.clone()?, act.cms.clone())))
        .collect();
    let anchors = tsa_anchors.to_vec();
    tokio::task::spawn_blocking(move || {
        stamped
            .into_iter()
            .filter(|(_, token, cms)| {
                crate::eds::tsa::verify_token(token, cms, &anchors, None).is_err()
            })
            .map(|(seq, _, _)| seq)
            .collect()
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))
}

/// The state of one audit: the tree rebuilt from the acts as read, and the heads not yet reached.
struct Auditor<'a> {
    key: &'a LogKey,
    heads: std::iter::Peekable<std::vec::IntoIter<tree_head::Model>>,
    rebuilt: Tree,
    problems: Vec<LogProblem>,
    heads_checked: i64,
}

impl Auditor<'_> {
    fn act_problem(&mut self, seq: i64, problem: impl Into<String>) {
        self.problems.push(LogProblem {
            seq: Some(seq),
            tree_size: None,
            problem: problem.into(),
        });
    }

    /// Checks the heads signed for the rebuilt tree's current size.
    fn heads_at_current_size(&mut self) {
        let size = self.rebuilt.len() as i64;
        while let Some(head) = self.heads.next_if(|head| head.tree_size <= size) {
            self.heads_checked += 1;
            let mut problem = |text: &str| {
                self.problems.push(LogProblem {
                    seq: None,
                    tree_size: Some(head.tree_size),
                    problem: text.to_owned(),
                })
            };
            if head.tree_size < size {
                problem(
                    "no tree head of this size can be checked: the acts below it are out of order",
                );
                continue;
            }
            if hex::encode(self.rebuilt.root().as_bytes()) != head.root_hash {
                problem(
                    "the signed root hash is not the root of the acts now stored: an act below \
                     this head was changed, removed or inserted",
                );
            }
            let message = tree_head_message(head.tree_size, &head.root_hash, head.issued_at);
            if head.key_id != self.key.key_id
                || !self.key.verifies(message.as_bytes(), &head.signature)
            {
                problem("the tree head's signature is not the log key's");
            }
        }
    }
}

/// The tree of the first `size` leaves of `tree`.
fn prefix_of(tree: &Tree, size: i64) -> Tree {
    let mut prefix = Tree::new();
    for leaf in tree.items().iter().take(size.max(0) as usize) {
        prefix.push(*leaf);
    }
    prefix
}

fn decode_digest(text: &str) -> Option<[u8; 32]> {
    hex::decode(text).ok()?.try_into().ok()
}

fn out_of_range(field: &str, message: String) -> ApiError {
    ApiError::Validation(vec![crate::error::FieldError::new(
        field,
        "out_of_range",
        message,
    )])
}

/// The root of a tree of these entry digests (for tests and the audit).
pub fn root_of(leaves: &[[u8; 32]]) -> String {
    let mut tree = Tree::new();
    for leaf in leaves {
        tree.push(Leaf(*leaf));
    }
    let root: RootHash<MerkleSha256> = tree.root();
    hex::encode(root.as_bytes())
}
