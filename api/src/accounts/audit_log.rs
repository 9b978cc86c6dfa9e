//! The audit log as administrators read it: filtered by actor, action, the
//! account acted on and the department's calendar days, page by page, or exported whole as CSV
//! (streamed page by page, never held whole in memory).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use futures_util::Stream;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, LikeExpr},
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{
    AccountsCtx,
    dto::Page,
    entity::{account, audit_event},
};
use crate::{
    clock::{self, KAZAKHSTAN_UTC_OFFSET_SECS},
    db::page,
    error::ApiError,
};

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventView {
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    /// The actor's name as it stands today (`None` for the system or the command line).
    pub actor_name: Option<String>,
    pub action: String,
    pub target_account_id: Option<Uuid>,
    pub target_name: Option<String>,
    pub reason: Option<String>,
    pub details: Option<serde_json::Value>,
    pub created_at: DateTime<Utc>,
    /// The address the action came from, when it came through the API.
    pub client_address: Option<String>,
    /// Whether that address was forwarded by a trusted proxy (else it is the TCP peer's).
    pub client_forwarded: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events about this account.
    pub account: Option<Uuid>,
    /// Only events by this account.
    pub actor: Option<Uuid>,
    /// One action (`account.block`), or a family ending in a dot (`account.`).
    #[param(pattern = "^[a-z_.]{1,64}$")]
    pub action: Option<String>,
    /// From this day (the department's calendar, Astana time).
    pub from: Option<NaiveDate>,
    /// Up to and including this day.
    pub to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 200>")]
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    pub cursor: Option<Uuid>,
}

/// The first instant of `day` in Astana.
fn day_start(day: NaiveDate) -> Option<DateTime<Utc>> {
    clock::day_start(day, KAZAKHSTAN_UTC_OFFSET_SECS)
}

fn condition(q: &AuditQuery) -> Result<Condition, ApiError> {
    let mut c = Condition::all();
    if let Some(account) = q.account {
        c = c.add(audit_event::Column::TargetAccountId.eq(account));
    }
    if let Some(actor) = q.actor {
        c = c.add(audit_event::Column::ActorId.eq(actor));
    }
    if let Some(action) = q.action.as_deref() {
        if action.is_empty()
            || action.len() > 64
            || !action
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch == '_' || ch == '.')
        {
            return Err(ApiError::InvalidQuery(
                "`action` is an action such as `account.block`, or a family such as `account.`"
                    .into(),
            ));
        }
        c = c.add(match action.strip_suffix('.') {
            // Only letters, dots and underscores reach here; `_` is a LIKE wildcard, so escape it.
            Some(family) => Expr::col(audit_event::Column::Action)
                .like(LikeExpr::new(format!("{}.%", family.replace('_', "\\_"))).escape('\\')),
            None => audit_event::Column::Action.eq(action),
        });
    }
    if let (Some(from), Some(to)) = (q.from, q.to)
        && from > to
    {
        return Err(ApiError::InvalidQuery("`from` is after `to`".into()));
    }
    if let Some(from) = q.from.and_then(day_start) {
        c = c.add(audit_event::Column::CreatedAt.gte(from));
    }
    if let Some(to) = q.to.and_then(|d| d.succ_opt()).and_then(day_start) {
        c = c.add(audit_event::Column::CreatedAt.lt(to));
    }
    Ok(c)
}

/// One page of events matching `q`, newest first, with the people's names.
async fn fetch(
    db: &DatabaseConnection,
    q: &AuditQuery,
    filter: Condition,
    limit: u64,
) -> Result<(Vec<AuditEventView>, Option<String>), ApiError> {
    let mut select = audit_event::Entity::find()
        .filter(filter)
        .order_by_desc(audit_event::Column::Id);
    if let Some(cursor) = q.cursor {
        select = select.filter(audit_event::Column::Id.lt(cursor));
    }
    let rows = select.limit(limit + 1).all(db).await?;
    let (rows, next_cursor) = page(rows, limit, |e| e.id);
    let names = names(db, &rows).await?;
    let name = |id: Option<Uuid>| id.and_then(|id| names.get(&id).cloned());
    let items = rows
        .into_iter()
        .map(|e| AuditEventView {
            id: e.id,
            actor_id: e.actor_id,
            actor_name: name(e.actor_id),
            action: e.action,
            target_account_id: e.target_account_id,
            target_name: name(e.target_account_id),
            reason: e.reason,
            details: e.details,
            created_at: e.created_at,
            client_address: e.client_address,
            client_forwarded: e.client_forwarded,
        })
        .collect();
    Ok((items, next_cursor))
}

/// The names of the accounts a page mentions, in one query.
async fn names<C: ConnectionTrait>(
    db: &C,
    rows: &[audit_event::Model],
) -> Result<HashMap<Uuid, String>, ApiError> {
    let mut ids: Vec<Uuid> = rows
        .iter()
        .flat_map(|e| [e.actor_id, e.target_account_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .column(account::Column::FullName)
        .filter(account::Column::Id.is_in(ids))
        .into_tuple::<(Uuid, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// `GET /admin/audit-events`: newest first.
pub async fn list(state: &AccountsCtx, q: AuditQuery) -> Result<Page<AuditEventView>, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let (items, next_cursor) = fetch(&state.core.db, &q, condition(&q)?, limit).await?;
    Ok(Page { items, next_cursor })
}

/// The CSV export's header row.
const HEADER: [&str; 11] = [
    "id",
    "created_at",
    "actor_id",
    "actor_name",
    "action",
    "target_account_id",
    "target_name",
    "reason",
    "details",
    "client_address",
    "client_forwarded",
];

/// A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) is written with a leading apostrophe (OWASP's advice on CSV injection).
pub fn cell(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn csv_rows(items: &[AuditEventView], header: bool) -> Result<Vec<u8>, ApiError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| ApiError::Internal(anyhow::anyhow!("CSV: {e}"));
    if header {
        w.write_record(HEADER).map_err(fail)?;
    }
    let text = |id: Option<Uuid>| id.map(|i| i.to_string()).unwrap_or_default();
    for e in items {
        w.write_record([
            e.id.to_string(),
            e.created_at.to_rfc3339(),
            text(e.actor_id),
            cell(e.actor_name.as_deref().unwrap_or_default()),
            cell(&e.action),
            text(e.target_account_id),
            cell(e.target_name.as_deref().unwrap_or_default()),
            cell(e.reason.as_deref().unwrap_or_default()),
            cell(
                &e.details
                    .as_ref()
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            e.client_address.clone().unwrap_or_default(),
            e.client_forwarded
                .map(|f| f.to_string())
                .unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("CSV: {e}")))
}

/// `GET /admin/audit-events/export`: every event matching the filters (limit and cursor are
/// ignored), newest first, as CSV, read 500 at a time while the answer streams. A bad filter is
/// refused before the first byte.
pub fn export(
    state: &AccountsCtx,
    q: AuditQuery,
) -> Result<impl Stream<Item = Result<actix_web::web::Bytes, ApiError>> + use<>, ApiError> {
    let filter = condition(&q)?;
    let db = state.core.db.clone();
    let start = AuditQuery { cursor: None, ..q };
    Ok(futures_util::stream::try_unfold(
        (db, start, filter, true, false),
        |(db, q, filter, first, done)| async move {
            if done {
                return Ok(None);
            }
            let (items, next) = fetch(&db, &q, filter.clone(), 500).await?;
            let bytes = actix_web::web::Bytes::from(csv_rows(&items, first)?);
            let cursor = next.and_then(|c| c.parse().ok());
            let next_q = AuditQuery { cursor, ..q };
            Ok(Some((bytes, (db, next_q, filter, false, cursor.is_none()))))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_is_written_as_text() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("Blocked for fraud"), "Blocked for fraud");
    }

    #[test]
    fn days_are_astana_days() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 1).expect("a day");
        assert_eq!(
            day_start(day).map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-12-31T19:00:00+00:00")
        );
    }

    #[test]
    fn a_bad_action_or_a_reversed_range_is_refused() {
        let q = |action: Option<&str>, from: Option<&str>, to: Option<&str>| AuditQuery {
            account: None,
            actor: None,
            action: action.map(str::to_owned),
            from: from.and_then(|d| d.parse().ok()),
            to: to.and_then(|d| d.parse().ok()),
            limit: None,
            cursor: None,
        };
        assert!(condition(&q(Some("account.block"), None, None)).is_ok());
        assert!(condition(&q(Some("account."), None, None)).is_ok());
        assert!(condition(&q(Some("x%"), None, None)).is_err());
        assert!(condition(&q(None, Some("2027-02-02"), Some("2027-02-01"))).is_err());
    }
}
