//! The working-day calendar as administrators keep it: loaded for the deadline arithmetic, read
//! and replaced year by year.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};

use crate::permits::{
    calendar::{Calendar, CalendarDay, DayKind, Names},
    dto::*,
    entity::calendar_day,
};
use crate::{
    error::{ApiError, FieldError},
    permits::PermitsCtx,
};

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

pub(super) fn names(value: &serde_json::Value) -> Result<Names, ApiError> {
    serde_json::from_value(value.clone()).map_err(|e| ApiError::Internal(e.into()))
}

pub(super) fn kind_name(kind: DayKind) -> &'static str {
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
    txn.commit().await?;
    // This node's views count working days on the new calendar at once; the others within
    // `permits.catalogue_cache_secs`.
    state.catalogue.forget();
    calendar_year(&state.core.db, year).await
}
