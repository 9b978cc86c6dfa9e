//! An organisation's staff and their load: each reviewer with the requests assigned to them that
//! are still open, how many are overdue and how many fall due this week, and what no one holds.
//! The team's lead (any reviewer of the organisation) and administrators read it to share work.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Standing, Viewer, local_day, queries};
use crate::{
    accounts::entity::account::{self, AccountStatus, Role},
    error::ApiError,
    permits::{
        PermitsCtx,
        dto::OrganisationView,
        entity::{organisation, request},
        workflow::Status,
    },
};

/// One reviewer and their open work.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffMember {
    pub account_id: Uuid,
    pub full_name: String,
    pub email: String,
    /// Open requests assigned to them (submitted, in review, with the applicant, approved).
    pub open: u64,
    /// Of those in the staff's court, past their due day.
    pub overdue: u64,
    /// Of those in the staff's court, due from today to Sunday.
    pub due_this_week: u64,
}

/// `GET /organisations/{code}/staff`.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffView {
    pub organisation: OrganisationView,
    /// The department's calendar day the counts are for.
    pub today: NaiveDate,
    /// Open requests routed to the organisation that no one holds.
    pub unassigned: u64,
    pub staff: Vec<StaffMember>,
}

/// The statuses of a request someone still works on.
const OPEN: [Status; 5] = [
    Status::Submitted,
    Status::InReview,
    Status::CorrectionsRequested,
    Status::PreliminaryRefusal,
    Status::Approved,
];

/// Counts of open requests per assignee under `extra`, in one grouped query.
async fn counts(
    state: &PermitsCtx,
    org: Uuid,
    extra: Condition,
) -> Result<HashMap<Option<Uuid>, u64>, ApiError> {
    let rows: Vec<(Option<Uuid>, i64)> = request::Entity::find()
        .select_only()
        .column(request::Column::AssigneeId)
        .column_as(Expr::col(request::Column::Id).count(), "n")
        .filter(request::Column::OrganisationId.eq(org))
        .filter(request::Column::Status.is_in(OPEN))
        .filter(extra)
        .group_by(request::Column::AssigneeId)
        .into_tuple()
        .all(state.core.reader())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(who, n)| (who, u64::try_from(n).unwrap_or_default()))
        .collect())
}

/// The staff of the organisation `code`, for its own reviewers and for administrators.
pub async fn staff(state: &PermitsCtx, viewer: &Viewer, code: &str) -> Result<StaffView, ApiError> {
    let org = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(&state.core.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    match &viewer.standing {
        Standing::Admin => {}
        Standing::Staff(mine) if mine.id == org.id => {}
        _ => return Err(ApiError::Forbidden),
    }
    let people = match org.bin.as_deref() {
        Some(bin) => {
            account::Entity::find()
                .filter(account::Column::Role.eq(Role::Reviewer))
                .filter(account::Column::Bin.eq(bin))
                .filter(account::Column::Status.eq(AccountStatus::Active))
                .order_by_asc(account::Column::FullName)
                .all(state.core.reader())
                .await?
        }
        None => Vec::new(),
    };
    let today = local_day(state, state.core.now());
    let sunday = today + Duration::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let open = counts(state, org.id, Condition::all()).await?;
    let overdue = counts(state, org.id, queries::late(today)).await?;
    let this_week = counts(
        state,
        org.id,
        Condition::all()
            .add(queries::due_by(sunday))
            .add(queries::late(today).not()),
    )
    .await?;
    let count = |map: &HashMap<Option<Uuid>, u64>, who: Option<Uuid>| {
        map.get(&who).copied().unwrap_or_default()
    };
    Ok(StaffView {
        organisation: super::types::organisation_view(&org)?,
        today,
        unassigned: count(&open, None),
        staff: people
            .into_iter()
            .map(|p| StaffMember {
                open: count(&open, Some(p.id)),
                overdue: count(&overdue, Some(p.id)),
                due_this_week: count(&this_week, Some(p.id)),
                account_id: p.id,
                full_name: p.full_name,
                email: p.email,
            })
            .collect(),
    })
}

/// `GET /organisations/mine`.
pub fn my_organisation(viewer: &Viewer) -> Result<OrganisationView, ApiError> {
    match &viewer.standing {
        Standing::Staff(org) => super::types::organisation_view(org),
        _ => Err(ApiError::NotFound),
    }
}

/// One version of a permit type, as the administrators' history shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TypeVersionView {
    pub version: i32,
    pub reason: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_by_name: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// The requests filed under this version.
    pub requests: u64,
}

/// `GET /admin/permit-types/{code}/versions`: newest first.
pub async fn type_versions(
    state: &PermitsCtx,
    code: &str,
) -> Result<Vec<TypeVersionView>, ApiError> {
    use crate::permits::entity::permit_type_version as version;
    let db = &state.core.db;
    let rows = version::Entity::find()
        .filter(version::Column::Code.eq(code))
        .order_by_desc(version::Column::Version)
        .all(db)
        .await?;
    if rows.is_empty() {
        return Err(ApiError::NotFound);
    }
    let authors: HashMap<Uuid, String> = account::Entity::find()
        .filter(account::Column::Id.is_in(rows.iter().filter_map(|r| r.created_by)))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.full_name))
        .collect();
    let filed: Vec<(i32, i64)> = request::Entity::find()
        .select_only()
        .column(request::Column::TypeVersion)
        .column_as(Expr::col(request::Column::Id).count(), "n")
        .filter(request::Column::TypeCode.eq(code))
        .filter(request::Column::Number.is_not_null())
        .group_by(request::Column::TypeVersion)
        .into_tuple()
        .all(db)
        .await?;
    let filed: HashMap<i32, i64> = filed.into_iter().collect();
    Ok(rows
        .into_iter()
        .map(|r| TypeVersionView {
            version: r.version,
            created_by_name: r.created_by.and_then(|id| authors.get(&id).cloned()),
            requests: filed
                .get(&r.version)
                .copied()
                .and_then(|n| u64::try_from(n).ok())
                .unwrap_or_default(),
            reason: r.reason,
            created_by: r.created_by,
            created_at: r.created_at,
        })
        .collect())
}
