//! Who hears of a step besides the applicant: reviewers of new and resubmitted work; and what
//! a request for corrections tells the applicant (each item, and the day by which to answer).

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::permits::{
    dto::CorrectionItem,
    entity::{organisation, request},
    workflow::Status,
};
use crate::{
    accounts::entity::account::{self, AccountStatus, Role},
    error::ApiError,
    notifications::{
        event::Event,
        service::{Recipient, notify, notify_many},
    },
    permits::PermitsCtx,
};

/// Tells the reviewers that `r` reached them (newly submitted, or a corrected version).
pub(super) async fn tell_reviewers(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    r: &request::Model,
    resubmitted: bool,
) -> Result<(), ApiError> {
    let event = Event::WorkArrived {
        request_id: r.id,
        number: r.number.clone(),
        title: r.title.clone(),
        resubmitted,
    };
    tell_reviewers_of(txn, ctx, r, event).await
}

/// Tells `r`'s reviewers of `event`: its assignee if it has one, otherwise every active reviewer
/// of the organisation it is routed to (in-app, and by email as each one's preferences allow).
pub(super) async fn tell_reviewers_of(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    r: &request::Model,
    event: Event,
) -> Result<(), ApiError> {
    let reviewers = match r.assignee_id {
        Some(id) => {
            account::Entity::find_by_id(id)
                .filter(account::Column::Status.eq(AccountStatus::Active))
                .all(txn)
                .await?
        }
        None => {
            let Some(org) = organisation::Entity::find_by_id(r.organisation_id)
                .one(txn)
                .await?
            else {
                return Ok(());
            };
            let Some(bin) = org.bin else { return Ok(()) };
            account::Entity::find()
                .filter(account::Column::Role.eq(Role::Reviewer))
                .filter(account::Column::Bin.eq(bin))
                .filter(account::Column::Status.eq(AccountStatus::Active))
                .all(txn)
                .await?
        }
    };
    let recipients: Vec<Recipient> = reviewers.iter().map(Recipient::from).collect();
    notify_many(txn, &ctx.notifier(), &recipients, &event).await
}

/// Who a request passes to, and from whom.
pub(super) struct Handover<'a> {
    pub actor: uuid::Uuid,
    pub assignee: &'a account::Model,
    pub previous: Option<uuid::Uuid>,
    pub reason: Option<String>,
}

/// Tells the new assignee and the previous one (each unless they are the one acting).
pub(super) async fn tell_assigned(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    r: &request::Model,
    handover: Handover<'_>,
) -> Result<(), ApiError> {
    let notifier = ctx.notifier();
    let event = |to_you: bool| Event::RequestAssigned {
        request_id: r.id,
        number: r.number.clone(),
        title: r.title.clone(),
        to_you,
        assignee: handover.assignee.full_name.clone(),
        reason: handover.reason.clone(),
    };
    if handover.assignee.id != handover.actor {
        notify(
            txn,
            &notifier,
            &Recipient::from(handover.assignee),
            event(true),
        )
        .await?;
    }
    if let Some(previous) = handover.previous.filter(|p| *p != handover.actor) {
        let previous = account::Entity::find_by_id(previous)
            .filter(account::Column::Status.eq(AccountStatus::Active))
            .one(txn)
            .await?;
        if let Some(previous) = previous {
            notify(txn, &notifier, &Recipient::from(&previous), event(false)).await?;
        }
    }
    Ok(())
}

/// For a request waiting on corrections: each item's text, and the last day to answer.
pub(super) fn corrections_of(r: &request::Model) -> (Vec<String>, Option<chrono::NaiveDate>) {
    if r.status != Status::CorrectionsRequested {
        return (Vec::new(), None);
    }
    let items: Vec<CorrectionItem> = r
        .corrections
        .clone()
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let texts = items
        .into_iter()
        .map(|item| match item.field.or(item.slot) {
            Some(target) => format!("{} ({target})", item.message),
            None => item.message,
        })
        .collect();
    (texts, r.corrections_due)
}
