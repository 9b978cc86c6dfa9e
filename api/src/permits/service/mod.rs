//! The permits area's rules, one file per step of a request's
//! story. Handlers in `routes.rs` only call these; every public rule is re-exported here, so
//! `permits::service::X` names it wherever it lives.
//!
//! - [`drafts`]: creating and editing a draft, its documents.
//! - [`submission`]: the digest, the signed submission and resubmission, the numbering.
//! - [`review`]: assignment, acceptance or return, corrections, withdrawal.
//! - [`refusal`]: the signed preliminary refusal and the signed objection.
//! - [`approvals`]: the tasks of other organisations; [`deemed`]: those left unanswered past
//!   their period, deemed approved by law with the department's sealed act.
//! - [`decisions`]: the decision draft, its signing, the PDF and the public verify page.
//! - [`queries`] and [`views`]: lists, history, versions, the view of one request.
//! - [`deadlines`] and [`calendar_admin`]: working-day due dates, the pause, reminders, the
//!   calendar.
//! - [`types`], [`idempotency`], [`seed`]: the catalogue through the API, retried requests,
//!   start-up seeding.
//!
//! This file holds what every step shares: who is asking and what they may see, the optimistic
//! write, and the one transition that moves a request and writes its history.

mod approvals;
mod calendar_admin;
mod co_applicants;
mod deadlines;
mod decisions;
mod deemed;
mod drafts;
mod evidence;
mod extensions;
mod idempotency;
mod notices;
pub mod public;
mod queries;
mod refusal;
pub mod register;
pub mod register_rebuild;
mod review;
mod seed;
pub mod staff;
mod submission;
mod types;
mod views;

pub use crate::evidence::{canonical_json, hash_json};
pub use approvals::{decide_task, organisation_tasks, task_answer, upload_task_document};
pub use calendar_admin::{
    CalendarStatus, calendar_status, calendar_year, load_calendar, replace_calendar_year,
    warn_missing_calendar,
};
pub use co_applicants::{invite as invite_co_applicant, remove as remove_co_applicant};
pub use deadlines::{local_day, send_deadline_reminders};
pub use decisions::{decision_draft, decision_pdf, mask_name, sign_decision, verify};
pub use deemed::{Seal, deem_overdue_tasks};
pub use drafts::{clean_file_name, create, download, get, remove_document, update, upload};
pub use evidence::{ActView, acts, package as evidence_package};
pub use extensions::{ask as ask_extension, decide as decide_extension};
pub use idempotency::idempotent;
pub use queries::{OpenRequests, diff, history, list, versions};
pub use refusal::{object, objection_to_sign, preliminary_refusal, refusal_to_sign};
pub use review::{ReleaseWork, accept, assign, request_corrections, return_request, withdraw};
pub use seed::{seed, seed_calendar};
pub use submission::{digest, submit};
pub use types::{get_type, list_organisations, list_types, type_view, upsert_type};
pub use views::{Parts, seen, view};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};
use uuid::Uuid;

use crate::{
    accounts::{
        auth::AuthUser,
        entity::account::{self, AccountKind, Role},
    },
    db::stamp,
    error::ApiError,
    i18n::Lang,
    notifications::{
        event::Event,
        service::{Recipient, notify},
    },
    permits::{
        PermitsCtx,
        entity::{history, organisation, request, task},
        storage::FileStore,
        workflow::{self, Action, Status},
    },
};

// ---------------------------------------------------------------------------------------------
// Who is asking

/// The reader's standing towards permit requests.
#[derive(Debug, Clone)]
pub enum Standing {
    /// Applies for permits: sees its own requests, and its company's (same BIN).
    Applicant,
    /// A reviewer of an organisation (the certificate's BIN is the organisation's).
    Staff(organisation::Model),
    /// A reviewer whose BIN is no organisation's: sees nothing.
    Unattached,
    /// Reads every submitted request; decides nothing.
    Admin,
}

pub struct Viewer {
    pub account: account::Model,
    pub standing: Standing,
}

impl Viewer {
    fn org_id(&self) -> Option<Uuid> {
        match &self.standing {
            Standing::Staff(org) => Some(org.id),
            _ => None,
        }
    }

    /// The applicant's side: the owner, or a colleague of the same company.
    fn is_applicant_side(&self, r: &request::Model) -> bool {
        matches!(self.standing, Standing::Applicant)
            && (r.applicant_id == self.account.id
                || (r.applicant_bin.is_some()
                    && self.account.kind == AccountKind::LegalEntity
                    && r.applicant_bin == self.account.bin))
    }

    /// Staff of the organisation the request is routed to.
    fn is_routed_staff(&self, r: &request::Model) -> bool {
        self.org_id() == Some(r.organisation_id) && r.status != Status::Draft
    }
}

pub async fn viewer(state: &PermitsCtx, user: &AuthUser) -> Result<Viewer, ApiError> {
    let account = user.account.clone();
    let standing = match account.role {
        Role::Applicant => Standing::Applicant,
        Role::Admin => Standing::Admin,
        Role::Reviewer => match &account.bin {
            Some(bin) => organisation::Entity::find()
                .filter(organisation::Column::Bin.eq(bin.as_str()))
                .one(&state.core.db)
                .await?
                .map_or(Standing::Unattached, Standing::Staff),
            None => Standing::Unattached,
        },
    };
    Ok(Viewer { account, standing })
}

/// The request, if this viewer may see it; otherwise 404, as if it did not exist.
/// Whether `user` may see request `id` at all: 404 when not. Asked before a refused body is
/// answered, so a stranger learns nothing from a 422.
pub async fn may_see(state: &PermitsCtx, user: &AuthUser, id: Uuid) -> Result<(), ApiError> {
    let viewer = viewer(state, user).await?;
    visible(&state.core.db, &viewer, id).await.map(|_| ())
}

async fn visible<C: ConnectionTrait>(
    conn: &C,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)?;
    if viewer.is_applicant_side(&r)
        || viewer.is_routed_staff(&r)
        || co_applicants::is_co_applicant(conn, viewer, &r).await?
    {
        return Ok(r);
    }
    if r.status == Status::Draft {
        return Err(ApiError::NotFound);
    }
    match &viewer.standing {
        Standing::Admin => Ok(r),
        Standing::Staff(org) => {
            let tasked = task::Entity::find()
                .filter(task::Column::RequestId.eq(r.id))
                .filter(task::Column::OrganisationId.eq(org.id))
                .count(conn)
                .await?
                > 0;
            if tasked {
                Ok(r)
            } else {
                Err(ApiError::NotFound)
            }
        }
        _ => Err(ApiError::NotFound),
    }
}

fn require_applicant(viewer: &Viewer, r: &request::Model) -> Result<(), ApiError> {
    if viewer.is_applicant_side(r) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The applicant's side, or someone they invited to prepare the request: may edit its form
/// and documents (not sign or submit it).
async fn require_editor<C: ConnectionTrait>(
    conn: &C,
    viewer: &Viewer,
    r: &request::Model,
) -> Result<(), ApiError> {
    if viewer.is_applicant_side(r) || co_applicants::is_co_applicant(conn, viewer, r).await? {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

fn require_routed_staff(viewer: &Viewer, r: &request::Model) -> Result<(), ApiError> {
    if viewer.is_routed_staff(r) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

pub fn etag(r: &request::Model) -> String {
    format!("\"r{}\"", r.revision)
}

/// The status `action` leads `r` to, if the machine allows it (409 `illegal-transition` if not).
fn next(r: &request::Model, action: Action) -> Result<Status, ApiError> {
    workflow::next(r.status, action, r.accepted_at.is_some())
        .map_err(|e| ApiError::IllegalTransition(e.to_string()))
}

/// Loads a request for an action of the applicant's side.
async fn for_applicant(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_applicant(viewer, &r)?;
    Ok(r)
}

/// Loads a request for a staff action of the routed organisation.
async fn for_staff(
    state: &PermitsCtx,
    viewer: &Viewer,
    id: Uuid,
) -> Result<request::Model, ApiError> {
    let r = visible(&state.core.db, viewer, id).await?;
    require_routed_staff(viewer, &r)?;
    Ok(r)
}

/// Writes `row` only if the stored revision is still `revision` (optimistic locking), bumping it.
async fn save_if_unchanged<C: ConnectionTrait>(
    conn: &C,
    mut row: request::ActiveModel,
    revision: i32,
    now: DateTime<Utc>,
) -> Result<request::Model, ApiError> {
    let id = row.id.clone().unwrap();
    row.revision = Set(revision + 1);
    row.updated_at = Set(stamp(now));
    let done = request::Entity::update_many()
        .set(row)
        .filter(request::Column::Id.eq(id))
        .filter(request::Column::Revision.eq(revision))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(ApiError::PreconditionFailed);
    }
    request::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(ApiError::NotFound)
}

fn store(state: &PermitsCtx) -> FileStore {
    state.files.clone()
}

// ---------------------------------------------------------------------------------------------
// The transition

/// One step of a request's story: a status change the machine allows (or a step that leaves the
/// status where it is), the changes that go with it, and what the history keeps of it. Written
/// in one transaction: the optimistic write, the history row and, when the status moves, the
/// applicant's notice.
struct Transition<'a> {
    ctx: &'a PermitsCtx,
    request: request::Model,
    action: &'static str,
    to: Status,
    actor: &'a account::Model,
    changes: request::ActiveModel,
    comment: Option<String>,
    data: Option<serde_json::Value>,
    quiet: bool,
}

impl<'a> Transition<'a> {
    /// `action` on `request` by `actor`, if the machine allows it; otherwise 409
    /// `illegal-transition`, and nothing is written.
    fn new(
        ctx: &'a PermitsCtx,
        request: request::Model,
        action: Action,
        actor: &'a account::Model,
    ) -> Result<Self, ApiError> {
        let to = next(&request, action)?;
        Ok(Self::with(ctx, request, action.name(), to, actor))
    }

    /// A step that leaves the status as it is (an assignment, an objection, an approval's
    /// verdict): history, but no notice.
    fn note(
        ctx: &'a PermitsCtx,
        request: request::Model,
        action: &'static str,
        actor: &'a account::Model,
    ) -> Self {
        let to = request.status;
        Self::with(ctx, request, action, to, actor)
    }

    fn with(
        ctx: &'a PermitsCtx,
        request: request::Model,
        action: &'static str,
        to: Status,
        actor: &'a account::Model,
    ) -> Self {
        let changes = request.clone().into();
        Self {
            ctx,
            request,
            action,
            to,
            actor,
            changes,
            comment: None,
            data: None,
            quiet: false,
        }
    }

    /// A step the applicant is not told of on its own, because the next one in the same
    /// transaction tells them (an approval that is issued at once: one notice, one email).
    fn quiet(mut self) -> Self {
        self.quiet = true;
        self
    }

    /// The request as it was read.
    fn request(&self) -> &request::Model {
        &self.request
    }

    /// Further columns written with the status.
    fn change(mut self, change: impl FnOnce(&mut request::ActiveModel)) -> Self {
        change(&mut self.changes);
        self
    }

    /// The history row's comment (also told to the applicant).
    fn comment(mut self, comment: Option<String>) -> Self {
        self.comment = comment;
        self
    }

    /// The history row's data.
    fn data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }

    /// Writes the step in `txn`, with whatever else the caller writes there.
    async fn write(self, txn: &DatabaseTransaction) -> Result<request::Model, ApiError> {
        let Self {
            ctx,
            request,
            action,
            to,
            actor,
            mut changes,
            comment,
            data,
            quiet,
        } = self;
        changes.status = Set(to);
        let updated = save_if_unchanged(txn, changes, request.revision, ctx.core.now()).await?;
        record(
            txn,
            ctx,
            HistoryRow {
                request: &updated,
                action,
                from: request.status,
                actor: Some(actor),
                comment,
                data,
                quiet,
            },
        )
        .await?;
        Ok(updated)
    }

    /// Writes the step in a transaction of its own.
    async fn commit(self) -> Result<request::Model, ApiError> {
        let txn = self.ctx.core.db.begin().await?;
        let updated = self.write(&txn).await?;
        txn.commit().await?;
        Ok(updated)
    }
}

/// What the history keeps of a step: the request as it is after it.
struct HistoryRow<'a> {
    request: &'a request::Model,
    action: &'a str,
    from: Status,
    actor: Option<&'a account::Model>,
    comment: Option<String>,
    data: Option<serde_json::Value>,
    /// No notice of its own (see [`Transition::quiet`]).
    quiet: bool,
}

/// A history row, and the applicant's notice of it when the status moved.
async fn record(
    txn: &DatabaseTransaction,
    ctx: &PermitsCtx,
    row: HistoryRow<'_>,
) -> Result<(), ApiError> {
    let HistoryRow {
        request: r,
        action,
        from,
        actor,
        comment,
        data,
        quiet,
    } = row;
    history::ActiveModel {
        id: Set(Uuid::now_v7()),
        request_id: Set(r.id),
        actor_id: Set(actor.map(|a| a.id)),
        action: Set(action.to_owned()),
        from_status: Set(Some(from)),
        to_status: Set(r.status),
        comment: Set(comment.clone()),
        data: Set(data),
        at: Set(stamp(ctx.core.now())),
    }
    .insert(txn)
    .await?;
    if from == r.status {
        return Ok(());
    }
    register::on_step(txn, ctx, r, from).await?;
    // The applicant organisation's API clients hear of it, with the change (an outbox row).
    if let Some(bin) = r.applicant_bin.as_deref() {
        let event = crate::integrations::webhooks::Published {
            event_type: "permit_request.status_changed",
            organisations: &[bin],
            data: serde_json::json!({
                "request_id": r.id,
                "registration_number": r.number,
                "type": r.type_code,
                "title": r.title,
                "from": from.as_str(),
                "to": r.status.as_str(),
                "action": action,
                "comment": comment,
            }),
        };
        crate::integrations::webhooks::publish(txn, event, ctx.core.now()).await?;
    }
    if action == Action::Submit.name() {
        notices::tell_reviewers(txn, ctx, r, from != Status::Draft).await?;
    }
    if quiet {
        return Ok(());
    }
    let applicant = account::Entity::find_by_id(r.applicant_id)
        .one(txn)
        .await?
        .ok_or(ApiError::NotFound)?;
    let (corrections, answer_by) = notices::corrections_of(r);
    notify(
        txn,
        &ctx.notifier(),
        &Recipient::from(&applicant),
        Event::PermitStatusChanged {
            request_id: r.id,
            number: r.number.clone(),
            title: r.title.clone(),
            status: r.status.as_str().to_owned(),
            status_name: r.status.name(),
            comment,
            corrections,
            answer_by,
        },
    )
    .await?;
    Ok(())
}

/// The request's language-independent name for logs.
/// The catalogue definition `r` follows: the current one while it was never filed, otherwise
/// the version it was filed under.
pub(super) async fn definition_of<C: ConnectionTrait>(
    state: &PermitsCtx,
    conn: &C,
    r: &request::Model,
) -> Result<std::sync::Arc<crate::permits::catalogue::Definition>, ApiError> {
    Ok(followed_version(state, conn, r).await?.1)
}

/// The catalogue version `r` follows and its definition: a draft follows the current version
/// (the one its checks use, not the one of its creation, stored in its row until it is filed);
/// a filed request the version it was filed under.
pub(super) async fn followed_version<C: ConnectionTrait>(
    state: &PermitsCtx,
    conn: &C,
    r: &request::Model,
) -> Result<(i32, std::sync::Arc<crate::permits::catalogue::Definition>), ApiError> {
    if r.number.is_none() {
        let (row, definition) = state.catalogue.get(conn, &r.type_code).await?;
        return Ok((row.version, definition));
    }
    let definition = state
        .catalogue
        .of_version(conn, &r.type_code, r.type_version)
        .await?;
    Ok((r.type_version, definition))
}

pub fn lang_of(account: &account::Model) -> Lang {
    crate::accounts::dto::parse_lang(&account.language)
}
