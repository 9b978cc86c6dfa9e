//! The catalogue as read and kept through the API: permit types and organisations.

use std::collections::HashMap;

use uuid::Uuid;

use crate::permits::{
    catalogue,
    dto::*,
    entity::{organisation, permit_type},
};
use crate::{error::ApiError, permits::PermitsCtx};

pub(super) fn organisation_view(org: &organisation::Model) -> Result<OrganisationView, ApiError> {
    Ok(OrganisationView {
        id: org.id,
        code: org.code.clone(),
        kind: org.kind,
        name: serde_json::from_value(org.name.clone()).map_err(|e| ApiError::Internal(e.into()))?,
    })
}

pub fn type_view(
    row: &permit_type::Model,
    orgs: &HashMap<Uuid, organisation::Model>,
) -> Result<PermitTypeView, ApiError> {
    let d = catalogue::definition(row)?;
    let org = orgs.get(&row.organisation_id).ok_or(ApiError::NotFound)?;
    let approvals = d
        .approvals
        .iter()
        .filter_map(|code| orgs.values().find(|o| &o.code == code))
        .map(organisation_view)
        .collect::<Result<_, _>>()?;
    Ok(PermitTypeView {
        code: row.code.clone(),
        organisation: organisation_view(org)?,
        name: d.name,
        description: d.description,
        applicant_kinds: d.applicant_kinds,
        intake_days: d.intake_days,
        review_days: d.review_days,
        objection_days: d.objection_days,
        form_schema: d.form_schema,
        documents: d.documents,
        approvals,
        approval_days: d.approval_days,
        refusal_grounds: d.refusal_grounds,
        active: row.active,
        version: row.version,
    })
}

pub async fn list_types(state: &PermitsCtx) -> Result<Vec<PermitTypeView>, ApiError> {
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    catalogue::list(&state.core.db)
        .await?
        .iter()
        .map(|row| type_view(row, &orgs))
        .collect()
}

pub async fn get_type(state: &PermitsCtx, code: &str) -> Result<PermitTypeView, ApiError> {
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    let (row, _) = catalogue::get(&state.core.db, code).await?;
    type_view(&row, &orgs)
}

pub async fn list_organisations(state: &PermitsCtx) -> Result<Vec<OrganisationView>, ApiError> {
    catalogue::organisations(&state.core.db)
        .await?
        .iter()
        .map(organisation_view)
        .collect()
}

pub async fn upsert_type(
    state: &PermitsCtx,
    admin: Uuid,
    code: &str,
    body: PermitTypeUpdate,
) -> Result<PermitTypeView, ApiError> {
    use sea_orm::TransactionTrait;
    use validator::Validate;
    body.validate()?;
    let now = state.core.clock.now();
    let txn = state.core.db.begin().await?;
    let row = catalogue::upsert(
        &txn,
        admin,
        code,
        catalogue::TypeEdit {
            definition: body.definition,
            active: body.active,
            reason: body.reason.clone(),
        },
        now,
    )
    .await?;
    crate::accounts::admin::audit(
        &txn,
        now,
        Some(admin),
        "permit_type.update",
        None,
        body.reason,
        serde_json::json!({"type": row.code, "version": row.version, "active": row.active}),
    )
    .await?;
    txn.commit().await?;
    state.catalogue.forget();
    let orgs = state.catalogue.organisations(&state.core.db).await?;
    type_view(&row, &orgs)
}
