//! Co-applicants (asked for in public planning systems' trackers): the applicant invites a
//! designer or a proxy by email to a request they are preparing; whoever holds an account with
//! that verified address sees the request and edits its form and documents. Only the applicant
//! (or a colleague of the applicant's company) signs, submits, withdraws or objects. Every
//! invitation and removal is in the request's history.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use uuid::Uuid;

use super::{Standing, Transition, Viewer, for_applicant};
use crate::permits::{
    dto::{CoApplicantView, InviteRequest},
    entity::{co_applicant, request},
};
use crate::{
    accounts::{entity::account, service::normalize_email},
    db::stamp,
    error::{ApiError, FieldError},
    messaging::{outbox, templates::Template},
    notifications::service::{Recipient, notify},
    permits::PermitsCtx,
};

/// The most people one request may be prepared with.
const MAX_CO_APPLICANTS: u64 = 10;

/// The address an account is known by, if it was verified: co-applicants are matched on it.
pub(super) fn verified_email(account: &account::Model) -> Option<String> {
    account
        .email_verified_at
        .map(|_| normalize_email(&account.email))
}

/// Whether `viewer` was invited to prepare `r`.
pub(super) async fn is_co_applicant<C: ConnectionTrait>(
    conn: &C,
    viewer: &Viewer,
    r: &request::Model,
) -> Result<bool, ApiError> {
    let (Standing::Applicant, Some(email)) = (&viewer.standing, verified_email(&viewer.account))
    else {
        return Ok(false);
    };
    Ok(co_applicant::Entity::find()
        .filter(co_applicant::Column::RequestId.eq(r.id))
        .filter(co_applicant::Column::Email.eq(email))
        .count(conn)
        .await?
        > 0)
}

/// Whether `account` is among `list` (by its verified address).
pub(super) fn is_among(list: &[co_applicant::Model], account: &account::Model) -> bool {
    verified_email(account).is_some_and(|email| list.iter().any(|m| m.email == email))
}

/// The requests `account` was invited to prepare (for the list's scope).
pub(super) fn invited_to(account: &account::Model) -> Option<sea_orm::sea_query::SelectStatement> {
    let email = verified_email(account)?;
    Some(
        sea_orm::sea_query::Query::select()
            .column(co_applicant::Column::RequestId)
            .from(co_applicant::Entity)
            .and_where(co_applicant::Column::Email.eq(email))
            .to_owned(),
    )
}

/// The request's co-applicants, oldest first.
pub(super) async fn of_request<C: ConnectionTrait>(
    conn: &C,
    request_id: Uuid,
) -> Result<Vec<co_applicant::Model>, ApiError> {
    Ok(co_applicant::Entity::find()
        .filter(co_applicant::Column::RequestId.eq(request_id))
        .order_by_asc(co_applicant::Column::Id)
        .all(conn)
        .await?)
}

impl From<co_applicant::Model> for CoApplicantView {
    fn from(m: co_applicant::Model) -> Self {
        Self {
            id: m.id,
            email: m.email,
            invited_at: m.created_at,
        }
    }
}

fn editable(r: &request::Model) -> Result<(), ApiError> {
    if r.status.is_editable() {
        Ok(())
    } else {
        Err(ApiError::IllegalTransition(format!(
            "co-applicants are invited to a request being prepared, not to one that is {}",
            r.status.as_str()
        )))
    }
}

/// `POST /permit-requests/{id}/co-applicants` (the applicant's side): invites `email`.
pub async fn invite(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: InviteRequest,
) -> Result<CoApplicantView, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_applicant(state, viewer, id).await?;
    editable(&r)?;
    let email = normalize_email(&body.email);
    if normalize_email(&viewer.account.email) == email {
        return Err(ApiError::Validation(vec![FieldError::new(
            "email",
            "self",
            "invite someone else: you prepare this request already",
        )]));
    }
    let txn = state.core.db.begin().await?;
    let present = of_request(&txn, r.id).await?;
    if present.iter().any(|m| m.email == email) {
        return Err(ApiError::Conflict(
            "This address is invited to the request already.".into(),
        ));
    }
    if present.len() as u64 >= MAX_CO_APPLICANTS {
        return Err(ApiError::Conflict(format!(
            "A request may be prepared with at most {MAX_CO_APPLICANTS} people."
        )));
    }
    let member = co_applicant::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        email: Set(email.clone()),
        invited_by: Set(viewer.account.id),
        created_at: Set(stamp(state.core.now())),
    }
    .insert(&txn)
    .await?;
    let updated = Transition::note(state, r, "co_applicant_invited", &viewer.account)
        .data(serde_json::json!({"co_applicant_id": member.id, "email": email}))
        .write(&txn)
        .await?;
    tell_invitee(state, &txn, viewer, &updated, &email).await?;
    txn.commit().await?;
    Ok(member.into())
}

/// The invitation: an in-app notice and email to an account with the address, or an email to
/// the address (to register and open the request).
async fn tell_invitee(
    state: &PermitsCtx,
    txn: &sea_orm::DatabaseTransaction,
    viewer: &Viewer,
    r: &request::Model,
    email: &str,
) -> Result<(), ApiError> {
    let holder = account::Entity::find()
        .filter(account::Column::EmailNormalized.eq(email))
        .one(txn)
        .await?;
    let link = state.messaging.mail.link(&format!("/requests/{}", r.id));
    match holder {
        Some(holder) => {
            let event = crate::notifications::event::Event::CoApplicantInvited {
                request_id: r.id,
                title: r.title.clone(),
                inviter: viewer.account.full_name.clone(),
            };
            notify(txn, &state.notifier(), &Recipient::from(&holder), event).await
        }
        None => {
            let email = outbox::NewEmail {
                account_id: None,
                to_address: email.to_owned(),
                language: super::lang_of(&viewer.account),
                template: Template::CoApplicantInvited {
                    title: r.title.clone(),
                    inviter: viewer.account.full_name.clone(),
                    link,
                },
                unsubscribe_url: None,
            };
            outbox::enqueue(txn, email, state.core.now()).await?;
            Ok(())
        }
    }
}

/// `DELETE /permit-requests/{id}/co-applicants/{member}` (the applicant's side).
pub async fn remove(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    member: Uuid,
) -> Result<(), ApiError> {
    let r = for_applicant(state, viewer, id).await?;
    let txn = state.core.db.begin().await?;
    let found = co_applicant::Entity::find_by_id(member)
        .one(&txn)
        .await?
        .filter(|m| m.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    co_applicant::Entity::delete_by_id(found.id)
        .exec(&txn)
        .await?;
    Transition::note(state, r, "co_applicant_removed", &viewer.account)
        .data(serde_json::json!({"co_applicant_id": found.id, "email": found.email}))
        .write(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
