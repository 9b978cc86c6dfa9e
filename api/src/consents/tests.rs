//! The consent gate's rules in-process: a consents context on in-memory SQLite
//! with a manual clock, no HTTP server. Every instant derives from [`START`].

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use secrecy::SecretString;
use uuid::Uuid;

use super::{
    ConsentSettings, ConsentsCtx,
    dto::PublishRequest,
    entity::agreement::AgreementKind,
    service::{self, Gate, NewRecord, NoObligations},
};
use crate::{
    accounts::{
        auth::ConsentGate,
        entity::account::{self, AccountKind, AccountStatus, Role, Verification},
    },
    clock::{ManualClock, SharedClock},
    db::{self, DatabaseSettings},
    error::ApiError,
    i18n::Localized,
    kernel::Core,
    messaging::{Messaging, hub::Hub, links::LinkSigner, mailer::MailSettings},
};

/// The one instant the tests start from (a Monday; no test reads the wall clock).
const START: &str = "2027-03-01T07:00:00Z";

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(START)
        .expect("START is RFC 3339")
        .with_timezone(&Utc)
}

struct Fixture {
    ctx: ConsentsCtx,
    clock: Arc<ManualClock>,
    _dir: tempfile::TempDir,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("a folder");
    let settings = DatabaseSettings {
        url: Some(SecretString::from("sqlite::memory:")),
        ..DatabaseSettings::default()
    };
    let conn = db::connect(&settings, dir.path()).await.expect("connects");
    db::migrate(&conn).await.expect("migrates");
    let clock = ManualClock::new(start());
    let shared: SharedClock = clock.clone();
    let messaging = Messaging {
        mail: Arc::new(MailSettings::default()),
        links: Arc::new(LinkSigner::load_or_generate(None, dir.path()).expect("a link key")),
        hub: Hub::new(conn.get_database_backend()),
    };
    let ctx = ConsentsCtx {
        core: Core::new(conn, shared),
        settings: ConsentSettings::default(),
        eds: None,
        legal_hold: Arc::new(NoObligations),
        messaging,
    };
    Fixture {
        ctx,
        clock,
        _dir: dir,
    }
}

async fn account(ctx: &ConsentsCtx, role: Role) -> Uuid {
    let id = Uuid::now_v7();
    account::ActiveModel {
        id: Set(id),
        kind: Set(AccountKind::Individual),
        iin: Set(format!("{:012}", id.as_u128() % 1_000_000_000_000)),
        bin: Set(None),
        identity_key: Set(None),
        full_name: Set("Асанов Асан".into()),
        organisation: Set(None),
        email: Set(format!("{id}@example.kz")),
        email_normalized: Set(Some(format!("{id}@example.kz"))),
        email_verified_at: Set(None),
        phone: Set(None),
        language: Set("kk".into()),
        password_hash: Set(None),
        role: Set(role),
        status: Set(AccountStatus::Active),
        status_reason: Set(None),
        verification: Set(Verification::Verified),
        verified_at: Set(None),
        failed_logins: Set(0),
        lockouts: Set(0),
        locked_until: Set(None),
        created_at: Set(start()),
        updated_at: Set(start()),
    }
    .insert(&ctx.core.db)
    .await
    .expect("an account");
    id
}

fn terms(effective_at: Option<DateTime<Utc>>) -> PublishRequest {
    let text = |t: &str| Localized {
        kk: format!("{t} (kk)"),
        ru: format!("{t} (ru)"),
        en: t.to_owned(),
    };
    PublishRequest {
        kind: AgreementKind::Terms,
        title: text("User agreement"),
        body: text("The terms"),
        details: None,
        effective_at,
    }
}

async fn record(ctx: &ConsentsCtx, account: Uuid, agreement: Uuid, action: &str) {
    service::append(
        &ctx.core.db,
        NewRecord {
            account_id: account,
            agreement_id: agreement,
            document_sha256: "0".repeat(64),
            action,
            channel: "web",
            language: "kk",
            ip_address: None,
            user_agent: None,
            signature: None,
            signer_serial: None,
            recorded_at: ctx.core.now(),
        },
    )
    .await
    .expect("recorded");
}

#[tokio::test]
async fn the_gate_stays_shut_until_the_version_in_force_is_accepted() {
    let Fixture { ctx, .. } = fixture().await;
    let gate = Gate { ctx: ctx.clone() };
    let (admin, person) = (
        account(&ctx, Role::Admin).await,
        account(&ctx, Role::Applicant).await,
    );
    assert!(
        gate.missing(person, ctx.core.now())
            .await
            .expect("asks")
            .is_empty(),
        "nothing to accept before any agreement exists"
    );
    // The first version of a kind takes effect at once: nothing to annul, nobody to warn.
    let first = service::publish(&ctx, admin, terms(None))
        .await
        .expect("publishes");
    assert_eq!(first.effective_at, start());
    assert_eq!(
        gate.missing(person, ctx.core.now()).await.expect("asks"),
        [first.id]
    );
    record(&ctx, person, first.id, "accepted").await;
    assert!(
        gate.missing(person, ctx.core.now())
            .await
            .expect("asks")
            .is_empty()
    );
}

#[tokio::test]
async fn a_new_version_gates_only_from_three_days_after_publication() {
    let Fixture { ctx, clock, .. } = fixture().await;
    let gate = Gate { ctx: ctx.clone() };
    let (admin, person) = (
        account(&ctx, Role::Admin).await,
        account(&ctx, Role::Applicant).await,
    );
    let first = service::publish(&ctx, admin, terms(None))
        .await
        .expect("publishes");
    record(&ctx, person, first.id, "accepted").await;

    // a change takes effect no sooner than three days after it is published.
    clock.set(start() + Duration::hours(1));
    let too_soon = service::publish(&ctx, admin, terms(Some(ctx.core.now() + Duration::days(2))))
        .await
        .expect_err("sooner than the notice period");
    assert!(matches!(too_soon, ApiError::Validation(_)), "{too_soon:?}");
    let second = service::publish(&ctx, admin, terms(None))
        .await
        .expect("publishes");
    let effective = ctx.core.now() + Duration::days(3);
    assert_eq!(second.effective_at, effective);

    clock.set(effective - Duration::seconds(1));
    assert!(
        gate.missing(person, ctx.core.now())
            .await
            .expect("asks")
            .is_empty(),
        "the accepted version is still the one in force"
    );
    clock.set(effective);
    assert_eq!(
        gate.missing(person, ctx.core.now()).await.expect("asks"),
        [second.id],
        "the new version is in force and not yet accepted"
    );
    record(&ctx, person, second.id, "accepted").await;
    assert!(
        gate.missing(person, ctx.core.now())
            .await
            .expect("asks")
            .is_empty()
    );
    // A withdrawal after the acceptance shuts the gate again.
    record(&ctx, person, second.id, "withdrawn").await;
    assert_eq!(
        gate.missing(person, ctx.core.now()).await.expect("asks"),
        [second.id]
    );
}
