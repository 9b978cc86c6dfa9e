//! The review: the routed organisation's staff assign the request, accept it into
//! review or return it, ask for corrections (the preliminary refusal and the objection, signed
//! acts, are in [`super::refusal`]); the applicant withdraws the request before a decision.

use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::approvals::open_tasks;
use super::deadlines::approval_period_end;
use super::load_calendar;
use super::{Standing, Transition, Viewer, for_applicant, for_staff, local_day, notices};
use crate::permits::{
    catalogue,
    dto::*,
    entity::request,
    workflow::{Action, Status},
};
use crate::{
    accounts::{
        entity::account::{self, AccountStatus, Role},
        roles::{Departure, ReviewerDeparture},
    },
    db::stamp,
    error::{ApiError, FieldError},
    notifications::event::Event,
    permits::PermitsCtx,
};

/// `POST /permit-requests/{id}/withdraw` (the applicant, before a decision).
pub async fn withdraw(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_applicant(state, viewer, id).await?;
    let now = stamp(state.core.now());
    Transition::new(state, r, Action::Withdraw, &viewer.account)?
        .change(|c| {
            c.decided_at = Set(Some(now));
            c.paused_at = Set(None);
        })
        .comment(body.comment)
        .commit()
        .await
}

/// `POST /permit-requests/{id}/assign`: to me, or to any reviewer of the organisation. Taking
/// a request from another reviewer needs a reason; the history keeps it, and the new assignee
/// and the previous one are told (unless they are the one acting).
pub async fn assign(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: AssignRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    if r.status.is_final() {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} cannot be assigned",
            r.status.as_str()
        )));
    }
    let assignee_id = body.assignee_id.unwrap_or(viewer.account.id);
    let assignee = account::Entity::find_by_id(assignee_id)
        .one(&state.core.db)
        .await?;
    let org_bin = match &viewer.standing {
        Standing::Staff(org) => org.bin.clone(),
        _ => None,
    };
    let Some(assignee) = assignee.filter(|a| {
        a.role == Role::Reviewer
            && a.status == AccountStatus::Active
            && a.bin.is_some()
            && a.bin == org_bin
    }) else {
        return Err(ApiError::Validation(vec![FieldError::new(
            "assignee_id",
            "not_staff",
            "assign to a reviewer of the organisation the request is routed to",
        )]));
    };
    let previous = r.assignee_id;
    if previous == Some(assignee_id) {
        return Err(ApiError::Conflict(
            "The request is already assigned to this reviewer.".into(),
        ));
    }
    let reason = body
        .reason
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty());
    if previous.is_some() && reason.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "reason",
            "required",
            "say why the request passes from its reviewer to another",
        )]));
    }
    let txn = state.core.db.begin().await?;
    let updated = Transition::note(state, r, "assign", &viewer.account)
        .change(|c| c.assignee_id = Set(Some(assignee_id)))
        .comment(reason.clone())
        .data(serde_json::json!({"assignee_id": assignee_id, "previous_assignee_id": previous}))
        .write(&txn)
        .await?;
    notices::tell_assigned(
        &txn,
        state,
        &updated,
        notices::Handover {
            actor: viewer.account.id,
            assignee: &assignee,
            previous,
            reason,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// The accounts area's [`ReviewerDeparture`]: a reviewer who stops reviewing (another role, a
/// blocked or closed account) hands every open request they held back to their organisation's
/// queue, each step in the request's history, and the remaining reviewers are told. Decided
/// requests keep their assignee: it says who decided.
pub struct ReleaseWork(pub PermitsCtx);

#[async_trait::async_trait]
impl ReviewerDeparture for ReleaseWork {
    async fn release(
        &self,
        txn: &DatabaseTransaction,
        reviewer: &account::Model,
        actor: &account::Model,
        why: Departure,
    ) -> Result<u64, ApiError> {
        let ctx = &self.0;
        let open = Status::ALL.into_iter().filter(|s| !s.is_final());
        let held = request::Entity::find()
            .filter(request::Column::AssigneeId.eq(reviewer.id))
            .filter(request::Column::Status.is_in(open))
            .order_by_asc(request::Column::CreatedAt)
            .all(txn)
            .await?;
        let mut released = 0;
        for r in held {
            let updated = Transition::note(ctx, r, "unassign", actor)
                .change(|c| c.assignee_id = Set(None))
                .data(serde_json::json!({
                    "previous_assignee_id": reviewer.id,
                    "why": why.as_str(),
                }))
                .write(txn)
                .await?;
            let event = Event::WorkReleased {
                request_id: updated.id,
                number: updated.number.clone(),
                title: updated.title.clone(),
            };
            notices::tell_reviewers_of(txn, ctx, &updated, event).await?;
            released += 1;
        }
        if released > 0 {
            tracing::info!(reviewer = %reviewer.id, released, why = why.as_str(), "open work returned to the queue");
        }
        Ok(released)
    }
}

/// `POST /permit-requests/{id}/accept`: complete; into review. Creates the approval tasks.
pub async fn accept(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let step = Transition::new(state, r, Action::Accept, &viewer.account)?;
    let definition = super::definition_of(state, &state.core.db, step.request()).await?;
    let now = stamp(state.core.now());
    let calendar = load_calendar(&state.core.db).await?;
    let due_at = approval_period_end(
        &calendar,
        state.settings.utc_offset_hours,
        now,
        definition.approval_days,
    );
    let txn = state.core.db.begin().await?;
    open_tasks(&txn, step.request().id, &definition, now, due_at).await?;
    let unassigned = step.request().assignee_id.is_none();
    let updated = step
        .change(|c| {
            c.accepted_at = Set(Some(now));
            if unassigned {
                c.assignee_id = Set(Some(viewer.account.id));
            }
        })
        .comment(body.comment)
        .write(&txn)
        .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/return`: incomplete at the completeness check; closed without review.
pub async fn return_request(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ReasonBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let now = stamp(state.core.now());
    Transition::new(state, r, Action::Return, &viewer.account)?
        .change(|c| c.decided_at = Set(Some(now)))
        .comment(Some(body.reason))
        .commit()
        .await
}

/// `POST /permit-requests/{id}/request-corrections`: itemised, per field or per document; the
/// clock stops until the applicant submits a new signed version.
pub async fn request_corrections(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CorrectionsRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let step = Transition::new(state, r, Action::RequestCorrections, &viewer.account)?;
    let definition = super::definition_of(state, &state.core.db, step.request()).await?;
    check_correction_targets(&definition, &body.items)?;
    let items = serde_json::to_value(&body.items).map_err(|e| ApiError::Internal(e.into()))?;
    let now = stamp(state.core.now());
    let calendar = load_calendar(&state.core.db).await?;
    let answer_by = calendar.add_working_days(
        local_day(state, now),
        state.settings.corrections_answer_days,
    );
    step.change(|c| {
        c.corrections = Set(Some(items.clone()));
        c.corrections_due = Set(Some(answer_by));
        c.paused_at = Set(Some(now));
    })
    .comment(body.comment)
    .data(serde_json::json!({"items": items}))
    .commit()
    .await
}

/// Each item names one form field or one document slot of the service, or neither (a general
/// remark).
fn check_correction_targets(
    definition: &catalogue::Definition,
    items: &[CorrectionItem],
) -> Result<(), ApiError> {
    let fields = definition
        .form_schema
        .get("properties")
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let mut errors = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match (&item.field, &item.slot) {
            (Some(f), None) if fields.contains_key(f) => {}
            (None, Some(s)) if definition.slot(s).is_some() => {}
            (None, None) => {}
            _ => errors.push(FieldError::new(
                format!("items[{i}]"),
                "unknown_target",
                "name one form field or one document slot of this service, or neither for a general remark",
            )),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}
