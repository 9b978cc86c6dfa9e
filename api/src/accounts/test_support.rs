//! Accounts for tests of the areas' rules, inserted as they are stored (no registration, no EDS).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use uuid::Uuid;

use super::entity::account::{self, AccountKind, AccountStatus, Role, Verification};

/// An active, verified account of the person with `iin` (of the organisation with `bin`, if
/// any), created at `at`.
pub async fn insert_account<C: ConnectionTrait>(
    db: &C,
    iin: &str,
    bin: Option<&str>,
    role: Role,
    at: DateTime<Utc>,
) -> account::Model {
    account::ActiveModel {
        id: Set(Uuid::now_v7()),
        kind: Set(if bin.is_some() {
            AccountKind::LegalEntity
        } else {
            AccountKind::Individual
        }),
        iin: Set(iin.to_owned()),
        bin: Set(bin.map(str::to_owned)),
        identity_key: Set(None),
        full_name: Set(format!("Person {iin}")),
        organisation: Set(None),
        email: Set(format!("{iin}@example.kz")),
        email_normalized: Set(Some(format!("{iin}@example.kz"))),
        email_verified_at: Set(Some(at)),
        phone: Set(None),
        language: Set("en".into()),
        password_hash: Set(None),
        role: Set(role),
        status: Set(AccountStatus::Active),
        status_reason: Set(None),
        verification: Set(Verification::Verified),
        verified_at: Set(Some(at)),
        failed_logins: Set(0),
        lockouts: Set(0),
        locked_until: Set(None),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(db)
    .await
    .expect("the account is inserted")
}
