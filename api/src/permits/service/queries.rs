//! Reading requests (R-1.2.2): the filtered lists, the history, the signed versions and their
//! differences, and the open requests that hold the personal-data consent (R-2.7).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, Func, Query, SelectStatement, SimpleExpr, UnionType},
};
use uuid::Uuid;

use super::deadlines::overdue;
use super::{Standing, Viewer, local_day, visible};
use crate::permits::{
    dto::*,
    entity::{document, history, request, request_view, task, version},
    workflow::Status,
};
use crate::{
    accounts::entity::account::{self, AccountKind},
    clock,
    db::page,
    error::ApiError,
    permits::PermitsCtx,
};

/// The columns a list shows: not the form, the corrections or the objection, which a page of
/// twenty would otherwise carry from the database and decode for nothing. In the order of
/// [`SummaryRow`]'s fields, which are read back by position (a column found by its name costs a
/// lookup per column of every row), then `seen`.
const SUMMARY: [request::Column; 11] = [
    request::Column::Id,
    request::Column::Number,
    request::Column::TypeCode,
    request::Column::Title,
    request::Column::HolderName,
    request::Column::Status,
    request::Column::AssigneeId,
    request::Column::SubmittedAt,
    request::Column::IntakeDue,
    request::Column::DueOn,
    request::Column::UpdatedAt,
];

#[derive(Debug)]
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
    /// 1 when the reader received this revision of the request (or a later one), else 0.
    seen: i32,
}

impl sea_orm::FromQueryResult for SummaryRow {
    fn from_query_result(row: &sea_orm::QueryResult, _: &str) -> Result<Self, sea_orm::DbErr> {
        // Fields are evaluated in the order written: the order of SUMMARY, then `seen`.
        let mut index = 0..;
        let mut at = || index.next().unwrap_or_default();
        Ok(Self {
            id: row.try_get_by_index(at())?,
            number: row.try_get_by_index(at())?,
            type_code: row.try_get_by_index(at())?,
            title: row.try_get_by_index(at())?,
            holder_name: row.try_get_by_index(at())?,
            status: row.try_get_by_index(at())?,
            assignee_id: row.try_get_by_index(at())?,
            submitted_at: row.try_get_by_index(at())?,
            intake_due: row.try_get_by_index(at())?,
            due_on: row.try_get_by_index(at())?,
            updated_at: row.try_get_by_index(at())?,
            seen: row.try_get_by_index(at())?,
        })
    }
}

/// `GET /permit-requests`: what the viewer may see, newest first, filtered.
pub async fn list(
    state: &PermitsCtx,
    viewer: &Viewer,
    q: RequestQuery,
) -> Result<RequestPage, ApiError> {
    let limit = q.limit.unwrap_or(20).clamp(1, 100);
    if matches!(viewer.standing, Standing::Unattached) {
        return Ok(RequestPage {
            items: Vec::new(),
            next_cursor: None,
        });
    }
    let reader = state.core.reader();
    let today = local_day(state, state.core.now());
    let backend = reader.get_database_backend();
    // Written only when the statement is: a kept shape's text needs none of it.
    let build = |filters: Vec<Condition>| {
        let mut query = request::Entity::find().filter(scope(viewer, backend));
        for condition in filters {
            query = query.filter(condition);
        }
        query
            .select_only()
            .columns(SUMMARY)
            .expr_as(seen_by(viewer.account.id), "seen")
            .order_by_desc(request::Column::Id)
            .limit(limit + 1)
    };
    let rows = match unfiltered_shape(viewer, &q, limit) {
        // A page with no filter but the cursor (every list's first look): its statement's text
        // is kept per shape, so only its values are made per call.
        Some((shape, values)) => {
            let statement = UNFILTERED[shape].statement(backend, values, |backend| {
                let cursor = q
                    .cursor
                    .map(|c| Condition::all().add(request::Column::Id.lt(c)));
                sea_orm::QueryTrait::build(&build(cursor.into_iter().collect()), backend)
            });
            <SummaryRow as sea_orm::FromQueryResult>::find_by_statement(statement)
                .all(reader)
                .await?
        }
        None => {
            build(filters(state, viewer, &q, today)?)
                .into_model::<SummaryRow>()
                .all(reader)
                .await?
        }
    };
    let (rows, next_cursor) = page(rows, limit, |r| r.id);
    Ok(RequestPage {
        items: rows.into_iter().map(|r| r.summary(today)).collect(),
        next_cursor,
    })
}

impl SummaryRow {
    fn summary(self, today: NaiveDate) -> RequestSummary {
        RequestSummary {
            changed: self.seen == 0,
            overdue: overdue(self.status, self.intake_due, self.due_on, today),
            id: self.id,
            number: self.number,
            type_code: self.type_code,
            title: self.title,
            holder_name: self.holder_name,
            status: self.status,
            assignee_id: self.assignee_id,
            submitted_at: self.submitted_at,
            due_on: self.due_on,
            updated_at: self.updated_at,
        }
    }
}

/// The kept texts of the unfiltered lists, one per [`unfiltered_shape`].
static UNFILTERED: [crate::db::BuiltOnce; 12] = [const { crate::db::BuiltOnce::new() }; 12];

/// For a list with no filter but the cursor: which of [`UNFILTERED`] its statement is, and the
/// values it binds, in the order the statement binds them (debug builds check both on every
/// call). `None` when a filter is given: that statement is written afresh.
fn unfiltered_shape(
    viewer: &Viewer,
    q: &RequestQuery,
    limit: u64,
) -> Option<(usize, Vec<sea_orm::Value>)> {
    use sea_orm::Value;
    let filtered = q.status.is_some()
        || q.type_code.is_some()
        || q.submitted_from.is_some()
        || q.submitted_to.is_some()
        || q.overdue.is_some()
        || q.due_by.is_some()
        || q.assignee.is_some()
        || q.q.is_some();
    if filtered {
        return None;
    }
    let account = &viewer.account;
    // The `seen` column: SELECT 1 … WHERE account_id = $ …, CASE … THEN 1 ELSE 0.
    let mut values: Vec<Value> = vec![1i32.into(), account.id.into(), 1i32.into(), 0i32.into()];
    let shape = match &viewer.standing {
        Standing::Applicant => {
            values.push(account.id.into());
            let bin = company_bin(account);
            if let Some(bin) = bin {
                values.push(bin.into());
            }
            let invited = super::co_applicants::verified_email(account);
            if let Some(email) = &invited {
                values.push(email.as_str().into());
            }
            usize::from(bin.is_some()) + 2 * usize::from(invited.is_some())
        }
        Standing::Staff(org) => {
            values.extend([Status::Draft.into(), org.id.into(), org.id.into()]);
            4
        }
        Standing::Admin => {
            values.push(Status::Draft.into());
            5
        }
        Standing::Unattached => return None,
    };
    if let Some(cursor) = q.cursor {
        values.push(cursor.into());
    }
    values.push((limit + 1).into());
    Some((shape * 2 + usize::from(q.cursor.is_some()), values))
}

/// Whether `account` received the request's current revision: part of the list's one query.
fn seen_by(account: Uuid) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Expr, Query};
    let received = Query::select()
        .expr(Expr::val(1))
        .from(request_view::Entity)
        .and_where(Expr::col((request_view::Entity, request_view::Column::AccountId)).eq(account))
        .and_where(
            Expr::col((request_view::Entity, request_view::Column::RequestId))
                .equals((request::Entity, request::Column::Id)),
        )
        .and_where(
            Expr::col((request_view::Entity, request_view::Column::Revision))
                .gte(Expr::col((request::Entity, request::Column::Revision))),
        )
        .to_owned();
    Expr::case(Expr::exists(received), 1).finally(0).into()
}

/// The BIN whose requests a company's people see besides their own.
fn company_bin(account: &account::Model) -> Option<&str> {
    account
        .bin
        .as_deref()
        .filter(|_| account.kind == AccountKind::LegalEntity)
}

/// The requests `viewer` may see at all: none for a reviewer of no organisation.
fn scope(viewer: &Viewer, backend: DbBackend) -> Condition {
    let account = &viewer.account;
    match &viewer.standing {
        Standing::Applicant => {
            // One `id IN (… UNION ALL …)` rather than an OR of the three: with the OR, PostgreSQL
            // walked the whole table backwards by id to find a page (30 pages a second at
            // 100,000 requests, against 2,000 with the union; docs/benchmarks.md).
            let ids = |condition: SimpleExpr| {
                Query::select()
                    .column(request::Column::Id)
                    .from(request::Entity)
                    .and_where(condition)
                    .to_owned()
            };
            let mut mine = ids(request::Column::ApplicantId.eq(account.id));
            if let Some(bin) = company_bin(account) {
                mine.union(UnionType::All, ids(request::Column::ApplicantBin.eq(bin)));
            }
            if let Some(invited) = super::co_applicants::invited_to(account) {
                mine.union(UnionType::All, invited);
            }
            Condition::all().add(mine_only(mine, backend))
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
        // Matches no row (`list` answers an empty page without asking).
        Standing::Unattached => Condition::all().add(Expr::cust("FALSE")),
    }
}

/// `id` among the applicant's own ids. On PostgreSQL `id = ANY(ARRAY(…))`: the ids are
/// gathered first and the page is read by their index entries, whatever the plan. With `id IN
/// (…)`, the plan PostgreSQL keeps for the prepared statement once it stops planning each call
/// (the generic plan) walked the whole table backwards by id to fill a page: 9.7 ms at 28,000
/// requests against 0.3 ms, and the longer the table the worse (docs/benchmarks.md).
fn mine_only(mine: SelectStatement, backend: DbBackend) -> SimpleExpr {
    match backend {
        DbBackend::Postgres => Expr::cust_with_expr(
            r#""permit_requests"."id" = ANY(ARRAY $1)"#,
            SimpleExpr::SubQuery(None, Box::new(mine.into_sub_query_statement())),
        ),
        _ => request::Column::Id.in_subquery(mine),
    }
}

/// The query's filters, each a condition: status, type, submission days, overdue, assignee,
/// text, and the cursor.
fn filters(
    state: &PermitsCtx,
    viewer: &Viewer,
    q: &RequestQuery,
    today: NaiveDate,
) -> Result<Vec<Condition>, ApiError> {
    let mut out = Vec::new();
    if let Some(statuses) = &q.status {
        out.push(Condition::all().add(request::Column::Status.is_in(parse_statuses(statuses)?)));
    }
    if let Some(code) = &q.type_code {
        out.push(Condition::all().add(request::Column::TypeCode.eq(code.as_str())));
    }
    out.extend(submitted_between(state, q));
    if let Some(overdue) = q.overdue {
        let late = late(today);
        out.push(if overdue { late } else { late.not() });
    }
    if let Some(day) = q.due_by {
        out.push(due_by(day));
    }
    if let Some(assignee) = q.assignee.as_deref() {
        out.push(assigned_to(viewer, assignee)?);
    }
    if let Some(pattern) = crate::db::search_pattern(q.q.as_deref())? {
        let like = |col: request::Column| {
            Expr::expr(Func::lower(Expr::col(col)))
                .like(sea_orm::sea_query::LikeExpr::new(pattern.clone()).escape('\\'))
        };
        out.push(
            Condition::any()
                .add(like(request::Column::Number))
                .add(like(request::Column::Title))
                .add(like(request::Column::HolderName)),
        );
    }
    if let Some(cursor) = q.cursor {
        out.push(Condition::all().add(request::Column::Id.lt(cursor)));
    }
    Ok(out)
}

/// `status=a,b`: the statuses named, or 400 for a name that is none.
fn parse_statuses(list: &str) -> Result<Vec<Status>, ApiError> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| {
            Status::parse(name).ok_or_else(|| {
                ApiError::InvalidQuery(format!(
                    "unknown status `{}`",
                    name.chars().take(40).collect::<String>()
                ))
            })
        })
        .collect()
}

/// `submitted_from` and `submitted_to`: whole days of the department's calendar.
fn submitted_between(state: &PermitsCtx, q: &RequestQuery) -> Vec<Condition> {
    let offset = state.settings.utc_offset_hours * 3600;
    let day_start = |d: NaiveDate| clock::day_start(d, offset);
    let mut out = Vec::new();
    if let Some(from) = q.submitted_from.and_then(day_start) {
        out.push(Condition::all().add(request::Column::SubmittedAt.gte(from)));
    }
    if let Some(to) = q
        .submitted_to
        .and_then(|d| d.succ_opt())
        .and_then(day_start)
    {
        out.push(Condition::all().add(request::Column::SubmittedAt.lt(to)));
    }
    out
}

/// Past due on `today` while in the staff's court (the query form of `overdue`).
pub(super) fn late(today: NaiveDate) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(request::Column::Status.eq(Status::Submitted))
                .add(request::Column::IntakeDue.lt(today)),
        )
        .add(
            Condition::all()
                .add(request::Column::Status.is_in([Status::InReview, Status::Approved]))
                .add(request::Column::DueOn.lt(today)),
        )
}

/// In the staff's court and due on or before `day` (the query form of `due_by`).
pub(super) fn due_by(day: NaiveDate) -> Condition {
    Condition::any()
        .add(
            Condition::all()
                .add(request::Column::Status.eq(Status::Submitted))
                .add(request::Column::IntakeDue.lte(day)),
        )
        .add(
            Condition::all()
                .add(request::Column::Status.is_in([Status::InReview, Status::Approved]))
                .add(request::Column::DueOn.lte(day)),
        )
}

/// `assignee=me|none|<account id>`.
fn assigned_to(viewer: &Viewer, assignee: &str) -> Result<Condition, ApiError> {
    let column = request::Column::AssigneeId;
    Ok(Condition::all().add(match assignee {
        "me" => column.eq(viewer.account.id),
        "none" => column.is_null(),
        other => {
            // An account id as the API writes it (hyphenated), as the spec's pattern says.
            let id = Uuid::try_parse(other)
                .ok()
                .filter(|_| other.len() == 36)
                .ok_or_else(|| {
                    ApiError::InvalidQuery("`assignee` is `me`, `none` or an account id".into())
                })?;
            column.eq(id)
        }
    }))
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

/// The consents area's export of an account: the requests it made, newest first, with their
/// files and signed versions.
#[async_trait::async_trait]
impl crate::consents::service::ApplicantRecords for OpenRequests {
    async fn permit_requests(
        &self,
        account: Uuid,
    ) -> Result<Vec<crate::consents::dto::ExportedPermitRequest>, ApiError> {
        use crate::consents::dto::{ExportedDocument, ExportedPermitRequest, ExportedVersion};
        let requests = request::Entity::find()
            .filter(request::Column::ApplicantId.eq(account))
            .order_by_desc(request::Column::CreatedAt)
            .all(&self.0)
            .await?;
        let ids: Vec<Uuid> = requests.iter().map(|r| r.id).collect();
        let mut documents: HashMap<Uuid, Vec<ExportedDocument>> = HashMap::new();
        for d in document::Entity::find()
            .filter(document::Column::RequestId.is_in(ids.clone()))
            .order_by_asc(document::Column::CreatedAt)
            .all(&self.0)
            .await?
        {
            documents
                .entry(d.request_id)
                .or_default()
                .push(ExportedDocument {
                    slot: d.slot,
                    file_name: d.file_name,
                    content_type: d.content_type,
                    size_bytes: d.size_bytes,
                    sha256: d.sha256,
                    uploaded_at: d.created_at,
                });
        }
        let mut versions: HashMap<Uuid, Vec<ExportedVersion>> = HashMap::new();
        for v in version::Entity::find()
            .filter(version::Column::RequestId.is_in(ids))
            .order_by_asc(version::Column::No)
            .all(&self.0)
            .await?
        {
            versions
                .entry(v.request_id)
                .or_default()
                .push(ExportedVersion {
                    no: v.no,
                    digest: v.digest,
                    signer_serial: v.signer_serial,
                    signed_at: v.created_at,
                });
        }
        Ok(requests
            .into_iter()
            .map(|r| ExportedPermitRequest {
                documents: documents.remove(&r.id).unwrap_or_default(),
                versions: versions.remove(&r.id).unwrap_or_default(),
                id: r.id,
                number: r.number,
                type_code: r.type_code,
                title: r.title,
                status: r.status.as_str().to_owned(),
                holder_name: r.holder_name,
                holder_id: r.holder_id,
                form_data: r.form_data,
                created_at: r.created_at,
                submitted_at: r.submitted_at,
                decided_at: r.decided_at,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn an_applicants_ids_are_gathered_first_on_postgresql_and_a_subquery_on_sqlite() {
        use sea_orm::QueryTrait;
        let mine = || {
            Query::select()
                .column(request::Column::Id)
                .from(request::Entity)
                .and_where(request::Column::ApplicantId.eq(Uuid::nil()))
                .to_owned()
        };
        let sql = |backend| {
            request::Entity::find()
                .filter(mine_only(mine(), backend))
                .build(backend)
                .to_string()
        };
        let postgres = sql(DbBackend::Postgres);
        assert!(
            postgres.contains(r#"WHERE "permit_requests"."id" = ANY(ARRAY (SELECT "id" FROM "permit_requests" WHERE "permit_requests"."applicant_id" = '00000000-0000-0000-0000-000000000000'))"#),
            "{postgres}"
        );
        let sqlite = sql(DbBackend::Sqlite);
        assert!(
            sqlite.contains(r#""permit_requests"."id" IN (SELECT"#),
            "{sqlite}"
        );
    }
}
