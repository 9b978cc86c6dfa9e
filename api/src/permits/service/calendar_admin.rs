//! The working-day calendar as administrators keep it: loaded for the deadline arithmetic, read
//! and replaced year by year.

use std::{collections::BTreeMap, sync::Arc};

use chrono::{Datelike, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::permits::{
    calendar::{Calendar, CalendarDay, DayKind, Names},
    dto::*,
    entity::{calendar_day, calendar_year},
};
use crate::{
    db::stamp,
    error::{ApiError, FieldError},
    permits::PermitsCtx,
};

/// The years the statutory holidays are generated for when the data has none.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The working-day calendar as administrators keep it: the defined years' days, and the holidays
/// fixed by law for every other year (their due dates provisional).
pub async fn load_calendar<C: ConnectionTrait>(conn: &C) -> Result<Calendar, ApiError> {
    let rows = calendar_day::Entity::find().all(conn).await?;
    let defined: BTreeMap<i32, bool> = calendar_year::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|y| (y.year, y.verified))
        .collect();
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
    Ok(Calendar::kept(days, &defined, YEARS))
}

/// The calendar this node read lately (`permits.catalogue_cache_secs`), for what is shown or
/// published about a due date: the working days left, the register's on-time figures. Due dates
/// themselves are computed from [`load_calendar`], so an edit on another node counts at once.
pub(super) async fn kept_calendar<C: ConnectionTrait>(
    ctx: &PermitsCtx,
    conn: &C,
) -> Result<Arc<Calendar>, ApiError> {
    if let Some(calendar) = ctx.catalogue.calendar() {
        return Ok(calendar);
    }
    let calendar = Arc::new(load_calendar(conn).await?);
    ctx.catalogue.keep_calendar(calendar.clone());
    Ok(calendar)
}

/// A year as the calendar knows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYearStatus {
    pub year: i32,
    /// The year has its own data (holidays, moved days, Kurban Ait).
    pub defined: bool,
    /// Checked against the published decrees (an administrator's edit counts as checked).
    pub verified: bool,
    pub source: Option<String>,
}

/// `GET /admin/calendar`: this year and the next two, and whether next year still needs its
/// calendar (from 1 October: `next_year_missing`).
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarStatus {
    pub years: Vec<CalendarYearStatus>,
    /// Set from 1 October while next year has no verified calendar: its due dates are counted on
    /// the holidays fixed by law alone and shown as provisional.
    pub next_year_missing: Option<i32>,
}

pub async fn calendar_status(state: &PermitsCtx) -> Result<CalendarStatus, ApiError> {
    let today = super::local_day(state, state.core.now());
    let rows: BTreeMap<i32, calendar_year::Model> = calendar_year::Entity::find()
        .filter(calendar_year::Column::Year.between(today.year(), today.year() + 2))
        .all(&state.core.db)
        .await?
        .into_iter()
        .map(|y| (y.year, y))
        .collect();
    let years = (today.year()..=today.year() + 2)
        .map(|year| {
            let row = rows.get(&year);
            CalendarYearStatus {
                year,
                defined: row.is_some(),
                verified: row.is_some_and(|r| r.verified),
                source: row.map(|r| r.source.clone()),
            }
        })
        .collect();
    let next = today.year() + 1;
    let missing = today.month() >= 10 && !rows.get(&next).is_some_and(|r| r.verified);
    Ok(CalendarStatus {
        years,
        next_year_missing: missing.then_some(next),
    })
}

pub(super) fn names(value: &serde_json::Value) -> Result<Names, ApiError> {
    serde_json::from_value(value.clone()).map_err(|e| ApiError::Internal(e.into()))
}

pub(super) fn kind_name(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Holiday => "holiday",
        DayKind::WorkingDay => "working_day",
    }
}

/// `GET /calendar/{year}`: the year's exceptions to the Monday–Friday rule (for a year without
/// data, the holidays fixed by law it counts on).
pub async fn calendar_year<C: ConnectionTrait>(
    conn: &C,
    year: i32,
) -> Result<Vec<CalendarDayView>, ApiError> {
    let (start, end) = year_bounds(year)?;
    if calendar_year::Entity::find_by_id(year)
        .one(conn)
        .await?
        .is_none()
    {
        // No data for the year: it counts on the holidays fixed by law, so show those.
        return Ok(crate::permits::statutory::fixed_holidays(year)
            .into_iter()
            .map(|d| CalendarDayView {
                date: d.date,
                kind: kind_name(d.kind).into(),
                name: crate::i18n::Localized {
                    kk: d.name.kk,
                    ru: d.name.ru,
                    en: d.name.en,
                },
            })
            .collect());
    }
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

pub(super) fn year_bounds(year: i32) -> Result<(NaiveDate, NaiveDate), ApiError> {
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
    admin: Option<Uuid>,
    year: i32,
    body: CalendarYear,
) -> Result<Vec<CalendarDayView>, ApiError> {
    use validator::Validate;
    body.validate()?;
    let (start, end) = year_bounds(year)?;
    let file = crate::permits::calendar::YearFile {
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
    let now = state.core.now();
    calendar_year::Entity::delete_by_id(year).exec(&txn).await?;
    calendar_year::ActiveModel {
        year: Set(year),
        verified: Set(true),
        source: Set("administrator".into()),
        updated_by: Set(admin),
        updated_at: Set(stamp(now)),
    }
    .insert(&txn)
    .await?;
    crate::accounts::admin::audit(
        &txn,
        now,
        admin,
        "calendar.replace",
        None,
        None,
        serde_json::json!({"year": year, "days": body.days.len()}),
    )
    .await?;
    txn.commit().await?;
    // This node's views count working days on the new calendar at once; the others within
    // `permits.catalogue_cache_secs`.
    state.catalogue.forget();
    calendar_year(&state.core.db, year).await
}

/// From 1 October, while next year has no verified calendar, tells every active administrator
/// once (in-app and by email). The year's warning is an audit event with an id derived from the
/// year, so two nodes racing write it once and the loser's notices roll back with it.
pub async fn warn_missing_calendar(state: &PermitsCtx) -> Result<usize, ApiError> {
    use crate::accounts::entity::{
        account::{self, AccountStatus, Role},
        audit_event,
    };
    use crate::notifications::{
        event::Event,
        service::{Recipient, notify},
    };
    let Some(year) = calendar_status(state).await?.next_year_missing else {
        return Ok(0);
    };
    let marker = {
        use sha2::Digest;
        let hash = sha2::Sha256::digest(format!("saulet:calendar-missing:{year}").as_bytes());
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&hash[..16]);
        uuid::Builder::from_custom_bytes(bytes).into_uuid()
    };
    let db = &state.core.db;
    if audit_event::Entity::find_by_id(marker)
        .one(db)
        .await?
        .is_some()
    {
        return Ok(0);
    }
    let admins = account::Entity::find()
        .filter(account::Column::Role.eq(Role::Admin))
        .filter(account::Column::Status.eq(AccountStatus::Active))
        .all(db)
        .await?;
    let now = state.core.now();
    let txn = db.begin().await?;
    let written = audit_event::ActiveModel {
        id: Set(marker),
        actor_id: Set(None),
        action: Set("calendar.missing_warning".into()),
        target_account_id: Set(None),
        reason: Set(None),
        details: Set(Some(
            serde_json::json!({"year": year, "told": admins.len()}),
        )),
        created_at: Set(stamp(now)),
        client_address: Set(None),
        client_forwarded: Set(None),
    }
    .insert(&txn)
    .await;
    if written.is_err() {
        // Another node warned first.
        return Ok(0);
    }
    let notifier = state.notifier();
    for admin in &admins {
        notify(
            &txn,
            &notifier,
            &Recipient::from(admin),
            Event::CalendarMissing { year },
        )
        .await?;
    }
    txn.commit().await?;
    tracing::warn!(
        year,
        "next year has no verified working-day calendar; administrators told"
    );
    Ok(admins.len())
}
