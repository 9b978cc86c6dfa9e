//! More time (asked for in public planning systems' trackers): while corrections are requested,
//! the applicant may ask for more working days to answer, with a reason; a reviewer of the
//! routed organisation grants or refuses; the day by which to answer moves on by the days
//! granted. Each step is in the history, and the other side is told.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{Transition, Viewer, for_applicant, for_staff, load_calendar, local_day, notices};
use crate::permits::{
    dto::{ExtensionDecision, ExtensionRequest, ExtensionView},
    entity::{
        request,
        time_extension::{self, ExtensionStatus},
    },
    workflow::Status,
};
use crate::{
    accounts::entity::account,
    db::stamp,
    error::{ApiError, FieldError},
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
    permits::PermitsCtx,
};

/// The request's asks for more time, oldest first.
pub(super) async fn of_request<C: sea_orm::ConnectionTrait>(
    conn: &C,
    request_id: Uuid,
) -> Result<Vec<time_extension::Model>, ApiError> {
    Ok(time_extension::Entity::find()
        .filter(time_extension::Column::RequestId.eq(request_id))
        .order_by_asc(time_extension::Column::Id)
        .all(conn)
        .await?)
}

impl From<time_extension::Model> for ExtensionView {
    fn from(e: time_extension::Model) -> Self {
        Self {
            id: e.id,
            days: u32::try_from(e.days).unwrap_or(0),
            reason: e.reason,
            status: e.status.as_str().to_owned(),
            decision_comment: e.decision_comment,
            created_at: e.created_at,
            decided_at: e.decided_at,
        }
    }
}

fn no_pending_ask() -> ApiError {
    ApiError::Conflict("There is no request for more time to answer.".into())
}

fn waiting(r: &request::Model) -> Result<(), ApiError> {
    if r.status == Status::CorrectionsRequested {
        Ok(())
    } else {
        Err(ApiError::IllegalTransition(
            "More time can be asked for and given only while corrections are requested".into(),
        ))
    }
}

/// `POST /permit-requests/{id}/extension` (the applicant's side).
pub async fn ask(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ExtensionRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_applicant(state, viewer, id).await?;
    waiting(&r)?;
    let most = state.settings.max_extension_days;
    if body.days > most {
        return Err(ApiError::Validation(vec![FieldError::new(
            "days",
            "range",
            format!("at most {most} working days at a time"),
        )]));
    }
    let txn = state.core.db.begin().await?;
    if of_request(&txn, r.id)
        .await?
        .iter()
        .any(|e| e.status == ExtensionStatus::Pending)
    {
        return Err(ApiError::Conflict(
            "A request for more time is already waiting for the reviewer's answer.".into(),
        ));
    }
    let now = stamp(state.core.now());
    let ask = time_extension::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        requested_by: Set(viewer.account.id),
        days: Set(i32::try_from(body.days).unwrap_or(i32::MAX)),
        reason: Set(body.reason.clone()),
        status: Set(ExtensionStatus::Pending),
        decided_by: Set(None),
        decision_comment: Set(None),
        created_at: Set(now),
        decided_at: Set(None),
    }
    .insert(&txn)
    .await?;
    let updated = Transition::note(state, r, "extension_requested", &viewer.account)
        .comment(Some(body.reason.clone()))
        .data(serde_json::json!({"extension_id": ask.id, "days": body.days}))
        .write(&txn)
        .await?;
    let event = Event::ExtensionAsked {
        request_id: updated.id,
        number: updated.number.clone(),
        title: updated.title.clone(),
        days: body.days,
        reason: body.reason,
    };
    notices::tell_reviewers_of(&txn, state, &updated, event).await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/extension/decision` (staff of the routed organisation).
pub async fn decide(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ExtensionDecision,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    if !body.grant && body.comment.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "comment",
            "required",
            "say why more time is refused",
        )]));
    }
    let r = for_staff(state, viewer, id).await?;
    waiting(&r)?;
    let txn = state.core.db.begin().await?;
    let Some(ask) = of_request(&txn, r.id)
        .await?
        .into_iter()
        .find(|e| e.status == ExtensionStatus::Pending)
    else {
        return Err(no_pending_ask());
    };
    let now = stamp(state.core.now());
    let days = u32::try_from(ask.days).unwrap_or(0);
    let due = if body.grant {
        let calendar = load_calendar(&txn).await?;
        let from = r.corrections_due.unwrap_or_else(|| local_day(state, now));
        Some(calendar.add_working_days(from, days))
    } else {
        r.corrections_due
    };
    let status = if body.grant {
        ExtensionStatus::Granted
    } else {
        ExtensionStatus::Refused
    };
    let answered = time_extension::Entity::update_many()
        .col_expr(time_extension::Column::Status, status.as_str().into())
        .col_expr(
            time_extension::Column::DecidedBy,
            Some(viewer.account.id).into(),
        )
        .col_expr(
            time_extension::Column::DecisionComment,
            body.comment.clone().into(),
        )
        .col_expr(time_extension::Column::DecidedAt, Some(now).into())
        .filter(time_extension::Column::Id.eq(ask.id))
        // Answered once: a second reviewer answering at the same moment finds it answered.
        .filter(time_extension::Column::Status.eq(ExtensionStatus::Pending.as_str()))
        .exec(&txn)
        .await?;
    if answered.rows_affected != 1 {
        return Err(no_pending_ask());
    }
    let action = if body.grant {
        "extension_granted"
    } else {
        "extension_refused"
    };
    let updated = Transition::note(state, r, action, &viewer.account)
        .change(|c| c.corrections_due = Set(due))
        .comment(body.comment.clone())
        .data(serde_json::json!({"extension_id": ask.id, "days": days, "corrections_due": due}))
        .write(&txn)
        .await?;
    let applicant = account::Entity::find_by_id(updated.applicant_id)
        .one(&txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let event = Event::ExtensionDecided {
        request_id: updated.id,
        number: updated.number.clone(),
        title: updated.title.clone(),
        granted: body.grant,
        answer_by: due,
        comment: body.comment,
    };
    notify(&txn, &state.notifier(), &Recipient::from(&applicant), event).await?;
    txn.commit().await?;
    Ok(updated)
}
