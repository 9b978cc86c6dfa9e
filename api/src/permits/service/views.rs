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
        co_applicant, decision, document, request, request_view,
        task::{self, TaskStatus},
        time_extension,
    },
    workflow::{self, Action, Status},
};
use crate::{accounts::entity::account, error::ApiError, permits::PermitsCtx};

/// What a request's view is made of besides the request itself.
pub struct Parts {
    /// The catalogue version the request follows ([`super::followed_version`]).
    pub type_version: i32,
    pub definition: std::sync::Arc<Definition>,
    pub orgs: std::sync::Arc<catalogue::OrganisationMap>,
    pub documents: Vec<document::Model>,
    pub tasks: Vec<task::Model>,
    pub decisions: Vec<decision::Model>,
    pub assignee_name: Option<String>,
    /// Working days from today to the due date that applies now; `None` when none runs.
    pub working_days_left: Option<u32>,
    /// The running due date falls in a year without a verified calendar.
    pub due_provisional: bool,
    /// The applicant's asks for more time, oldest first.
    pub extensions: Vec<time_extension::Model>,
    /// Whom the applicant invited (for the applicant's side and the invitees).
    pub co_applicants: Vec<co_applicant::Model>,
    /// The reader is one of them.
    pub co_applicant: bool,
}

/// Loads the parts of `r`'s view: one query each, whatever their number of rows.
pub(super) async fn parts(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: &request::Model,
) -> Result<Parts, ApiError> {
    let conn = &state.core.db;
    let orgs = state.catalogue.organisations(conn).await?;
    let (type_version, definition) = super::followed_version(state, conn, r).await?;
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
    let running_due = match r.status {
        _ if r.paused_at.is_some() => None,
        Status::Submitted => r.intake_due,
        Status::InReview | Status::Approved => r.due_on,
        _ => None,
    };
    let working_days_left = match running_due {
        Some(due) => {
            let today = local_day(state, state.core.clock.now());
            let calendar = super::calendar_admin::kept_calendar(state, conn).await?;
            Some((
                calendar.working_days_between(today, due),
                calendar.is_provisional(due),
            ))
        }
        None => None,
    };
    let due_provisional = working_days_left.is_some_and(|(_, provisional)| provisional);
    let working_days_left = working_days_left.map(|(left, _)| left);
    // Asks for more time exist only for a request that waits, or waited, on corrections.
    let extensions = if r.status == Status::CorrectionsRequested || r.version_no > 1 {
        super::extensions::of_request(conn, r.id).await?
    } else {
        Vec::new()
    };
    // The co-applicants are the applicant's side's business and their own: staff read none.
    let (co_applicants, co_applicant) = match viewer.standing {
        super::Standing::Applicant => {
            let list = super::co_applicants::of_request(conn, r.id).await?;
            let mine = !viewer.is_applicant_side(r)
                && super::co_applicants::is_among(&list, &viewer.account);
            (list, mine)
        }
        _ => (Vec::new(), false),
    };
    Ok(Parts {
        type_version,
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
        working_days_left,
        due_provisional,
        extensions,
        co_applicants,
        co_applicant,
    })
}

/// `viewer` has received `r`'s current state: their notices about it are read, and the queue
/// stops marking it changed for them (`viewed_at`: when they first received this revision).
pub async fn seen(state: &PermitsCtx, viewer: &Viewer, r: &request::Model) -> Result<(), ApiError> {
    use sea_orm::sea_query::{Expr, OnConflict};
    let conn = &state.core.db;
    let now = state.core.clock.now();
    crate::notifications::service::mark_read_about(conn, viewer.account.id, r.id, now).await?;
    request_view::Entity::insert(request_view::ActiveModel {
        account_id: sea_orm::Set(viewer.account.id),
        request_id: sea_orm::Set(r.id),
        revision: sea_orm::Set(r.revision),
        viewed_at: sea_orm::Set(crate::db::stamp(now)),
    })
    .on_conflict(
        OnConflict::columns([
            request_view::Column::AccountId,
            request_view::Column::RequestId,
        ])
        .update_columns([
            request_view::Column::Revision,
            request_view::Column::ViewedAt,
        ])
        // Only a later revision: opening a request again writes nothing (no new row version, no
        // WAL), and a slower request that read an older revision cannot undo a newer one.
        .action_and_where(
            Expr::col((request_view::Entity, request_view::Column::Revision)).lt(r.revision),
        )
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Builds the full view of a request for `viewer`.
pub async fn view(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
) -> Result<RequestView, ApiError> {
    let parts = parts(state, viewer, &r).await?;
    assemble(state, viewer, r, parts)
}

pub(super) fn assemble(
    state: &PermitsCtx,
    viewer: &Viewer,
    r: request::Model,
    parts: Parts,
) -> Result<RequestView, ApiError> {
    let Parts {
        type_version,
        definition,
        orgs,
        documents,
        tasks,
        decisions,
        assignee_name,
        working_days_left,
        due_provisional,
        extensions,
        co_applicants,
        co_applicant,
    } = parts;
    let staff_view = viewer.is_routed_staff(&r);
    let today = local_day(state, state.core.clock.now());
    let mut actions = actions(viewer, &r, &tasks);
    if r.status.is_editable() {
        if co_applicant && !viewer.is_applicant_side(&r) {
            actions.push("edit".into());
        } else if viewer.is_applicant_side(&r) {
            actions.push("invite".into());
        }
    }
    if r.status == Status::CorrectionsRequested {
        let pending = extensions
            .iter()
            .any(|e| e.status == time_extension::ExtensionStatus::Pending);
        if pending && viewer.is_routed_staff(&r) {
            actions.push("decide_extension".into());
        } else if !pending && viewer.is_applicant_side(&r) {
            actions.push("ask_extension".into());
        }
    }
    let org = orgs.get(&r.organisation_id).ok_or(ApiError::NotFound)?;
    Ok(RequestView {
        id: r.id,
        number: r.number.clone(),
        type_code: r.type_code.clone(),
        type_name: definition.name.clone(),
        type_version,
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
        working_days_left,
        due_provisional,
        paused: r.paused_at.is_some(),
        corrections: match &r.corrections {
            Some(v) => {
                serde_json::from_value(v.clone()).map_err(|e| ApiError::Internal(e.into()))?
            }
            None => Vec::new(),
        },
        corrections_due: r.corrections_due,
        extensions: extensions.into_iter().map(ExtensionView::from).collect(),
        co_applicants: co_applicants
            .into_iter()
            .map(CoApplicantView::from)
            .collect(),
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
