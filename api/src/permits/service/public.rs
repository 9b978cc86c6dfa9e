//! What anyone may read of the department's work, without signing in: the register of permits
//! issued and refused (no individual's personal data), and the performance figures per permit
//! type, per organisation and per month. Both read tables kept for them ([`super::register`]):
//! a register page is one index range scan, and the figures are a few hundred counter rows, so
//! neither slows as requests grow (docs/transparency.md, `make bench`).

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::{local_day, register::DISTRICTS};
use crate::{
    clock,
    error::ApiError,
    i18n::Localized,
    permits::{
        PermitsCtx,
        entity::{organisation, performance, register_entry},
    },
};

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RegisterQuery {
    /// A permit type's code.
    #[serde(rename = "type")]
    #[param(rename = "type", pattern = "^[a-z0-9-]{1,64}$")]
    pub type_code: Option<String>,
    /// `issued` or `refused`.
    #[param(pattern = "^(issued|refused)$")]
    pub outcome: Option<String>,
    /// `almaty`, `baikonyr`, `yesil`, `nura`, `saryarka` or `saraishyk`.
    #[param(pattern = "^(almaty|baikonyr|yesil|nura|saryarka|saraishyk)$")]
    pub district: Option<String>,
    /// Decided on or after this day (Astana time).
    pub from: Option<NaiveDate>,
    /// Decided on or before this day.
    pub to: Option<NaiveDate>,
    /// 1–100, default 50.
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 100>")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// Who holds the decision: a company by name and BIN; an individual, unnamed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterHolder {
    /// `company` or `individual`.
    pub kind: String,
    pub name: Option<String>,
    pub bin: Option<String>,
}

/// One decision in the public register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisterEntry {
    pub number: String,
    #[serde(rename = "type")]
    pub type_code: String,
    pub type_name: Option<Localized>,
    /// The organisation that decided (its code).
    pub organisation: Option<String>,
    /// `issued` or `refused`.
    pub outcome: String,
    pub decided_on: NaiveDate,
    pub district: Option<String>,
    pub holder: RegisterHolder,
    /// A company's object and address (an individual's are not published).
    pub object_name: Option<String>,
    pub address: Option<String>,
    /// Working days from submission to decision.
    pub working_days: i32,
    /// Decided within its statutory period.
    pub on_time: bool,
    /// The public check of the signed document: with its code for a company's; for an
    /// individual's, the page asks for the code printed on their paper.
    pub verify_url: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegisterPage {
    pub items: Vec<RegisterEntry>,
    pub next_cursor: Option<String>,
}

/// The smallest UUIDv7 of the millisecond `at`: ids at or after `at` compare greater or equal.
fn v7_floor(at: DateTime<Utc>) -> Uuid {
    let ms = u64::try_from(at.timestamp_millis()).unwrap_or_default();
    let mut bytes = [0u8; 16];
    bytes[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    bytes[6] = 0x70;
    bytes[8] = 0x80;
    Uuid::from_bytes(bytes)
}

fn day_start(ctx: &PermitsCtx, day: NaiveDate) -> Option<DateTime<Utc>> {
    clock::day_start(day, ctx.settings.utc_offset_hours * 3600)
}

fn invalid(why: &str) -> ApiError {
    ApiError::InvalidQuery(why.to_owned())
}

fn register_filter(ctx: &PermitsCtx, q: &RegisterQuery) -> Result<Condition, ApiError> {
    use register_entry::Column as C;
    let mut c = Condition::all();
    if let Some(code) = q.type_code.as_deref() {
        let valid = (1..=64).contains(&code.len())
            && code
                .chars()
                .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !valid {
            return Err(invalid("`type` is a permit type's code"));
        }
        c = c.add(C::TypeCode.eq(code));
    }
    if let Some(outcome) = q.outcome.as_deref() {
        if !matches!(outcome, "issued" | "refused") {
            return Err(invalid("`outcome` is `issued` or `refused`"));
        }
        c = c.add(C::Outcome.eq(outcome));
    }
    if let Some(district) = q.district.as_deref() {
        if !DISTRICTS.contains(&district) {
            return Err(invalid("unknown `district`"));
        }
        c = c.add(C::District.eq(district));
    }
    if let (Some(from), Some(to)) = (q.from, q.to)
        && from > to
    {
        return Err(invalid("`from` is after `to`"));
    }
    // The ids are UUIDv7 of the decision's instant: a range of days is a range of ids.
    if let Some(start) = q.from.and_then(|d| day_start(ctx, d)) {
        c = c.add(C::Id.gte(v7_floor(start)));
    }
    if let Some(end) =
        q.to.and_then(|d| d.succ_opt())
            .and_then(|d| day_start(ctx, d))
    {
        c = c.add(C::Id.lt(v7_floor(end)));
    }
    if let Some(cursor) = q.cursor {
        c = c.add(C::Id.lt(cursor));
    }
    Ok(c)
}

/// `GET /register`: newest first.
pub async fn register(ctx: &PermitsCtx, q: &RegisterQuery) -> Result<RegisterPage, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 100);
    let rows = register_entry::Entity::find()
        .filter(register_filter(ctx, q)?)
        .order_by_desc(register_entry::Column::Id)
        .limit(limit + 1)
        .all(ctx.core.reader())
        .await?;
    let (rows, next_cursor) = crate::db::page(rows, limit, |e| e.id);
    let orgs = ctx.catalogue.organisations(ctx.core.reader()).await?;
    let mut names: HashMap<String, Option<Localized>> = HashMap::new();
    for row in &rows {
        if !names.contains_key(&row.type_code) {
            let name = match ctx.catalogue.get(ctx.core.reader(), &row.type_code).await {
                Ok((_, definition)) => Some(definition.name.clone()),
                Err(_) => None,
            };
            names.insert(row.type_code.clone(), name);
        }
    }
    let items = rows
        .into_iter()
        .map(|e| RegisterEntry {
            verify_url: match &e.verify_code {
                Some(code) => format!("/verify/{}?code={code}", e.number),
                None => format!("/verify/{}", e.number),
            },
            type_name: names.get(&e.type_code).cloned().flatten(),
            organisation: orgs.get(&e.organisation_id).map(|o| o.code.clone()),
            holder: RegisterHolder {
                kind: e.holder_kind,
                name: e.holder_name,
                bin: e.holder_bin,
            },
            number: e.number,
            type_code: e.type_code,
            outcome: e.outcome,
            decided_on: e.decided_on,
            district: e.district,
            object_name: e.object_name,
            address: e.address,
            working_days: e.working_days,
            on_time: e.on_time,
        })
        .collect();
    Ok(RegisterPage { items, next_cursor })
}

/// The page as CSV (a header row; the type's name in `lang`).
pub fn register_csv(page: &RegisterPage, lang: crate::i18n::Lang) -> Result<Vec<u8>, ApiError> {
    let fail = |e: csv::Error| ApiError::Internal(anyhow::anyhow!("CSV: {e}"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "number",
        "type",
        "type_name",
        "organisation",
        "outcome",
        "decided_on",
        "district",
        "holder_kind",
        "holder_name",
        "holder_bin",
        "object_name",
        "address",
        "working_days",
        "on_time",
        "verify_url",
    ])
    .map_err(fail)?;
    let text =
        |v: &Option<String>| crate::accounts::audit_log::cell(v.as_deref().unwrap_or_default());
    for e in &page.items {
        w.write_record([
            e.number.clone(),
            e.type_code.clone(),
            e.type_name
                .as_ref()
                .map(|n| n.get(lang).to_owned())
                .unwrap_or_default(),
            e.organisation.clone().unwrap_or_default(),
            e.outcome.clone(),
            e.decided_on.to_string(),
            e.district.clone().unwrap_or_default(),
            e.holder.kind.clone(),
            text(&e.holder.name),
            e.holder.bin.clone().unwrap_or_default(),
            text(&e.object_name),
            text(&e.address),
            e.working_days.to_string(),
            e.on_time.to_string(),
            e.verify_url.clone(),
        ])
        .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("CSV: {e}")))
}

// ---------------------------------------------------------------------------------------------
// Performance

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PerformanceQuery {
    /// The first month, `YYYY-MM` (default: eleven months before `to`).
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub from: Option<String>,
    /// The last month, `YYYY-MM` (default: this month in Astana).
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    pub to: Option<String>,
}

/// The figures of a set of requests.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Figures {
    /// Requests submitted for the first time.
    pub received: i64,
    /// Permits issued and refusals.
    pub decided: i64,
    pub issued: i64,
    pub refused: i64,
    /// Working days from submission to decision: the median and the 90th percentile
    /// (nearest rank), `None` with no decision.
    pub median_working_days: Option<i32>,
    pub p90_working_days: Option<i32>,
    /// Share of decisions within the statutory period (0–1).
    pub on_time_share: Option<f64>,
    /// Share of decisions whose request was sent back for corrections (0–1).
    pub corrections_rate: Option<f64>,
    /// Approvals of this organisation deemed given because it did not answer in time.
    pub deemed_approvals: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MonthFigures {
    pub month: String,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TypePerformance {
    #[serde(rename = "type")]
    pub type_code: String,
    pub name: Option<Localized>,
    pub organisation: Option<String>,
    #[serde(flatten)]
    pub figures: Figures,
    pub months: Vec<MonthFigures>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationPerformance {
    pub code: String,
    pub name: Option<Localized>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PerformanceView {
    pub from: String,
    pub to: String,
    /// Everything together, month by month.
    pub months: Vec<MonthFigures>,
    pub by_type: Vec<TypePerformance>,
    pub by_organisation: Vec<OrganisationPerformance>,
}

fn parse_month(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d").ok()
}

/// Counters and the histogram of working days, added up.
#[derive(Default, Clone)]
struct Tally {
    counts: Figures,
    on_time: i64,
    corrected: i64,
    days: BTreeMap<i32, i64>,
}

impl Tally {
    fn add_counts(&mut self, m: &performance::month::Model) {
        self.counts.received += m.received;
        self.counts.issued += m.issued;
        self.counts.refused += m.refused;
        self.counts.decided += m.issued + m.refused;
        self.counts.deemed_approvals += m.deemed;
        self.on_time += m.on_time;
        self.corrected += m.with_corrections;
    }

    fn add_days(&mut self, d: &performance::days::Model) {
        *self.days.entry(d.working_days).or_default() += d.decided;
    }

    /// The value at nearest rank `ceil(p × n)`.
    fn percentile(&self, p: f64) -> Option<i32> {
        let n: i64 = self.days.values().sum();
        if n == 0 {
            return None;
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
        let rank = ((p * n as f64).ceil() as i64).max(1);
        let mut seen = 0;
        for (days, count) in &self.days {
            seen += count;
            if seen >= rank {
                return Some(*days);
            }
        }
        self.days.keys().next_back().copied()
    }

    fn figures(&self) -> Figures {
        let decided = self.counts.decided;
        #[allow(clippy::cast_precision_loss)]
        let share = |n: i64| (decided > 0).then(|| n as f64 / decided as f64);
        Figures {
            median_working_days: self.percentile(0.5),
            p90_working_days: self.percentile(0.9),
            on_time_share: share(self.on_time),
            corrections_rate: share(self.corrected),
            ..self.counts.clone()
        }
    }
}

/// `GET /performance`.
pub async fn performance(
    ctx: &PermitsCtx,
    q: &PerformanceQuery,
) -> Result<PerformanceView, ApiError> {
    let this_month = {
        let today = local_day(ctx, ctx.core.now());
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today)
    };
    let to = match q.to.as_deref() {
        Some(t) => parse_month(t).ok_or_else(|| invalid("`to` is a month, `YYYY-MM`"))?,
        None => this_month,
    };
    let from = match q.from.as_deref() {
        Some(f) => parse_month(f).ok_or_else(|| invalid("`from` is a month, `YYYY-MM`"))?,
        None => to.checked_sub_months(chrono::Months::new(11)).unwrap_or(to),
    };
    if from > to {
        return Err(invalid("`from` is after `to`"));
    }
    let (from_m, to_m) = (
        super::register::month_of(from),
        super::register::month_of(to),
    );
    let db = ctx.core.reader();
    let months = performance::month::Entity::find()
        .filter(performance::month::Column::Month.between(from_m.clone(), to_m.clone()))
        .all(db)
        .await?;
    let days = performance::days::Entity::find()
        .filter(performance::days::Column::Month.between(from_m.clone(), to_m.clone()))
        .all(db)
        .await?;
    let orgs = ctx.catalogue.organisations(db).await?;
    let types = crate::permits::catalogue::list(db).await?;
    Ok(assemble((from_m, to_m), &months, &days, &orgs, &types))
}

fn assemble(
    (from, to): (String, String),
    months: &[performance::month::Model],
    days: &[performance::days::Model],
    orgs: &HashMap<Uuid, organisation::Model>,
    types: &[crate::permits::entity::permit_type::Model],
) -> PerformanceView {
    let mut all: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_type: BTreeMap<String, (Tally, BTreeMap<String, Tally>)> = BTreeMap::new();
    let mut by_org: BTreeMap<Uuid, Tally> = BTreeMap::new();
    let type_org: HashMap<&str, Uuid> = types
        .iter()
        .map(|t| (t.code.as_str(), t.organisation_id))
        .collect();
    for m in months {
        // A deemed approval counts for the organisation that did not answer, not for the type's
        // own figures (the request was the department's).
        let deemed_only = type_org.get(m.type_code.as_str()) != Some(&m.organisation_id);
        by_org.entry(m.organisation_id).or_default().add_counts(m);
        if deemed_only {
            continue;
        }
        all.entry(m.month.clone()).or_default().add_counts(m);
        let (total, per_month) = by_type.entry(m.type_code.clone()).or_default();
        total.add_counts(m);
        per_month.entry(m.month.clone()).or_default().add_counts(m);
    }
    for d in days {
        all.entry(d.month.clone()).or_default().add_days(d);
        by_org.entry(d.organisation_id).or_default().add_days(d);
        let (total, per_month) = by_type.entry(d.type_code.clone()).or_default();
        total.add_days(d);
        per_month.entry(d.month.clone()).or_default().add_days(d);
    }
    let month_list = |map: &BTreeMap<String, Tally>| {
        map.iter()
            .map(|(month, t)| MonthFigures {
                month: month.clone(),
                figures: t.figures(),
            })
            .collect()
    };
    let org_name = |id: &Uuid| {
        orgs.get(id)
            .and_then(|o| serde_json::from_value::<Localized>(o.name.clone()).ok())
    };
    PerformanceView {
        from,
        to,
        months: month_list(&all),
        by_type: types
            .iter()
            .map(|t| {
                let (total, per_month) = by_type.remove(&t.code).unwrap_or_default();
                TypePerformance {
                    name: crate::permits::catalogue::definition(t)
                        .ok()
                        .map(|d| d.name.clone()),
                    organisation: orgs.get(&t.organisation_id).map(|o| o.code.clone()),
                    type_code: t.code.clone(),
                    figures: total.figures(),
                    months: month_list(&per_month),
                }
            })
            .collect(),
        by_organisation: orgs
            .values()
            .map(|o| {
                let view = OrganisationPerformance {
                    code: o.code.clone(),
                    name: org_name(&o.id),
                    figures: by_org.get(&o.id).map(Tally::figures).unwrap_or_default(),
                };
                (o.code.clone(), view)
            })
            .collect::<BTreeMap<String, OrganisationPerformance>>()
            .into_values()
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut t = Tally::default();
        for (days, n) in [(2, 5), (4, 3), (9, 2)] {
            t.days.insert(days, n);
        }
        // 10 decisions: 2,2,2,2,2,4,4,4,9,9.
        assert_eq!(t.percentile(0.5), Some(2));
        assert_eq!(t.percentile(0.9), Some(9));
        assert_eq!(Tally::default().percentile(0.5), None);
    }

    #[test]
    fn a_day_range_is_an_id_range() {
        let at = DateTime::parse_from_rfc3339("2027-01-01T00:00:00Z")
            .expect("an instant")
            .with_timezone(&Utc);
        let floor = v7_floor(at);
        let later = Uuid::new_v7(uuid::Timestamp::from_unix(
            uuid::NoContext,
            u64::try_from(at.timestamp()).expect("after 1970"),
            0,
        ));
        let earlier = v7_floor(at - chrono::Duration::milliseconds(1));
        assert!(floor <= later && earlier < floor);
        assert_eq!(floor.get_version_num(), 7);
    }
}
