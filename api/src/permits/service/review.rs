//! The review: the routed organisation's staff assign the request, accept it into
//! review or return it, ask for corrections, announce a preliminary refusal; the applicant objects
//! to it, or withdraws the request before a decision.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use uuid::Uuid;

use super::deadlines::resume_clock;
use super::{
    Standing, Viewer, for_staff, load_calendar, local_day, next, record, require_applicant,
    save_if_unchanged, step, visible,
};
use crate::permits::{
    catalogue,
    dto::*,
    entity::{request, task},
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
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    let to = next(&r, Action::Withdraw)?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.decided_at = Set(Some(stamp(state.core.clock.now())));
    changes.paused_at = Set(None);
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Withdraw,
        Some(&viewer.account),
        body.comment,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
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
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.assignee_id = Set(Some(assignee_id));
    let updated = save_if_unchanged(&txn, changes, r.revision, state.core.clock.now()).await?;
    record(
        &txn,
        state,
        &updated,
        "assign",
        Some(updated.status),
        Some(&viewer.account),
        None,
        Some(serde_json::json!({"assignee_id": assignee_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
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
    let to = next(&r, Action::Accept)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let existing = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .all(&txn)
        .await?;
    for code in &definition.approvals {
        let org = catalogue::organisation_by_code(&txn, code)
            .await?
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown organisation {code}")))?;
        if existing.iter().any(|t| t.organisation_id == org.id) {
            continue;
        }
        task::ActiveModel {
            id: Set(Uuid::now_v7()),
            request_id: Set(r.id),
            organisation_id: Set(org.id),
            status: Set("pending".into()),
            comment: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(stamp(now)),
        }
        .insert(&txn)
        .await?;
    }
    let mut changes: request::ActiveModel = r.clone().into();
    changes.accepted_at = Set(Some(stamp(now)));
    if r.assignee_id.is_none() {
        changes.assignee_id = Set(Some(viewer.account.id));
    }
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Accept,
        Some(&viewer.account),
        body.comment,
        None,
    )
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
    let to = next(&r, Action::Return)?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.decided_at = Set(Some(stamp(state.core.clock.now())));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Return,
        Some(&viewer.account),
        Some(body.reason),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
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
    let to = next(&r, Action::RequestCorrections)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let fields = definition
        .form_schema
        .get("properties")
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let mut errors = Vec::new();
    for (i, item) in body.items.iter().enumerate() {
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
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let items = serde_json::to_value(&body.items).map_err(|e| ApiError::Internal(e.into()))?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.corrections = Set(Some(items.clone()));
    changes.paused_at = Set(Some(stamp(state.core.clock.now())));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::RequestCorrections,
        Some(&viewer.account),
        body.comment,
        Some(serde_json::json!({"items": items})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
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
    let to = next(&r, Action::PreliminaryRefusal)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
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
    let now = state.core.clock.now();
    let calendar = load_calendar(&state.core.db).await?;
    let objection_due = calendar.add_working_days(local_day(state, now), definition.objection_days);
    let pending = PendingRefusal {
        grounds: body.grounds,
        text: body.text,
    };
    let value = serde_json::to_value(&pending).map_err(|e| ApiError::Internal(e.into()))?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.pending_refusal = Set(Some(value.clone()));
    changes.objection_due = Set(Some(objection_due));
    changes.objection = Set(None);
    changes.paused_at = Set(Some(stamp(now)));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::PreliminaryRefusal,
        Some(&viewer.account),
        Some(pending.text.clone()),
        Some(serde_json::json!({"grounds": pending.grounds, "objection_due": objection_due})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
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
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    if r.status != Status::PreliminaryRefusal {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} has no refusal to object to",
            r.status.as_str()
        )));
    }
    if r.objection.is_some() {
        return Err(ApiError::Conflict("An objection was made already.".into()));
    }
    let now = state.core.clock.now();
    let today = local_day(state, now);
    if r.objection_due.is_some_and(|due| today > due) {
        return Err(ApiError::Conflict(
            "The period for objecting has ended.".into(),
        ));
    }
    let calendar = load_calendar(&state.core.db).await?;
    let (due_on, intake_due) = resume_clock(&r, &calendar, today, state);
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.objection = Set(Some(body.reason.clone()));
    changes.due_on = Set(due_on);
    changes.intake_due = Set(intake_due);
    changes.paused_at = Set(None);
    let updated = save_if_unchanged(&txn, changes, r.revision, now).await?;
    record(
        &txn,
        state,
        &updated,
        "object",
        Some(updated.status),
        Some(&viewer.account),
        Some(body.reason),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}
