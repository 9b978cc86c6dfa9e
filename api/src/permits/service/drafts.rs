//! Drafts: the applicant creates a request, edits its title and form, and attaches,
//! reads and removes its documents, while the request is a draft or answers corrections.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use super::views::assemble;
use super::{
    Parts, Standing, Viewer, canonical_json, etag, require_editor, save_if_unchanged, store,
    visible,
};
use crate::permits::{
    dto::*,
    entity::{document, request},
    workflow::Status,
};
use crate::{
    accounts::entity::account::{self, AccountKind},
    db::stamp,
    error::{ApiError, FieldError},
    permits::PermitsCtx,
};

/// `POST /permit-requests`: a new draft for the signed-in applicant, and its view (built without
/// asking again for what a new draft cannot have yet).
pub async fn create(
    state: &PermitsCtx,
    viewer: &Viewer,
    body: CreateRequest,
) -> Result<RequestView, ApiError> {
    use validator::Validate;
    body.validate()?;
    if !matches!(viewer.standing, Standing::Applicant) {
        return Err(ApiError::Forbidden);
    }
    let (type_row, definition) = match state.catalogue.get(&state.core.db, &body.type_code).await {
        Err(ApiError::NotFound) => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "type_code",
                "unknown",
                "no permit type has this code (GET /permit-types)",
            )]));
        }
        other => other?,
    };
    if !type_row.active {
        return Err(ApiError::Conflict(
            "This service is not accepting applications now.".into(),
        ));
    }
    let account = &viewer.account;
    if !definition.applicant_kinds.contains(&account.kind) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "type_code",
            "applicant_kind",
            "this service is not open to your kind of applicant",
        )]));
    }
    let form_data = body.form_data.unwrap_or_else(|| serde_json::json!({}));
    check_form_shape(&form_data)?;
    let now = stamp(state.core.clock.now());
    let (holder_name, holder_id) = holder(account);
    let draft = request::ActiveModel {
        id: Set(Uuid::now_v7()),
        number: Set(None),
        type_code: Set(type_row.code.clone()),
        type_version: Set(type_row.version),
        organisation_id: Set(type_row.organisation_id),
        applicant_id: Set(account.id),
        applicant_bin: Set(match account.kind {
            AccountKind::LegalEntity => account.bin.clone(),
            AccountKind::Individual => None,
        }),
        holder_name: Set(holder_name),
        holder_id: Set(holder_id),
        title: Set(body
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| {
                definition
                    .name
                    .get(crate::accounts::dto::parse_lang(&account.language))
                    .to_owned()
            })
            .chars()
            .take(300)
            .collect()),
        form_data: Set(form_data),
        status: Set(Status::Draft),
        revision: Set(1),
        version_no: Set(0),
        assignee_id: Set(None),
        submitted_at: Set(None),
        accepted_at: Set(None),
        intake_due: Set(None),
        due_on: Set(None),
        paused_at: Set(None),
        corrections: Set(None),
        pending_refusal: Set(None),
        objection_due: Set(None),
        objection: Set(None),
        corrections_due: Set(None),
        decided_at: Set(None),
        reminded_for: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let row = insert_draft(&state.core.db, draft).await?;
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    let parts = Parts {
        type_version: type_row.version,
        definition,
        orgs,
        documents: Vec::new(),
        tasks: Vec::new(),
        decisions: Vec::new(),
        assignee_name: None,
        working_days_left: None,
        due_provisional: false,
        extensions: Vec::new(),
        co_applicants: Vec::new(),
        co_applicant: false,
    };
    assemble(state, viewer, row, parts)
}

/// Writes a new draft. Every column is set here, so the row is what was sent: no `RETURNING`
/// to read back, and the statement's text (all of the table's columns) is built once.
async fn insert_draft(
    db: &sea_orm::DatabaseConnection,
    draft: request::ActiveModel,
) -> Result<request::Model, ApiError> {
    use sea_orm::{ConnectionTrait, Iterable, QueryTrait, TryIntoModel};
    static INSERT: crate::db::BuiltOnce = crate::db::BuiltOnce::new();
    let values = request::Column::iter()
        .map(|column| {
            draft.get(column).into_value().ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("a new draft leaves {column:?} unset"))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let statement = INSERT.statement(db.get_database_backend(), values, |backend| {
        request::Entity::insert(draft.clone()).build(backend)
    });
    db.execute(statement).await?;
    Ok(draft.try_into_model()?)
}

pub(super) fn holder(account: &account::Model) -> (String, String) {
    match (&account.kind, &account.bin, &account.organisation) {
        (AccountKind::LegalEntity, Some(bin), Some(org)) => (org.clone(), format!("BIN {bin}")),
        (AccountKind::LegalEntity, Some(bin), None) => {
            (account.full_name.clone(), format!("BIN {bin}"))
        }
        _ => (account.full_name.clone(), format!("IIN {}", account.iin)),
    }
}

pub(super) fn check_form_shape(form: &serde_json::Value) -> Result<(), ApiError> {
    if !form.is_object() {
        return Err(ApiError::Validation(vec![FieldError::new(
            "form_data",
            "invalid_type",
            "must be an object of the form's fields",
        )]));
    }
    if canonical_json(form).len() > 200_000 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "form_data",
            "length",
            "the form data is larger than 200 kB",
        )]));
    }
    Ok(())
}

/// `GET /permit-requests/{id}`.
pub async fn get(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    visible(&state.core.db, viewer, id).await
}

pub(super) fn check_if_match(r: &request::Model, if_match: Option<&str>) -> Result<(), ApiError> {
    let given = if_match.ok_or(ApiError::PreconditionRequired)?;
    let current = etag(r);
    let matches = given
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == current || t == "*");
    if matches {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed)
    }
}

/// `PATCH /permit-requests/{id}`: the draft's title and form (also while answering corrections).
pub async fn update(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    if_match: Option<&str>,
    body: UpdateRequest,
) -> Result<request::Model, ApiError> {
    use validator::Validate;
    body.validate()?;
    let r = visible(&state.core.db, viewer, id).await?;
    require_editor(&state.core.db, viewer, &r).await?;
    check_if_match(&r, if_match)?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "a request that is {} cannot be edited",
            r.status.as_str()
        )));
    }
    if let Some(form) = &body.form_data {
        check_form_shape(form)?;
    }
    let revision = r.revision;
    let mut row: request::ActiveModel = r.into();
    if let Some(title) = body.title {
        row.title = Set(title);
    }
    if let Some(form) = body.form_data {
        row.form_data = Set(form);
    }
    save_if_unchanged(&state.core.db, row, revision, state.core.clock.now()).await
}

/// `POST /permit-requests/{id}/documents?slot=`: streams the file in, checked against the slot.
pub async fn upload<S, E>(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    slot: &str,
    file_name: &str,
    stream: S,
) -> Result<document::Model, ApiError>
where
    S: futures_util::Stream<Item = Result<actix_web::web::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let r = visible(&state.core.db, viewer, id).await?;
    require_editor(&state.core.db, viewer, &r).await?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "documents cannot be added to a request that is {}",
            r.status.as_str()
        )));
    }
    let definition = super::definition_of(state, &state.core.db, &r).await?;
    let slot = definition.slot(slot).ok_or_else(|| {
        ApiError::Validation(vec![FieldError::new(
            "slot",
            "unknown",
            format!(
                "this service's checklist has no such document; use one of {}",
                definition
                    .documents
                    .iter()
                    .map(|d| d.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )])
    })?;
    let file_name = clean_file_name(file_name);
    let stored = store(state)
        .put_stream(stream, slot.max_bytes, &slot.content_types)
        .await?;
    let row = document::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        slot: Set(slot.code.clone()),
        file_name: Set(file_name),
        content_type: Set(stored.content_type),
        size_bytes: Set(i64::try_from(stored.size).unwrap_or(i64::MAX)),
        sha256: Set(stored.sha256),
        uploaded_by: Set(viewer.account.id),
        created_at: Set(stamp(state.core.clock.now())),
    }
    .insert(&state.core.db)
    .await?;
    Ok(row)
}

/// A file name safe to show and to put in `Content-Disposition`: no paths, no control characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | '|' | '*' | '?' | ':'))
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "document".into()
    } else {
        cleaned
    }
}

/// `GET /permit-requests/{id}/documents/{doc}`: the row and the bytes.
pub async fn download(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    doc: Uuid,
) -> Result<
    (
        document::Model,
        impl futures_util::Stream<Item = Result<actix_web::web::Bytes, ApiError>> + use<>,
    ),
    ApiError,
> {
    let r = visible(&state.core.db, viewer, id).await?;
    let row = document::Entity::find_by_id(doc)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    let bytes = store(state).read_stream(&row.sha256).await?;
    Ok((row, bytes))
}

/// `DELETE /permit-requests/{id}/documents/{doc}`: only while the request may be edited.
pub async fn remove_document(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
    doc: Uuid,
) -> Result<(), ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_editor(&state.core.db, viewer, &r).await?;
    let row = document::Entity::find_by_id(doc)
        .one(&state.core.db)
        .await?
        .filter(|d| d.request_id == r.id)
        .ok_or(ApiError::NotFound)?;
    if !r.status.is_editable() {
        return Err(ApiError::IllegalTransition(format!(
            "documents cannot be removed from a request that is {}",
            r.status.as_str()
        )));
    }
    document::Entity::delete_by_id(row.id)
        .exec(&state.core.db)
        .await?;
    // The content goes too when nothing else refers to it: no other document row, and no signed
    // version (a submitted file is evidence and stays).
    let others = document::Entity::find()
        .filter(document::Column::Sha256.eq(&row.sha256))
        .count(&state.core.db)
        .await?;
    if others == 0 && r.version_no == 0 {
        store(state).remove(&row.sha256).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_paths_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\x\\plan\r\n.pdf"), "plan.pdf");
        assert_eq!(clean_file_name("..."), "document");
        assert_eq!(clean_file_name("a\"b.pdf"), "ab.pdf");
    }
}
