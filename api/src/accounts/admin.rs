//! What administrators do to accounts: find them, verify their data, block,
//! unblock, refuse a registration, delete, lift a lockout. Every action states a reason, lands in
//! the audit log, and is emailed to the account's owner.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
    sea_query::{Expr, Func},
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    dto::{AccountView, Page, parse_lang},
    entity::{
        account::{self, AccountStatus, Role, Verification},
        audit_event, certificate,
    },
    roles::Departure,
    service::{find, record_change},
    sign_in::revoke_all_sessions,
};
use crate::{
    accounts::AccountsCtx,
    db::{page, stamp},
    eds::{Bin, Iin},
    error::ApiError,
    messaging::{outbox, templates::Template},
};

/// An account as administrators see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminAccountView {
    #[serde(flatten)]
    pub account: AccountView,
    pub status_reason: Option<String>,
    pub locked_until: Option<chrono::DateTime<Utc>>,
    pub verified_at: Option<chrono::DateTime<Utc>>,
}

impl From<account::Model> for AdminAccountView {
    fn from(a: account::Model) -> Self {
        Self {
            status_reason: a.status_reason.clone(),
            locked_until: a.locked_until,
            verified_at: a.verified_at,
            account: a.into(),
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AccountQuery {
    /// Part of the name or email, or a whole IIN/BIN.
    #[param(pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    pub q: Option<String>,
    pub status: Option<AccountStatus>,
    pub role: Option<Role>,
    /// 1–100, default 20.
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 100>")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// `GET /admin/accounts`: newest first, cursor-paginated.
pub async fn list(
    state: &AccountsCtx,
    query: AccountQuery,
) -> Result<Page<AdminAccountView>, ApiError> {
    let limit = query.limit.unwrap_or(20).clamp(1, 100);
    let mut select = account::Entity::find().order_by_desc(account::Column::Id);
    if let Some(pattern) = crate::db::search_pattern(query.q.as_deref())? {
        // A user's text goes into LIKE as a bound value with its wildcards escaped.
        let q = query.q.as_deref().map(str::trim).unwrap_or_default();
        select = select.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(account::Column::FullName)))
                        .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(
                    account::Column::EmailNormalized
                        .like(sea_orm::sea_query::LikeExpr::new(pattern).escape('\\')),
                )
                .add(account::Column::Iin.eq(q))
                .add(account::Column::Bin.eq(q)),
        );
    }
    if let Some(status) = query.status {
        select = select.filter(account::Column::Status.eq(status));
    }
    if let Some(role) = query.role {
        select = select.filter(account::Column::Role.eq(role));
    }
    if let Some(cursor) = query.cursor {
        select = select.filter(account::Column::Id.lt(cursor));
    }
    let rows = select.limit(limit + 1).all(&state.core.db).await?;
    let (rows, next_cursor) = page(rows, limit, |a| a.id);
    Ok(Page {
        items: rows.into_iter().map(AdminAccountView::from).collect(),
        next_cursor,
    })
}

pub async fn get(state: &AccountsCtx, id: Uuid) -> Result<AdminAccountView, ApiError> {
    Ok(find(&state.core.db, id).await?.into())
}

/// A check of an account's identity data by a state registry. The production
/// implementation asks the registry over HTTP; see `docs/accounts.md`.
#[async_trait::async_trait]
pub trait StateRegistry: Send + Sync {
    /// Whether the registry knows this IIN (and BIN) as the named person or company.
    async fn confirm(&self, iin: &str, bin: Option<&str>, full_name: &str) -> Result<bool, String>;
}

/// Asks a registry at `base_url`: `GET {base_url}/persons/{iin}` (and `/companies/{bin}`),
/// which answers `{"iin": …, "full_name": …}` (`{"bin": …, "name": …}`), 404 when unknown.
pub struct HttpStateRegistry {
    base_url: String,
    client: reqwest::Client,
}

impl HttpStateRegistry {
    pub fn new(base_url: String) -> Result<Self, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        Ok(Self { base_url, client })
    }
}

#[async_trait::async_trait]
impl StateRegistry for HttpStateRegistry {
    async fn confirm(&self, iin: &str, bin: Option<&str>, full_name: &str) -> Result<bool, String> {
        let base = self.base_url.trim_end_matches('/');
        let person = self
            .client
            .get(format!("{base}/persons/{iin}"))
            .send()
            .await
            .map_err(|e| format!("the registry did not answer: {e}"))?;
        if person.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(false);
        }
        let person: serde_json::Value = person
            .error_for_status()
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| format!("the registry's answer is not JSON: {e}"))?;
        let same_name = person["full_name"]
            .as_str()
            .is_some_and(|name| name.trim().eq_ignore_ascii_case(full_name.trim()));
        if !same_name {
            return Ok(false);
        }
        let Some(bin) = bin else { return Ok(true) };
        let company = self
            .client
            .get(format!("{base}/companies/{bin}"))
            .send()
            .await
            .map_err(|e| format!("the registry did not answer: {e}"))?;
        Ok(company.status().is_success())
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationReport {
    pub verification: Verification,
    /// Each check with its outcome: `iin`, `bin`, `certificate`, `state_registry`.
    pub checks: Vec<VerificationCheck>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationCheck {
    pub check: String,
    pub passed: bool,
    pub detail: String,
}

/// `POST /admin/accounts/{id}/verify`: built-in checks (IIN/BIN check digits, a bound
/// certificate valid now) and the state registry when one is configured.
pub async fn verify(
    state: &AccountsCtx,
    admin: Uuid,
    id: Uuid,
) -> Result<VerificationReport, ApiError> {
    let now = state.core.clock.now();
    let account = find(&state.core.db, id).await?;
    let mut checks = Vec::new();
    let mut check = |name: &str, passed: bool, detail: String| {
        checks.push(VerificationCheck {
            check: name.into(),
            passed,
            detail,
        })
    };
    check(
        "iin",
        Iin::parse(&account.iin).is_ok(),
        "IIN check digit".into(),
    );
    if let Some(bin) = &account.bin {
        check("bin", Bin::parse(bin).is_ok(), "BIN check digit".into());
    }
    let valid_certificate = certificate::Entity::find()
        .filter(certificate::Column::AccountId.eq(id))
        .filter(certificate::Column::NotBefore.lte(stamp(now)))
        .filter(certificate::Column::NotAfter.gt(stamp(now)))
        .one(&state.core.db)
        .await?
        .is_some();
    check(
        "certificate",
        valid_certificate,
        "a bound certificate valid now".into(),
    );
    if let Some(registry) = &state.registry {
        match registry
            .confirm(&account.iin, account.bin.as_deref(), &account.full_name)
            .await
        {
            Ok(confirmed) => check(
                "state_registry",
                confirmed,
                "the registry knows this identity".into(),
            ),
            Err(why) => {
                return Err(ApiError::ServiceUnavailable(format!(
                    "The state registry is unavailable ({why})"
                )));
            }
        }
    }
    let verification = if checks.iter().all(|c| c.passed) {
        Verification::Verified
    } else {
        Verification::Failed
    };
    let txn = state.core.db.begin().await?;
    let mut row: account::ActiveModel = account.into();
    row.verification = Set(verification);
    row.verified_at = Set(Some(stamp(now)));
    row.update(&txn).await?;
    audit(
        &txn,
        now,
        Some(admin),
        "account.verify",
        Some(id),
        None,
        serde_json::json!({"result": verification}),
    )
    .await?;
    txn.commit().await?;
    Ok(VerificationReport {
        verification,
        checks,
    })
}

/// An administrator's decision on an account's status.
#[derive(Debug, Clone, Copy)]
pub enum Decision {
    Block,
    Unblock,
    Refuse,
    Delete,
    Unlock,
}

impl Decision {
    fn action(self) -> &'static str {
        match self {
            Decision::Block => "account.block",
            Decision::Unblock => "account.unblock",
            Decision::Refuse => "account.refuse",
            Decision::Delete => "account.delete",
            Decision::Unlock => "account.unlock",
        }
    }
}

/// Applies a decision with its reason: status, sessions, the owner's email and the audit log in
/// one transaction.
pub async fn decide(
    state: &AccountsCtx,
    admin: Uuid,
    id: Uuid,
    decision: Decision,
    reason: String,
) -> Result<AdminAccountView, ApiError> {
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let account = find(&txn, id).await?;
    if account.status == AccountStatus::Deleted {
        return Err(ApiError::NotFound);
    }
    if admin == id
        && matches!(
            decision,
            Decision::Block | Decision::Refuse | Decision::Delete
        )
    {
        return Err(ApiError::Conflict(
            "Administrators cannot block, refuse or delete their own account.".into(),
        ));
    }
    let (new_status, template) = match decision {
        Decision::Block => (
            AccountStatus::Blocked,
            Some(Template::AccountBlocked {
                reason: reason.clone(),
            }),
        ),
        Decision::Unblock => {
            if account.status != AccountStatus::Blocked {
                return Err(ApiError::Conflict("The account is not blocked.".into()));
            }
            (AccountStatus::Active, Some(Template::AccountUnblocked))
        }
        Decision::Refuse => (
            AccountStatus::Refused,
            Some(Template::RegistrationRefused {
                reason: reason.clone(),
            }),
        ),
        Decision::Delete => (AccountStatus::Deleted, Some(Template::AccountDeleted)),
        Decision::Unlock => (account.status, None),
    };
    if let Some(template) = template {
        outbox::enqueue(
            &txn,
            outbox::NewEmail {
                unsubscribe_url: None,
                account_id: Some(id),
                to_address: account.email.clone(),
                language: parse_lang(&account.language),
                template,
            },
            now,
        )
        .await?;
    }
    if matches!(
        decision,
        Decision::Block | Decision::Refuse | Decision::Delete
    ) {
        revoke_all_sessions(&txn, id, None, decision.action(), now).await?;
    }
    let old_status = account.status;
    let mut row: account::ActiveModel = account.clone().into();
    row.status = Set(new_status);
    row.status_reason = Set(match decision {
        Decision::Unblock => None,
        Decision::Unlock => account.status_reason.clone(),
        _ => Some(reason.clone()),
    });
    row.updated_at = Set(stamp(now));
    match decision {
        Decision::Unlock => {
            row.locked_until = Set(None);
            row.failed_logins = Set(0);
        }
        Decision::Delete => erase_personal_data(&mut row, &account),
        _ => {}
    }
    let updated = row.update(&txn).await?;
    release_work(state, &txn, &updated, admin, decision).await?;
    if decision.action() != "account.unlock" {
        record_change(
            &txn,
            id,
            "status",
            Some(status_name(old_status)),
            Some(status_name(new_status)),
            Some(admin),
            now,
        )
        .await?;
    }
    if matches!(decision, Decision::Delete) {
        certificate::Entity::delete_many()
            .filter(certificate::Column::AccountId.eq(id))
            .exec(&txn)
            .await?;
    }
    audit(
        &txn,
        now,
        Some(admin),
        decision.action(),
        Some(id),
        Some(reason),
        serde_json::json!({}),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account = %id, action = decision.action(), "administrator decision");
    Ok(updated.into())
}

/// A reviewer who is blocked, refused or deleted hands their open work back to their
/// organisation, in the decision's transaction.
async fn release_work(
    state: &AccountsCtx,
    txn: &sea_orm::DatabaseTransaction,
    account: &account::Model,
    admin: Uuid,
    decision: Decision,
) -> Result<(), ApiError> {
    let leaves = matches!(
        decision,
        Decision::Block | Decision::Refuse | Decision::Delete
    );
    if account.role != Role::Reviewer || !leaves {
        return Ok(());
    }
    let actor = find(txn, admin).await?;
    state
        .departures
        .release(txn, account, &actor, Departure::AccountBlocked)
        .await?;
    Ok(())
}

fn status_name(status: AccountStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Deletion keeps the row (consents and permit history point at it) but erases who it was: the
/// IIN becomes a one-way pseudonym, names, contacts and the password go.
fn erase_personal_data(row: &mut account::ActiveModel, account: &account::Model) {
    let pseudonym = hex::encode(Sha256::digest(format!(
        "saulet-deleted:{}:{}",
        account.id, account.iin
    )));
    row.iin = Set(pseudonym[..12].to_owned());
    row.bin = Set(None);
    row.identity_key = Set(None);
    row.full_name = Set(String::new());
    row.organisation = Set(None);
    row.email = Set(format!("deleted-{}@invalid", account.id));
    row.email_normalized = Set(None);
    row.email_verified_at = Set(None);
    row.phone = Set(None);
    row.password_hash = Set(None);
}

pub async fn audit<C: ConnectionTrait>(
    conn: &C,
    now: chrono::DateTime<Utc>,
    actor: Option<Uuid>,
    action: &str,
    target: Option<Uuid>,
    reason: Option<String>,
    details: serde_json::Value,
) -> Result<(), ApiError> {
    let client = crate::request_context::ClientAddress::current();
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        actor_id: Set(actor),
        action: Set(action.to_owned()),
        target_account_id: Set(target),
        reason: Set(reason),
        details: Set(Some(details)),
        created_at: Set(stamp(now)),
        client_address: Set(client.map(|c| c.ip.to_string())),
        client_forwarded: Set(client.map(|c| c.forwarded)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// `saulet accounts grant-role`: bootstraps the first administrator (and staff roles).
/// It sets the role only: taking a reviewer's role away belongs to [`super::roles::change`],
/// which also hands their open work back to their organisation.
pub async fn grant_role<C: ConnectionTrait>(
    conn: &C,
    email: &str,
    role: Role,
) -> Result<account::Model, ApiError> {
    let account = account::Entity::find()
        .filter(account::Column::EmailNormalized.eq(super::service::normalize_email(email)))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let old = account.role;
    let mut row: account::ActiveModel = account.into();
    row.role = Set(role);
    let updated = row.update(conn).await?;
    audit(
        conn,
        // The command line acts at the machine's time.
        Utc::now(),
        None,
        "account.grant_role",
        Some(updated.id),
        None,
        serde_json::json!({"from": old, "to": role}),
    )
    .await?;
    Ok(updated)
}
