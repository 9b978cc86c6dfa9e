//! Start-up seeding: the shipped catalogue and the calendar years the database lacks.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use super::calendar_admin::kind_name;
use crate::permits::{
    calendar::Calendar,
    catalogue,
    entity::{calendar_day, calendar_year},
};

/// Seeds the calendar years shipped with Saulet that the database does not have yet.
pub async fn seed_calendar<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> anyhow::Result<()> {
    for year in Calendar::try_embedded_years()? {
        if calendar_year::Entity::find_by_id(year.year)
            .one(conn)
            .await?
            .is_none()
        {
            calendar_year::ActiveModel {
                year: Set(year.year),
                verified: Set(year.verified),
                source: Set(year.source.clone()),
                updated_by: Set(None),
                updated_at: Set(crate::db::stamp(now)),
            }
            .insert(conn)
            .await?;
        }
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

/// Seeds the catalogue and the calendar (start-up).
pub async fn seed<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> anyhow::Result<()> {
    catalogue::seed(conn, now).await?;
    seed_calendar(conn, now).await
}
