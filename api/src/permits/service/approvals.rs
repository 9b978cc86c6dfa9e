//! Approvals by other organisations: the tasks of the service subjects a
//! type names, approved or declined by their staff; all must approve before a permit.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{Transition, Viewer, visible};
use crate::permits::{
    catalogue::{self, Definition},
    dto::*,
    entity::{
        request,
        task::{self, TaskStatus},
    },
    workflow::Status,
};
use crate::{
    db::stamp,
    error::{ApiError, FieldError},
    permits::PermitsCtx,
};

/// `POST /permit-requests/{id}/tasks/{task}/{approve|decline}`: staff of the task's organisation.
pub async fn decide_task(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
    approve: bool,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
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
    if !approve && body.comment.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "comment",
            "required",
            "say why the approval is declined",
        )]));
    }
    let now = stamp(state.core.now());
    let verdict = if approve {
        TaskStatus::Approved
    } else {
        TaskStatus::Declined
    };
    let txn = state.core.db.begin().await?;
    let done = task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value(verdict.as_str()))
        .col_expr(task::Column::Comment, Expr::value(body.comment.clone()))
        .col_expr(
            task::Column::DecidedBy,
            Expr::value(Some(viewer.account.id)),
        )
        .col_expr(task::Column::DecidedAt, Expr::value(Some(now)))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq(TaskStatus::Pending))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The approval was decided meanwhile.".into(),
        ));
    }
    let action = if approve {
        "task_approved"
    } else {
        "task_declined"
    };
    let updated = Transition::note(state, r, action, &viewer.account)
        .comment(body.comment)
        .data(serde_json::json!({"task_id": t.id, "organisation_id": t.organisation_id}))
        .write(&txn)
        .await?;
    txn.commit().await?;
    Ok(updated)
}

/// At acceptance: a pending task for each organisation the type asks for an approval that has
/// none yet (a request accepted again keeps its earlier verdicts).
pub(super) async fn open_tasks(
    txn: &DatabaseTransaction,
    request_id: Uuid,
    definition: &Definition,
    now: DateTime<Utc>,
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
        task::ActiveModel {
            id: Set(Uuid::now_v7()),
            request_id: Set(request_id),
            organisation_id: Set(org.id),
            status: Set(TaskStatus::Pending),
            comment: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(now),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// At a resubmission: a new round of approvals for the organisations that declined.
pub(super) async fn reopen_declined(
    txn: &DatabaseTransaction,
    request_id: Uuid,
) -> Result<(), ApiError> {
    task::Entity::update_many()
        .col_expr(
            task::Column::Status,
            Expr::value(TaskStatus::Pending.as_str()),
        )
        .col_expr(
            task::Column::DecidedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(task::Column::DecidedBy, Expr::value(Option::<Uuid>::None))
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
