//! Administrators grant and take away roles: applicant, reviewer (staff of the
//! organisation whose BIN their certificate carries), administrator. Every change states a
//! reason, lands in the audit log and in the account's history, is told to the person (in-app
//! and by email, a security notice) and takes effect on their next call, since every call reads
//! the account afresh. A reviewer who loses the role hands their open requests back to their
//! organisation's queue in the same transaction ([`ReviewerDeparture`]). The command line
//! (`saulet accounts grant-role`) stays for the first administrator.

use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set, TransactionTrait};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::{
    AccountsCtx,
    admin::{AdminAccountView, audit},
    auth::AccountNotice,
    entity::account::{self, AccountStatus, Role},
    service::{find, record_change},
};
use crate::{
    db::stamp,
    error::{ApiError, FieldError},
};

/// Why a reviewer stops reviewing, as the requests' histories record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// An administrator gave them another role.
    RoleChanged,
    /// An administrator blocked, refused or deleted the account.
    AccountBlocked,
    /// They closed their own account.
    AccountClosed,
}

impl Departure {
    pub fn as_str(self) -> &'static str {
        match self {
            Departure::RoleChanged => "role_changed",
            Departure::AccountBlocked => "account_blocked",
            Departure::AccountClosed => "account_closed",
        }
    }
}

/// The open work a reviewer held when they stop being one: without this, a request assigned to
/// someone who can no longer act would wait for nobody, and a corrected version sent to its
/// assignee would reach no one. Declared here and implemented by the permits area, which stands
/// above accounts; start-up wires it in.
#[async_trait::async_trait]
pub trait ReviewerDeparture: Send + Sync {
    /// In `txn`, after the account's change is written: returns every open request assigned to
    /// `reviewer` to their organisation's queue, notes each step in the request's history (by
    /// `actor`, with `why` and no free-text reason: the applicant reads that history) and tells
    /// the organisation's remaining reviewers. Returns how many requests were released.
    async fn release(
        &self,
        txn: &DatabaseTransaction,
        reviewer: &account::Model,
        actor: &account::Model,
        why: Departure,
    ) -> Result<u64, ApiError>;
}

/// `PUT /admin/accounts/{id}/role`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RoleChange {
    pub role: Role,
    /// Why: kept in the audit log and told to the person.
    #[validate(length(min = 3, max = 2000))]
    #[schema(min_length = 3, max_length = 2000)]
    pub reason: String,
}

pub fn role_name(role: Role) -> &'static str {
    match role {
        Role::Applicant => "applicant",
        Role::Reviewer => "reviewer",
        Role::Admin => "admin",
    }
}

/// Gives the account `change.role`, with its reason, in one transaction.
pub async fn change(
    state: &AccountsCtx,
    admin: Uuid,
    id: Uuid,
    change: RoleChange,
) -> Result<AdminAccountView, ApiError> {
    change.validate()?;
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let account = find(&txn, id).await?;
    if account.status == AccountStatus::Deleted {
        return Err(ApiError::NotFound);
    }
    if account.status != AccountStatus::Active {
        return Err(ApiError::Conflict(
            "Roles are given only to active accounts; unblock the account first.".into(),
        ));
    }
    if account.role == change.role {
        return Err(ApiError::Conflict(
            "The account already has this role.".into(),
        ));
    }
    if admin == id {
        // The last administrator must not lock the department out of its own back office.
        return Err(ApiError::Conflict(
            "Administrators cannot change their own role; ask another administrator.".into(),
        ));
    }
    if change.role == Role::Reviewer && account.bin.is_none() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "role",
            "not_staff",
            "a reviewer signs in with a certificate of the organisation they work for (one that carries its BIN)",
        )]));
    }
    let from = account.role;
    let mut row: account::ActiveModel = account.into();
    row.role = Set(change.role);
    row.updated_at = Set(stamp(now));
    let updated = row.update(&txn).await?;
    if from == Role::Reviewer {
        let actor = find(&txn, admin).await?;
        state
            .departures
            .release(&txn, &updated, &actor, Departure::RoleChanged)
            .await?;
    }
    record_change(
        &txn,
        id,
        "role",
        Some(role_name(from).to_owned()),
        Some(role_name(change.role).to_owned()),
        Some(admin),
        now,
    )
    .await?;
    audit(
        &txn,
        now,
        Some(admin),
        "account.role",
        Some(id),
        Some(change.reason.clone()),
        serde_json::json!({"from": from, "to": change.role}),
    )
    .await?;
    state
        .notices
        .tell(
            &txn,
            &updated,
            AccountNotice::RoleChanged {
                from,
                to: change.role,
                reason: change.reason,
            },
        )
        .await?;
    txn.commit().await?;
    tracing::info!(account = %id, role = role_name(change.role), "role changed");
    Ok(updated.into())
}
