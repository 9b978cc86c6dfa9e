//! `saulet register rebuild`: writes the register entries a database lacks (decisions made
//! before the register existed, or rows lost) and recounts the performance counters from the
//! requests themselves. Safe to run at any time; the counters are replaced in one transaction.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait,
};
use uuid::Uuid;

use super::register::{Entry, entry_of, month_of};
use crate::{
    error::ApiError,
    permits::{
        calendar::Calendar,
        entity::{decision, history, performance, register_entry, request, task},
        workflow::Status,
    },
};

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rebuilt {
    pub entries_added: u64,
    pub counter_rows: u64,
}

type Key = (Uuid, String, String);

#[derive(Default)]
struct Counts {
    received: i64,
    issued: i64,
    refused: i64,
    on_time: i64,
    corrected: i64,
    deemed: i64,
}

/// Rebuilds the register and the counters of `db`, counting days at UTC+`offset_hours`.
pub async fn rebuild(db: &DatabaseConnection, offset_hours: i32) -> Result<Rebuilt, ApiError> {
    let offset = FixedOffset::east_opt(offset_hours * 3600)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    let day = |at: DateTime<Utc>| -> NaiveDate { at.with_timezone(&offset).date_naive() };
    let added = add_missing(db, &day).await?;
    let (months, days) = count(db, &day).await?;
    let counter_rows = write(db, months, days).await?;
    Ok(Rebuilt {
        entries_added: added,
        counter_rows,
    })
}

type Months = BTreeMap<Key, Counts>;
type Days = BTreeMap<(Uuid, String, String, i32), i64>;

/// The register entries of decided requests that have none.
async fn add_missing(
    db: &DatabaseConnection,
    day: &impl Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<u64, ApiError> {
    let calendar: Calendar = super::load_calendar(db).await?;
    let have: HashSet<Uuid> = register_entry::Entity::find()
        .select_only()
        .column(register_entry::Column::RequestId)
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    // The missing entries, a decided request at a time.
    let decided = request::Entity::find()
        .filter(request::Column::Status.is_in([Status::Issued, Status::Refused]))
        .filter(request::Column::DecidedAt.is_not_null())
        .all(db)
        .await?;
    let codes_of: std::collections::HashMap<Uuid, String> = decision::Entity::find()
        .select_only()
        .column(decision::Column::RequestId)
        .column(decision::Column::VerifyCode)
        .filter(decision::Column::Signature.is_not_null())
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut added = 0;
    for r in decided.iter().filter(|r| !have.contains(&r.id)) {
        let Some(at) = r.decided_at else { continue };
        let entry = entry_of(
            r,
            Entry {
                at,
                decided_on: day(at),
                submitted_on: day(r.submitted_at.unwrap_or(at)),
                calendar: &calendar,
                verify_code: codes_of.get(&r.id).cloned(),
            },
        );
        register_entry::Entity::insert(entry).exec(db).await?;
        added += 1;
    }
    Ok(added)
}

/// Every counter, from the requests, the register, the history and the approval tasks.
async fn count(
    db: &DatabaseConnection,
    day: &impl Fn(DateTime<Utc>) -> NaiveDate,
) -> Result<(Months, Days), ApiError> {
    let corrected: HashSet<Uuid> = history::Entity::find()
        .select_only()
        .column(history::Column::RequestId)
        .filter(history::Column::Action.eq("request_corrections"))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut months: Months = BTreeMap::new();
    let mut days: Days = BTreeMap::new();
    let submitted: Vec<(Uuid, String, Option<DateTime<Utc>>)> = request::Entity::find()
        .select_only()
        .column(request::Column::OrganisationId)
        .column(request::Column::TypeCode)
        .column(request::Column::SubmittedAt)
        .filter(request::Column::SubmittedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?;
    for (org, code, at) in submitted {
        if let Some(at) = at {
            months
                .entry((org, code, month_of(day(at))))
                .or_default()
                .received += 1;
        }
    }
    for e in register_entry::Entity::find().all(db).await? {
        let month = month_of(e.decided_on);
        let c = months
            .entry((e.organisation_id, e.type_code.clone(), month.clone()))
            .or_default();
        if e.outcome == "issued" {
            c.issued += 1;
        } else {
            c.refused += 1;
        }
        c.on_time += i64::from(e.on_time);
        c.corrected += i64::from(corrected.contains(&e.request_id));
        *days
            .entry((e.organisation_id, e.type_code, month, e.working_days))
            .or_default() += 1;
    }
    let codes: BTreeMap<Uuid, String> = request::Entity::find()
        .select_only()
        .column(request::Column::Id)
        .column(request::Column::TypeCode)
        .filter(
            request::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(task::Column::RequestId)
                    .from(task::Entity)
                    .and_where(task::Column::Deemed.eq(true))
                    .to_owned(),
            ),
        )
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for t in task::Entity::find()
        .filter(task::Column::Deemed.eq(true))
        .all(db)
        .await?
    {
        let (Some(code), Some(at)) = (codes.get(&t.request_id), t.decided_at) else {
            continue;
        };
        months
            .entry((t.organisation_id, code.clone(), month_of(day(at))))
            .or_default()
            .deemed += 1;
    }
    Ok((months, days))
}

/// Replaces the counters, in one transaction; the number of rows written.
async fn write(db: &DatabaseConnection, months: Months, days: Days) -> Result<u64, ApiError> {
    let txn = db.begin().await?;
    performance::month::Entity::delete_many().exec(&txn).await?;
    performance::days::Entity::delete_many().exec(&txn).await?;
    let counter_rows = (months.len() + days.len()) as u64;
    for ((org, code, month), c) in months {
        performance::month::Entity::insert(performance::month::ActiveModel {
            organisation_id: Set(org),
            type_code: Set(code),
            month: Set(month),
            received: Set(c.received),
            issued: Set(c.issued),
            refused: Set(c.refused),
            on_time: Set(c.on_time),
            with_corrections: Set(c.corrected),
            deemed: Set(c.deemed),
        })
        .exec(&txn)
        .await?;
    }
    for ((org, code, month, working_days), n) in days {
        performance::days::Entity::insert(performance::days::ActiveModel {
            organisation_id: Set(org),
            type_code: Set(code),
            month: Set(month),
            working_days: Set(working_days),
            decided: Set(n),
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(counter_rows)
}
