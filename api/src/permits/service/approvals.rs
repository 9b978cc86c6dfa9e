//! Approvals by other organisations: the tasks of the service subjects a
//! type names, approved or declined by their staff; all must approve before a permit.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait, sea_query::Expr,
};
use uuid::Uuid;

use super::{Viewer, record, save_if_unchanged, visible};
use crate::permits::{
    dto::*,
    entity::{request, task},
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
    if t.status != "pending" {
        return Err(ApiError::IllegalTransition(format!(
            "this approval was {} already",
            t.status
        )));
    }
    if !approve && body.comment.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "comment",
            "required",
            "say why the approval is declined",
        )]));
    }
    let now = stamp(state.core.clock.now());
    let verdict = if approve { "approved" } else { "declined" };
    let txn = state.core.db.begin().await?;
    let done = task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value(verdict))
        .col_expr(task::Column::Comment, Expr::value(body.comment.clone()))
        .col_expr(
            task::Column::DecidedBy,
            Expr::value(Some(viewer.account.id)),
        )
        .col_expr(task::Column::DecidedAt, Expr::value(Some(now)))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The approval was decided meanwhile.".into(),
        ));
    }
    let changes: request::ActiveModel = r.clone().into();
    let updated = save_if_unchanged(&txn, changes, r.revision, now).await?;
    record(
        &txn,
        state,
        &updated,
        if approve {
            "task_approved"
        } else {
            "task_declined"
        },
        Some(updated.status),
        Some(&viewer.account),
        body.comment,
        Some(serde_json::json!({"task_id": t.id, "organisation_id": t.organisation_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// Every approval task approved; a declined or pending one blocks the decision.
pub(super) async fn check_tasks<C: ConnectionTrait>(
    conn: &C,
    r: &request::Model,
) -> Result<(), ApiError> {
    let open = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .filter(task::Column::Status.ne("approved"))
        .all(conn)
        .await?;
    if open.iter().any(|t| t.status == "declined") {
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
