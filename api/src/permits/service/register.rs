//! What the public register and the performance figures are built from, written in the same
//! transaction as the step they count: a request received (its first submission), decided
//! (issued or refused: a register entry, and the month's counters), and an approval deemed given.
//! The register keeps no individual's personal data: not their name, IIN, address or object,
//! only the district; a company is named, with its object and address (Law No. 94-V "On
//! Personal Data and Their Protection", Art. 1: data of a legal entity are not personal data).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
    sea_query::{Expr, OnConflict},
};
use uuid::Uuid;

use super::local_day;
use crate::{
    db::stamp,
    error::ApiError,
    permits::{
        PermitsCtx,
        calendar::Calendar,
        entity::{decision, history, performance, register_entry, request},
        workflow::Status,
    },
};

/// The districts the forms offer (`district` in the catalogue's form schemas).
pub const DISTRICTS: [&str; 6] = [
    "almaty",
    "baikonyr",
    "yesil",
    "nura",
    "saryarka",
    "saraishyk",
];

/// `YYYY-MM` of a department's day.
pub fn month_of(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// Counts a step: received, or decided (with its register entry).
pub(super) async fn on_step(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    r: &request::Model,
    from: Status,
) -> Result<(), ApiError> {
    if from == Status::Draft && r.status == Status::Submitted {
        let day = local_day(ctx, r.submitted_at.unwrap_or_else(|| ctx.core.now()));
        bump(
            txn,
            r.organisation_id,
            &r.type_code,
            &month_of(day),
            Counter::Received,
        )
        .await?;
    }
    if from != r.status && matches!(r.status, Status::Issued | Status::Refused) {
        decided(txn, ctx, r).await?;
    }
    Ok(())
}

/// An approval of `organisation` deemed given at `at`.
pub(super) async fn on_deemed(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    organisation: Uuid,
    type_code: &str,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let month = month_of(local_day(ctx, at));
    bump(txn, organisation, type_code, &month, Counter::Deemed).await
}

#[derive(Clone, Copy)]
enum Counter {
    Received,
    Issued,
    Refused,
    OnTime,
    WithCorrections,
    Deemed,
}

impl Counter {
    fn column(self) -> performance::month::Column {
        use performance::month::Column as C;
        match self {
            Counter::Received => C::Received,
            Counter::Issued => C::Issued,
            Counter::Refused => C::Refused,
            Counter::OnTime => C::OnTime,
            Counter::WithCorrections => C::WithCorrections,
            Counter::Deemed => C::Deemed,
        }
    }
}

/// Adds one to a month's counter (an upsert: the row is made by its first count).
async fn bump<C: ConnectionTrait>(
    conn: &C,
    organisation: Uuid,
    type_code: &str,
    month: &str,
    counter: Counter,
) -> Result<(), ApiError> {
    use performance::month::{ActiveModel, Column, Entity};
    let one = |c: Counter| i64::from(c as u8 == counter as u8);
    let row = ActiveModel {
        organisation_id: Set(organisation),
        type_code: Set(type_code.to_owned()),
        month: Set(month.to_owned()),
        received: Set(one(Counter::Received)),
        issued: Set(one(Counter::Issued)),
        refused: Set(one(Counter::Refused)),
        on_time: Set(one(Counter::OnTime)),
        with_corrections: Set(one(Counter::WithCorrections)),
        deemed: Set(one(Counter::Deemed)),
    };
    let column = counter.column();
    Entity::insert(row)
        .on_conflict(
            OnConflict::columns([Column::OrganisationId, Column::TypeCode, Column::Month])
                .value(column, Expr::col((Entity, column)).add(1))
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(())
}

/// Adds one decision that took `days` working days.
async fn bump_days<C: ConnectionTrait>(
    conn: &C,
    organisation: Uuid,
    type_code: &str,
    month: &str,
    days: i32,
) -> Result<(), ApiError> {
    use performance::days::{ActiveModel, Column, Entity};
    Entity::insert(ActiveModel {
        organisation_id: Set(organisation),
        type_code: Set(type_code.to_owned()),
        month: Set(month.to_owned()),
        working_days: Set(days),
        decided: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            Column::OrganisationId,
            Column::TypeCode,
            Column::Month,
            Column::WorkingDays,
        ])
        .value(Column::Decided, Expr::col((Entity, Column::Decided)).add(1))
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// What an entry is computed from besides the request.
pub(super) struct Entry<'a> {
    pub at: DateTime<Utc>,
    pub decided_on: NaiveDate,
    pub submitted_on: NaiveDate,
    pub calendar: &'a Calendar,
    /// The signed decision's check code (published for companies only).
    pub verify_code: Option<String>,
}

/// The register entry of decided request `r`: only what the public may see.
pub(super) fn entry_of(r: &request::Model, e: Entry<'_>) -> register_entry::ActiveModel {
    let days = e
        .calendar
        .working_days_between(e.submitted_on, e.decided_on);
    let on_time = match r.due_on.or(r.intake_due) {
        Some(due) => e.decided_on <= due,
        None => true,
    };
    let company = r.applicant_bin.is_some();
    let form = |key: &str| {
        r.form_data
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    let outcome = if r.status == Status::Issued {
        "issued"
    } else {
        "refused"
    };
    register_entry::ActiveModel {
        id: Set(Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(e.at.timestamp()).unwrap_or_default(),
            e.at.timestamp_subsec_nanos(),
        ))),
        request_id: Set(r.id),
        number: Set(r.number.clone().unwrap_or_default()),
        type_code: Set(r.type_code.clone()),
        organisation_id: Set(r.organisation_id),
        outcome: Set(outcome.to_owned()),
        decided_at: Set(stamp(e.at)),
        decided_on: Set(e.decided_on),
        district: Set(form("district").filter(|d| DISTRICTS.contains(&d.as_str()))),
        holder_kind: Set(if company { "company" } else { "individual" }.to_owned()),
        holder_name: Set(company.then(|| r.holder_name.clone())),
        holder_bin: Set(r.applicant_bin.clone()),
        object_name: Set(if company { form("object_name") } else { None }),
        address: Set(if company {
            form("address").or_else(|| form("current_address"))
        } else {
            None
        }),
        verify_code: Set(if company { e.verify_code } else { None }),
        working_days: Set(i32::try_from(days).unwrap_or(i32::MAX)),
        on_time: Set(on_time),
    }
}

/// The register entry of a decided request, and its month's counters.
async fn decided(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    r: &request::Model,
) -> Result<(), ApiError> {
    let now = ctx.core.now();
    let calendar = super::calendar_admin::kept_calendar(ctx, txn).await?;
    let verify_code = if r.applicant_bin.is_some() {
        decision::Entity::find()
            .filter(decision::Column::RequestId.eq(r.id))
            .filter(decision::Column::Signature.is_not_null())
            .one(txn)
            .await?
            .map(|d| d.verify_code)
    } else {
        None
    };
    let entry = entry_of(
        r,
        Entry {
            at: now,
            decided_on: local_day(ctx, now),
            submitted_on: local_day(ctx, r.submitted_at.unwrap_or(now)),
            calendar: &calendar,
            verify_code,
        },
    )
    .insert(txn)
    .await?;
    let corrected = history::Entity::find()
        .filter(history::Column::RequestId.eq(r.id))
        .filter(history::Column::Action.eq("request_corrections"))
        .count(txn)
        .await?
        > 0;
    let month = month_of(entry.decided_on);
    let (org, code) = (r.organisation_id, r.type_code.as_str());
    let kind = if r.status == Status::Issued {
        Counter::Issued
    } else {
        Counter::Refused
    };
    bump(txn, org, code, &month, kind).await?;
    if entry.on_time {
        bump(txn, org, code, &month, Counter::OnTime).await?;
    }
    if corrected {
        bump(txn, org, code, &month, Counter::WithCorrections).await?;
    }
    bump_days(txn, org, code, &month, entry.working_days).await
}
