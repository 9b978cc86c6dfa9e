//! Approvals by other organisations: the tasks of the service subjects a
//! type names, approved or declined by their staff; all must approve before a permit.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{Transition, Viewer, clean_file_name, hash_json, store, visible};
use crate::permits::{
    catalogue::{self, Definition},
    dto::*,
    entity::{
        organisation, request,
        task::{self, TaskStatus},
    },
    workflow::Status,
};
use crate::{
    accounts::signature::verify_signed_by,
    db::stamp,
    error::{ApiError, FieldError},
    evidence::{ActKind, ActOwner, NewAct},
    integrations::webhooks::{Published, publish},
    permits::PermitsCtx,
};

/// The largest document of an answer (the technical conditions), and the types accepted.
const ANSWER_DOCUMENT_MAX_BYTES: u64 = 20 * 1024 * 1024;
const ANSWER_DOCUMENT_TYPES: &[&str] = &["application/pdf"];

/// The task and its request, when this viewer may answer it now: staff of the task's
/// organisation, the request in review, the task pending.
async fn answerable(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
) -> Result<(request::Model, task::Model), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let t = task::Entity::find_by_id(task_id)
        .one(&state.core.db)
        .await?
        .filter(|t| t.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    if viewer.org_id() != Some(t.organisation_id) {
        return Err(ApiError::Forbidden);
    }
    if r.status != Status::InReview {
        return Err(ApiError::IllegalTransition(format!(
            "approvals are given while the request is in review, not {}",
            r.status.as_str()
        )));
    }
    if t.status != TaskStatus::Pending {
        return Err(ApiError::IllegalTransition(format!(
            "this approval was {} already",
            t.status.as_str()
        )));
    }
    Ok((r, t))
}

/// `POST /permit-requests/{id}/tasks/{task}/document`: the organisation's document for its answer
/// (a PDF: the technical conditions). Replaces the one uploaded before, until the answer is signed.
pub async fn upload_task_document<S, E>(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
    file_name: &str,
    stream: S,
) -> Result<task::Model, ApiError>
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let (_, t) = answerable(state, viewer, id, task_id).await?;
    let allowed: Vec<String> = ANSWER_DOCUMENT_TYPES
        .iter()
        .map(|t| (*t).to_owned())
        .collect();
    let stored = store(state)
        .put_stream(stream, ANSWER_DOCUMENT_MAX_BYTES, &allowed)
        .await?;
    let done = task::Entity::update_many()
        .col_expr(
            task::Column::DocumentSha256,
            Expr::value(Some(stored.sha256)),
        )
        .col_expr(
            task::Column::DocumentName,
            Expr::value(Some(clean_file_name(file_name))),
        )
        .col_expr(
            task::Column::DocumentType,
            Expr::value(Some(stored.content_type)),
        )
        .col_expr(
            task::Column::DocumentSize,
            Expr::value(Some(i64::try_from(stored.size).unwrap_or(i64::MAX))),
        )
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq(TaskStatus::Pending))
        .exec(&state.core.db)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The approval was decided meanwhile.".into(),
        ));
    }
    task::Entity::find_by_id(t.id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)
}

/// The answer a staff member signs: the request, the task, the organisation, the verdict, the
/// comment and the document. An approval needs the document (the technical conditions are a
/// signed file, not a free-text comment); a refusal needs the reason.
async fn answer_of(
    state: &PermitsCtx,
    r: &request::Model,
    t: &task::Model,
    verdict: Verdict,
    comment: Option<&str>,
) -> Result<serde_json::Value, ApiError> {
    let comment = comment.map(str::trim).filter(|c| !c.is_empty());
    let document = TaskDocumentView::of(t);
    match verdict {
        Verdict::Approve if document.is_none() => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "document",
                "required",
                "upload the technical conditions (POST …/tasks/{task}/document) before approving",
            )]));
        }
        Verdict::Decline if comment.is_none() => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "comment",
                "required",
                "say why the approval is declined",
            )]));
        }
        _ => {}
    }
    let org = organisation::Entity::find_by_id(t.organisation_id)
        .one(&state.core.db)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("task {} has no organisation", t.id)))?;
    Ok(serde_json::json!({
        "request_id": r.id,
        "registration_number": r.number,
        "task_id": t.id,
        "organisation": {"id": org.id, "code": org.code, "bin": org.bin},
        "verdict": match verdict { Verdict::Approve => "approved", Verdict::Decline => "declined" },
        "comment": comment,
        "documents": document.into_iter().map(|d| serde_json::json!({
            "file_name": d.file_name,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
        })).collect::<Vec<_>>(),
    }))
}

/// `GET /approval-tasks`: the tasks of the viewer's organisation (staff of an approving
/// organisation, or its API client), oldest first, pending ones by default.
pub async fn organisation_tasks(
    state: &PermitsCtx,
    viewer: &Viewer,
    query: TaskQuery,
) -> Result<Vec<OrganisationTaskView>, ApiError> {
    use sea_orm::QueryOrder;
    let Some(org_id) = viewer.org_id() else {
        return Err(ApiError::Forbidden);
    };
    let status = match query.status.as_deref().unwrap_or("pending") {
        "pending" => Some(TaskStatus::Pending),
        "approved" => Some(TaskStatus::Approved),
        "declined" => Some(TaskStatus::Declined),
        "all" => None,
        _ => {
            return Err(ApiError::InvalidQuery(
                "status is pending, approved, declined or all".into(),
            ));
        }
    };
    let db = &state.core.db;
    let org = organisation::Entity::find_by_id(org_id)
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let org_view = super::types::organisation_view(&org)?;
    let mut find = task::Entity::find()
        .filter(task::Column::OrganisationId.eq(org_id))
        .order_by_asc(task::Column::CreatedAt);
    if let Some(status) = status {
        find = find.filter(task::Column::Status.eq(status));
    }
    let tasks = find.all(db).await?;
    let ids: Vec<Uuid> = tasks.iter().map(|t| t.request_id).collect();
    let requests: std::collections::HashMap<Uuid, request::Model> = request::Entity::find()
        .filter(request::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(tasks
        .into_iter()
        .filter_map(|t| {
            let r = requests.get(&t.request_id)?;
            Some(OrganisationTaskView {
                request_id: r.id,
                registration_number: r.number.clone(),
                type_code: r.type_code.clone(),
                title: r.title.clone(),
                created_at: t.created_at,
                task: TaskView::new(t, org_view.clone(), true),
            })
        })
        .collect())
}

/// `POST /permit-requests/{id}/tasks/{task}/answer`: what to sign to approve or decline.
pub async fn task_answer(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
    body: AnswerRequest,
) -> Result<AnswerDigest, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (r, t) = answerable(state, viewer, id, task_id).await?;
    let answer = answer_of(state, &r, &t, body.verdict, body.comment.as_deref()).await?;
    Ok(AnswerDigest {
        digest: hash_json(&answer),
        answer,
    })
}

/// `POST /permit-requests/{id}/tasks/{task}/{approve|decline}`: staff of the task's organisation,
/// signing the answer (from `…/answer`) with their SIGN key. The answer is a signed act.
pub async fn decide_task(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
    verdict: Verdict,
    body: SignedAnswer,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (r, t) = answerable(state, viewer, id, task_id).await?;
    let answer = answer_of(state, &r, &t, verdict, body.comment.as_deref()).await?;
    let digest = hash_json(&answer);
    if body.digest != digest {
        return Err(ApiError::Conflict(
            "The answer changed since its digest was read (another document, or another \
             comment); ask POST …/answer again and sign the new digest."
                .into(),
        ));
    }
    let verified = verify_signed_by(
        state.eds()?,
        &viewer.account,
        body.signature.as_bytes(),
        digest.as_bytes(),
    )
    .await?;
    let now = stamp(state.core.now());
    let (status, action) = match verdict {
        Verdict::Approve => (TaskStatus::Approved, "task_approved"),
        Verdict::Decline => (TaskStatus::Declined, "task_declined"),
    };
    let comment = answer["comment"].as_str().map(str::to_owned);
    let txn = state.core.db.begin().await?;
    let done = task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value(status.as_str()))
        .col_expr(task::Column::Comment, Expr::value(comment.clone()))
        .col_expr(
            task::Column::DecidedBy,
            Expr::value(Some(viewer.account.id)),
        )
        .col_expr(task::Column::DecidedAt, Expr::value(Some(now)))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq(TaskStatus::Pending))
        .filter(match &t.document_sha256 {
            Some(sha256) => task::Column::DocumentSha256.eq(sha256.clone()),
            None => task::Column::DocumentSha256.is_null(),
        })
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The approval was decided, or its document replaced, meanwhile.".into(),
        ));
    }
    let updated = Transition::note(state, r, action, &viewer.account)
        .comment(comment)
        .data(serde_json::json!({
            "task_id": t.id,
            "organisation_id": t.organisation_id,
            "document_sha256": t.document_sha256,
            "digest": digest,
        }))
        .write(&txn)
        .await?;
    let org = organisation::Entity::find_by_id(t.organisation_id)
        .one(&txn)
        .await?;
    let bins: Vec<&str> = [
        updated.applicant_bin.as_deref(),
        org.as_ref().and_then(|o| o.bin.as_deref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let event = Published {
        event_type: "approval_task.answered",
        organisations: &bins,
        data: serde_json::json!({
            "task_id": t.id,
            "request_id": t.request_id,
            "registration_number": updated.number,
            "organisation": org.as_ref().map(|o| o.code.clone()),
            "verdict": status.as_str(),
            "document_sha256": t.document_sha256,
            "digest": digest,
        }),
    };
    publish(&txn, event, state.core.now()).await?;
    state
        .evidence
        .record(
            &txn,
            NewAct {
                kind: ActKind::Approval,
                account_id: Some(viewer.account.id),
                request_id: Some(t.request_id),
                reference: Some(format!("task {} {}", t.id, status.as_str())),
                signed: digest.as_bytes(),
                content: Some(answer),
                verified: &verified,
            },
        )
        .await?;
    txn.commit().await?;
    state
        .evidence
        .stamp_owned(ActOwner::Request(t.request_id))
        .await;
    Ok(updated)
}

/// At acceptance: a pending task for each organisation the type asks for an approval that has
/// none yet (a request accepted again keeps its earlier verdicts).
pub(super) async fn open_tasks(
    txn: &DatabaseTransaction,
    request_id: Uuid,
    definition: &Definition,
    now: DateTime<Utc>,
    due_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let existing = task::Entity::find()
        .filter(task::Column::RequestId.eq(request_id))
        .all(txn)
        .await?;
    for code in &definition.approvals {
        let org = catalogue::organisation_by_code(txn, code)
            .await?
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown organisation {code}")))?;
        if existing.iter().any(|t| t.organisation_id == org.id) {
            continue;
        }
        let task_id = Uuid::now_v7();
        task::ActiveModel {
            id: Set(task_id),
            request_id: Set(request_id),
            organisation_id: Set(org.id),
            status: Set(TaskStatus::Pending),
            comment: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
            document_sha256: Set(None),
            document_name: Set(None),
            document_type: Set(None),
            document_size: Set(None),
            due_at: Set(Some(stamp(due_at))),
            deemed: Set(false),
        }
        .insert(txn)
        .await?;
        if let Some(bin) = org.bin.as_deref() {
            let event = Published {
                event_type: "approval_task.created",
                organisations: &[bin],
                data: serde_json::json!({
                    "task_id": task_id,
                    "request_id": request_id,
                    "organisation": org.code,
                    "due_at": due_at,
                }),
            };
            publish(txn, event, now).await?;
        }
    }
    Ok(())
}

/// At a resubmission: a new round of approvals for the organisations that declined, each with a
/// new period ending at `due_at`.
pub(super) async fn reopen_declined(
    txn: &DatabaseTransaction,
    request_id: Uuid,
    due_at: DateTime<Utc>,
) -> Result<(), ApiError> {
    task::Entity::update_many()
        .col_expr(task::Column::DueAt, Expr::value(Some(stamp(due_at))))
        .col_expr(
            task::Column::Status,
            Expr::value(TaskStatus::Pending.as_str()),
        )
        .col_expr(
            task::Column::DecidedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(task::Column::DecidedBy, Expr::value(Option::<Uuid>::None))
        .col_expr(
            task::Column::DocumentSha256,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            task::Column::DocumentName,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            task::Column::DocumentType,
            Expr::value(Option::<String>::None),
        )
        .col_expr(task::Column::DocumentSize, Expr::value(Option::<i64>::None))
        .filter(task::Column::RequestId.eq(request_id))
        .filter(task::Column::Status.eq(TaskStatus::Declined))
        .exec(txn)
        .await?;
    Ok(())
}

/// Every approval task approved; a declined or pending one blocks the decision.
pub(super) async fn check_tasks<C: ConnectionTrait>(
    conn: &C,
    r: &request::Model,
) -> Result<(), ApiError> {
    let open = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .filter(task::Column::Status.ne(TaskStatus::Approved))
        .all(conn)
        .await?;
    if open.iter().any(|t| t.status == TaskStatus::Declined) {
        return Err(ApiError::IllegalTransition(
            "an organisation declined its approval; request corrections or refuse".into(),
        ));
    }
    if !open.is_empty() {
        return Err(ApiError::IllegalTransition(format!(
            "{} approval(s) from other organisations are still pending",
            open.len()
        )));
    }
    Ok(())
}
