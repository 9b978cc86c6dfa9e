//! The full view of one request: its parts loaded in one query each, and the actions the reader
//! may take now.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::deadlines::is_overdue;
use super::decisions::verify_url;
use super::types::organisation_view;
use super::{Viewer, etag, local_day};
use crate::permits::{
    catalogue::{self, Definition},
    dto::*,
    entity::{
        decision, document, request,
        task::{self, TaskStatus},
    },
    workflow::{self, Action, Status},
};
use crate::{accounts::entity::account, error::ApiError, permits::PermitsCtx};

/// What a request's view is made of besides the request itself.
pub struct Parts {
    pub definition: std::sync::Arc<Definition>,
    pub orgs: std::sync::Arc<catalogue::OrganisationMap>,
    pub documents: Vec<document::Model>,
    pub tasks: Vec<task::Model>,
    pub decisions: Vec<decision::Model>,
    pub assignee_name: Option<String>,
}

/// Loads the parts of `r`'s view: one query each, whatever their number of rows.
pub(super) async fn parts(state: &PermitsCtx, r: &request::Model) -> Result<Parts, ApiError> {
    let conn = &state.core.db;
    let orgs = state.catalogue.organisations(conn).await?;
    let (_, definition) = state.catalogue.get(conn, &r.type_code).await?;
    let documents = document::Entity::find()
        .filter(document::Column::RequestId.eq(r.id))
        .order_by_asc(document::Column::Id)
        .all(conn)
        .await?;
    let tasks = task::Entity::find()
        .filter(task::Column::RequestId.eq(r.id))
        .order_by_asc(task::Column::Id)
        .all(conn)
        .await?;
    let decisions = decision::Entity::find()
        .filter(decision::Column::RequestId.eq(r.id))
        .order_by_asc(decision::Column::Id)
        .all(conn)
        .await?;
    let assignee_name = match r.assignee_id {
        Some(id) => account::Entity::find_by_id(id)
            .one(conn)
            .await?
            .map(|a| a.full_name),
        None => None,
    };
    Ok(Parts {
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
    })
}

/// Builds the full view of a request for `viewer`.
pub async fn view(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
) -> Result<RequestView, ApiError> {
    let parts = parts(state, &r).await?;
    assemble(state, viewer, r, parts)
}

pub(super) fn assemble(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
    parts: Parts,
) -> Result<RequestView, ApiError> {
    let Parts {
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
    } = parts;
    let staff_view = viewer.is_routed_staff(&r);
    let today = local_day(state, state.core.clock.now());
    let actions = actions(viewer, &r, &tasks);
    let org = orgs.get(&r.organisation_id).ok_or(ApiError::NotFound)?;
    Ok(RequestView {
        id: r.id,
        number: r.number.clone(),
        type_code: r.type_code.clone(),
        type_name: definition.name.clone(),
        organisation: organisation_view(org)?,
        applicant_id: r.applicant_id,
        holder_name: r.holder_name.clone(),
        holder_id: r.holder_id.clone(),
        title: r.title.clone(),
        form_data: r.form_data.clone(),
        status: r.status,
        etag: etag(&r),
        version_no: r.version_no,
        assignee_id: r.assignee_id,
        assignee_name,
        submitted_at: r.submitted_at,
        intake_due: r.intake_due,
        due_on: r.due_on,
        overdue: is_overdue(&r, today),
        paused: r.paused_at.is_some(),
        corrections: match &r.corrections {
            Some(v) => {
                serde_json::from_value(v.clone()).map_err(|e| ApiError::Internal(e.into()))?
            }
            None => Vec::new(),
        },
        pending_refusal: match &r.pending_refusal {
            Some(v) => {
                Some(serde_json::from_value(v.clone()).map_err(|e| ApiError::Internal(e.into()))?)
            }
            None => None,
        },
        objection_due: r.objection_due,
        objection: r.objection.clone(),
        decided_at: r.decided_at,
        documents: documents.into_iter().map(DocumentView::from).collect(),
        tasks: tasks
            .into_iter()
            .map(|t| {
                let org = orgs.get(&t.organisation_id).ok_or(ApiError::NotFound)?;
                let mine = viewer.org_id() == Some(t.organisation_id);
                Ok(TaskView::new(t, organisation_view(org)?, mine))
            })
            .collect::<Result<_, ApiError>>()?,
        decisions: decisions
            .into_iter()
            .filter(|d| staff_view || d.signature.is_some())
            .map(|d| {
                let url = verify_url(state, &d.number, &d.verify_code);
                DecisionView::new(d, url)
            })
            .collect(),
        actions,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// What `viewer` may do to `r` now (the SPA shows these buttons).
pub(super) fn actions(viewer: &Viewer, r: &request::Model, tasks: &[task::Model]) -> Vec<String> {
    let mut out = Vec::new();
    let can = |action| workflow::next(r.status, action, r.accepted_at.is_some()).is_ok();
    if viewer.is_applicant_side(r) {
        if r.status.is_editable() {
            out.push("edit");
        }
        if can(Action::Submit) {
            out.push("submit");
        }
        if can(Action::Withdraw) {
            out.push("withdraw");
        }
        if r.status == Status::PreliminaryRefusal && r.objection.is_none() {
            out.push("object");
        }
    }
    if viewer.is_routed_staff(r) {
        if !r.status.is_final() {
            out.push("assign");
        }
        for (action, name) in [
            (Action::Accept, "accept"),
            (Action::Return, "return"),
            (Action::RequestCorrections, "request_corrections"),
            (Action::PreliminaryRefusal, "preliminary_refusal"),
            (Action::Approve, "approve"),
            (Action::Refuse, "refuse"),
        ] {
            if can(action) {
                out.push(name);
            }
        }
    }
    if let Some(org) = viewer.org_id()
        && r.status == Status::InReview
        && tasks
            .iter()
            .any(|t| t.organisation_id == org && t.status == TaskStatus::Pending)
    {
        out.push("task");
    }
    out.into_iter().map(str::to_owned).collect()
}
