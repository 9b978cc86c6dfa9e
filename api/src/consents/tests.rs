//! The consent gate's rules in-process: a consents context on in-memory SQLite
//! with a manual clock, no HTTP server. Every instant derives from [`START`].

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::{
    ConsentSettings, ConsentsCtx,
    dto::PublishRequest,
    entity::agreement::AgreementKind,
    service::{self, Gate, NewRecord, NoObligations, NoRecords},
};
use crate::{
    accounts::{auth::ConsentGate, entity::account::Role, test_support::insert_account},
    clock::{ManualClock, SharedClock},
    db,
    error::ApiError,
    i18n::Localized,
    kernel::Core,
    messaging::Messaging,
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
}

async fn fixture() -> Fixture {
    let conn = db::in_memory().await;
    let clock = ManualClock::new(start());
    let shared: SharedClock = clock.clone();
    let messaging = Messaging::for_tests(conn.get_database_backend());
    let core = Core::new(conn, shared);
    let ctx = ConsentsCtx {
        evidence: Arc::new(crate::evidence::Evidence::ephemeral(core.clone()).expect("a log key")),
        core,
        settings: ConsentSettings::default(),
        eds: None,
        legal_hold: Arc::new(NoObligations),
        applicant_records: Arc::new(NoRecords),
        messaging,
    };
    Fixture { ctx, clock }
}

async fn account(ctx: &ConsentsCtx, iin: &str, role: Role) -> Uuid {
    insert_account(&ctx.core.db, iin, None, role, start())
        .await
        .id
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
        account(&ctx, "800101300011", Role::Admin).await,
        account(&ctx, "850314300183", Role::Applicant).await,
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
        account(&ctx, "800101300011", Role::Admin).await,
        account(&ctx, "850314300183", Role::Applicant).await,
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
