//! Submission: the canonical content and its digest, the completeness check, the
//! applicant's own signature, the immutable numbered version and the registration number; a
//! resubmission after corrections starts the clock again.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set, Statement, TransactionTrait,
};
use uuid::Uuid;

use super::approvals::reopen_declined;
use super::deadlines::{approval_period_end, first_due_dates, resume_clock};
use super::{Transition, Viewer, for_applicant, load_calendar, local_day};
use crate::permits::{
    catalogue::{self, Definition},
    dto::*,
    entity::{document, request, version},
    workflow::Action,
};
use crate::{
    accounts::signature::verify_signed_by,
    db::stamp,
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct, hash_json},
    permits::PermitsCtx,
};

/// The content a submission signs, and its digest.
pub(super) async fn submission_content<C: ConnectionTrait>(
    conn: &C,
    r: &request::Model,
) -> Result<(serde_json::Value, String, Vec<document::Model>), ApiError> {
    let documents = document::Entity::find()
        .filter(document::Column::RequestId.eq(r.id))
        .order_by_asc(document::Column::Id)
        .all(conn)
        .await?;
    let content = serde_json::json!({
        "request_id": r.id,
        "type": r.type_code,
        "version": r.version_no + 1,
        "applicant": {"id": r.applicant_id, "holder": r.holder_name, "holder_id": r.holder_id},
        "title": r.title,
        "form_data": r.form_data,
        "documents": documents.iter().map(|d| serde_json::json!({
            "id": d.id,
            "slot": d.slot,
            "file_name": d.file_name,
            "content_type": d.content_type,
            "size": d.size_bytes,
            "sha256": d.sha256,
        })).collect::<Vec<_>>(),
    });
    let digest = hash_json(&content);
    Ok((content, digest, documents))
}

/// `GET /permit-requests/{id}/digest`: what the applicant signs to submit.
pub async fn digest(state: &PermitsCtx, viewer: &Viewer, id: Uuid) -> Result<DigestView, ApiError> {
    let r = for_applicant(state, viewer, id).await?;
    let (content, digest, _) = submission_content(&state.core.db, &r).await?;
    Ok(DigestView {
        digest,
        content,
        version: r.version_no + 1,
    })
}

/// Everything that must hold before a submission: the form against the schema, every mandatory
/// document present, the corrections answered by a change.
pub(super) fn completeness(
    definition: &Definition,
    r: &request::Model,
    documents: &[document::Model],
) -> Result<(), ApiError> {
    let mut errors = definition.form_errors(&r.form_data)?;
    for slot in definition.documents.iter().filter(|s| s.mandatory) {
        if !documents.iter().any(|d| d.slot == slot.code) {
            errors.push(FieldError::new(
                format!("documents.{}", slot.code),
                "required",
                format!("attach the document “{}”", slot.name.en),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// `POST /permit-requests/{id}/submit`: verifies the applicant's signature over the digest and
/// stores an immutable, numbered version; the first submission gets the registration number
/// and the due dates, a resubmission starts the stopped clock again.
pub async fn submit(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: SubmitRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_applicant(state, viewer, id).await?;
    let step = Transition::new(state, r.clone(), Action::Submit, &viewer.account)?;
    // The first submission files the request under the catalogue's current version; a corrected
    // version stays under the one it was filed under.
    let (type_version, definition) = if r.number.is_none() {
        let (row, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
        (row.version, std::sync::Arc::new(definition))
    } else {
        (
            r.type_version,
            super::definition_of(state, &state.core.db, &r).await?,
        )
    };
    let (content, digest, documents) = submission_content(&state.core.db, &r).await?;
    completeness(&definition, &r, &documents)?;
    if body.digest != digest {
        return Err(ApiError::Conflict(
            "The request changed since the digest was read; read GET …/digest again and sign the new one."
                .into(),
        ));
    }
    // The applicant's own signature; a colleague of the same company signs with the
    // company's BIN, which is the request's.
    let account = &viewer.account;
    let verified = verify_signed_by(
        state.eds()?,
        account,
        body.signature.as_bytes(),
        digest.as_bytes(),
    )
    .await?;
    let signer = &verified.signer;
    let now = state.core.now();
    let today = local_day(state, now);
    let calendar = load_calendar(&state.core.db).await?;
    let first = r.number.is_none();
    let due = if first {
        first_due_dates(&calendar, today, &definition)
    } else {
        resume_clock(&r, &calendar, today, state)
    };
    let txn = state.core.db.begin().await?;
    let number = match &r.number {
        Some(n) => n.clone(),
        None => next_number(&txn, &state.settings.number_prefix, today).await?,
    };
    let version_no = r.version_no + 1;
    version::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        no: Set(version_no),
        digest: Set(digest.clone()),
        content: Set(content),
        signature: Set(body.signature),
        signer_serial: Set(signer.serial_number.clone()),
        signed_by: Set(account.id),
        created_at: Set(stamp(now)),
    }
    .insert(&txn)
    .await?;
    if !first {
        let due_at = approval_period_end(
            &calendar,
            state.settings.utc_offset_hours,
            now,
            definition.approval_days,
        );
        reopen_declined(&txn, r.id, due_at).await?;
    }
    let updated = step
        .change(|c| {
            c.number = Set(Some(number));
            c.version_no = Set(version_no);
            c.type_version = Set(type_version);
            c.corrections = Set(None);
            c.corrections_due = Set(None);
            due.write_to(c);
            if first {
                c.submitted_at = Set(Some(stamp(now)));
            } else {
                c.paused_at = Set(None);
            }
        })
        .data(serde_json::json!({"version": version_no, "digest": digest}))
        .write(&txn)
        .await?;
    // Last in the transaction: the log's lock is held for as short a time as possible.
    state
        .evidence
        .record(
            &txn,
            NewAct {
                kind: ActKind::Submission,
                account_id: Some(account.id),
                request_id: Some(r.id),
                reference: Some(format!("version {version_no}")),
                signed: digest.as_bytes(),
                content: None,
                verified: &verified,
            },
        )
        .await?;
    txn.commit().await?;
    state.evidence.stamp_owned(ActOwner::Request(r.id)).await;
    Ok(updated)
}

/// The next registration number of `today`'s year: one atomic upsert, so concurrent
/// submissions on any number of nodes never share a number.
pub(super) async fn next_number(
    txn: &DatabaseTransaction,
    prefix: &str,
    today: NaiveDate,
) -> Result<String, ApiError> {
    use chrono::Datelike;
    let backend = txn.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "INSERT INTO permit_sequences (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = permit_sequences.last + 1 RETURNING last"
        }
        _ => {
            "INSERT INTO permit_sequences (year, last) VALUES (?, 1) \
             ON CONFLICT (year) DO UPDATE SET last = permit_sequences.last + 1 RETURNING last"
        }
    };
    let row = txn
        .query_one(Statement::from_sql_and_values(
            backend,
            sql,
            [today.year().into()],
        ))
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the sequence returned nothing")))?;
    let last: i64 = row.try_get("", "last")?;
    Ok(format!("{prefix}-{}-{last:06}", today.year()))
}
