//! The catalogue of services: organisations and permit types, seeded from
//! `api/catalogue/catalogue.json` into an empty database and edited by administrators. Periods,
//! document checklists, approvals and refusal grounds are data, not code: the law is changing.

use std::{
    collections::{HashMap, HashSet},
    sync::Arc,
};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::entity::{
    organisation::{self, OrganisationKind},
    permit_type, permit_type_version,
};
use crate::{
    accounts::entity::account::AccountKind,
    db::stamp,
    error::{ApiError, FieldError},
    i18n::Localized,
};

const SEED: &str = include_str!("../../catalogue/catalogue.json");

/// One entry of a type's document checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
pub struct DocumentSlot {
    /// The slot's code, used when uploading (`slot` form field).
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
    #[validate(nested)]
    pub name: Localized,
    pub mandatory: bool,
    /// Allowed types, checked against the file's content (magic bytes), not its name.
    #[validate(length(min = 1))]
    #[schema(min_items = 1)]
    pub content_types: Vec<String>,
    #[validate(range(min = 1, max = 209_715_200))]
    pub max_bytes: u64,
}

/// A ground on which a request of this type may be refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema, Validate)]
pub struct RefusalGround {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
    #[validate(nested)]
    pub text: Localized,
}

/// A permit type, as the catalogue file and the admin editor give it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
pub struct Definition {
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
    /// The responsible organisation's code.
    pub organisation: String,
    #[validate(nested)]
    pub name: Localized,
    #[validate(nested)]
    pub description: Localized,
    /// Who may apply: `individual`, `legal_entity`.
    #[validate(length(min = 1))]
    #[schema(min_items = 1)]
    pub applicant_kinds: Vec<AccountKind>,
    /// The completeness check's period, in working days.
    #[validate(range(min = 0, max = 60))]
    pub intake_days: u32,
    /// The review period from submission, in working days.
    #[validate(range(min = 1, max = 365))]
    pub review_days: u32,
    /// The applicant's time to object to a preliminary refusal, in working days.
    #[validate(range(min = 1, max = 30))]
    pub objection_days: u32,
    /// A JSON Schema for the form. The SPA renders the form from it (`x-title`, `x-hint`,
    /// `x-enum-titles`, `x-multiline` carry the labels in each language); the server validates
    /// the form data against it.
    pub form_schema: serde_json::Value,
    #[validate(nested)]
    pub documents: Vec<DocumentSlot>,
    /// The organisations (codes) whose approval is needed before a decision.
    pub approvals: Vec<String>,
    /// Each approving organisation's period, in working days from the task's opening (Law
    /// No. 202-V «On Permits and Notifications», Art. 25); silent past it, the task is deemed
    /// approved.
    #[serde(default = "default_approval_days")]
    #[validate(range(min = 1, max = 60))]
    #[schema(default = 10, minimum = 1, maximum = 60)]
    pub approval_days: u32,
    #[validate(nested, length(min = 1))]
    #[schema(min_items = 1)]
    pub refusal_grounds: Vec<RefusalGround>,
}

fn default_approval_days() -> u32 {
    10
}

impl Definition {
    pub fn slot(&self, code: &str) -> Option<&DocumentSlot> {
        self.documents.iter().find(|d| d.code == code)
    }

    pub fn ground(&self, code: &str) -> Option<&RefusalGround> {
        self.refusal_grounds.iter().find(|g| g.code == code)
    }

    /// Checks what `validator` cannot: a compilable schema, unique codes, known content types.
    pub fn check(&self) -> Result<(), ApiError> {
        self.validate()?;
        let mut errors = Vec::new();
        if let Err(e) = jsonschema::validator_for(&self.form_schema) {
            errors.push(FieldError::new(
                "form_schema",
                "invalid_schema",
                format!("not a valid JSON Schema: {e}"),
            ));
        }
        if self.form_schema.get("type").and_then(|t| t.as_str()) != Some("object") {
            errors.push(FieldError::new(
                "form_schema.type",
                "invalid_schema",
                "the form schema must describe an object",
            ));
        }
        let mut seen = HashSet::new();
        for (i, slot) in self.documents.iter().enumerate() {
            if !seen.insert(&slot.code) {
                errors.push(FieldError::new(
                    format!("documents[{i}].code"),
                    "duplicate",
                    "every document slot needs its own code",
                ));
            }
            for t in &slot.content_types {
                if !super::storage::SNIFFABLE.contains(&t.as_str()) {
                    errors.push(FieldError::new(
                        format!("documents[{i}].content_types"),
                        "unsupported",
                        format!(
                            "{t} cannot be recognised from a file's content; use one of {}",
                            super::storage::SNIFFABLE.join(", ")
                        ),
                    ));
                }
            }
        }
        let mut seen = HashSet::new();
        for (i, ground) in self.refusal_grounds.iter().enumerate() {
            if !seen.insert(&ground.code) {
                errors.push(FieldError::new(
                    format!("refusal_grounds[{i}].code"),
                    "duplicate",
                    "every ground needs its own code",
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(errors))
        }
    }

    /// The form data's problems against the schema, as field errors (`form_data.<path>`).
    pub fn form_errors(&self, data: &serde_json::Value) -> Result<Vec<FieldError>, ApiError> {
        let validator = jsonschema::validator_for(&self.form_schema).map_err(|e| {
            ApiError::Internal(anyhow::anyhow!(
                "permit type {}: bad schema: {e}",
                self.code
            ))
        })?;
        Ok(validator
            .iter_errors(data)
            .map(|e| {
                let pointer = e.instance_path().to_string();
                let mut path = pointer.trim_start_matches('/').replace('/', ".");
                let mut code = "schema";
                // A missing field is named as the field itself, not its parent object.
                if let jsonschema::error::ValidationErrorKind::Required { property } = e.kind() {
                    code = "required";
                    let name = property.as_str().unwrap_or_default();
                    path = if path.is_empty() {
                        name.to_owned()
                    } else {
                        format!("{path}.{name}")
                    };
                }
                let field = if path.is_empty() {
                    "form_data".to_owned()
                } else {
                    format!("form_data.{path}")
                };
                FieldError::new(field, code, e.to_string())
            })
            .collect())
    }
}

#[derive(Debug, Deserialize)]
struct SeedFile {
    organisations: Vec<SeedOrganisation>,
    permit_types: Vec<Definition>,
}

#[derive(Debug, Deserialize)]
struct SeedOrganisation {
    code: String,
    kind: OrganisationKind,
    bin: Option<String>,
    name: Localized,
}

/// Inserts the catalogue file's organisations and types that the database does not have yet;
/// what administrators changed is left as it is.
pub async fn seed<C: ConnectionTrait>(conn: &C, now: DateTime<Utc>) -> anyhow::Result<()> {
    let file: SeedFile = serde_json::from_str(SEED)?;
    for org in file.organisations {
        let exists = organisation::Entity::find()
            .filter(organisation::Column::Code.eq(&org.code))
            .one(conn)
            .await?
            .is_some();
        if !exists {
            organisation::ActiveModel {
                id: Set(Uuid::now_v7()),
                code: Set(org.code),
                kind: Set(org.kind),
                bin: Set(org.bin),
                name: Set(serde_json::to_value(org.name)?),
                created_at: Set(stamp(now)),
            }
            .insert(conn)
            .await?;
        }
    }
    for (position, mut definition) in file.permit_types.into_iter().enumerate() {
        record_order(&mut definition.form_schema);
        definition
            .check()
            .map_err(|e| anyhow::anyhow!("catalogue type {}: {e:?}", definition.code))?;
        if permit_type::Entity::find_by_id(&definition.code)
            .one(conn)
            .await?
            .is_some()
        {
            continue;
        }
        let org = organisation_by_code(conn, &definition.organisation)
            .await?
            .ok_or_else(|| anyhow::anyhow!("unknown organisation {}", definition.organisation))?;
        let row = permit_type::ActiveModel {
            code: Set(definition.code.clone()),
            organisation_id: Set(org.id),
            definition: Set(serde_json::to_value(&definition)?),
            active: Set(true),
            position: Set(i32::try_from(position)?),
            updated_at: Set(stamp(now)),
            updated_by: Set(None),
            version: Set(1),
        }
        .insert(conn)
        .await?;
        keep_version(conn, &row, None, None, now).await?;
    }
    Ok(())
}

pub async fn organisation_by_code<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<Option<organisation::Model>, sea_orm::DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code))
        .one(conn)
        .await
}

/// A type's definition as stored, its form fields in the author's order again.
pub fn definition(row: &permit_type::Model) -> Result<Definition, ApiError> {
    let mut definition: Definition =
        serde_json::from_value(row.definition.clone()).map_err(|e| ApiError::Internal(e.into()))?;
    restore_order(&mut definition.form_schema);
    Ok(definition)
}

/// Writes the form fields' order into `x-order` before storing: PostgreSQL's `jsonb` keeps object
/// keys in an order of its own.
fn record_order(schema: &mut serde_json::Value) {
    let order: Option<Vec<serde_json::Value>> = schema
        .get("properties")
        .and_then(|p| p.as_object())
        .map(|p| {
            p.keys()
                .map(|k| serde_json::Value::String(k.clone()))
                .collect()
        });
    if let (Some(order), Some(object)) = (order, schema.as_object_mut())
        && !object.contains_key("x-order")
    {
        object.insert("x-order".into(), serde_json::Value::Array(order));
    }
}

/// Puts the form fields back in their `x-order`.
fn restore_order(schema: &mut serde_json::Value) {
    let Some(order) = schema.get("x-order").and_then(|o| o.as_array()).cloned() else {
        return;
    };
    let Some(properties) = schema.get_mut("properties").and_then(|p| p.as_object_mut()) else {
        return;
    };
    let mut sorted = serde_json::Map::new();
    for name in order.iter().filter_map(|n| n.as_str()) {
        if let Some(value) = properties.remove(name) {
            sorted.insert(name.to_owned(), value);
        }
    }
    sorted.append(properties);
    *properties = sorted;
}

/// The active types, in catalogue order.
pub async fn list<C: ConnectionTrait>(conn: &C) -> Result<Vec<permit_type::Model>, ApiError> {
    Ok(permit_type::Entity::find()
        .filter(permit_type::Column::Active.eq(true))
        .order_by_asc(permit_type::Column::Position)
        .all(conn)
        .await?)
}

pub async fn get<C: ConnectionTrait>(
    conn: &C,
    code: &str,
) -> Result<(permit_type::Model, Definition), ApiError> {
    let row = permit_type::Entity::find_by_id(code)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let definition = definition(&row)?;
    Ok((row, definition))
}

/// A permit type as read at an instant.
type CachedType = (std::time::Instant, Arc<permit_type::Model>, Arc<Definition>);

/// Every organisation by id.
pub type OrganisationMap = HashMap<Uuid, organisation::Model>;

/// Permit types and organisations as this node read them lately. Creating a request, viewing
/// one and the public verify page read them every time, and they change only when an
/// administrator edits the catalogue: this node forgets them at once then, other nodes within
/// `permits.catalogue_cache_secs`.
pub struct Cache {
    ttl: std::time::Duration,
    types: std::sync::Mutex<HashMap<String, CachedType>>,
    organisations: std::sync::Mutex<Option<(std::time::Instant, Arc<OrganisationMap>)>>,
    /// The working-day calendar, for the views' working days left (due dates are always
    /// computed from the database's calendar).
    calendar:
        std::sync::Mutex<Option<(std::time::Instant, Arc<crate::permits::calendar::Calendar>)>>,
    /// Past versions of types, kept for good: a version never changes.
    versions: std::sync::Mutex<HashMap<(String, i32), Arc<Definition>>>,
}

impl Cache {
    pub fn new(ttl: std::time::Duration) -> Self {
        Self {
            ttl,
            types: Default::default(),
            organisations: Default::default(),
            calendar: Default::default(),
            versions: Default::default(),
        }
    }

    /// Version `number` of the type `code`: the current one from [`Cache::get`], an older one
    /// from `permit_type_versions` (kept once read).
    pub async fn of_version<C: ConnectionTrait>(
        &self,
        conn: &C,
        code: &str,
        number: i32,
    ) -> Result<Arc<Definition>, ApiError> {
        let (row, current) = self.get(conn, code).await?;
        if row.version == number {
            return Ok(current);
        }
        let key = (code.to_owned(), number);
        if let Ok(versions) = self.versions.lock()
            && let Some(found) = versions.get(&key)
        {
            return Ok(found.clone());
        }
        let found = Arc::new(version(conn, code, number).await?);
        if let Ok(mut versions) = self.versions.lock() {
            versions.insert(key, found.clone());
        }
        Ok(found)
    }

    fn fresh(&self, at: std::time::Instant) -> bool {
        at.elapsed() < self.ttl
    }

    /// [`get`], from the cache while it is fresh. The row and the definition are shared, not
    /// copied: both hold the form schema, a tree of JSON values.
    pub async fn get<C: ConnectionTrait>(
        &self,
        conn: &C,
        code: &str,
    ) -> Result<(Arc<permit_type::Model>, Arc<Definition>), ApiError> {
        if let Ok(types) = self.types.lock()
            && let Some((at, row, definition)) = types.get(code)
            && self.fresh(*at)
        {
            return Ok((row.clone(), definition.clone()));
        }
        let (row, definition) = get(conn, code).await?;
        let (row, definition) = (Arc::new(row), Arc::new(definition));
        if let Ok(mut types) = self.types.lock() {
            types.insert(
                code.to_owned(),
                (std::time::Instant::now(), row.clone(), definition.clone()),
            );
        }
        Ok((row, definition))
    }

    /// Every organisation by id, from the cache while it is fresh (shared, not copied).
    pub async fn organisations<C: ConnectionTrait>(
        &self,
        conn: &C,
    ) -> Result<Arc<OrganisationMap>, ApiError> {
        if let Ok(cached) = self.organisations.lock()
            && let Some((at, map)) = cached.as_ref()
            && self.fresh(*at)
        {
            return Ok(map.clone());
        }
        let map: Arc<OrganisationMap> = Arc::new(
            organisations(conn)
                .await?
                .into_iter()
                .map(|o| (o.id, o))
                .collect(),
        );
        if let Ok(mut cached) = self.organisations.lock() {
            *cached = Some((std::time::Instant::now(), map.clone()));
        }
        Ok(map)
    }

    /// The calendar kept by [`Cache::keep_calendar`], while it is fresh.
    pub fn calendar(&self) -> Option<Arc<crate::permits::calendar::Calendar>> {
        let cached = self.calendar.lock().ok()?;
        let (at, calendar) = cached.as_ref()?;
        self.fresh(*at).then(|| calendar.clone())
    }

    pub fn keep_calendar(&self, calendar: Arc<crate::permits::calendar::Calendar>) {
        if let Ok(mut cached) = self.calendar.lock() {
            *cached = Some((std::time::Instant::now(), calendar));
        }
    }

    /// Forgets everything: the catalogue or the calendar was just changed on this node.
    pub fn forget(&self) {
        if let Ok(mut cached) = self.calendar.lock() {
            *cached = None;
        }
        if let Ok(mut types) = self.types.lock() {
            types.clear();
        }
        if let Ok(mut cached) = self.organisations.lock() {
            *cached = None;
        }
    }
}

/// Every organisation.
pub async fn organisations<C: ConnectionTrait>(
    conn: &C,
) -> Result<Vec<organisation::Model>, ApiError> {
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(conn)
        .await?)
}

/// `PUT /admin/permit-types/{code}`: creates or replaces a type. Requests already submitted keep
/// the periods computed at their submission.
pub async fn upsert<C: ConnectionTrait>(
    conn: &C,
    admin: Uuid,
    code: &str,
    edit: TypeEdit,
    now: DateTime<Utc>,
) -> Result<permit_type::Model, ApiError> {
    let TypeEdit {
        definition,
        active,
        reason,
    } = edit;
    if definition.code != code {
        return Err(ApiError::Validation(vec![FieldError::new(
            "code",
            "mismatch",
            "the code in the body must be the code in the address",
        )]));
    }
    definition.check()?;
    let mut definition = definition;
    record_order(&mut definition.form_schema);
    let org = organisation_by_code(conn, &definition.organisation)
        .await?
        .ok_or_else(|| {
            ApiError::Validation(vec![FieldError::new(
                "organisation",
                "unknown",
                "no organisation has this code",
            )])
        })?;
    for (i, approver) in definition.approvals.iter().enumerate() {
        if organisation_by_code(conn, approver).await?.is_none() || *approver == org.code {
            return Err(ApiError::Validation(vec![FieldError::new(
                format!("approvals[{i}]"),
                "unknown",
                "name another organisation by its code",
            )]));
        }
    }
    let value = serde_json::to_value(&definition).map_err(|e| ApiError::Internal(e.into()))?;
    let existing = permit_type::Entity::find_by_id(code).one(conn).await?;
    let row = match existing {
        Some(row) => {
            let mut row: permit_type::ActiveModel = row.into();
            row.organisation_id = Set(org.id);
            row.definition = Set(value);
            row.active = Set(active);
            row.updated_at = Set(stamp(now));
            row.updated_by = Set(Some(admin));
            row.version = Set(row.version.clone().unwrap() + 1);
            row.update(conn).await?
        }
        None => {
            let position = permit_type::Entity::find()
                .all(conn)
                .await?
                .iter()
                .map(|t| t.position)
                .max()
                .unwrap_or(0)
                + 1;
            permit_type::ActiveModel {
                code: Set(code.to_owned()),
                organisation_id: Set(org.id),
                definition: Set(value),
                active: Set(active),
                position: Set(position),
                updated_at: Set(stamp(now)),
                updated_by: Set(Some(admin)),
                version: Set(1),
            }
            .insert(conn)
            .await?
        }
    };
    keep_version(conn, &row, reason, Some(admin), now).await?;
    Ok(row)
}

/// An administrator's edit of a permit type.
pub struct TypeEdit {
    pub definition: Definition,
    pub active: bool,
    /// Why: kept with the version.
    pub reason: Option<String>,
}

/// Stores a version of a type as it now stands.
async fn keep_version<C: ConnectionTrait>(
    conn: &C,
    row: &permit_type::Model,
    reason: Option<String>,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    permit_type_version::ActiveModel {
        code: Set(row.code.clone()),
        version: Set(row.version),
        organisation_id: Set(row.organisation_id),
        definition: Set(row.definition.clone()),
        reason: Set(reason),
        created_by: Set(by),
        created_at: Set(stamp(now)),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The definition a request follows: the version it was filed under.
pub async fn version<C: ConnectionTrait>(
    conn: &C,
    code: &str,
    version: i32,
) -> Result<Definition, ApiError> {
    let row = permit_type_version::Entity::find_by_id((code.to_owned(), version))
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    serde_json::from_value(row.definition).map_err(|e| ApiError::Internal(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_file() -> SeedFile {
        serde_json::from_str(SEED).expect("the catalogue file parses")
    }

    #[test]
    fn the_catalogue_file_holds_the_five_required_services_and_each_is_valid() {
        let file = seed_file();
        let codes: Vec<&str> = file.permit_types.iter().map(|t| t.code.as_str()).collect();
        for code in [
            "apz-tu",
            "sketch-approval",
            "redevelopment",
            "address-certificate",
            "outdoor-advertising",
        ] {
            assert!(codes.contains(&code), "{code} is missing");
        }
        for definition in &file.permit_types {
            definition.check().expect("valid definition");
            for approver in &definition.approvals {
                assert!(file.organisations.iter().any(|o| &o.code == approver));
            }
        }
    }

    #[test]
    fn the_form_schema_reports_each_bad_field_by_its_path() {
        let file = seed_file();
        let apz = file
            .permit_types
            .iter()
            .find(|t| t.code == "apz-tu")
            .expect("apz-tu");
        let errors = apz
            .form_errors(
                &serde_json::json!({"object_name": "Дом", "floors": 0, "cadastral_number": "x"}),
            )
            .expect("schema compiles");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"form_data.floors"), "{fields:?}");
        assert!(fields.contains(&"form_data.cadastral_number"), "{fields:?}");
        assert!(
            fields.contains(&"form_data.address"),
            "a missing field is named: {fields:?}"
        );
        assert!(
            errors
                .iter()
                .any(|e| e.field == "form_data.purpose" && e.code == "required")
        );
    }

    #[test]
    fn the_demo_organisations_are_the_dev_pki_companies() {
        let file = seed_file();
        for org in &file.organisations {
            let bin = org.bin.as_deref().expect("a BIN");
            crate::eds::Bin::parse(bin).expect("a valid BIN");
        }
    }

    #[test]
    fn a_definition_with_an_unknown_content_type_or_duplicate_slot_is_refused() {
        let mut definition = seed_file().permit_types.remove(0);
        definition.documents[0].content_types = vec!["application/x-msdownload".into()];
        let second = definition.documents[0].clone();
        definition.documents.push(second);
        let Err(ApiError::Validation(errors)) = definition.check() else {
            panic!("refused")
        };
        let codes: Vec<&str> = errors.iter().map(|e| e.code.as_str()).collect();
        assert!(codes.contains(&"unsupported") && codes.contains(&"duplicate"));
    }
}
