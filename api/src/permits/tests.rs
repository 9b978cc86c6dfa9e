//! In-process tests of the permits rules: a [`PermitsCtx`] on in-memory SQLite with a manual
//! clock, the rules called directly, no HTTP server. They cover the state machine as the service
//! applies it and the statutory deadlines on the working-day calendar. Every instant
//! derives from [`START`]: nothing here reads the wall clock, so the tests pass on any date.

use std::sync::Arc;

use base64::Engine;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use uuid::Uuid;

use super::{
    PermitSettings, PermitsCtx, catalogue,
    dto::*,
    entity::{
        decision::{self, DecisionKind},
        history, organisation, request,
        task::{self, TaskStatus},
    },
    service::{self, Standing, Viewer},
    workflow::Status,
};
use crate::{
    accounts::{
        entity::account::{self, Role},
        test_support::insert_account,
    },
    clock::ManualClock,
    eds::{
        EdsVerifier,
        dev_pki::{DEV_PKI_PASSWORD, DevPki, DevUser},
        sign::sign_detached,
    },
    error::ApiError,
    i18n::Localized,
    kernel::Core,
    messaging::Messaging,
};

/// Monday 1 March 2027, 07:00 UTC: noon in Astana (the default UTC+5).
const START: &str = "2027-03-01T07:00:00Z";

fn start() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(START)
        .expect("START is an RFC 3339 instant")
        .with_timezone(&Utc)
}

/// `days` calendar days after [`START`], at the same hour.
fn day(days: i64) -> DateTime<Utc> {
    start() + Duration::days(days)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// The BIN of the demo department, the organisation every seeded type is routed to.
const DEPARTMENT_BIN: &str = "190340020011";
const WATER_BIN: &str = "041140031012";
const POWER_BIN: &str = "070240042024";

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// A permits context on a fresh in-memory database, seeded, with the clock at [`START`].
struct World {
    ctx: PermitsCtx,
    clock: Arc<ManualClock>,
    /// Documents and decision PDFs; kept until the test ends.
    _dir: tempfile::TempDir,
}

impl World {
    async fn new(eds: Option<Arc<EdsVerifier>>, clock: Arc<ManualClock>) -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let db = crate::db::in_memory().await;
        service::seed(&db, start())
            .await
            .expect("the catalogue is seeded");
        let messaging = Messaging::for_tests(db.get_database_backend());
        let core = Core::new(db, clock.clone());
        let ctx = PermitsCtx {
            evidence: Arc::new(
                crate::evidence::Evidence::ephemeral(core.clone()).expect("a log key"),
            ),
            core,
            settings: PermitSettings::default(),
            data_dir: dir.path().to_path_buf(),
            eds,
            catalogue: Arc::new(catalogue::Cache::new(std::time::Duration::ZERO)),
            messaging,
            seal: None,
            files: crate::permits::storage::FileStore::new(dir.path().join("documents")),
            verified: Default::default(),
        };
        Self {
            ctx,
            clock,
            _dir: dir,
        }
    }

    async fn plain() -> Self {
        Self::new(None, ManualClock::new(start())).await
    }

    /// A verified account, inserted as it is stored.
    async fn account(&self, iin: &str, bin: Option<&str>, role: Role) -> account::Model {
        insert_account(&self.ctx.core.db, iin, bin, role, start()).await
    }

    async fn applicant(&self, iin: &str) -> Viewer {
        Viewer {
            account: self.account(iin, None, Role::Applicant).await,
            standing: Standing::Applicant,
        }
    }

    /// A reviewer of the organisation with `bin`.
    async fn staff(&self, iin: &str, bin: &str) -> Viewer {
        let org = organisation::Entity::find()
            .filter(organisation::Column::Bin.eq(bin))
            .one(&self.ctx.core.db)
            .await
            .expect("the organisations are read")
            .expect("a seeded organisation");
        Viewer {
            account: self.account(iin, Some(bin), Role::Reviewer).await,
            standing: Standing::Staff(org),
        }
    }

    /// A draft of the sketch approval (intake 2, review 10 working days) with its sketch.
    async fn sketch_draft(&self, applicant: &Viewer) -> Uuid {
        let view = service::create(
            &self.ctx,
            applicant,
            CreateRequest {
                type_code: "sketch-approval".into(),
                title: None,
                form_data: Some(serde_json::json!({
                    "object_name": "Residential block",
                    "address": "Astana, Mangilik El 55",
                    "apz_number": "APZ-2027-0001",
                })),
            },
        )
        .await
        .expect("the draft is created");
        let bytes = futures_util::stream::iter([Ok::<_, std::io::Error>(
            actix_web::web::Bytes::from_static(PDF),
        )]);
        service::upload(&self.ctx, applicant, view.id, "sketch", "sketch.pdf", bytes)
            .await
            .expect("the sketch is uploaded");
        view.id
    }

    /// A request as the first submission leaves it, written directly (for tests that need no
    /// signature).
    async fn submitted(&self, applicant: &Viewer, type_code: &str) -> request::Model {
        let (row, _) = catalogue::get(&self.ctx.core.db, type_code)
            .await
            .expect("a seeded type");
        let now = self.ctx.core.now();
        let id = Uuid::now_v7();
        // Unique per request: the last six hex digits of its (random-tailed) id.
        let number = format!("AST-2027-{}", &id.simple().to_string()[26..]);
        request::ActiveModel {
            id: Set(id),
            number: Set(Some(number)),
            type_code: Set(type_code.into()),
            type_version: Set(row.version),
            organisation_id: Set(row.organisation_id),
            applicant_id: Set(applicant.account.id),
            applicant_bin: Set(None),
            holder_name: Set(applicant.account.full_name.clone()),
            holder_id: Set(format!("IIN {}", applicant.account.iin)),
            title: Set("A request".into()),
            form_data: Set(serde_json::json!({})),
            status: Set(Status::Submitted),
            revision: Set(2),
            version_no: Set(1),
            assignee_id: Set(None),
            submitted_at: Set(Some(now)),
            accepted_at: Set(None),
            intake_due: Set(Some(date(2027, 3, 3))),
            due_on: Set(Some(date(2027, 3, 15))),
            paused_at: Set(None),
            corrections: Set(None),
            corrections_due: Set(None),
            pending_refusal: Set(None),
            objection_due: Set(None),
            objection: Set(None),
            decided_at: Set(None),
            reminded_for: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&self.ctx.core.db)
        .await
        .expect("the request is inserted")
    }

    async fn history(&self, id: Uuid) -> Vec<(String, Option<Status>, Status)> {
        history::Entity::find()
            .filter(history::Column::RequestId.eq(id))
            .all(&self.ctx.core.db)
            .await
            .expect("the history is read")
            .into_iter()
            .map(|h| (h.action, h.from_status, h.to_status))
            .collect()
    }
}

fn is_illegal<T: std::fmt::Debug>(result: Result<T, ApiError>) -> bool {
    matches!(result, Err(ApiError::IllegalTransition(_)))
}

#[test]
fn stored_names_of_task_statuses_and_decision_kinds_are_unchanged() {
    use sea_orm::ActiveEnum;
    for status in [
        TaskStatus::Pending,
        TaskStatus::Approved,
        TaskStatus::Declined,
    ] {
        assert_eq!(status.to_value(), status.as_str());
    }
    assert_eq!(
        [
            TaskStatus::Pending,
            TaskStatus::Approved,
            TaskStatus::Declined
        ]
        .map(TaskStatus::as_str),
        ["pending", "approved", "declined"]
    );
    for kind in [DecisionKind::Permit, DecisionKind::Refusal] {
        assert_eq!(kind.to_value(), kind.as_str());
        assert_eq!(DecisionKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(DecisionKind::Permit.as_str(), "permit");
    assert_eq!(DecisionKind::Refusal.as_str(), "refusal");
    assert_eq!(DecisionKind::parse("grant"), None);
}

// ---------------------------------------------------------------------------------------------
// The machine, through the service

#[tokio::test]
async fn a_withdrawn_draft_stays_withdrawn() {
    let w = World::plain().await;
    let applicant = w.applicant("850314300183").await;
    let id = w.sketch_draft(&applicant).await;

    w.clock.set(day(1));
    let withdrawn = service::withdraw(
        &w.ctx,
        &applicant,
        id,
        CommentBody {
            comment: Some("Filed by mistake".into()),
        },
    )
    .await
    .expect("a draft may be withdrawn");
    assert_eq!(withdrawn.status, Status::Withdrawn);
    assert_eq!(withdrawn.decided_at, Some(day(1)));

    // Nothing moves a withdrawn request, whoever asks; the machine answers before anything else
    // (here: before the signature, which this context could not even check).
    let again = service::withdraw(&w.ctx, &applicant, id, CommentBody::default()).await;
    assert!(is_illegal(again));
    let submit = service::submit(
        &w.ctx,
        &applicant,
        id,
        SubmitRequest {
            digest: "0".repeat(64),
            signature: "x".into(),
        },
    )
    .await;
    assert!(is_illegal(submit));
    let edit = service::update(
        &w.ctx,
        &applicant,
        id,
        Some(&service::etag(&withdrawn)),
        UpdateRequest {
            title: Some("Changed".into()),
            form_data: None,
        },
    )
    .await;
    assert!(is_illegal(edit));

    assert_eq!(
        w.history(id).await,
        vec![("withdraw".into(), Some(Status::Draft), Status::Withdrawn)]
    );
}

#[tokio::test]
async fn staff_cannot_decide_before_review_nor_permit_before_every_approval() {
    let w = World::plain().await;
    let applicant = w.applicant("850314300183").await;
    let reviewer = w.staff("880509400305", DEPARTMENT_BIN).await;
    let r = w.submitted(&applicant, "apz-tu").await;
    let draft = |kind: &str| DecisionDraftRequest {
        kind: kind.into(),
        comment: None,
    };

    // Submitted: neither a decision nor a refusal yet.
    let early = service::decision_draft(&w.ctx, &reviewer, r.id, draft("permit")).await;
    assert!(is_illegal(early));
    let refusal = service::preliminary_refusal(
        &w.ctx,
        &reviewer,
        r.id,
        PreliminaryRefusalRequest {
            grounds: vec!["incomplete".into()],
            text: "No".into(),
            // The step is refused before the signature is looked at.
            digest: "0".repeat(64),
            signature: "unsigned".into(),
        },
    )
    .await;
    assert!(is_illegal(refusal));
    // The applicant cannot accept their own request.
    let by_applicant = service::accept(&w.ctx, &applicant, r.id, CommentBody::default()).await;
    assert!(matches!(by_applicant, Err(ApiError::Forbidden)));

    w.clock.set(day(1));
    let accepted = service::accept(&w.ctx, &reviewer, r.id, CommentBody::default())
        .await
        .expect("a submitted request is accepted");
    assert_eq!(accepted.status, Status::InReview);
    assert_eq!(accepted.assignee_id, Some(reviewer.account.id));
    assert!(is_illegal(
        service::accept(&w.ctx, &reviewer, r.id, CommentBody::default()).await
    ));

    // The water and power utilities were asked; a permit waits for both.
    let tasks = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .all(&w.ctx.core.db)
        .await
        .expect("the tasks are read");
    assert_eq!(tasks.len(), 2);
    assert!(tasks.iter().all(|t| t.status == TaskStatus::Pending));
    let pending = service::decision_draft(&w.ctx, &reviewer, r.id, draft("permit")).await;
    assert!(is_illegal(pending));
    // A refusal comes only after a preliminary one.
    let refusal = service::decision_draft(&w.ctx, &reviewer, r.id, draft("refusal")).await;
    assert!(is_illegal(refusal));

    for (iin, bin) in [("900101300011", WATER_BIN), ("900101300022", POWER_BIN)] {
        let engineer = w.staff(iin, bin).await;
        let mine = tasks
            .iter()
            .find(|t| Some(t.organisation_id) == engineer_org(&engineer))
            .expect("a task for the utility");
        // An approval is the organisation's signed technical conditions: without the document
        // it is refused before any signature is looked at. (Signed answers are tested through
        // HTTP with the dev PKI, in tests/tests/permits.rs and evidence_package.rs.)
        let unsigned = |_: Verdict| SignedAnswer {
            comment: None,
            digest: "0".repeat(64),
            signature: "MIIB".into(),
        };
        let bare = service::decide_task(
            &w.ctx,
            &engineer,
            r.id,
            mine.id,
            Verdict::Approve,
            unsigned(Verdict::Approve),
        )
        .await;
        assert!(matches!(bare, Err(ApiError::Validation(_))), "{bare:?}");
        task::Entity::update_many()
            .col_expr(
                task::Column::Status,
                sea_orm::sea_query::Expr::value("approved"),
            )
            .filter(task::Column::Id.eq(mine.id))
            .exec(&w.ctx.core.db)
            .await
            .expect("the utility's answer is recorded");
        let twice = service::decide_task(
            &w.ctx,
            &engineer,
            r.id,
            mine.id,
            Verdict::Approve,
            unsigned(Verdict::Approve),
        )
        .await;
        assert!(is_illegal(twice));
    }

    let view = service::decision_draft(&w.ctx, &reviewer, r.id, draft("permit"))
        .await
        .expect("every approval given: the permit is drafted");
    assert_eq!(view.kind, "permit");
    assert!(!view.signed);
    let stored = decision::Entity::find_by_id(view.id)
        .one(&w.ctx.core.db)
        .await
        .expect("the decision is read")
        .expect("the draft is stored");
    assert_eq!(stored.kind, DecisionKind::Permit);
    assert_eq!(
        w.history(r.id)
            .await
            .into_iter()
            .map(|(action, _, to)| (action, to))
            .collect::<Vec<_>>(),
        // The answers were written directly above; through the API each is a history step too.
        vec![("accept".into(), Status::InReview)]
    );
}

fn engineer_org(viewer: &Viewer) -> Option<Uuid> {
    match &viewer.standing {
        Standing::Staff(org) => Some(org.id),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/// The demo PKI generated at [`START`], written to a folder, and a verifier trusting it on the
/// test's clock.
struct Pki {
    pki: DevPki,
    verifier: Arc<EdsVerifier>,
    _dir: tempfile::TempDir,
}

impl Pki {
    fn new(clock: Arc<ManualClock>) -> Self {
        let pki = DevPki::build(start(), &crate::eds::test_support::pooled_options())
            .expect("the demo PKI builds");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = pki.write(dir.path()).expect("the demo PKI is written");
        let verifier =
            EdsVerifier::new(pki.trust_settings(&files), clock).expect("the verifier starts");
        Self {
            pki,
            verifier: Arc::new(verifier),
            _dir: dir,
        }
    }

    fn user(&self, name: &str) -> &DevUser {
        self.pki
            .users
            .iter()
            .find(|u| u.name == name)
            .expect("a demo user")
    }

    /// `name`'s SIGN key over `content`: detached CMS, base64.
    fn sign(&self, name: &str, content: &str) -> String {
        let cms = sign_detached(
            &self.user(name).sign.p12,
            DEV_PKI_PASSWORD,
            content.as_bytes(),
        )
        .expect("the demo key signs");
        base64::engine::general_purpose::STANDARD.encode(cms)
    }
}

/// 2027's exceptions for these tests: a holiday on Wednesday 3 March, and Saturday 6 March
/// worked in exchange.
async fn march_calendar(ctx: &PermitsCtx) {
    let name = |en: &str| Localized {
        kk: en.into(),
        ru: en.into(),
        en: en.into(),
    };
    service::replace_calendar_year(
        ctx,
        None,
        2027,
        CalendarYear {
            days: vec![
                CalendarDayView {
                    date: date(2027, 3, 3),
                    kind: "holiday".into(),
                    name: name("A holiday"),
                },
                CalendarDayView {
                    date: date(2027, 3, 6),
                    kind: "working_day".into(),
                    name: name("Worked in exchange"),
                },
            ],
        },
    )
    .await
    .expect("the administrator's calendar is accepted");
}

async fn sign_and_submit(w: &World, pki: &Pki, applicant: &Viewer, id: Uuid) -> request::Model {
    let digest = service::digest(&w.ctx, applicant, id)
        .await
        .expect("the digest is read")
        .digest;
    service::submit(
        &w.ctx,
        applicant,
        id,
        SubmitRequest {
            signature: pki.sign("individual", &digest),
            digest,
        },
    )
    .await
    .expect("the signed submission is accepted")
}

#[tokio::test]
async fn due_dates_count_working_days_and_stand_still_while_corrections_are_awaited() {
    let clock = ManualClock::new(start());
    let pki = Pki::new(clock.clone());
    let w = World::new(Some(pki.verifier.clone()), clock).await;
    march_calendar(&w.ctx).await;
    let iin = pki.user("individual").iin.as_str().to_owned();
    let applicant = w.applicant(&iin).await;
    let reviewer = w.staff("880509400305", DEPARTMENT_BIN).await;
    let id = w.sketch_draft(&applicant).await;

    // Submitted on Monday 1 March. Intake, 2 working days: Tuesday 2, (Wednesday 3 is a
    // holiday) Thursday 4. Review, 10: 2, 4, 5, Saturday 6 (worked), 8, 9, 10, 11, 12, 15.
    let submitted = sign_and_submit(&w, &pki, &applicant, id).await;
    assert_eq!(submitted.status, Status::Submitted);
    assert_eq!(submitted.submitted_at, Some(start()));
    assert_eq!(submitted.number.as_deref(), Some("AST-2027-000001"));
    assert_eq!(submitted.intake_due, Some(date(2027, 3, 4)));
    assert_eq!(submitted.due_on, Some(date(2027, 3, 15)));
    // Submitting again needs corrections first.
    let again = service::submit(
        &w.ctx,
        &applicant,
        id,
        SubmitRequest {
            digest: "0".repeat(64),
            signature: "x".into(),
        },
    )
    .await;
    assert!(is_illegal(again));

    // Accepted and sent back for corrections on Tuesday 2 March: the clock stops.
    w.clock.set(day(1));
    service::accept(&w.ctx, &reviewer, id, CommentBody::default())
        .await
        .expect("accepted");
    let paused = service::request_corrections(
        &w.ctx,
        &reviewer,
        id,
        CorrectionsRequest {
            items: vec![CorrectionItem {
                field: Some("address".into()),
                slot: None,
                message: "Add the block number".into(),
            }],
            comment: None,
        },
    )
    .await
    .expect("corrections are requested");
    assert_eq!(paused.status, Status::CorrectionsRequested);
    assert_eq!(paused.paused_at, Some(day(1)));
    assert_eq!(paused.due_on, Some(date(2027, 3, 15)));

    // Answered on Friday 5 March: the clock stood still for Thursday 4 and Friday 5 (Wednesday
    // 3 is a holiday), so both due dates move on by two working days.
    w.clock.set(day(4));
    let edited = service::update(
        &w.ctx,
        &applicant,
        id,
        Some(&service::etag(&paused)),
        UpdateRequest {
            title: None,
            form_data: Some(serde_json::json!({
                "object_name": "Residential block",
                "address": "Astana, Mangilik El 55, block 2",
                "apz_number": "APZ-2027-0001",
            })),
        },
    )
    .await
    .expect("the answer is edited");
    assert_eq!(edited.status, Status::CorrectionsRequested);
    let resubmitted = sign_and_submit(&w, &pki, &applicant, id).await;
    assert_eq!(resubmitted.status, Status::InReview);
    assert_eq!(resubmitted.version_no, 2);
    assert_eq!(resubmitted.paused_at, None);
    assert_eq!(resubmitted.corrections, None);
    assert_eq!(resubmitted.submitted_at, Some(start()));
    assert_eq!(resubmitted.number.as_deref(), Some("AST-2027-000001"));
    assert_eq!(resubmitted.intake_due, Some(date(2027, 3, 6)));
    assert_eq!(resubmitted.due_on, Some(date(2027, 3, 17)));

    assert_eq!(
        w.history(id).await,
        vec![
            ("submit".into(), Some(Status::Draft), Status::Submitted),
            ("accept".into(), Some(Status::Submitted), Status::InReview),
            (
                "request_corrections".into(),
                Some(Status::InReview),
                Status::CorrectionsRequested
            ),
            (
                "submit".into(),
                Some(Status::CorrectionsRequested),
                Status::InReview
            ),
        ]
    );
}

#[tokio::test]
async fn a_request_is_overdue_the_day_after_its_due_date() {
    let w = World::plain().await;
    march_calendar(&w.ctx).await;
    let applicant = w.applicant("850314300183").await;
    let reviewer = w.staff("880509400305", DEPARTMENT_BIN).await;
    // Intake due on Wednesday 3 March as written by `submitted`.
    let r = w.submitted(&applicant, "sketch-approval").await;
    let overdue_ids = |overdue: bool| {
        let (ctx, reviewer) = (&w.ctx, &reviewer);
        async move {
            service::list(
                ctx,
                reviewer,
                RequestQuery {
                    status: None,
                    type_code: None,
                    submitted_from: None,
                    submitted_to: None,
                    overdue: Some(overdue),
                    due_by: None,
                    assignee: None,
                    q: None,
                    limit: None,
                    cursor: None,
                },
            )
            .await
            .expect("the list is read")
            .items
            .into_iter()
            .map(|s| s.id)
            .collect::<Vec<_>>()
        }
    };

    // On its due date it is not late yet; the next day it is.
    w.clock.set(day(2));
    assert_eq!(overdue_ids(true).await, Vec::<Uuid>::new());
    assert_eq!(overdue_ids(false).await, vec![r.id]);
    w.clock.set(day(3));
    assert_eq!(overdue_ids(true).await, vec![r.id]);
    let view = service::view(&w.ctx, &reviewer, r.clone())
        .await
        .expect("the view is built");
    assert!(view.overdue);
    // Accepted, it counts against the review's due date instead.
    service::accept(&w.ctx, &reviewer, r.id, CommentBody::default())
        .await
        .expect("accepted");
    assert_eq!(overdue_ids(true).await, Vec::<Uuid>::new());
}

/// A list with no filter but the cursor keeps its statement's text per shape and makes only its
/// values (`queries::unfiltered_shape`): every shape, read twice (the second time from the
/// cursor), finds what it should. Debug builds check on each call that the kept text is the one
/// the builder writes and that the values are the ones it binds, in its order.
#[tokio::test]
async fn every_shape_of_an_unfiltered_list_reads_what_it_should() {
    let w = World::plain().await;
    let person = w.applicant("850314300183").await;
    let company = Viewer {
        account: w
            .account("870412300456", Some(WATER_BIN), Role::Applicant)
            .await,
        standing: Standing::Applicant,
    };
    let reviewer = w.staff("880509400305", DEPARTMENT_BIN).await;
    let admin = Viewer {
        account: w.account("900101300789", None, Role::Admin).await,
        standing: Standing::Admin,
    };
    let mine = [
        w.submitted(&person, "sketch-approval").await.id,
        w.submitted(&person, "sketch-approval").await.id,
    ];
    let theirs = [
        w.submitted(&company, "sketch-approval").await.id,
        w.submitted(&company, "sketch-approval").await.id,
    ];
    // The same applicants before their email was verified: no invitations to look for.
    let unverified = |viewer: &Viewer| {
        let mut account = viewer.account.clone();
        account.email_verified_at = None;
        Viewer {
            account,
            standing: Standing::Applicant,
        }
    };
    let every = [mine[0], mine[1], theirs[0], theirs[1]];
    for (viewer, expected) in [
        (&person, &mine[..]),
        (&unverified(&person), &mine[..]),
        (&company, &theirs[..]),
        (&unverified(&company), &theirs[..]),
        (&reviewer, &every[..]),
        (&admin, &every[..]),
    ] {
        let mut expected: Vec<Uuid> = expected.to_vec();
        expected.sort_unstable_by(|a, b| b.cmp(a));
        let page = |cursor: Option<Uuid>| {
            service::list(
                &w.ctx,
                viewer,
                RequestQuery {
                    status: None,
                    type_code: None,
                    submitted_from: None,
                    submitted_to: None,
                    overdue: None,
                    due_by: None,
                    assignee: None,
                    q: None,
                    limit: Some(1),
                    cursor,
                },
            )
        };
        let first = page(None).await.expect("the first page");
        let ids = |p: &RequestPage| p.items.iter().map(|s| s.id).collect::<Vec<_>>();
        assert_eq!(ids(&first), expected[..1], "{:?}", viewer.standing);
        let cursor = first.next_cursor.and_then(|c| c.parse().ok());
        assert!(cursor.is_some(), "a next page");
        let second = page(cursor).await.expect("the second page");
        assert_eq!(ids(&second), expected[1..2], "{:?}", viewer.standing);
    }
}
