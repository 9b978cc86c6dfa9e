//! The permits area's rules: who may see and do what, drafts, documents, signed submissions,
//! the review steps, deadlines and decisions. Handlers in `routes.rs` only call these.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement, TransactionTrait,
    sea_query::{Expr, Func},
};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{
    calendar::{Calendar, CalendarDay, DayKind, Names},
    catalogue::{self, Definition},
    document::{DecisionDocument, DecisionKind},
    dto::*,
    entity::{
        calendar_day, decision, document, history, idempotency, organisation, permit_type, request,
        task, version,
    },
    storage::FileStore,
    workflow::{self, Action, Status},
};
use crate::{
    accounts::signature::verify_signed_by,
    accounts::{
        auth::AuthUser,
        entity::account::{self, AccountKind, Role},
    },
    db::{is_unique_violation, page, stamp},
    eds::KeyPurpose,
    error::{ApiError, FieldError},
    i18n::{Lang, Localized},
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
    permits::PermitsCtx,
};

// ---------------------------------------------------------------------------------------------
// Who is asking

/// The reader's standing towards permit requests.
#[derive(Debug, Clone)]
pub enum Standing {
    /// Applies for permits: sees its own requests, and its company's (same BIN).
    Applicant,
    /// A reviewer of an organisation (the certificate's BIN is the organisation's).
    Staff(organisation::Model),
    /// A reviewer whose BIN is no organisation's: sees nothing.
    Unattached,
    /// Reads every submitted request; decides nothing.
    Admin,
}

pub struct Viewer {
    pub account: account::Model,
    pub standing: Standing,
}

impl Viewer {
    fn org_id(&self) -> Option<Uuid> {
        match &self.standing {
            Standing::Staff(org) => Some(org.id),
            _ => None,
        }
    }

    /// The applicant's side: the owner, or a colleague of the same company.
    fn is_applicant_side(&self, r: &request::Model) -> bool {
        matches!(self.standing, Standing::Applicant)
            && (r.applicant_id == self.account.id
                || (r.applicant_bin.is_some()
                    && self.account.kind == AccountKind::LegalEntity
                    && r.applicant_bin == self.account.bin))
    }

    /// Staff of the organisation the request is routed to.
    fn is_routed_staff(&self, r: &request::Model) -> bool {
        self.org_id() == Some(r.organisation_id) && r.status != Status::Draft
    }
}

pub async fn viewer(state: &PermitsCtx, user: &AuthUser) -> Result<Viewer, ApiError> {
    let account = user.account.clone();
    let standing = match account.role {
        Role::Applicant => Standing::Applicant,
        Role::Admin => Standing::Admin,
        Role::Reviewer => match &account.bin {
            Some(bin) => organisation::Entity::find()
                .filter(organisation::Column::Bin.eq(bin.as_str()))
                .one(&state.core.db)
                .await?
                .map_or(Standing::Unattached, Standing::Staff),
            None => Standing::Unattached,
        },
    };
    Ok(Viewer { account, standing })
}

/// The request, if this viewer may see it; otherwise 404, as if it did not exist.
async fn visible<C: ConnectionTrait>(
    conn: &C,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if viewer.is_applicant_side(&r) || viewer.is_routed_staff(&r) {
        return Ok(r);
    }
    if r.status == Status::Draft {
        return Err(ApiError::NotFound);
    }
    match &viewer.standing {
        Standing::Admin => Ok(r),
        Standing::Staff(org) => {
            let tasked = task::Entity::find()
                .filter(task::Column::RequestId.eq(r.id))
                .filter(task::Column::OrganisationId.eq(org.id))
                .count(conn)
                .await?
                > 0;
            if tasked {
                Ok(r)
            } else {
                Err(ApiError::NotFound)
            }
        }
        _ => Err(ApiError::NotFound),
    }
}

fn require_applicant(viewer: &Viewer, r: &request::Model) -> Result<(), ApiError> {
    if viewer.is_applicant_side(r) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn require_routed_staff(viewer: &Viewer, r: &request::Model) -> Result<(), ApiError> {
    if viewer.is_routed_staff(r) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

// ---------------------------------------------------------------------------------------------
// Time and deadlines

/// The department's calendar day at `now`.
pub fn local_day(state: &PermitsCtx, now: DateTime<Utc>) -> NaiveDate {
    let offset = FixedOffset::east_opt(state.settings.utc_offset_hours * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    now.with_timezone(&offset).date_naive()
}

/// The working-day calendar as administrators keep it.
pub async fn load_calendar<C: ConnectionTrait>(conn: &C) -> Result<Calendar, ApiError> {
    let rows = calendar_day::Entity::find().all(conn).await?;
    let mut days = Vec::with_capacity(rows.len());
    for row in rows {
        days.push(CalendarDay {
            date: row.day,
            kind: if row.kind == "working_day" {
                DayKind::WorkingDay
            } else {
                DayKind::Holiday
            },
            name: names(&row.name)?,
        });
    }
    Ok(Calendar::new(days))
}

fn names(value: &serde_json::Value) -> Result<Names, ApiError> {
    serde_json::from_value(value.clone()).map_err(|e| ApiError::Internal(e.into()))
}

/// Seeds the calendar years shipped with Saulet that the database does not have yet.
pub async fn seed_calendar<C: ConnectionTrait>(conn: &C) -> anyhow::Result<()> {
    for year in Calendar::try_embedded_years()? {
        let start =
            NaiveDate::from_ymd_opt(year.year, 1, 1).ok_or_else(|| anyhow::anyhow!("year"))?;
        let end =
            NaiveDate::from_ymd_opt(year.year, 12, 31).ok_or_else(|| anyhow::anyhow!("year"))?;
        let present = calendar_day::Entity::find()
            .filter(calendar_day::Column::Day.between(start, end))
            .count(conn)
            .await?;
        if present > 0 {
            continue;
        }
        for day in year.days {
            calendar_day::ActiveModel {
                day: Set(day.date),
                kind: Set(kind_name(day.kind).into()),
                name: Set(serde_json::to_value(&day.name)?),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

fn kind_name(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Holiday => "holiday",
        DayKind::WorkingDay => "working_day",
    }
}

/// `GET /calendar/{year}`: the year's exceptions to the Monday–Friday rule.
pub async fn calendar_year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
) -> Result<Vec<CalendarDayView>, ApiError> {
    let (start, end) = year_bounds(year)?;
    calendar_day::Entity::find()
        .filter(calendar_day::Column::Day.between(start, end))
        .order_by_asc(calendar_day::Column::Day)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            Ok(CalendarDayView {
                date: row.day,
                kind: row.kind,
                name: serde_json::from_value(row.name).map_err(|e| ApiError::Internal(e.into()))?,
            })
        })
        .collect()
}

fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(start), Some(end)) if (2000..=2100).contains(&year) => Ok((start, end)),
        _ => Err(ApiError::NotFound),
    }
}

/// `PUT /admin/calendar/{year}`: replaces the year's exceptions. Requests already submitted keep
/// their due dates; new submissions count on the new calendar.
pub async fn replace_calendar_year(
    state: &PermitsCtx,
    year: i32,
    body: CalendarYear,
) -> Result<Vec<CalendarDayView>, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (start, end) = year_bounds(year)?;
    let file = super::calendar::YearFile {
        year,
        source: "administrator".into(),
        verified: true,
        days: body
            .days
            .iter()
            .map(|d| {
                Ok(CalendarDay {
                    date: d.date,
                    kind: match d.kind.as_str() {
                        "holiday" => DayKind::Holiday,
                        "working_day" => DayKind::WorkingDay,
                        _ => {
                            return Err(ApiError::Validation(vec![FieldError::new(
                                "days.kind",
                                "invalid",
                                "`holiday` or `working_day`",
                            )]));
                        }
                    },
                    name: Names {
                        kk: d.name.kk.clone(),
                        ru: d.name.ru.clone(),
                        en: d.name.en.clone(),
                    },
                })
            })
            .collect::<Result<_, ApiError>>()?,
    };
    file.validate().map_err(|e| {
        ApiError::Validation(vec![FieldError::new("days", "invalid", e.to_string())])
    })?;
    let txn = state.core.db.begin().await?;
    calendar_day::Entity::delete_many()
        .filter(calendar_day::Column::Day.between(start, end))
        .exec(&txn)
        .await?;
    for day in file.days {
        calendar_day::ActiveModel {
            day: Set(day.date),
            kind: Set(kind_name(day.kind).into()),
            name: Set(serde_json::to_value(&day.name).map_err(|e| ApiError::Internal(e.into()))?),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    calendar_year(&state.core.db, year).await
}

/// Past due while in the staff's court.
fn is_overdue(r: &request::Model, today: NaiveDate) -> bool {
    overdue(r.status, r.intake_due, r.due_on, today)
}

fn overdue(
    status: Status,
    intake_due: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    match status {
        Status::Submitted => intake_due.is_some_and(|d| d < today),
        Status::InReview | Status::Approved => due_on.is_some_and(|d| d < today),
        _ => false,
    }
}

/// The columns a list shows: not the form, the corrections or the objection, which a page of
/// twenty would otherwise carry from the database and decode for nothing.
#[derive(Debug, sea_orm::FromQueryResult)]
struct SummaryRow {
    id: Uuid,
    number: Option<String>,
    type_code: String,
    title: String,
    holder_name: String,
    status: Status,
    assignee_id: Option<Uuid>,
    submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    intake_due: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

// ---------------------------------------------------------------------------------------------
// Views

fn organisation_view(org: &organisation::Model) -> Result<OrganisationView, ApiError> {
    Ok(OrganisationView {
        id: org.id,
        code: org.code.clone(),
        kind: org.kind,
        name: serde_json::from_value(org.name.clone()).map_err(|e| ApiError::Internal(e.into()))?,
    })
}

pub fn type_view(
    row: &permit_type::Model,
    orgs: &HashMap<Uuid, organisation::Model>,
) -> Result<PermitTypeView, ApiError> {
    let d = catalogue::definition(row)?;
    let org = orgs.get(&row.organisation_id).ok_or(ApiError::NotFound)?;
    let approvals = d
        .approvals
        .iter()
        .filter_map(|code| orgs.values().find(|o| &o.code == code))
        .map(organisation_view)
        .collect::<Result<_, _>>()?;
    Ok(PermitTypeView {
        code: row.code.clone(),
        organisation: organisation_view(org)?,
        name: d.name,
        description: d.description,
        applicant_kinds: d.applicant_kinds,
        intake_days: d.intake_days,
        review_days: d.review_days,
        objection_days: d.objection_days,
        form_schema: d.form_schema,
        documents: d.documents,
        approvals,
        refusal_grounds: d.refusal_grounds,
        active: row.active,
    })
}

pub async fn list_types(state: &PermitsCtx) -> Result<Vec<PermitTypeView>, ApiError> {
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    catalogue::list(&state.core.db)
        .await?
        .iter()
        .map(|row| type_view(row, &orgs))
        .collect()
}

pub async fn get_type(state: &PermitsCtx, code: &str) -> Result<PermitTypeView, ApiError> {
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    let (row, _) = catalogue::get(&state.core.db, code).await?;
    type_view(&row, &orgs)
}

pub async fn list_organisations(state: &PermitsCtx) -> Result<Vec<OrganisationView>, ApiError> {
    catalogue::organisations(&state.core.db)
        .await?
        .iter()
        .map(organisation_view)
        .collect()
}

pub async fn upsert_type(
    state: &PermitsCtx,
    admin: Uuid,
    code: &str,
    body: PermitTypeUpdate,
) -> Result<PermitTypeView, ApiError> {
    let row = catalogue::upsert(
        &state.core.db,
        admin,
        code,
        body.definition,
        body.active,
        state.core.clock.now(),
    )
    .await?;
    state.catalogue.forget();
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    type_view(&row, &orgs)
}

pub fn etag(r: &request::Model) -> String {
    format!("\"r{}\"", r.revision)
}

/// The address of the public verify page of a decision.
fn verify_url(state: &PermitsCtx, number: &str, code: &str) -> String {
    state
        .messaging
        .link(&format!("/verify/{number}?code={code}"))
}

/// What a request's view is made of besides the request itself.
pub struct Parts {
    pub definition: std::sync::Arc<Definition>,
    pub orgs: std::sync::Arc<catalogue::OrganisationMap>,
    pub documents: Vec<document::Model>,
    pub tasks: Vec<task::Model>,
    pub decisions: Vec<decision::Model>,
    pub assignee_name: Option<String>,
}

/// Loads the parts of `r`'s view: one query each, whatever their number of rows.
async fn parts(state: &PermitsCtx, r: &request::Model) -> Result<Parts, ApiError> {
    let conn = &state.core.db;
    let orgs = state.catalogue.organisations(conn).await?;
    let (_, definition) = state.catalogue.get(conn, &r.type_code).await?;
    let documents = document::Entity::find()
        .filter(document::Column::RequestId.eq(r.id))
        .order_by_asc(document::Column::Id)
        .all(conn)
        .await?;
    let tasks = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .order_by_asc(task::Column::Id)
        .all(conn)
        .await?;
    let decisions = decision::Entity::find()
        .filter(decision::Column::RequestId.eq(r.id))
        .order_by_asc(decision::Column::Id)
        .all(conn)
        .await?;
    let assignee_name = match r.assignee_id {
        Some(id) => account::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|a| a.full_name),
        None => None,
    };
    Ok(Parts {
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
    })
}

/// Builds the full view of a request for `viewer`.
pub async fn view(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
) -> Result<RequestView, ApiError> {
    let parts = parts(state, &r).await?;
    assemble(state, viewer, r, parts)
}

fn assemble(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
    parts: Parts,
) -> Result<RequestView, ApiError> {
    let Parts {
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
    } = parts;
    let staff_view = viewer.is_routed_staff(&r);
    let today = local_day(state, state.core.clock.now());
    let actions = actions(viewer, &r, &tasks);
    let org = orgs.get(&r.organisation_id).ok_or(ApiError::NotFound)?;
    Ok(RequestView {
        id: r.id,
        number: r.number.clone(),
        type_code: r.type_code.clone(),
        type_name: definition.name.clone(),
        organisation: organisation_view(org)?,
        applicant_id: r.applicant_id,
        holder_name: r.holder_name.clone(),
        holder_id: r.holder_id.clone(),
        title: r.title.clone(),
        form_data: r.form_data.clone(),
        status: r.status,
        etag: etag(&r),
        version_no: r.version_no,
        assignee_id: r.assignee_id,
        assignee_name,
        submitted_at: r.submitted_at,
        intake_due: r.intake_due,
        due_on: r.due_on,
        overdue: is_overdue(&r, today),
        paused: r.paused_at.is_some(),
        corrections: match &r.corrections {
            Some(v) => {
                serde_json::from_value(v.clone()).map_err(|e| ApiError::Internal(e.into()))?
            }
            None => Vec::new(),
        },
        pending_refusal: match &r.pending_refusal {
            Some(v) => {
                Some(serde_json::from_value(v.clone()).map_err(|e| ApiError::Internal(e.into()))?)
            }
            None => None,
        },
        objection_due: r.objection_due,
        objection: r.objection.clone(),
        decided_at: r.decided_at,
        documents: documents.into_iter().map(DocumentView::from).collect(),
        tasks: tasks
            .into_iter()
            .map(|t| {
                let org = orgs.get(&t.organisation_id).ok_or(ApiError::NotFound)?;
                let mine = viewer.org_id() == Some(t.organisation_id);
                Ok(TaskView::new(t, organisation_view(org)?, mine))
            })
            .collect::<Result<_, ApiError>>()?,
        decisions: decisions
            .into_iter()
            .filter(|d| staff_view || d.signature.is_some())
            .map(|d| {
                let url = verify_url(state, &d.number, &d.verify_code);
                DecisionView::new(d, url)
            })
            .collect(),
        actions,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// What `viewer` may do to `r` now (the SPA shows these buttons).
fn actions(viewer: &Viewer, r: &request::Model, tasks: &[task::Model]) -> Vec<String> {
    let mut out = Vec::new();
    let can = |action| workflow::next(r.status, action, r.accepted_at.is_some()).is_ok();
    if viewer.is_applicant_side(r) {
        if r.status.is_editable() {
            out.push("edit");
        }
        if can(Action::Submit) {
            out.push("submit");
        }
        if can(Action::Withdraw) {
            out.push("withdraw");
        }
        if r.status == Status::PreliminaryRefusal && r.objection.is_none() {
            out.push("object");
        }
    }
    if viewer.is_routed_staff(r) {
        if !r.status.is_final() {
            out.push("assign");
        }
        for (action, name) in [
            (Action::Accept, "accept"),
            (Action::Return, "return"),
            (Action::RequestCorrections, "request_corrections"),
            (Action::PreliminaryRefusal, "preliminary_refusal"),
            (Action::Approve, "approve"),
            (Action::Refuse, "refuse"),
        ] {
            if can(action) {
                out.push(name);
            }
        }
    }
    if let Some(org) = viewer.org_id()
        && r.status == Status::InReview
        && tasks
            .iter()
            .any(|t| t.organisation_id == org && t.status == "pending")
    {
        out.push("task");
    }
    out.into_iter().map(str::to_owned).collect()
}

// ---------------------------------------------------------------------------------------------
// Idempotency

/// Runs `op` once per (account, scope, `Idempotency-Key`): a retry with the same key and body
/// gets the first answer again; with a different body, 422; while the first is still running, 409.
pub async fn idempotent<F, Fut>(
    state: &PermitsCtx,
    account: Uuid,
    scope: &str,
    key: Option<&str>,
    body_hash: &str,
    op: F,
) -> Result<(u16, serde_json::Value), ApiError>
where
    F: FnOnce() -> Fut,
    Fut: std::future::Future<Output = Result<(u16, serde_json::Value), ApiError>>,
{
    let Some(key) = key else {
        return op().await;
    };
    if key.is_empty() || key.len() > 255 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "Idempotency-Key",
            "length",
            "1 to 255 characters",
        )]));
    }
    let find = || {
        idempotency::Entity::find_by_id((account, scope.to_owned(), key.to_owned()))
            .one(&state.core.db)
    };
    let replay = |row: idempotency::Model| {
        if row.request_hash != body_hash {
            Err(ApiError::IdempotencyKeyReused)
        } else if row.status == 0 {
            Err(ApiError::Conflict(
                "A request with this Idempotency-Key is still being processed; retry shortly."
                    .into(),
            ))
        } else {
            Ok((u16::try_from(row.status).unwrap_or(200), row.body))
        }
    };
    if let Some(row) = find().await? {
        return replay(row);
    }
    let reserved = idempotency::ActiveModel {
        account_id: Set(account),
        scope: Set(scope.to_owned()),
        key: Set(key.to_owned()),
        request_hash: Set(body_hash.to_owned()),
        status: Set(0),
        body: Set(serde_json::Value::Null),
        created_at: Set(stamp(state.core.clock.now())),
    }
    .insert(&state.core.db)
    .await;
    if let Err(e) = reserved {
        if is_unique_violation(&e) {
            let row = find().await?.ok_or(ApiError::Conflict(
                "A request with this Idempotency-Key is still being processed; retry shortly."
                    .into(),
            ))?;
            return replay(row);
        }
        return Err(e.into());
    }
    let outcome = op().await;
    let row = idempotency::Entity::find_by_id((account, scope.to_owned(), key.to_owned()));
    match &outcome {
        Ok((status, body)) => {
            if let Some(row) = row.one(&state.core.db).await? {
                let mut row: idempotency::ActiveModel = row.into();
                row.status = Set(i32::from(*status));
                row.body = Set(body.clone());
                row.update(&state.core.db).await?;
            }
        }
        Err(_) => {
            // Nothing was done: the key is free for a corrected retry.
            idempotency::Entity::delete_by_id((account, scope.to_owned(), key.to_owned()))
                .exec(&state.core.db)
                .await?;
        }
    }
    outcome
}

pub fn hash_json(value: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(canonical_json(value).as_bytes()))
}

// ---------------------------------------------------------------------------------------------
// Drafts

/// `POST /permit-requests`: a new draft for the signed-in applicant, and its view (built without
/// asking again for what a new draft cannot have yet).
pub async fn create(
    state: &PermitsCtx,
    viewer: &Viewer,
    body: CreateRequest,
) -> Result<RequestView, ApiError> {
    use validator::Validate;
    body.validate()?;
    if !matches!(viewer.standing, Standing::Applicant) {
        return Err(ApiError::Forbidden);
    }
    let (type_row, definition) = match state.catalogue.get(&state.core.db, &body.type_code).await {
        Err(ApiError::NotFound) => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "type_code",
                "unknown",
                "no permit type has this code (GET /permit-types)",
            )]));
        }
        other => other?,
    };
    if !type_row.active {
        return Err(ApiError::Conflict(
            "This service is not accepting applications now.".into(),
        ));
    }
    let account = &viewer.account;
    if !definition.applicant_kinds.contains(&account.kind) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "type_code",
            "applicant_kind",
            "this service is not open to your kind of applicant",
        )]));
    }
    let form_data = body.form_data.unwrap_or_else(|| serde_json::json!({}));
    check_form_shape(&form_data)?;
    let now = stamp(state.core.clock.now());
    let (holder_name, holder_id) = holder(account);
    let row = request::ActiveModel {
        id: Set(Uuid::now_v7()),
        number: Set(None),
        type_code: Set(type_row.code.clone()),
        organisation_id: Set(type_row.organisation_id),
        applicant_id: Set(account.id),
        applicant_bin: Set(match account.kind {
            AccountKind::LegalEntity => account.bin.clone(),
            AccountKind::Individual => None,
        }),
        holder_name: Set(holder_name),
        holder_id: Set(holder_id),
        title: Set(body
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                definition
                    .name
                    .get(crate::accounts::dto::parse_lang(&account.language))
                    .to_owned()
            })
            .chars()
            .take(300)
            .collect()),
        form_data: Set(form_data),
        status: Set(Status::Draft),
        revision: Set(1),
        version_no: Set(0),
        assignee_id: Set(None),
        submitted_at: Set(None),
        accepted_at: Set(None),
        intake_due: Set(None),
        due_on: Set(None),
        paused_at: Set(None),
        corrections: Set(None),
        pending_refusal: Set(None),
        objection_due: Set(None),
        objection: Set(None),
        decided_at: Set(None),
        reminded_for: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&state.core.db)
    .await?;
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    let parts = Parts {
        definition,
        orgs,
        documents: Vec::new(),
        tasks: Vec::new(),
        decisions: Vec::new(),
        assignee_name: None,
    };
    assemble(state, viewer, row, parts)
}

fn holder(account: &account::Model) -> (String, String) {
    match (&account.kind, &account.bin, &account.organisation) {
        (AccountKind::LegalEntity, Some(bin), Some(org)) => (org.clone(), format!("BIN {bin}")),
        (AccountKind::LegalEntity, Some(bin), None) => {
            (account.full_name.clone(), format!("BIN {bin}"))
        }
        _ => (account.full_name.clone(), format!("IIN {}", account.iin)),
    }
}

fn check_form_shape(form: &serde_json::Value) -> Result<(), ApiError> {
    if !form.is_object() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "form_data",
            "invalid_type",
            "must be an object of the form's fields",
        )]));
    }
    if canonical_json(form).len() > 200_000 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "form_data",
            "length",
            "the form data is larger than 200 kB",
        )]));
    }
    Ok(())
}

/// `GET /permit-requests/{id}`.
pub async fn get(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    visible(&state.core.db, viewer, id).await
}

fn check_if_match(r: &request::Model, if_match: Option<&str>) -> Result<(), ApiError> {
    let given = if_match.ok_or(ApiError::PreconditionRequired)?;
    let current = etag(r);
    let matches = given
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == current || t == "*");
    if matches {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed)
    }
}

/// `PATCH /permit-requests/{id}`: the draft's title and form (also while answering corrections).
pub async fn update(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    if_match: Option<&str>,
    body: UpdateRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    check_if_match(&r, if_match)?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} cannot be edited",
            r.status.as_str()
        )));
    }
    if let Some(form) = &body.form_data {
        check_form_shape(form)?;
    }
    let revision = r.revision;
    let mut row: request::ActiveModel = r.into();
    if let Some(title) = body.title {
        row.title = Set(title);
    }
    if let Some(form) = body.form_data {
        row.form_data = Set(form);
    }
    save_if_unchanged(&state.core.db, row, revision, state.core.clock.now()).await
}

/// Writes `row` only if the stored revision is still `revision` (optimistic locking), bumping it.
async fn save_if_unchanged<C: ConnectionTrait>(
    conn: &C,
    mut row: request::ActiveModel,
    revision: i32,
    now: DateTime<Utc>,
) -> Result<request::Model, ApiError> {
    let id = row.id.clone().unwrap();
    row.revision = Set(revision + 1);
    row.updated_at = Set(stamp(now));
    let done = request::Entity::update_many()
        .set(row)
        .filter(request::Column::Id.eq(id))
        .filter(request::Column::Revision.eq(revision))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Documents

fn store(state: &PermitsCtx) -> FileStore {
    FileStore::new(
        state
            .settings
            .storage_dir
            .clone()
            .unwrap_or_else(|| state.data_dir.join("documents")),
    )
}

/// `POST /permit-requests/{id}/documents?slot=`: streams the file in, checked against the slot.
pub async fn upload<S, E>(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    slot: &str,
    file_name: &str,
    stream: S,
) -> Result<document::Model, ApiError>
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "documents cannot be added to a request that is {}",
            r.status.as_str()
        )));
    }
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let slot = definition.slot(slot).ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new(
            "slot",
            "unknown",
            format!(
                "this service's checklist has no such document; use one of {}",
                definition
                    .documents
                    .iter()
                    .map(|d| d.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )])
    })?;
    let file_name = clean_file_name(file_name);
    let stored = store(state)
        .put_stream(stream, slot.max_bytes, &slot.content_types)
        .await?;
    let row = document::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        slot: Set(slot.code.clone()),
        file_name: Set(file_name),
        content_type: Set(stored.content_type),
        size_bytes: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        sha256: Set(stored.sha256),
        uploaded_by: Set(viewer.account.id),
        created_at: Set(stamp(state.core.clock.now())),
    }
    .insert(&state.core.db)
    .await?;
    Ok(row)
}

/// A file name safe to show and to put in `Content-Disposition`: no paths, no control characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

/// `GET /permit-requests/{id}/documents/{doc}`: the row and the bytes.
pub async fn download(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    doc: Uuid,
) -> Result<(document::Model, Vec<u8>), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let row = document::Entity::find_by_id(doc)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    let bytes = store(state).read(&row.sha256).await?;
    Ok((row, bytes))
}

/// `DELETE /permit-requests/{id}/documents/{doc}`: only while the request may be edited.
pub async fn remove_document(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    doc: Uuid,
) -> Result<(), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    let row = document::Entity::find_by_id(doc)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "documents cannot be removed from a request that is {}",
            r.status.as_str()
        )));
    }
    document::Entity::delete_by_id(row.id)
        .exec(&state.core.db)
        .await?;
    // The content goes too when nothing else refers to it: no other document row, and no signed
    // version (a submitted file is evidence and stays).
    let others = document::Entity::find()
        .filter(document::Column::Sha256.eq(&row.sha256))
        .count(&state.core.db)
        .await?;
    if others == 0 && r.version_no == 0 {
        store(state).remove(&row.sha256).await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Submission

/// Serialises JSON with object keys sorted and no white space: the same value always gives the
/// same bytes, whatever order it was built in.
pub fn canonical_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            out.push('{');
            let sorted: BTreeMap<&String, &serde_json::Value> = map.iter().collect();
            for (i, (k, v)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The content a submission signs, and its digest.
async fn submission_content<C: ConnectionTrait>(
    conn: &C,
    r: &request::Model,
) -> Result<(serde_json::Value, String, Vec<document::Model>), ApiError> {
    let documents = document::Entity::find()
        .filter(document::Column::RequestId.eq(r.id))
        .order_by_asc(document::Column::Id)
        .all(conn)
        .await?;
    let content = serde_json::json!({
        "request_id": r.id,
        "type": r.type_code,
        "version": r.version_no + 1,
        "applicant": {"id": r.applicant_id, "holder": r.holder_name, "holder_id": r.holder_id},
        "title": r.title,
        "form_data": r.form_data,
        "documents": documents.iter().map(|d| serde_json::json!({
            "id": d.id,
            "slot": d.slot,
            "file_name": d.file_name,
            "content_type": d.content_type,
            "size": d.size_bytes,
            "sha256": d.sha256,
        })).collect::<Vec<_>>(),
    });
    let digest = hash_json(&content);
    Ok((content, digest, documents))
}

/// `GET /permit-requests/{id}/digest`: what the applicant signs to submit.
pub async fn digest(state: &PermitsCtx, viewer: &Viewer, id: Uuid) -> Result<DigestView, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    let (content, digest, _) = submission_content(&state.core.db, &r).await?;
    Ok(DigestView {
        digest,
        content,
        version: r.version_no + 1,
    })
}

/// Everything that must hold before a submission: the form against the schema, every mandatory
/// document present, the corrections answered by a change.
fn completeness(
    definition: &Definition,
    r: &request::Model,
    documents: &[document::Model],
) -> Result<(), ApiError> {
    let mut errors = definition.form_errors(&r.form_data)?;
    for slot in definition.documents.iter().filter(|s| s.mandatory) {
        if !documents.iter().any(|d| d.slot == slot.code) {
            errors.push(FieldError::new(
                format!("documents.{}", slot.code),
                "required",
                format!("attach the document “{}”", slot.name.en),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errors))
    }
}

/// `POST /permit-requests/{id}/submit`: verifies the applicant's signature over the digest and
/// stores an immutable, numbered version; the first submission gets the registration number
/// and the due dates.
pub async fn submit(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: SubmitRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    let to = workflow::next(r.status, Action::Submit, r.accepted_at.is_some())
        .map_err(|e| ApiError::IllegalTransition(e.to_string()))?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let (content, digest, documents) = submission_content(&state.core.db, &r).await?;
    completeness(&definition, &r, &documents)?;
    if body.digest != digest {
        return Err(ApiError::Conflict(
            "The request changed since the digest was read; read GET …/digest again and sign the new one."
                .into(),
        ));
    }
    // The applicant's own signature (R-3.3.5); a colleague of the same company signs with the
    // company's BIN, which is the request's.
    let account = &viewer.account;
    let signer = verify_signed_by(
        state.eds()?,
        account,
        body.signature.as_bytes(),
        digest.as_bytes(),
    )
    .await?;
    let now = state.core.clock.now();
    let today = local_day(state, now);
    let calendar = load_calendar(&state.core.db).await?;
    let txn = state.core.db.begin().await?;
    let first = r.number.is_none();
    let number = match &r.number {
        Some(n) => n.clone(),
        None => next_number(&txn, &state.settings.number_prefix, today).await?,
    };
    let version_no = r.version_no + 1;
    version::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        no: Set(version_no),
        digest: Set(digest.clone()),
        content: Set(content),
        signature: Set(body.signature),
        signer_serial: Set(signer.serial_number.clone()),
        signed_by: Set(account.id),
        created_at: Set(stamp(now)),
    }
    .insert(&txn)
    .await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.number = Set(Some(number));
    changes.version_no = Set(version_no);
    changes.corrections = Set(None);
    if first {
        changes.submitted_at = Set(Some(stamp(now)));
        changes.intake_due = Set(Some(
            calendar.add_working_days(today, definition.intake_days),
        ));
        changes.due_on = Set(Some(
            calendar.add_working_days(today, definition.review_days),
        ));
    } else {
        // The clock starts again: the due date moves on by the working days it stood still.
        let resumed = resume_clock(&r, &calendar, today, state);
        changes.due_on = Set(resumed.0);
        changes.intake_due = Set(resumed.1);
        changes.paused_at = Set(None);
        // A new round of approvals for those who declined.
        task::Entity::update_many()
            .col_expr(task::Column::Status, Expr::value("pending"))
            .col_expr(
                task::Column::DecidedAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .col_expr(task::Column::DecidedBy, Expr::value(Option::<Uuid>::None))
            .filter(task::Column::RequestId.eq(r.id))
            .filter(task::Column::Status.eq("declined"))
            .exec(&txn)
            .await?;
    }
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Submit,
        Some(account),
        None,
        Some(serde_json::json!({"version": version_no, "digest": digest})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// The due dates after a pause ends today.
fn resume_clock(
    r: &request::Model,
    calendar: &Calendar,
    today: NaiveDate,
    state: &PermitsCtx,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let Some(paused_at) = r.paused_at else {
        return (r.due_on, r.intake_due);
    };
    let paused_day = local_day(state, paused_at);
    let stood = calendar.working_days_between(paused_day, today);
    let shift = |d: Option<NaiveDate>| d.map(|d| calendar.add_working_days(d, stood));
    (shift(r.due_on), shift(r.intake_due))
}

/// The next registration number of `today`'s year: one atomic upsert, so concurrent
/// submissions on any number of nodes never share a number.
async fn next_number(
    txn: &DatabaseTransaction,
    prefix: &str,
    today: NaiveDate,
) -> Result<String, ApiError> {
    use chrono::Datelike;
    let backend = txn.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "INSERT INTO permit_sequences (year, last) VALUES ($1, 1) \
             ON CONFLICT (year) DO UPDATE SET last = permit_sequences.last + 1 RETURNING last"
        }
        _ => {
            "INSERT INTO permit_sequences (year, last) VALUES (?, 1) \
             ON CONFLICT (year) DO UPDATE SET last = permit_sequences.last + 1 RETURNING last"
        }
    };
    let row = txn
        .query_one(Statement::from_sql_and_values(
            backend,
            sql,
            [today.year().into()],
        ))
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("the sequence returned nothing")))?;
    let last: i64 = row.try_get("", "last")?;
    Ok(format!("{prefix}-{}-{last:06}", today.year()))
}

// ---------------------------------------------------------------------------------------------
// Transitions

/// Applies a status change: the machine's check, an optimistic write, the history row and the
/// applicant's notice, all in `txn`.
#[allow(clippy::too_many_arguments)]
async fn step(
    txn: &DatabaseTransaction,
    state: &PermitsCtx,
    r: request::Model,
    mut changes: request::ActiveModel,
    to: Status,
    action: Action,
    actor: Option<&account::Model>,
    comment: Option<String>,
    data: Option<serde_json::Value>,
) -> Result<request::Model, ApiError> {
    let from = r.status;
    changes.status = Set(to);
    let updated = save_if_unchanged(txn, changes, r.revision, state.core.clock.now()).await?;
    record(
        txn,
        state,
        &updated,
        action.name(),
        Some(from),
        actor,
        comment,
        data,
    )
    .await?;
    Ok(updated)
}

/// A history row, and the applicant's notice of it.
#[allow(clippy::too_many_arguments)]
async fn record(
    txn: &DatabaseTransaction,
    state: &PermitsCtx,
    r: &request::Model,
    action: &str,
    from: Option<Status>,
    actor: Option<&account::Model>,
    comment: Option<String>,
    data: Option<serde_json::Value>,
) -> Result<(), ApiError> {
    history::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        actor_id: Set(actor.map(|a| a.id)),
        action: Set(action.to_owned()),
        from_status: Set(from),
        to_status: Set(r.status),
        comment: Set(comment.clone()),
        data: Set(data),
        at: Set(stamp(state.core.clock.now())),
    }
    .insert(txn)
    .await?;
    if from.is_some_and(|f| f != r.status) {
        let applicant = account::Entity::find_by_id(r.applicant_id)
            .one(txn)
            .await?
            .ok_or(ApiError::NotFound)?;
        notify(
            txn,
            &state.notifier(),
            &Recipient::from(&applicant),
            Event::PermitStatusChanged {
                request_id: r.id,
                number: r.number.clone(),
                title: r.title.clone(),
                status: r.status.as_str().to_owned(),
                status_name: r.status.name(),
                comment,
            },
        )
        .await?;
    }
    Ok(())
}

/// `POST /permit-requests/{id}/withdraw` (the applicant, before a decision).
pub async fn withdraw(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    let to = next(&r, Action::Withdraw)?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.decided_at = Set(Some(stamp(state.core.clock.now())));
    changes.paused_at = Set(None);
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Withdraw,
        Some(&viewer.account),
        body.comment,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

fn next(r: &request::Model, action: Action) -> Result<Status, ApiError> {
    workflow::next(r.status, action, r.accepted_at.is_some())
        .map_err(|e| ApiError::IllegalTransition(e.to_string()))
}

/// Loads a request for a staff action of the routed organisation.
async fn for_staff(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_routed_staff(viewer, &r)?;
    Ok(r)
}

/// `POST /permit-requests/{id}/assign`.
pub async fn assign(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: AssignRequest,
) -> Result<request::Model, ApiError> {
    let r = for_staff(state, viewer, id).await?;
    if r.status.is_final() {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} cannot be assigned",
            r.status.as_str()
        )));
    }
    let assignee_id = body.assignee_id.unwrap_or(viewer.account.id);
    let assignee = account::Entity::find_by_id(assignee_id)
        .one(&state.core.db)
        .await?;
    let org_bin = match &viewer.standing {
        Standing::Staff(org) => org.bin.clone(),
        _ => None,
    };
    let fits = assignee
        .as_ref()
        .is_some_and(|a| a.role == Role::Reviewer && a.bin.is_some() && a.bin == org_bin);
    if !fits {
        return Err(ApiError::Validation(vec![FieldError::new(
            "assignee_id",
            "not_staff",
            "assign to a reviewer of the organisation the request is routed to",
        )]));
    }
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.assignee_id = Set(Some(assignee_id));
    let updated = save_if_unchanged(&txn, changes, r.revision, state.core.clock.now()).await?;
    record(
        &txn,
        state,
        &updated,
        "assign",
        Some(updated.status),
        Some(&viewer.account),
        None,
        Some(serde_json::json!({"assignee_id": assignee_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/accept`: complete; into review. Creates the approval tasks.
pub async fn accept(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let to = next(&r, Action::Accept)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let existing = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .all(&txn)
        .await?;
    for code in &definition.approvals {
        let org = catalogue::organisation_by_code(&txn, code)
            .await?
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("unknown organisation {code}")))?;
        if existing.iter().any(|t| t.organisation_id == org.id) {
            continue;
        }
        task::ActiveModel {
            id: Set(Uuid::now_v7()),
            request_id: Set(r.id),
            organisation_id: Set(org.id),
            status: Set("pending".into()),
            comment: Set(None),
            decided_by: Set(None),
            decided_at: Set(None),
            created_at: Set(stamp(now)),
        }
        .insert(&txn)
        .await?;
    }
    let mut changes: request::ActiveModel = r.clone().into();
    changes.accepted_at = Set(Some(stamp(now)));
    if r.assignee_id.is_none() {
        changes.assignee_id = Set(Some(viewer.account.id));
    }
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Accept,
        Some(&viewer.account),
        body.comment,
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/return`: incomplete at the completeness check; closed without review.
pub async fn return_request(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ReasonBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let to = next(&r, Action::Return)?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.decided_at = Set(Some(stamp(state.core.clock.now())));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::Return,
        Some(&viewer.account),
        Some(body.reason),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/request-corrections`: itemised, per field or per document; the
/// clock stops until the applicant submits a new signed version.
pub async fn request_corrections(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: CorrectionsRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let to = next(&r, Action::RequestCorrections)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let fields = definition
        .form_schema
        .get("properties")
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let mut errors = Vec::new();
    for (i, item) in body.items.iter().enumerate() {
        match (&item.field, &item.slot) {
            (Some(f), None) if fields.contains_key(f) => {}
            (None, Some(s)) if definition.slot(s).is_some() => {}
            (None, None) => {}
            _ => errors.push(FieldError::new(
                format!("items[{i}]"),
                "unknown_target",
                "name one form field or one document slot of this service, or neither for a general remark",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let items = serde_json::to_value(&body.items).map_err(|e| ApiError::Internal(e.into()))?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.corrections = Set(Some(items.clone()));
    changes.paused_at = Set(Some(stamp(state.core.clock.now())));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::RequestCorrections,
        Some(&viewer.account),
        body.comment,
        Some(serde_json::json!({"items": items})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/preliminary-refusal`: grounds and reasoned text; the applicant may
/// object within the type's objection period, while the clock stands still.
pub async fn preliminary_refusal(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: PreliminaryRefusalRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let to = next(&r, Action::PreliminaryRefusal)?;
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let unknown: Vec<FieldError> = body
        .grounds
        .iter()
        .enumerate()
        .filter(|(_, g)| definition.ground(g).is_none())
        .map(|(i, _)| {
            FieldError::new(
                format!("grounds[{i}]"),
                "unknown",
                "not a refusal ground of this service",
            )
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError::Validation(unknown));
    }
    let now = state.core.clock.now();
    let calendar = load_calendar(&state.core.db).await?;
    let objection_due = calendar.add_working_days(local_day(state, now), definition.objection_days);
    let pending = PendingRefusal {
        grounds: body.grounds,
        text: body.text,
    };
    let value = serde_json::to_value(&pending).map_err(|e| ApiError::Internal(e.into()))?;
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.pending_refusal = Set(Some(value.clone()));
    changes.objection_due = Set(Some(objection_due));
    changes.objection = Set(None);
    changes.paused_at = Set(Some(stamp(now)));
    let updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        Action::PreliminaryRefusal,
        Some(&viewer.account),
        Some(pending.text.clone()),
        Some(serde_json::json!({"grounds": pending.grounds, "objection_due": objection_due})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/objection`: the applicant's objection to a preliminary refusal,
/// once, within the period. The clock starts again: the reviewer must weigh it.
pub async fn object(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: ReasonBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    if r.status != Status::PreliminaryRefusal {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} has no refusal to object to",
            r.status.as_str()
        )));
    }
    if r.objection.is_some() {
        return Err(ApiError::Conflict("An objection was made already.".into()));
    }
    let now = state.core.clock.now();
    let today = local_day(state, now);
    if r.objection_due.is_some_and(|due| today > due) {
        return Err(ApiError::Conflict(
            "The period for objecting has ended.".into(),
        ));
    }
    let calendar = load_calendar(&state.core.db).await?;
    let (due_on, intake_due) = resume_clock(&r, &calendar, today, state);
    let txn = state.core.db.begin().await?;
    let mut changes: request::ActiveModel = r.clone().into();
    changes.objection = Set(Some(body.reason.clone()));
    changes.due_on = Set(due_on);
    changes.intake_due = Set(intake_due);
    changes.paused_at = Set(None);
    let updated = save_if_unchanged(&txn, changes, r.revision, now).await?;
    record(
        &txn,
        state,
        &updated,
        "object",
        Some(updated.status),
        Some(&viewer.account),
        Some(body.reason),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// `POST /permit-requests/{id}/tasks/{task}/{approve|decline}`: staff of the task's organisation.
pub async fn decide_task(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    task_id: Uuid,
    approve: bool,
    body: CommentBody,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    let t = task::Entity::find_by_id(task_id)
        .one(&state.core.db)
        .await?
        .filter(|t| t.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    if viewer.org_id() != Some(t.organisation_id) {
        return Err(ApiError::Forbidden);
    }
    if r.status != Status::InReview {
        return Err(ApiError::IllegalTransition(format!(
            "approvals are given while the request is in review, not {}",
            r.status.as_str()
        )));
    }
    if t.status != "pending" {
        return Err(ApiError::IllegalTransition(format!(
            "this approval was {} already",
            t.status
        )));
    }
    if !approve && body.comment.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "comment",
            "required",
            "say why the approval is declined",
        )]));
    }
    let now = stamp(state.core.clock.now());
    let verdict = if approve { "approved" } else { "declined" };
    let txn = state.core.db.begin().await?;
    let done = task::Entity::update_many()
        .col_expr(task::Column::Status, Expr::value(verdict))
        .col_expr(task::Column::Comment, Expr::value(body.comment.clone()))
        .col_expr(
            task::Column::DecidedBy,
            Expr::value(Some(viewer.account.id)),
        )
        .col_expr(task::Column::DecidedAt, Expr::value(Some(now)))
        .filter(task::Column::Id.eq(t.id))
        .filter(task::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The approval was decided meanwhile.".into(),
        ));
    }
    let changes: request::ActiveModel = r.clone().into();
    let updated = save_if_unchanged(&txn, changes, r.revision, now).await?;
    record(
        &txn,
        state,
        &updated,
        if approve {
            "task_approved"
        } else {
            "task_declined"
        },
        Some(updated.status),
        Some(&viewer.account),
        body.comment,
        Some(serde_json::json!({"task_id": t.id, "organisation_id": t.organisation_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

// ---------------------------------------------------------------------------------------------
// Decisions

fn random_code() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `POST /permit-requests/{id}/decision-draft`: renders the decision PDF (a permit, or a reasoned
/// refusal after a preliminary one) for the official to sign.
pub async fn decision_draft(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    body: DecisionDraftRequest,
) -> Result<DecisionView, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let kind = match body.kind.as_str() {
        "permit" => DecisionKind::Permit,
        "refusal" => DecisionKind::Refusal,
        _ => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "kind",
                "invalid",
                "`permit` or `refusal`",
            )]));
        }
    };
    let today = local_day(state, state.core.clock.now());
    match kind {
        DecisionKind::Permit => {
            next(&r, Action::Approve)?;
            check_tasks(&state.core.db, &r).await?;
        }
        DecisionKind::Refusal => {
            next(&r, Action::Refuse)?;
            let objection_over =
                r.objection.is_some() || r.objection_due.is_some_and(|d| today > d);
            if !objection_over {
                return Err(ApiError::IllegalTransition(format!(
                    "the applicant may object until {}; refuse after that or after their objection",
                    r.objection_due.map(|d| d.to_string()).unwrap_or_default()
                )));
            }
        }
    }
    let (_, definition) = catalogue::get(&state.core.db, &r.type_code).await?;
    let org = organisation::Entity::find_by_id(r.organisation_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let applicant = account::Entity::find_by_id(r.applicant_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let lang = crate::accounts::dto::parse_lang(&applicant.language);
    let org_name: Localized =
        serde_json::from_value(org.name.clone()).map_err(|e| ApiError::Internal(e.into()))?;
    let number = r
        .number
        .clone()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no number")))?;
    let grounds: Vec<String> = match (&kind, &r.pending_refusal) {
        (DecisionKind::Refusal, Some(p)) => {
            let p: PendingRefusal =
                serde_json::from_value(p.clone()).map_err(|e| ApiError::Internal(e.into()))?;
            p.grounds
                .iter()
                .filter_map(|g| definition.ground(g))
                .map(|g| g.text.get(lang).to_owned())
                .collect()
        }
        _ => Vec::new(),
    };
    let text = match (&kind, &r.pending_refusal, &body.comment) {
        (_, _, Some(c)) if !c.trim().is_empty() => c.clone(),
        (DecisionKind::Refusal, Some(p), _) => p
            .get("text")
            .and_then(|t| t.as_str())
            .unwrap_or_default()
            .to_owned(),
        _ => lang
            .pick(
                "Өтінім қаралып, мақұлданды.",
                "Заявка рассмотрена и одобрена.",
                "The request was reviewed and approved.",
            )
            .to_owned(),
    };
    let code = random_code();
    let url = verify_url(state, &number, &code);
    let now = state.core.clock.now();
    // Laying out the PDF takes milliseconds of CPU: the blocking pool, not an async worker.
    let texts = [
        number.clone(),
        definition.name.get(lang).to_owned(),
        r.holder_name.clone(),
        r.holder_id.clone(),
        org_name.get(lang).to_owned(),
        viewer.account.full_name.clone(),
        text.clone(),
        url.clone(),
    ];
    let listed = grounds.clone();
    let pdf = tokio::task::spawn_blocking(move || {
        let [
            number,
            permit_type,
            holder,
            holder_id,
            organisation,
            official,
            text,
            url,
        ] = &texts;
        super::document::render(&DecisionDocument {
            kind,
            number,
            permit_type,
            holder,
            holder_id,
            organisation,
            official,
            decided_at: now,
            decision_text: text,
            grounds: &listed,
            verify_url: url,
            language: lang,
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?
    .map_err(|e| ApiError::Internal(anyhow::anyhow!("rendering the decision failed: {e}")))?;
    let sha256 = store(state).put_bytes(&pdf).await?;
    // A new draft replaces any unsigned one of the request (their files stay: stored by hash).
    decision::Entity::delete_many()
        .filter(decision::Column::RequestId.eq(r.id))
        .filter(decision::Column::Signature.is_null())
        .exec(&state.core.db)
        .await?;
    let row = decision::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        kind: Set(match kind {
            DecisionKind::Permit => "permit".into(),
            DecisionKind::Refusal => "refusal".into(),
        }),
        number: Set(number),
        language: Set(lang.code().into()),
        pdf_sha256: Set(sha256),
        pdf_size: Set(i64::try_from(pdf.len()).unwrap_or(i64::MAX)),
        verify_code: Set(code),
        official_id: Set(viewer.account.id),
        official_name: Set(viewer.account.full_name.clone()),
        comment: Set(Some(text)),
        grounds: Set(Some(serde_json::json!(grounds))),
        signature: Set(None),
        signer_serial: Set(None),
        signed_at: Set(None),
        created_at: Set(stamp(now)),
    }
    .insert(&state.core.db)
    .await?;
    Ok(DecisionView::new(row, url))
}

/// Every approval task approved; a declined or pending one blocks the decision.
async fn check_tasks<C: ConnectionTrait>(conn: &C, r: &request::Model) -> Result<(), ApiError> {
    let open = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .filter(task::Column::Status.ne("approved"))
        .all(conn)
        .await?;
    if open.iter().any(|t| t.status == "declined") {
        return Err(ApiError::IllegalTransition(
            "an organisation declined its approval; request corrections or refuse".into(),
        ));
    }
    if !open.is_empty() {
        return Err(ApiError::IllegalTransition(format!(
            "{} approval(s) from other organisations are still pending",
            open.len()
        )));
    }
    Ok(())
}

/// `POST /permit-requests/{id}/approve` and `/refuse`: verifies the official's signature over the
/// prepared PDF's SHA-256, and decides: approved and issued, or refused.
pub async fn sign_decision(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    permit: bool,
    body: SignDecisionRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = for_staff(state, viewer, id).await?;
    let d = decision::Entity::find_by_id(body.decision_id)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    let expected = if permit { "permit" } else { "refusal" };
    if d.kind != expected || d.signature.is_some() || d.official_id != viewer.account.id {
        return Err(ApiError::Conflict(format!(
            "Sign an unsigned {expected} draft that you prepared (POST …/decision-draft)."
        )));
    }
    let (action, then) = if permit {
        (Action::Approve, Some(Action::Issue))
    } else {
        (Action::Refuse, None)
    };
    let to = next(&r, action)?;
    if permit {
        check_tasks(&state.core.db, &r).await?;
    }
    let signer = verify_signed_by(
        state.eds()?,
        &viewer.account,
        body.signature.as_bytes(),
        d.pdf_sha256.as_bytes(),
    )
    .await?;
    let now = stamp(state.core.clock.now());
    let txn = state.core.db.begin().await?;
    let signed = decision::Entity::update_many()
        .col_expr(
            decision::Column::Signature,
            Expr::value(Some(body.signature)),
        )
        .col_expr(
            decision::Column::SignerSerial,
            Expr::value(Some(signer.serial_number)),
        )
        .col_expr(decision::Column::SignedAt, Expr::value(Some(now)))
        .filter(decision::Column::Id.eq(d.id))
        .filter(decision::Column::Signature.is_null())
        .exec(&txn)
        .await?;
    if signed.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "The decision was signed meanwhile.".into(),
        ));
    }
    let mut changes: request::ActiveModel = r.clone().into();
    changes.decided_at = Set(Some(now));
    changes.paused_at = Set(None);
    let data = serde_json::json!({"decision_id": d.id, "pdf_sha256": d.pdf_sha256});
    let mut updated = step(
        &txn,
        state,
        r,
        changes,
        to,
        action,
        Some(&viewer.account),
        d.comment.clone(),
        Some(data.clone()),
    )
    .await?;
    if let Some(then) = then {
        let to = next(&updated, then)?;
        let changes: request::ActiveModel = updated.clone().into();
        updated = step(
            &txn,
            state,
            updated,
            changes,
            to,
            then,
            Some(&viewer.account),
            None,
            Some(data),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(updated)
}

/// A decision's PDF (signed ones for everyone who sees the request; drafts for its staff).
pub async fn decision_pdf(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    decision_id: Uuid,
) -> Result<(decision::Model, Vec<u8>), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let d = decision::Entity::find_by_id(decision_id)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .filter(|d| d.signature.is_some() || viewer.is_routed_staff(&r))
        .ok_or(ApiError::NotFound)?;
    let bytes = store(state).read(&d.pdf_sha256).await?;
    Ok((d, bytes))
}

/// `GET /permits/{number}/verify?code=` (public): genuine and in force, with the holder masked.
pub async fn verify(state: &PermitsCtx, number: &str, code: &str) -> Result<VerifyView, ApiError> {
    if code.len() != 32 || number.len() > 32 {
        return Err(ApiError::NotFound);
    }
    let d = decision::Entity::find()
        .filter(decision::Column::Number.eq(number))
        .filter(decision::Column::VerifyCode.eq(code))
        .filter(decision::Column::Signature.is_not_null())
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let r = request::Entity::find_by_id(d.request_id)
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (_, definition) = state.catalogue.get(&state.core.db, &r.type_code).await?;
    let org = state
        .catalogue
        .organisations(&state.core.db)
        .await?
        .get(&r.organisation_id)
        .cloned()
        .ok_or(ApiError::NotFound)?;
    // The stored file must still be the one that was signed, and the signature must hold. Hashing
    // the file and checking the CMS signature take CPU: they run on the blocking pool.
    let pdf = store(state).read(&d.pdf_sha256).await?;
    let eds = state.eds.clone();
    let (signature, signed_hash, signed_at) = (
        d.signature.clone(),
        d.pdf_sha256.clone(),
        d.signed_at.unwrap_or(d.created_at),
    );
    let genuine = tokio::task::spawn_blocking(move || {
        let intact = hex::encode(Sha256::digest(&pdf)) == signed_hash;
        let signature_holds = match (signature, eds) {
            (Some(sig), Some(eds)) => eds
                .verify_detached_at(
                    sig.as_bytes(),
                    signed_hash.as_bytes(),
                    KeyPurpose::Signing,
                    signed_at,
                )
                .is_ok(),
            _ => false,
        };
        intact && signature_holds
    })
    .await
    .map_err(|e| ApiError::Internal(e.into()))?;
    Ok(VerifyView {
        genuine,
        in_force: genuine && d.kind == "permit" && r.status == Status::Issued,
        number: d.number,
        kind: d.kind,
        permit_type: definition.name.clone(),
        holder: mask_name(&r.holder_name),
        organisation: serde_json::from_value(org.name).map_err(|e| ApiError::Internal(e.into()))?,
        official: d.official_name,
        signed_at: d.signed_at,
        pdf_sha256: d.pdf_sha256,
    })
}

/// Keeps each word's first letter and its punctuation: «АСАНОВ АСАН» → «А***** А***».
pub fn mask_name(name: &str) -> String {
    name.split_whitespace()
        .map(|word| {
            let mut seen_letter = false;
            word.chars()
                .map(|c| {
                    if !c.is_alphanumeric() {
                        c
                    } else if seen_letter {
                        '*'
                    } else {
                        seen_letter = true;
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------------------------
// Lists, history, versions

/// `GET /permit-requests`: what the viewer may see, newest first, filtered.
pub async fn list(
    state: &PermitsCtx,
    viewer: &Viewer,
    q: RequestQuery,
) -> Result<RequestPage, ApiError> {
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    let account = &viewer.account;
    let scope = match &viewer.standing {
        Standing::Applicant => {
            let mut c = Condition::any().add(request::Column::ApplicantId.eq(account.id));
            if account.kind == AccountKind::LegalEntity
                && let Some(bin) = &account.bin
            {
                c = c.add(request::Column::ApplicantBin.eq(bin.as_str()));
            }
            c
        }
        Standing::Staff(org) => Condition::all()
            .add(request::Column::Status.ne(Status::Draft))
            .add(
                Condition::any()
                    .add(request::Column::OrganisationId.eq(org.id))
                    .add(
                        request::Column::Id.in_subquery(
                            sea_orm::sea_query::Query::select()
                                .column(task::Column::RequestId)
                                .from(task::Entity)
                                .and_where(task::Column::OrganisationId.eq(org.id))
                                .to_owned(),
                        ),
                    ),
            ),
        Standing::Admin => Condition::all().add(request::Column::Status.ne(Status::Draft)),
        Standing::Unattached => {
            return Ok(RequestPage {
                items: Vec::new(),
                next_cursor: None,
            });
        }
    };
    let mut query = request::Entity::find().filter(scope);
    if let Some(statuses) = &q.status {
        let mut parsed = Vec::new();
        for name in statuses.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            parsed.push(Status::parse(name).ok_or_else(|| {
                ApiError::InvalidQuery(format!(
                    "unknown status `{}`",
                    name.chars().take(40).collect::<String>()
                ))
            })?);
        }
        query = query.filter(request::Column::Status.is_in(parsed));
    }
    if let Some(code) = &q.type_code {
        query = query.filter(request::Column::TypeCode.eq(code.as_str()));
    }
    let offset = state.settings.utc_offset_hours;
    let day_start = |d: NaiveDate| {
        d.and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc() - Duration::hours(i64::from(offset)))
    };
    if let Some(from) = q.submitted_from.and_then(day_start) {
        query = query.filter(request::Column::SubmittedAt.gte(from));
    }
    if let Some(to) = q
        .submitted_to
        .and_then(|d| d.succ_opt())
        .and_then(day_start)
    {
        query = query.filter(request::Column::SubmittedAt.lt(to));
    }
    let today = local_day(state, state.core.clock.now());
    if let Some(overdue) = q.overdue {
        let late = Condition::any()
            .add(
                Condition::all()
                    .add(request::Column::Status.eq(Status::Submitted))
                    .add(request::Column::IntakeDue.lt(today)),
            )
            .add(
                Condition::all()
                    .add(request::Column::Status.is_in([Status::InReview, Status::Approved]))
                    .add(request::Column::DueOn.lt(today)),
            );
        query = query.filter(if overdue { late } else { late.not() });
    }
    match q.assignee.as_deref() {
        None => {}
        Some("me") => query = query.filter(request::Column::AssigneeId.eq(account.id)),
        Some("none") => query = query.filter(request::Column::AssigneeId.is_null()),
        Some(other) => {
            let id = Uuid::parse_str(other).map_err(|_| {
                ApiError::InvalidQuery("`assignee` is `me`, `none` or an account id".into())
            })?;
            query = query.filter(request::Column::AssigneeId.eq(id));
        }
    }
    if let Some(pattern) = crate::db::search_pattern(q.q.as_deref())? {
        let like = |col: request::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        query = query.filter(
            Condition::any()
                .add(like(request::Column::Number))
                .add(like(request::Column::Title))
                .add(like(request::Column::HolderName)),
        );
    }
    if let Some(cursor) = q.cursor {
        query = query.filter(request::Column::Id.lt(cursor));
    }
    use request::Column as C;
    let rows = query
        .select_only()
        .columns([
            C::Id,
            C::Number,
            C::TypeCode,
            C::Title,
            C::HolderName,
            C::Status,
            C::AssigneeId,
            C::SubmittedAt,
            C::IntakeDue,
            C::DueOn,
            C::UpdatedAt,
        ])
        .order_by_desc(request::Column::Id)
        .limit(limit + 1)
        .into_model::<SummaryRow>()
        .all(&state.core.db)
        .await?;
    let (rows, next_cursor) = page(rows, limit, |r| r.id);
    Ok(RequestPage {
        items: rows
            .into_iter()
            .map(|r| RequestSummary {
                overdue: overdue(r.status, r.intake_due, r.due_on, today),
                id: r.id,
                number: r.number,
                type_code: r.type_code,
                title: r.title,
                holder_name: r.holder_name,
                status: r.status,
                assignee_id: r.assignee_id,
                submitted_at: r.submitted_at,
                due_on: r.due_on,
                updated_at: r.updated_at,
            })
            .collect(),
        next_cursor,
    })
}

/// `GET /permit-requests/{id}/history`: oldest first.
pub async fn history(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Vec<HistoryEntry>, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let rows = history::Entity::find()
        .filter(history::Column::RequestId.eq(r.id))
        .order_by_asc(history::Column::Id)
        .all(&state.core.db)
        .await?;
    let actor_ids: Vec<Uuid> = rows.iter().filter_map(|h| h.actor_id).collect();
    let names: HashMap<Uuid, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(actor_ids))
        .all(&state.core.db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.full_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|h| {
            let name = h.actor_id.and_then(|id| names.get(&id).cloned());
            HistoryEntry::new(h, name)
        })
        .collect())
}

/// `GET /permit-requests/{id}/versions`: every signed version with its changes since the previous.
pub async fn versions(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<Vec<VersionView>, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    let rows = version::Entity::find()
        .filter(version::Column::RequestId.eq(r.id))
        .order_by_asc(version::Column::No)
        .all(&state.core.db)
        .await?;
    let mut out: Vec<VersionView> = Vec::with_capacity(rows.len());
    let mut previous: Option<serde_json::Value> = None;
    for v in rows {
        let changes = previous
            .as_ref()
            .map(|p| diff(p, &v.content))
            .unwrap_or_default();
        previous = Some(v.content.clone());
        out.push(VersionView {
            no: v.no,
            digest: v.digest,
            content: v.content,
            signer_serial: v.signer_serial,
            created_at: v.created_at,
            changes,
        });
    }
    Ok(out)
}

/// What changed between two submission contents: form fields, and documents by slot.
pub fn diff(before: &serde_json::Value, after: &serde_json::Value) -> Vec<Change> {
    let mut changes = Vec::new();
    let empty = serde_json::Map::new();
    let old = before
        .get("form_data")
        .and_then(|f| f.as_object())
        .unwrap_or(&empty);
    let new = after
        .get("form_data")
        .and_then(|f| f.as_object())
        .unwrap_or(&empty);
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a != b {
            changes.push(Change {
                kind: "field".into(),
                name: key.clone(),
                before: a.cloned(),
                after: b.cloned(),
            });
        }
    }
    let docs = |v: &serde_json::Value| -> BTreeMap<String, Vec<serde_json::Value>> {
        let mut map: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
        for d in v
            .get("documents")
            .and_then(|d| d.as_array())
            .into_iter()
            .flatten()
        {
            let slot = d
                .get("slot")
                .and_then(|s| s.as_str())
                .unwrap_or_default()
                .to_owned();
            map.entry(slot).or_default().push(serde_json::json!({
                "file_name": d.get("file_name"),
                "sha256": d.get("sha256"),
            }));
        }
        map
    };
    let (old_docs, new_docs) = (docs(before), docs(after));
    let mut slots: Vec<&String> = old_docs.keys().chain(new_docs.keys()).collect();
    slots.sort();
    slots.dedup();
    for slot in slots {
        let (a, b) = (old_docs.get(slot), new_docs.get(slot));
        if a != b {
            changes.push(Change {
                kind: "document".into(),
                name: slot.clone(),
                before: a.map(|v| serde_json::json!(v)),
                after: b.map(|v| serde_json::json!(v)),
            });
        }
    }
    changes
}

// ---------------------------------------------------------------------------------------------
// Reminders and the legal hold

/// Tells each assignee of a request due on the next working day (or today) once per due date.
pub async fn send_deadline_reminders(state: &PermitsCtx) -> Result<usize, ApiError> {
    let now = state.core.clock.now();
    let today = local_day(state, now);
    let calendar = load_calendar(&state.core.db).await?;
    let horizon = calendar.add_working_days(today, 1);
    let due = request::Entity::find()
        .filter(request::Column::Status.is_in([
            Status::InReview,
            Status::Approved,
            Status::Submitted,
        ]))
        .filter(request::Column::AssigneeId.is_not_null())
        .filter(request::Column::DueOn.gte(today))
        .filter(request::Column::DueOn.lte(horizon))
        .all(&state.core.db)
        .await?;
    let mut sent = 0;
    for r in due {
        if r.reminded_for == r.due_on {
            continue;
        }
        let (Some(assignee), Some(due_on)) = (r.assignee_id, r.due_on) else {
            continue;
        };
        let Some(staff) = account::Entity::find_by_id(assignee)
            .one(&state.core.db)
            .await?
        else {
            continue;
        };
        let txn = state.core.db.begin().await?;
        let marked = request::Entity::update_many()
            .col_expr(request::Column::RemindedFor, Expr::value(Some(due_on)))
            .filter(request::Column::Id.eq(r.id))
            .filter(
                Condition::any()
                    .add(request::Column::RemindedFor.is_null())
                    .add(request::Column::RemindedFor.ne(due_on)),
            )
            .exec(&txn)
            .await?;
        if marked.rows_affected == 1 {
            notify(
                &txn,
                &state.notifier(),
                &Recipient::from(&staff),
                Event::PermitDeadline {
                    request_id: r.id,
                    number: r.number.clone(),
                    title: r.title.clone(),
                    due_on,
                },
            )
            .await?;
            sent += 1;
        }
        txn.commit().await?;
    }
    Ok(sent)
}

/// The consents area's legal hold: an applicant with a request in progress cannot withdraw the
/// personal-data consent (R-2.7, Law 94-V Art. 8(2)).
pub struct OpenRequests(pub sea_orm::DatabaseConnection);

#[async_trait::async_trait]
impl crate::consents::service::LegalHold for OpenRequests {
    async fn has_open_obligations(&self, account: Uuid) -> Result<bool, ApiError> {
        let open: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_open()).collect();
        Ok(request::Entity::find()
            .filter(request::Column::ApplicantId.eq(account))
            .filter(request::Column::Status.is_in(open))
            .count(&self.0)
            .await?
            > 0)
    }
}

/// Seeds the catalogue and the calendar (start-up).
pub async fn seed<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> anyhow::Result<()> {
    catalogue::seed(conn, now).await?;
    seed_calendar(conn).await
}

/// The request's language-independent name for logs.
pub fn lang_of(account: &account::Model) -> Lang {
    crate::accounts::dto::parse_lang(&account.language)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let a = serde_json::json!({"b": 1, "a": {"y": [1, {"d": 2, "c": 3}], "x": "é"}});
        assert_eq!(
            canonical_json(&a),
            r#"{"a":{"x":"é","y":[1,{"c":3,"d":2}]},"b":1}"#
        );
    }

    #[test]
    fn masks_every_word_but_its_first_letter() {
        assert_eq!(mask_name("АСАНОВ АСАН"), "А***** А***");
        assert_eq!(mask_name("«ТЕСТ» ТОО"), "«Т***» Т**");
    }

    #[test]
    fn a_diff_names_changed_fields_and_replaced_documents() {
        let v1 = serde_json::json!({"form_data": {"floors": 3, "address": "A"}, "documents": [{"slot": "plan", "sha256": "1", "file_name": "a.pdf"}]});
        let v2 = serde_json::json!({"form_data": {"floors": 4, "address": "A", "note": "x"}, "documents": [{"slot": "plan", "sha256": "2", "file_name": "b.pdf"}]});
        let changes = diff(&v1, &v2);
        let names: Vec<(&str, &str)> = changes
            .iter()
            .map(|c| (c.kind.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![("field", "floors"), ("field", "note"), ("document", "plan")]
        );
    }

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\x\\plan\r\n.pdf"), "plan.pdf");
        assert_eq!(clean_file_name("..."), "document");
        assert_eq!(clean_file_name("a\"b.pdf"), "ab.pdf");
    }
}
