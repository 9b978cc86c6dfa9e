//! The consents area's rules: versioned agreement documents that take effect
//! a notice period after they are published, exactly one version of each kind in force at any
//! instant; acceptances signed with the user's EDS over the document's hash, recorded append-only
//! in a hash chain that anyone with the database can verify.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement, TransactionTrait,
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    dto::{
        AcceptRequest, AccountExport, AdminConsentPage, AgreementView, BrokenLink, ChainReport,
        ConsentView, ExportedNotification, ExportedPermitRequest, PublishRequest, VersionTally,
    },
    entity::{
        agreement::{self, AgreementKind},
        consent_record,
    },
};
use crate::{
    accounts::signature::verify_signed_by,
    accounts::{auth::AuthUser, entity::account},
    consents::ConsentsCtx,
    db::stamp,
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct},
    i18n::Localized,
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub(crate) fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

fn status(row: &agreement::Model, in_force: Option<Uuid>, now: DateTime<Utc>) -> &'static str {
    if Some(row.id) == in_force {
        "in_force"
    } else if row.effective_at > now {
        "upcoming"
    } else {
        "annulled"
    }
}

/// The version of `kind` in force at `now`: the latest whose effective time has come.
pub async fn in_force<C: ConnectionTrait>(
    conn: &C,
    kind: AgreementKind,
    now: DateTime<Utc>,
) -> Result<Option<agreement::Model>, ApiError> {
    Ok(agreement::Entity::find()
        .filter(agreement::Column::Kind.eq(kind))
        .filter(agreement::Column::EffectiveAt.lte(stamp(now)))
        .order_by_desc(agreement::Column::EffectiveAt)
        .one(conn)
        .await?)
}

/// `GET /agreements` (public): of each kind, the version in force and the upcoming one.
pub async fn current<C: ConnectionTrait>(
    conn: &C,
    now: DateTime<Utc>,
) -> Result<Vec<AgreementView>, ApiError> {
    let mut out = Vec::new();
    for kind in [AgreementKind::Terms, AgreementKind::PersonalData] {
        let force = in_force(conn, kind, now).await?;
        let force_id = force.as_ref().map(|a| a.id);
        if let Some(row) = force {
            out.push(AgreementView::new(row, "in_force")?);
        }
        let upcoming = agreement::Entity::find()
            .filter(agreement::Column::Kind.eq(kind))
            .filter(agreement::Column::EffectiveAt.gt(stamp(now)))
            .order_by_asc(agreement::Column::EffectiveAt)
            .all(conn)
            .await?;
        for row in upcoming {
            let status = status(&row, force_id, now);
            out.push(AgreementView::new(row, status)?);
        }
    }
    Ok(out)
}

/// `GET /agreements/{id}` (public), any version, with its status now.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<AgreementView, ApiError> {
    let row = agreement::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let force = in_force(conn, row.kind, now).await?.map(|a| a.id);
    let status = status(&row, force, now);
    AgreementView::new(row, status)
}

/// `POST /admin/agreements`: publishes a new version. It takes effect no sooner than the notice
/// period after now; at that instant the previous version is annulled; every active
/// account is told at once (category `legal`).
pub async fn publish(
    state: &ConsentsCtx,
    admin: Uuid,
    request: PublishRequest,
) -> Result<AgreementView, ApiError> {
    let now = stamp(state.core.clock.now());
    let notice = Duration::seconds(state.settings.notice_period_secs.max(0));
    if request.kind == AgreementKind::PersonalData && request.details.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "details",
            "required",
            "a personal-data consent must name the operator, data, purposes, term and transfers",
        )]));
    }
    let txn = state.core.db.begin().await?;
    let latest = agreement::Entity::find()
        .filter(agreement::Column::Kind.eq(request.kind))
        .order_by_desc(agreement::Column::Version)
        .one(&txn)
        .await?;
    let earliest = if latest.is_some() { now + notice } else { now };
    let effective_at = stamp(request.effective_at.unwrap_or(earliest));
    if effective_at < earliest {
        return Err(ApiError::Validation(vec![FieldError::new(
            "effective_at",
            "too_soon",
            format!(
                "must be at least {} hours after publication",
                notice.num_hours()
            ),
        )]));
    }
    if latest.as_ref().is_some_and(|l| l.effective_at > now) {
        return Err(ApiError::Conflict(
            "A version of this document is already waiting to take effect.".into(),
        ));
    }
    let hashes = Localized {
        kk: sha256_hex(&request.body.kk),
        ru: sha256_hex(&request.body.ru),
        en: sha256_hex(&request.body.en),
    };
    let row = agreement::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(request.kind),
        version: Set(latest.map_or(1, |l| l.version + 1)),
        title: Set(to_json(&request.title)?),
        body: Set(to_json(&request.body)?),
        body_sha256: Set(to_json(&hashes)?),
        details: Set(request.details.as_ref().map(to_json).transpose()?),
        published_at: Set(now),
        effective_at: Set(effective_at),
        published_by: Set(Some(admin)),
    }
    .insert(&txn)
    .await?;
    let notifier = state.notifier();
    let people = account::Entity::find()
        .filter(account::Column::Status.eq(account::AccountStatus::Active))
        .all(&txn)
        .await?;
    for person in &people {
        let event = Event::AgreementPublished {
            agreement_id: row.id,
            title: request.title.clone(),
            effective_at,
        };
        notify(&txn, &notifier, &Recipient::from(person), event).await?;
    }
    crate::accounts::admin::audit(
        &txn,
        now,
        Some(admin),
        "agreement.publish",
        None,
        None,
        serde_json::json!({"agreement": row.id, "notified": people.len()}),
    )
    .await?;
    txn.commit().await?;
    let status = if effective_at <= now {
        "in_force"
    } else {
        "upcoming"
    };
    AgreementView::new(row, status)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|e| ApiError::Internal(e.into()))
}

/// Where a consent came from, for the record.
pub struct Provenance {
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
}

/// What `POST /consents` did: recorded a new acceptance, or found the version already accepted
/// (and not withdrawn since) and recorded nothing.
pub enum Acceptance {
    Recorded(ConsentView),
    AlreadyAccepted(ConsentView),
}

/// `POST /consents`: accepts a version in force or upcoming. The signature must be made with the
/// account holder's SIGN key (R-2.7: written consent) over the SHA-256 of the text shown. An act is
/// recorded once: accepting a version the account already accepted (the same signed request sent
/// again, or a new signature) answers with the standing acceptance and adds nothing to the chain.
pub async fn accept(
    state: &ConsentsCtx,
    user: &AuthUser,
    request: AcceptRequest,
    provenance: Provenance,
) -> Result<Acceptance, ApiError> {
    let now = state.core.clock.now();
    let agreement = agreement::Entity::find_by_id(request.agreement_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let current = in_force(&state.core.db, agreement.kind, now)
        .await?
        .map(|a| a.id);
    if status(&agreement, current, now) == "annulled" {
        return Err(ApiError::Conflict(
            "This version is no longer in force; accept the current one.".into(),
        ));
    }
    let hashes: Localized = serde_json::from_value(agreement.body_sha256.clone())
        .map_err(|e| ApiError::Internal(e.into()))?;
    let document_sha256 = hashes.get(request.language).to_owned();
    let verified = verify_signed_by(
        state.eds()?,
        &user.account,
        request.signature.as_bytes(),
        document_sha256.as_bytes(),
    )
    .await?;
    let channel = match request.channel.as_deref() {
        Some("web") => "web",
        _ => "api",
    };
    let txn = state.core.db.begin().await?;
    lock_chain(&txn).await?;
    let standing = consent_record::Entity::find()
        .filter(consent_record::Column::AccountId.eq(user.id()))
        .filter(consent_record::Column::AgreementId.eq(agreement.id))
        .order_by_desc(consent_record::Column::Seq)
        .one(&txn)
        .await?;
    if let Some(standing) = standing.filter(|r| r.action == "accepted") {
        txn.commit().await?;
        return Ok(Acceptance::AlreadyAccepted(standing.into()));
    }
    let record = append(
        &txn,
        NewRecord {
            account_id: user.id(),
            agreement_id: agreement.id,
            document_sha256: document_sha256.clone(),
            action: "accepted",
            channel,
            language: request.language.code(),
            ip_address: provenance.ip_address,
            user_agent: provenance
                .user_agent
                .map(|ua| ua.chars().take(300).collect()),
            signature: Some(request.signature),
            signer_serial: Some(verified.signer.serial_number.clone()),
            recorded_at: stamp(now),
        },
    )
    .await?;
    record_acceptance(state, &txn, &record, &verified).await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Account(user.id()))
        .await;
    Ok(Acceptance::Recorded(record.into()))
}

/// The acceptance as a signed act: the signature covers the SHA-256 (hex text) of the agreement's
/// text in the language shown. Recorded after the consent record, in the same transaction.
async fn record_acceptance(
    state: &ConsentsCtx,
    txn: &sea_orm::DatabaseTransaction,
    record: &consent_record::Model,
    verified: &crate::eds::Verified,
) -> Result<(), ApiError> {
    state
        .evidence
        .record(
            txn,
            NewAct {
                kind: ActKind::AgreementAcceptance,
                account_id: Some(record.account_id),
                request_id: None,
                reference: Some(format!(
                    "agreement {} ({}), consent record {}",
                    record.agreement_id, record.language, record.id
                )),
                signed: record.document_sha256.as_bytes(),
                content: None,
                verified,
            },
        )
        .await?;
    Ok(())
}

pub struct NewRecord<'a> {
    pub account_id: Uuid,
    pub agreement_id: Uuid,
    pub document_sha256: String,
    pub action: &'a str,
    pub channel: &'a str,
    pub language: &'a str,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub signature: Option<String>,
    pub signer_serial: Option<String>,
    pub recorded_at: DateTime<Utc>,
}

/// What a record's hash covers: every field, and the previous record's hash.
fn record_hash(r: &consent_record::Model) -> String {
    let canonical = serde_json::json!([
        r.seq,
        r.id,
        r.account_id,
        r.agreement_id,
        r.document_sha256,
        r.action,
        r.channel,
        r.language,
        r.ip_address,
        r.user_agent,
        r.signature,
        r.signer_serial,
        r.recorded_at
            .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        r.prev_hash,
    ]);
    sha256_hex(&canonical.to_string())
}

/// Serialises writers of the chain until the transaction ends: on PostgreSQL a transaction-scoped
/// advisory lock (taken again by the same transaction, it stacks), on SQLite its single writer.
pub(super) async fn lock_chain<C: ConnectionTrait>(conn: &C) -> Result<(), ApiError> {
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        conn.execute(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(7256002)",
        ))
        .await?;
    }
    Ok(())
}

/// Appends a record to the chain. The chain is one sequence, so appends are serialised: on
/// PostgreSQL by a transaction-scoped advisory lock, on SQLite by its single writer.
pub async fn append<C: ConnectionTrait>(
    conn: &C,
    new: NewRecord<'_>,
) -> Result<consent_record::Model, ApiError> {
    lock_chain(conn).await?;
    let last = consent_record::Entity::find()
        .order_by_desc(consent_record::Column::Seq)
        .one(conn)
        .await?;
    let mut row = consent_record::Model {
        id: Uuid::now_v7(),
        seq: last.as_ref().map_or(1, |l| l.seq + 1),
        account_id: new.account_id,
        agreement_id: new.agreement_id,
        document_sha256: new.document_sha256,
        action: new.action.to_owned(),
        channel: new.channel.to_owned(),
        language: new.language.to_owned(),
        ip_address: new.ip_address,
        user_agent: new.user_agent,
        signature: new.signature,
        signer_serial: new.signer_serial,
        recorded_at: new.recorded_at,
        prev_hash: last.map_or_else(|| GENESIS.to_owned(), |l| l.record_hash),
        record_hash: String::new(),
    };
    row.record_hash = record_hash(&row);
    let active: consent_record::ActiveModel = row.clone().into();
    consent_record::Entity::insert(active.reset_all())
        .exec_without_returning(conn)
        .await?;
    Ok(row)
}

/// `GET /admin/consents/verify`: walks the chain and reports the first record whose hashes do not
/// match its contents or its predecessor.
pub async fn verify_chain<C: ConnectionTrait>(conn: &C) -> Result<ChainReport, ApiError> {
    let mut previous = GENESIS.to_owned();
    let mut expected_seq = 1;
    let mut records = 0;
    let mut after = 0i64;
    loop {
        let batch = consent_record::Entity::find()
            .filter(consent_record::Column::Seq.gt(after))
            .order_by_asc(consent_record::Column::Seq)
            .limit(1000)
            .all(conn)
            .await?;
        if batch.is_empty() {
            break;
        }
        for record in batch {
            records += 1;
            after = record.seq;
            let broken = |reason: &str| ChainReport {
                records,
                intact: false,
                first_broken: Some(BrokenLink {
                    seq: record.seq,
                    id: record.id,
                    reason: reason.into(),
                }),
            };
            if record.seq != expected_seq {
                return Ok(broken("a record is missing before this one"));
            }
            if record.prev_hash != previous {
                return Ok(broken("it does not point at the record before it"));
            }
            if record_hash(&record) != record.record_hash {
                return Ok(broken("its contents do not match its hash"));
            }
            previous = record.record_hash.clone();
            expected_seq += 1;
        }
    }
    Ok(ChainReport {
        records,
        intact: true,
        first_broken: None,
    })
}

/// `GET /consents`: mine, newest first.
pub async fn mine<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
) -> Result<Vec<ConsentView>, ApiError> {
    Ok(consent_record::Entity::find()
        .filter(consent_record::Column::AccountId.eq(account))
        .order_by_desc(consent_record::Column::Seq)
        .all(conn)
        .await?
        .into_iter()
        .map(ConsentView::from)
        .collect())
}

/// The versions in force that `account` has not accepted, or has withdrawn since.
pub async fn missing_acceptances<C: ConnectionTrait>(
    conn: &C,
    account: Uuid,
    now: DateTime<Utc>,
) -> Result<Vec<Uuid>, ApiError> {
    // One statement, asked on every authenticated call: the versions in force (the latest of each
    // kind whose time has come) whose latest record for this account is not an acceptance.
    const SQL: &str = "SELECT a.id FROM agreements a \
        WHERE a.effective_at <= $1 \
        AND NOT EXISTS (SELECT 1 FROM agreements n WHERE n.kind = a.kind \
            AND n.effective_at <= $1 AND n.effective_at > a.effective_at) \
        AND NOT EXISTS (SELECT 1 FROM consent_records r WHERE r.account_id = $2 \
            AND r.agreement_id = a.id AND r.action = 'accepted' \
            AND NOT EXISTS (SELECT 1 FROM consent_records w WHERE w.account_id = $2 \
                AND w.agreement_id = a.id AND w.seq > r.seq)) \
        ORDER BY a.kind";
    let backend = conn.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => SQL.to_owned(),
        // SQLite numbers its parameters `?1`, `?2`.
        _ => SQL.replace('$', "?"),
    };
    let rows = conn
        .query_all(Statement::from_sql_and_values(
            backend,
            sql,
            [stamp(now).into(), account.into()],
        ))
        .await?;
    rows.iter()
        .map(|row| row.try_get::<Uuid>("", "id").map_err(ApiError::from))
        .collect()
}

/// The consent gate the accounts area asks on every authenticated call.
pub struct Gate {
    pub ctx: ConsentsCtx,
}

#[async_trait::async_trait]
impl crate::accounts::auth::ConsentGate for Gate {
    async fn missing(&self, account: Uuid, now: DateTime<Utc>) -> Result<Vec<Uuid>, ApiError> {
        missing_acceptances(&self.ctx.core.db, account, now).await
    }

    async fn accept_at_registration(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        account: &account::Model,
        acceptances: &[crate::accounts::dto::RegistrationConsent],
    ) -> Result<(), ApiError> {
        accept_at_registration(&self.ctx, txn, account, acceptances).await
    }
}

/// Whether an account has an obligation in progress that keeps its personal data needed (the
/// law's unfulfilled-obligation rule): a permit request under review. Declared here and
/// implemented by the permits area, which stands above consents; until it exists, start-up wires
/// [`NoObligations`].
#[async_trait::async_trait]
pub trait LegalHold: Send + Sync {
    async fn has_open_obligations(&self, account: Uuid) -> Result<bool, ApiError>;
}

/// No area holds obligations yet.
pub struct NoObligations;

#[async_trait::async_trait]
impl LegalHold for NoObligations {
    async fn has_open_obligations(&self, _account: Uuid) -> Result<bool, ApiError> {
        Ok(false)
    }
}

/// `GET /consents/{id}/receipt`: a consent receipt in the shape of the Kantara Initiative's
/// Consent Receipt specification (the basis of ISO/IEC TS 27560).
pub async fn receipt(
    state: &ConsentsCtx,
    user: &AuthUser,
    record_id: Uuid,
) -> Result<serde_json::Value, ApiError> {
    let record = consent_record::Entity::find_by_id(record_id)
        .one(&state.core.db)
        .await?
        .filter(|r| r.account_id == user.id())
        .ok_or(ApiError::NotFound)?;
    let agreement = agreement::Entity::find_by_id(record.agreement_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let view = AgreementView::new(agreement, "")?;
    let lang = crate::accounts::dto::parse_lang(&record.language);
    let details = view.details.clone();
    Ok(serde_json::json!({
        "version": "KI-CR-v1.1.0",
        "jurisdiction": "KZ",
        "consentTimestamp": record.recorded_at.timestamp(),
        "collectionMethod": format!("{} via Saulet, signed with the holder's EDS", record.channel),
        "consentReceiptID": record.id,
        "language": record.language,
        "piiPrincipalId": user.account.iin,
        "piiControllers": [{
            "piiController": details.as_ref().map_or("Saulet operator", |d| d.operator.as_str()),
            "contact": details.as_ref().map_or("", |d| d.operator_contact.as_str()),
        }],
        "policyUrl": state.messaging.link(&format!("/agreements/{}", view.id)),
        "services": [{
            "service": view.title.get(lang),
            "purposes": details.as_ref().map(|d| d.purposes.iter().map(|p| serde_json::json!({
                "purpose": p,
                "consentType": "EXPLICIT",
                "piiCategory": d.data_collected,
                "primaryPurpose": true,
                "termination": d.term,
                "thirdPartyDisclosure": !d.third_party_transfer.is_empty(),
                "thirdPartyName": d.third_party_transfer.join(", "),
            })).collect::<Vec<_>>()).unwrap_or_default(),
        }],
        "sensitive": false,
        "spiCat": [],
        "crossBorderTransfer": details.as_ref().is_some_and(|d| d.cross_border_transfer),
        "evidence": {
            "action": record.action,
            "agreementVersion": view.version,
            "documentSha256": record.document_sha256,
            "signerCertificateSerial": record.signer_serial,
            "signature": record.signature,
            "chain": {"seq": record.seq, "prevHash": record.prev_hash, "recordHash": record.record_hash},
        },
    }))
}

/// `GET /accounts/me/export`: what Saulet holds about the account (allowed while gated).
pub async fn export(state: &ConsentsCtx, user: &AuthUser) -> Result<AccountExport, ApiError> {
    use crate::notifications::entity::notification;
    let db = &state.core.db;
    let now = state.core.clock.now();
    let notifications = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(user.id()))
        .order_by_desc(notification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|n| ExportedNotification {
            id: n.id,
            category: n.category,
            event: n.event,
            created_at: n.created_at,
            read_at: n.read_at,
        })
        .collect();
    Ok(AccountExport {
        exported_at: now,
        account: crate::accounts::dto::AccountView::from(user.account.clone()),
        profile_changes: crate::accounts::service::changes(db, user.id(), 200).await?,
        sessions: crate::accounts::service::open_sessions(db, user.id(), user.session_id, now)
            .await?,
        certificates: crate::accounts::service::certificates_of(db, user.id()).await?,
        consents: mine(db, user.id()).await?,
        notifications,
        permit_requests: state.applicant_records.permit_requests(user.id()).await?,
    })
}

/// The permit requests an account made, for its export. Declared here and implemented by the
/// permits area, which stands above consents.
#[async_trait::async_trait]
pub trait ApplicantRecords: Send + Sync {
    async fn permit_requests(&self, account: Uuid) -> Result<Vec<ExportedPermitRequest>, ApiError>;
}

/// No permit requests: for tests of this area alone.
pub struct NoRecords;

#[async_trait::async_trait]
impl ApplicantRecords for NoRecords {
    async fn permit_requests(
        &self,
        _account: Uuid,
    ) -> Result<Vec<ExportedPermitRequest>, ApiError> {
        Ok(Vec::new())
    }
}

/// `GET /admin/consents`: records newest first, with acceptance counts per version.
pub async fn admin_list(
    state: &ConsentsCtx,
    agreement_id: Option<Uuid>,
    action: Option<String>,
    limit: u64,
    cursor: Option<i64>,
) -> Result<AdminConsentPage, ApiError> {
    let limit = limit.clamp(1, 200);
    let mut select = consent_record::Entity::find().order_by_desc(consent_record::Column::Seq);
    if let Some(agreement_id) = agreement_id {
        select = select.filter(consent_record::Column::AgreementId.eq(agreement_id));
    }
    if let Some(action) = &action {
        if action != "accepted" && action != "withdrawn" {
            return Err(ApiError::InvalidQuery(format!("unknown action `{action}`")));
        }
        select = select.filter(consent_record::Column::Action.eq(action.as_str()));
    }
    if let Some(cursor) = cursor {
        select = select.filter(consent_record::Column::Seq.lt(cursor));
    }
    let mut rows = select.limit(limit + 1).all(&state.core.db).await?;
    let next_cursor = (rows.len() as u64 > limit)
        .then(|| {
            rows.truncate(usize::try_from(limit).unwrap_or(200));
            rows.last().map(|r| r.seq.to_string())
        })
        .flatten();
    // One grouped count for every version and action, however many versions there are.
    let tallies: Vec<(Uuid, String, i64)> = consent_record::Entity::find()
        .select_only()
        .column(consent_record::Column::AgreementId)
        .column(consent_record::Column::Action)
        .column_as(consent_record::Column::Seq.count(), "n")
        .group_by(consent_record::Column::AgreementId)
        .group_by(consent_record::Column::Action)
        .into_tuple()
        .all(&state.core.db)
        .await?;
    let tally = |id: Uuid, action: &str| {
        tallies
            .iter()
            .find(|(a, act, _)| *a == id && act == action)
            .map_or(0, |(_, _, n)| *n)
    };
    let counts = agreement::Entity::find()
        .order_by_asc(agreement::Column::PublishedAt)
        .all(&state.core.db)
        .await?
        .into_iter()
        .map(|version| VersionTally {
            agreement_id: version.id,
            kind: version.kind,
            version: version.version,
            accepted: tally(version.id, "accepted"),
            withdrawn: tally(version.id, "withdrawn"),
        })
        .collect();
    Ok(AdminConsentPage {
        items: rows.into_iter().map(ConsentView::from).collect(),
        next_cursor,
        counts,
    })
}

/// At registration: every version in force must be accepted, signed by the same
/// person as the registering certificate; the records join the chain in the registration's
/// transaction.
pub async fn accept_at_registration(
    state: &ConsentsCtx,
    txn: &sea_orm::DatabaseTransaction,
    account: &account::Model,
    acceptances: &[crate::accounts::dto::RegistrationConsent],
) -> Result<(), ApiError> {
    let now = state.core.clock.now();
    let mut missing = Vec::new();
    for kind in [AgreementKind::Terms, AgreementKind::PersonalData] {
        let Some(version) = in_force(txn, kind, now).await? else {
            continue;
        };
        let Some(acceptance) = acceptances.iter().find(|a| a.agreement_id == version.id) else {
            missing.push(version.id);
            continue;
        };
        let hashes: Localized = serde_json::from_value(version.body_sha256.clone())
            .map_err(|e| ApiError::Internal(e.into()))?;
        let document_sha256 = hashes.get(acceptance.language).to_owned();
        let verified = verify_signed_by(
            state.eds()?,
            account,
            acceptance.signature.as_bytes(),
            document_sha256.as_bytes(),
        )
        .await?;
        let record = append(
            txn,
            NewRecord {
                account_id: account.id,
                agreement_id: version.id,
                document_sha256,
                action: "accepted",
                channel: "web",
                language: acceptance.language.code(),
                ip_address: None,
                user_agent: None,
                signature: Some(acceptance.signature.clone()),
                signer_serial: Some(verified.signer.serial_number.clone()),
                recorded_at: stamp(now),
            },
        )
        .await?;
        record_acceptance(state, txn, &record, &verified).await?;
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ApiError::ConsentRequired(missing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_hash_covers_every_field() {
        let mut record = consent_record::Model {
            id: Uuid::nil(),
            seq: 1,
            account_id: Uuid::nil(),
            agreement_id: Uuid::nil(),
            document_sha256: "ab".into(),
            action: "accepted".into(),
            channel: "web".into(),
            language: "kk".into(),
            ip_address: Some("127.0.0.1".into()),
            user_agent: None,
            signature: Some("MIIB".into()),
            signer_serial: Some("01".into()),
            recorded_at: Utc::now(),
            prev_hash: GENESIS.into(),
            record_hash: String::new(),
        };
        let original = record_hash(&record);
        record.language = "ru".into();
        assert_ne!(record_hash(&record), original);
    }
}
