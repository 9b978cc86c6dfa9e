//! Saulet's database migrations. Each migration is one change, named for it, written once and
//! never edited after it lands on main; each runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_create_accounts;
mod m20261124_000002_create_email_outbox;
mod m20261124_000003_create_sign_in;
mod m20261124_000004_create_email_tokens;
mod m20261124_000005_create_account_changes;
mod m20261124_000006_create_audit_events;
mod m20261124_000007_create_notifications;
mod m20261124_000008_create_notification_preferences;
mod m20261124_000009_create_announcements;
mod m20261124_000010_add_email_unsubscribe;
mod m20261124_000011_create_agreements;
mod m20261124_000012_create_consent_records;
mod m20261124_000013_create_permits;
mod m20261203_000014_create_signed_acts;
mod m20261203_000015_add_task_documents;
mod m20261204_000016_create_api_clients;
mod m20261204_000017_create_webhooks;
mod m20261204_000018_add_task_deadlines;
mod m20261205_000019_add_notice_subjects;
mod m20261205_000020_create_co_applicants;
mod m20261206_000021_create_public_register;
mod m20261206_000022_create_calendar_years;
mod m20261206_000023_add_permit_type_versions;
mod m20261207_000024_add_challenge_purpose;
mod m20261207_000025_shared_rate_limits;
mod m20261207_000026_add_session_wrote_at;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_accounts::Migration),
            Box::new(m20261124_000002_create_email_outbox::Migration),
            Box::new(m20261124_000003_create_sign_in::Migration),
            Box::new(m20261124_000004_create_email_tokens::Migration),
            Box::new(m20261124_000005_create_account_changes::Migration),
            Box::new(m20261124_000006_create_audit_events::Migration),
            Box::new(m20261124_000007_create_notifications::Migration),
            Box::new(m20261124_000008_create_notification_preferences::Migration),
            Box::new(m20261124_000009_create_announcements::Migration),
            Box::new(m20261124_000010_add_email_unsubscribe::Migration),
            Box::new(m20261124_000011_create_agreements::Migration),
            Box::new(m20261124_000012_create_consent_records::Migration),
            Box::new(m20261124_000013_create_permits::Migration),
            Box::new(m20261203_000014_create_signed_acts::Migration),
            Box::new(m20261203_000015_add_task_documents::Migration),
            Box::new(m20261204_000016_create_api_clients::Migration),
            Box::new(m20261204_000017_create_webhooks::Migration),
            Box::new(m20261204_000018_add_task_deadlines::Migration),
            Box::new(m20261205_000019_add_notice_subjects::Migration),
            Box::new(m20261205_000020_create_co_applicants::Migration),
            Box::new(m20261206_000021_create_public_register::Migration),
            Box::new(m20261206_000022_create_calendar_years::Migration),
            Box::new(m20261206_000023_add_permit_type_versions::Migration),
            Box::new(m20261207_000024_add_challenge_purpose::Migration),
            Box::new(m20261207_000025_shared_rate_limits::Migration),
            Box::new(m20261207_000026_add_session_wrote_at::Migration),
        ]
    }
}
