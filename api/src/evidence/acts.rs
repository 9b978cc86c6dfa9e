//! Signed acts: what was signed (the exact bytes), the signature (CMS, DER), trusted time (an RFC
//! 3161 token over the SHA-256 of the CMS) and what the signature was accepted on (the chain and
//! the CRL or OCSP answer), stored once per act and appended to the transparency log.
//!
//! The areas call [`Evidence::record`] inside the transaction that makes the act take effect, so an
//! act and its evidence are committed together or not at all, and [`Evidence::stamp_owned`] after
//! the commit: the time-stamping authority is a network call, never made while a transaction
//! holds locks. An act the TSA could not stamp then (it was down) is stamped by the retry task
//! ([`spawn_stamp_pending`]); its token's time is then later, and still before anyone could
//! have forged the signature after the certificate's end.

use std::sync::Arc;

use base64::{Engine, engine::general_purpose::STANDARD};
use openssl::x509::X509;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    entity::signed_act,
    log::{Entry, LogKey, TransparencyLog},
};
use crate::{
    db::{is_unique_violation, stamp},
    eds::{
        Verified,
        tsa::{TimeStamp, TimeStamper},
    },
    error::ApiError,
    kernel::Core,
};

/// The kinds of act, as stored and as named in evidence packages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActKind {
    /// Registration: the person signed the server's one-time challenge with the AUTH key.
    Registration,
    /// Acceptance of one version of an agreement (user agreement, personal-data consent).
    AgreementAcceptance,
    /// Withdrawal of a personal-data consent.
    ConsentWithdrawal,
    /// A permit request's submission or resubmission (the SHA-256 of its canonical form).
    Submission,
    /// Another organisation's answer to an approval task, with its document.
    Approval,
    /// The department's preliminary refusal.
    PreliminaryRefusal,
    /// The applicant's objection to a preliminary refusal.
    Objection,
    /// The department's decision (the signed PDF).
    Decision,
    /// An approval the law deems given when an organisation stayed silent past its period,
    /// sealed by the department (the server's organisation key).
    DeemedApproval,
}

impl ActKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::AgreementAcceptance => "agreement-acceptance",
            Self::ConsentWithdrawal => "consent-withdrawal",
            Self::Submission => "submission",
            Self::Approval => "approval",
            Self::PreliminaryRefusal => "preliminary-refusal",
            Self::Objection => "objection",
            Self::Decision => "decision",
            Self::DeemedApproval => "deemed-approval",
        }
    }
}

/// One act to record.
pub struct NewAct<'a> {
    pub kind: ActKind,
    pub account_id: Option<Uuid>,
    pub request_id: Option<Uuid>,
    /// What the act is about inside its area (a consent record's id, a version, a decision).
    pub reference: Option<String>,
    /// The exact bytes the signature covers.
    pub signed: &'a [u8],
    /// The structured document whose SHA-256 `signed` is, when no other table keeps it.
    pub content: Option<serde_json::Value>,
    pub verified: &'a Verified,
}

/// The evidence service: the log and the time-stamping authority.
pub struct Evidence {
    core: Core,
    stamper: Option<Arc<dyn TimeStamper>>,
    tsa_anchors: Vec<X509>,
    log: TransparencyLog,
}

impl Evidence {
    /// `stamper` is `None` when no TSA is configured (`eds.tsa_url`): acts are then kept without
    /// trusted time, and [`Evidence::stamp_pending`] stamps them once one is.
    pub fn new(
        core: Core,
        stamper: Option<Arc<dyn TimeStamper>>,
        tsa_anchors: Vec<X509>,
        key: LogKey,
    ) -> Self {
        Self {
            core,
            stamper,
            tsa_anchors,
            log: TransparencyLog::new(key),
        }
    }

    /// Without a TSA, with a log key that lives as long as the process (in-process tests).
    pub fn ephemeral(core: Core) -> anyhow::Result<Self> {
        Ok(Self::new(core, None, Vec::new(), LogKey::ephemeral()?))
    }

    pub fn log(&self) -> &TransparencyLog {
        &self.log
    }

    pub fn tsa_anchors(&self) -> &[X509] {
        &self.tsa_anchors
    }

    pub fn core(&self) -> &Core {
        &self.core
    }

    /// Records the act in `conn` (the transaction that makes the act take effect) as the next
    /// leaf of the log. 409 when this very signature was recorded before: a signature is evidence
    /// of one act only. Writers are serialised until the transaction ends (PostgreSQL: an
    /// advisory lock; SQLite: its one writer). A caller that also appends to the consent chain
    /// appends there first, so the two locks are always taken in the same order.
    pub async fn record<C: ConnectionTrait>(
        &self,
        conn: &C,
        act: NewAct<'_>,
    ) -> Result<signed_act::Model, ApiError> {
        if conn.get_database_backend() == DatabaseBackend::Postgres {
            conn.execute(Statement::from_string(
                DatabaseBackend::Postgres,
                "SELECT pg_advisory_xact_lock(7256003)",
            ))
            .await?;
        }
        let last: Option<i64> = signed_act::Entity::find()
            .select_only()
            .column(signed_act::Column::Seq)
            .order_by_desc(signed_act::Column::Seq)
            .limit(1)
            .into_tuple()
            .one(conn)
            .await?;
        let verified = act.verified;
        let encode = |items: &[Vec<u8>]| {
            items
                .iter()
                .map(|der| STANDARD.encode(der))
                .collect::<Vec<_>>()
        };
        let mut model = signed_act::Model {
            id: Uuid::now_v7(),
            seq: last.map_or(0, |seq| seq + 1),
            kind: act.kind.as_str().to_owned(),
            account_id: act.account_id,
            request_id: act.request_id,
            reference: act.reference,
            signed_bytes: act.signed.to_vec(),
            content: act.content,
            signed_sha256: hex::encode(Sha256::digest(act.signed)),
            cms: verified.cms_der.clone(),
            cms_sha256: hex::encode(Sha256::digest(&verified.cms_der)),
            signer_serial: verified.signer.serial_number.clone(),
            signer_iin: verified.signer.iin.as_str().to_owned(),
            signer_bin: verified.signer.bin.as_ref().map(|b| b.as_str().to_owned()),
            validation: serde_json::json!({
                "chain": encode(&verified.chain),
                "crls": encode(&verified.crls),
                "ocsp": encode(&verified.ocsp),
            }),
            tst_time: None,
            tst: None,
            recorded_at: stamp(self.core.now()),
            entry_sha256: String::new(),
        };
        model.entry_sha256 = hex::encode(Entry::of(&model).digest());
        let active: signed_act::ActiveModel = model.into();
        match active.insert(conn).await {
            Ok(model) => Ok(model),
            Err(e) if is_unique_violation(&e) => Err(ApiError::Conflict(
                "This signature is already the evidence of another act; sign again.".into(),
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Asks the TSA for the tokens that acts still lack (the TSA was down, or none was
    /// configured when they were made), oldest first. Returns how many were stamped.
    pub async fn stamp_pending(&self) -> Result<usize, ApiError> {
        self.stamp_where(None).await
    }

    /// Stamps the acts of `owner` that have no token yet: called right after the transaction
    /// that recorded them. A TSA that cannot answer is logged, not an error: the act stands and
    /// the retry task stamps it later.
    pub async fn stamp_owned(&self, owner: ActOwner) {
        if let Err(e) = self.stamp_where(Some(owner)).await {
            tracing::warn!("time-stamping the new acts failed, they will be stamped later: {e}");
        }
    }

    async fn stamp_where(&self, owner: Option<ActOwner>) -> Result<usize, ApiError> {
        let Some(stamper) = &self.stamper else {
            return Ok(0);
        };
        let query = signed_act::Entity::find()
            .select_only()
            .column(signed_act::Column::Id)
            .column(signed_act::Column::Cms)
            .filter(signed_act::Column::Tst.is_null());
        let query = match owner {
            None => query,
            Some(ActOwner::Account(id)) => query.filter(signed_act::Column::AccountId.eq(id)),
            Some(ActOwner::Request(id)) => query.filter(signed_act::Column::RequestId.eq(id)),
        };
        let pending: Vec<(Uuid, Vec<u8>)> = query
            .order_by_asc(signed_act::Column::Seq)
            .limit(100)
            .into_tuple()
            .all(&self.core.db)
            .await?;
        let mut stamped = 0;
        for (id, cms) in pending {
            let token: TimeStamp = match stamper.stamp(&cms).await {
                Ok(token) => token,
                Err(e) => {
                    tracing::warn!("the TSA cannot stamp acts now: {e}");
                    break;
                }
            };
            signed_act::Entity::update_many()
                .col_expr(
                    signed_act::Column::Tst,
                    sea_orm::sea_query::Expr::value(token.token),
                )
                .col_expr(
                    signed_act::Column::TstTime,
                    sea_orm::sea_query::Expr::value(stamp(token.gen_time)),
                )
                .filter(signed_act::Column::Id.eq(id))
                .filter(signed_act::Column::Tst.is_null())
                .exec(&self.core.db)
                .await?;
            stamped += 1;
        }
        Ok(stamped)
    }

    /// The acts of an account, or of a permit request, in log order.
    pub async fn acts_of<C: ConnectionTrait>(
        &self,
        conn: &C,
        owner: ActOwner,
    ) -> Result<Vec<signed_act::Model>, ApiError> {
        let query = signed_act::Entity::find();
        let query = match owner {
            ActOwner::Account(id) => query
                .filter(signed_act::Column::AccountId.eq(id))
                .filter(signed_act::Column::RequestId.is_null()),
            ActOwner::Request(id) => query.filter(signed_act::Column::RequestId.eq(id)),
        };
        Ok(query
            .order_by_asc(signed_act::Column::Seq)
            .all(conn)
            .await?)
    }
}

/// Whose acts: an account's own (registration, agreements, consents) or a permit request's.
#[derive(Debug, Clone, Copy)]
pub enum ActOwner {
    Account(Uuid),
    Request(Uuid),
}

/// Starts the task that stamps acts left without a token, every `every`, until `shutdown`.
pub fn spawn_stamp_pending(
    evidence: Arc<Evidence>,
    every: std::time::Duration,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(every) => {}
            }
            if let Err(e) = evidence.stamp_pending().await {
                tracing::warn!("stamping pending acts failed: {e}");
            }
        }
    })
}

/// The DER items of one list of an act's validation data: `chain`, `crls` or `ocsp`.
pub fn validation_items(act: &signed_act::Model, list: &str) -> Vec<Vec<u8>> {
    act.validation[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str())
                .filter_map(|text| STANDARD.decode(text).ok())
                .collect()
        })
        .unwrap_or_default()
}
