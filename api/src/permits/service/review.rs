//! The review: the routed organisation's staff assign the request, accept it into
//! review or return it, ask for corrections, announce a preliminary refusal; the applicant objects
//! to it, or withdraws the request before a decision.

use sea_orm::{EntityTrait, Set, TransactionTrait};
use uuid::Uuid;

use super::approvals::open_tasks;
use super::deadlines::resume_clock;
use super::{Standing, Transition, Viewer, for_applicant, for_staff, load_calendar, local_day};
use crate::permits::{
    catalogue,
    dto::*,
    entity::request,
    workflow::{Action, Status},
};
use crate::{
    accounts::entity::account::{self, Role},
    db::stamp,
    error::{ApiError, FieldError},
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

/// `POST /permit-requests/{id}/assign`.
pub async fn assign(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: AssignRequest,
) -> Result<request::Model, ApiError> {
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
    let fits = assignee
        .as_ref()
        .is_some_and(|a| a.role == Role::Reviewer && a.bin.is_some() && a.bin == org_bin);
    if !fits {
        return Err(ApiError::Validation(vec![FieldError::new(
            "assignee_id",
            "not_staff",
            "assign to a reviewer of the organisation the request is routed to",
        )]));
    }
    Transition::note(state, r, "assign", &viewer.account)
        .change(|c| c.assignee_id = Set(Some(assignee_id)))
        .data(serde_json::json!({"assignee_id": assignee_id}))
        .commit()
        .await
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
    let (_, definition) = catalogue::get(&state.core.db, &step.request().type_code).await?;
    let now = stamp(state.core.now());
    let txn = state.core.db.begin().await?;
    open_tasks(&txn, step.request().id, &definition, now).await?;
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
    let (_, definition) = catalogue::get(&state.core.db, &step.request().type_code).await?;
    check_correction_targets(&definition, &body.items)?;
    let items = serde_json::to_value(&body.items).map_err(|e| ApiError::Internal(e.into()))?;
    let now = stamp(state.core.now());
    step.change(|c| {
        c.corrections = Set(Some(items.clone()));
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

/// `POST /permit-requests/{id}/preliminary-refusal`: grounds and reasoned text; the applicant may
/// object within the type's objection period, while the clock stands still.
pub async fn preliminary_refusal(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: PreliminaryRefusalRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let step = Transition::new(state, r, Action::PreliminaryRefusal, &viewer.account)?;
    let (_, definition) = catalogue::get(&state.core.db, &step.request().type_code).await?;
    let unknown: Vec<FieldError> = body
        .grounds
        .iter()
        .enumerate()
        .filter(|(_, g)| definition.ground(g).is_none())
        .map(|(i, _)| {
            FieldError::new(
                format!("grounds[{i}]"),
                "unknown",
                "not a refusal ground of this service",
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }
    let now = state.core.now();
    let calendar = load_calendar(&state.core.db).await?;
    let objection_due = calendar.add_working_days(local_day(state, now), definition.objection_days);
    let pending = PendingRefusal {
        grounds: body.grounds,
        text: body.text,
    };
    let value = serde_json::to_value(&pending).map_err(|e| ApiError::Internal(e.into()))?;
    step.change(|c| {
        c.pending_refusal = Set(Some(value));
        c.objection_due = Set(Some(objection_due));
        c.objection = Set(None);
        c.paused_at = Set(Some(stamp(now)));
    })
    .comment(Some(pending.text.clone()))
    .data(serde_json::json!({"grounds": pending.grounds, "objection_due": objection_due}))
    .commit()
    .await
}

/// `POST /permit-requests/{id}/objection`: the applicant's objection to a preliminary refusal,
/// once, within the period. The clock starts again: the reviewer must weigh it.
pub async fn object(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ReasonBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_applicant(state, viewer, id).await?;
    if r.status != Status::PreliminaryRefusal {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} has no refusal to object to",
            r.status.as_str()
        )));
    }
    if r.objection.is_some() {
        return Err(ApiError::Conflict("An objection was made already.".into()));
    }
    let today = local_day(state, state.core.now());
    if r.objection_due.is_some_and(|due| today > due) {
        return Err(ApiError::Conflict(
            "The period for objecting has ended.".into(),
        ));
    }
    let calendar = load_calendar(&state.core.db).await?;
    let due = resume_clock(&r, &calendar, today, state);
    Transition::note(state, r, "object", &viewer.account)
        .change(|c| {
            c.objection = Set(Some(body.reason.clone()));
            due.write_to(c);
            c.paused_at = Set(None);
        })
        .comment(Some(body.reason))
        .commit()
        .await
}
