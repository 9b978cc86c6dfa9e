//! What the permits endpoints take and give.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use super::{
    catalogue::{Definition, DocumentSlot, RefusalGround},
    entity::{decision, document, history, organisation::OrganisationKind, task},
    workflow::Status,
};
use crate::{accounts::entity::account::AccountKind, i18n::Localized};

/// An organisation: the department, or a service subject.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationView {
    pub id: Uuid,
    pub code: String,
    pub kind: OrganisationKind,
    pub name: Localized,
}

/// A permit type of the catalogue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PermitTypeView {
    pub code: String,
    pub organisation: OrganisationView,
    pub name: Localized,
    pub description: Localized,
    pub applicant_kinds: Vec<AccountKind>,
    pub intake_days: u32,
    pub review_days: u32,
    pub objection_days: u32,
    pub form_schema: serde_json::Value,
    pub documents: Vec<DocumentSlot>,
    /// The organisations whose approval is needed.
    pub approvals: Vec<OrganisationView>,
    /// Each approving organisation's period in working days; silent past it, deemed approved.
    pub approval_days: u32,
    pub refusal_grounds: Vec<RefusalGround>,
    pub active: bool,
    /// The catalogue version: each administrator's edit adds one; a request keeps the version it
    /// was filed under.
    pub version: i32,
}

/// `PUT /admin/permit-types/{code}`.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct PermitTypeUpdate {
    #[serde(flatten)]
    pub definition: Definition,
    #[serde(default = "yes")]
    pub active: bool,
    /// Why it changes: kept with the version and in the audit log.
    #[validate(length(min = 3, max = 2000))]
    #[schema(min_length = 3, max_length = 2000)]
    pub reason: Option<String>,
}

fn yes() -> bool {
    true
}

/// `POST /permit-requests`: a new draft.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CreateRequest {
    /// The permit type's code (`GET /permit-types`).
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub type_code: String,
    /// A short title the applicant recognises the request by; defaults to the type's name.
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub title: Option<String>,
    /// The form as filled so far (checked against the type's schema at submission).
    pub form_data: Option<serde_json::Value>,
}

/// `PATCH /permit-requests/{id}`: any of the draft's fields (with `If-Match`).
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct UpdateRequest {
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub title: Option<String>,
    /// Replaces the form data as a whole.
    pub form_data: Option<serde_json::Value>,
}

/// One uploaded document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    /// The checklist slot's code.
    pub slot: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

impl From<document::Model> for DocumentView {
    fn from(d: document::Model) -> Self {
        Self {
            id: d.id,
            slot: d.slot,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            created_at: d.created_at,
        }
    }
}

/// One item of a correction request: a form field or a document slot, and what to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
pub struct CorrectionItem {
    /// A form field's name (a key of `form_data`).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub field: Option<String>,
    /// A document slot's code.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub slot: Option<String>,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub message: String,
}

/// A preliminary refusal's grounds and text, shown to the applicant for objection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PendingRefusal {
    pub grounds: Vec<String>,
    pub text: String,
}

/// `GET /approval-tasks`: which of my organisation's tasks.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// `pending` (the default), `approved`, `declined` or `all`.
    #[param(pattern = "^(pending|approved|declined|all)$")]
    pub status: Option<String>,
}

/// One of my organisation's approval tasks, with the request it is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationTaskView {
    pub task: TaskView,
    pub request_id: Uuid,
    /// The request's registration number.
    pub registration_number: Option<String>,
    /// The permit type's code.
    pub type_code: String,
    pub title: String,
    /// When the task was given.
    pub created_at: DateTime<Utc>,
}

/// An approval task given to another organisation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    pub id: Uuid,
    pub organisation: OrganisationView,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    pub comment: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The end of the organisation's period: unanswered by then, the task is deemed approved.
    pub due_at: Option<DateTime<Utc>>,
    /// Approved by the law's silence at `due_at`, not by an answer (the act is the department's).
    pub deemed: bool,
    /// The reader is staff of this organisation: theirs to approve or decline.
    pub mine: bool,
    /// The organisation's document (the technical conditions), uploaded for its answer.
    pub document: Option<TaskDocumentView>,
}

impl TaskView {
    pub fn new(t: task::Model, organisation: OrganisationView, mine: bool) -> Self {
        Self {
            id: t.id,
            organisation,
            status: t.status.as_str().to_owned(),
            comment: t.comment.clone(),
            decided_at: t.decided_at,
            due_at: t.due_at,
            deemed: t.deemed,
            mine,
            document: TaskDocumentView::of(&t),
        }
    }
}

/// The document of an organisation's answer: what the store holds, by its SHA-256.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskDocumentView {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
}

impl TaskDocumentView {
    pub fn of(t: &task::Model) -> Option<Self> {
        Some(Self {
            sha256: t.document_sha256.clone()?,
            file_name: t.document_name.clone().unwrap_or_default(),
            content_type: t.document_type.clone().unwrap_or_default(),
            size: t.document_size.unwrap_or_default(),
        })
    }
}

/// `approve` or `decline`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approve,
    Decline,
}

/// `POST /permit-requests/{id}/tasks/{task}/answer`: the answer to be signed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AnswerRequest {
    pub verdict: Verdict,
    /// Required to decline: why.
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
}

/// The canonical answer and the SHA-256 (hex) of its canonical JSON: what the staff member signs.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnswerDigest {
    /// The request, the task, the organisation, the verdict, the comment and the document (name,
    /// type, size, SHA-256).
    #[schema(value_type = Object)]
    pub answer: serde_json::Value,
    /// SHA-256 of `answer` as canonical JSON (keys sorted, no white space), hex.
    pub digest: String,
}

/// `POST /permit-requests/{id}/tasks/{task}/approve` and `/decline`: the signed answer.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SignedAnswer {
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
    /// The digest that was signed (from `POST …/answer`): a change since is refused with 409.
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub digest: String,
    /// CMS (base64 or PEM), detached, over the digest's 64 characters, made with the SIGN key.
    #[validate(length(min = 1, max = 200000))]
    #[schema(min_length = 1, max_length = 200000)]
    pub signature: String,
}

/// A decision document: a permit or a reasoned refusal.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    pub id: Uuid,
    /// `permit` or `refusal`.
    pub kind: String,
    pub number: String,
    /// SHA-256 of the PDF (hex): what the official signs.
    pub pdf_sha256: String,
    pub pdf_size: i64,
    pub official_name: String,
    pub signed: bool,
    pub signed_at: Option<DateTime<Utc>>,
    /// The public verify page's address (encoded in the QR code), once signed.
    pub verify_url: Option<String>,
}

impl DecisionView {
    pub fn new(d: decision::Model, verify_url: String) -> Self {
        let signed = d.signature.is_some();
        Self {
            id: d.id,
            kind: d.kind.as_str().to_owned(),
            number: d.number,
            pdf_sha256: d.pdf_sha256,
            pdf_size: d.pdf_size,
            official_name: d.official_name,
            signed,
            signed_at: d.signed_at,
            verify_url: signed.then_some(verify_url),
        }
    }
}

/// A permit request as its reader may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    pub id: Uuid,
    /// The registration number, from the first submission.
    pub number: Option<String>,
    pub type_code: String,
    pub type_name: Localized,
    /// The catalogue version of the type the request follows: for a draft the current one (its
    /// checklist and form are checked against it), from the first submission the one it was
    /// filed under.
    pub type_version: i32,
    pub organisation: OrganisationView,
    pub applicant_id: Uuid,
    pub holder_name: String,
    pub holder_id: String,
    pub title: String,
    pub form_data: serde_json::Value,
    pub status: Status,
    /// The same value as the `ETag` header, for `If-Match`.
    pub etag: String,
    /// Signed submission versions so far.
    pub version_no: i32,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    /// The last day of the completeness check.
    pub intake_due: Option<NaiveDate>,
    /// The last day of the review (working days, moved on while the request waited on the applicant).
    pub due_on: Option<NaiveDate>,
    /// Past its due date while in the staff's court.
    pub overdue: bool,
    /// Working days from today (the department's day) to the due date that runs now (the
    /// completeness check's, then the review's); 0 on the last day and after it; `null` while
    /// no deadline runs (a draft, a decided request, the clock standing still).
    pub working_days_left: Option<u32>,
    /// The running due date falls in a year whose working-day calendar is not verified yet (only
    /// the holidays fixed by law are counted): it may still move.
    pub due_provisional: bool,
    /// The clock stands still: the request waits on the applicant.
    pub paused: bool,
    pub corrections: Vec<CorrectionItem>,
    /// The last day to answer the corrections (moved on by a granted extension).
    pub corrections_due: Option<NaiveDate>,
    /// The applicant's asks for more time to answer corrections, oldest first.
    pub extensions: Vec<ExtensionView>,
    /// Whom the applicant invited to prepare the request (shown to the applicant's side and to
    /// them).
    pub co_applicants: Vec<CoApplicantView>,
    pub pending_refusal: Option<PendingRefusal>,
    pub objection_due: Option<NaiveDate>,
    pub objection: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub documents: Vec<DocumentView>,
    pub tasks: Vec<TaskView>,
    pub decisions: Vec<DecisionView>,
    /// What the reader may do now: `edit`, `submit`, `withdraw`, `object`, `assign`, `accept`,
    /// `return`, `request_corrections`, `preliminary_refusal`, `approve`, `refuse`, `task`,
    /// `ask_extension`, `decide_extension`, `invite` (co-applicants).
    pub actions: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A line of a list of requests.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestSummary {
    pub id: Uuid,
    pub number: Option<String>,
    pub type_code: String,
    pub title: String,
    pub holder_name: String,
    pub status: Status,
    pub assignee_id: Option<Uuid>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub updated_at: DateTime<Utc>,
    /// Changed since the reader last opened it (or never opened by them): the queue marks it.
    pub changed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub next_cursor: Option<String>,
}

/// `GET /permit-requests` filters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    /// One status, or several separated by commas.
    #[param(
        pattern = "^\\s*(draft|submitted|in_review|corrections_requested|preliminary_refusal|approved|issued|refused|returned|withdrawn)?\\s*(,\\s*(draft|submitted|in_review|corrections_requested|preliminary_refusal|approved|issued|refused|returned|withdrawn)?\\s*)*$"
    )]
    pub status: Option<String>,
    /// A permit type's code.
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// Submitted on or after this day.
    pub submitted_from: Option<NaiveDate>,
    /// Submitted on or before this day.
    pub submitted_to: Option<NaiveDate>,
    /// Only requests past their due date (`true`) in the staff's court.
    pub overdue: Option<bool>,
    /// Only requests in the staff's court due on or before this day (with `overdue=false`:
    /// "due this week").
    pub due_by: Option<NaiveDate>,
    /// `me`, `none`, or an account id.
    #[param(
        pattern = "^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
    )]
    pub assignee: Option<String>,
    /// Words in the number, the title or the holder's name.
    #[param(pattern = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$")]
    pub q: Option<String>,
    /// 1–100, default 20.
    #[serde(default, deserialize_with = "crate::db::limit_within::<_, 100>")]
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<Uuid>,
}

/// What the applicant signs at submission.
#[derive(Debug, Serialize, ToSchema)]
pub struct DigestView {
    /// SHA-256 (hex) of `content` in canonical JSON; sign these 64 characters with the SIGN key.
    pub digest: String,
    /// The canonical content: type, applicant, form data, every document's hash.
    pub content: serde_json::Value,
    /// The version this submission will be.
    pub version: i32,
}

/// `POST /permit-requests/{id}/submit`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SubmitRequest {
    /// The digest that was signed (from `GET …/digest`): a change since is refused with 409.
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub digest: String,
    /// CMS (base64 or PEM), detached, over the digest's 64 characters, made with the SIGN key.
    #[validate(length(min = 1, max = 200000))]
    #[schema(min_length = 1, max_length = 200000)]
    pub signature: String,
}

/// A comment, for withdrawal, return, acceptance, objection and task decisions.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
pub struct CommentBody {
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
}

/// `POST /permit-requests/{id}/return` and `/objection`: reasons are required.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ReasonBody {
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub reason: String,
}

/// `POST /permit-requests/{id}/assign`.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct AssignRequest {
    /// A reviewer of the routed organisation; default: me.
    pub assignee_id: Option<Uuid>,
    /// Why the request changes hands: required when it already has another assignee; kept in
    /// the history and told to both reviewers.
    #[validate(length(min = 3, max = 2000))]
    #[schema(min_length = 3, max_length = 2000)]
    pub reason: Option<String>,
}

/// `POST /permit-requests/{id}/request-corrections`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct CorrectionsRequest {
    #[validate(nested, length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub items: Vec<CorrectionItem>,
    #[validate(length(max = 4000))]
    #[schema(max_length = 4000)]
    pub comment: Option<String>,
}

/// `POST /permit-requests/{id}/preliminary-refusal/statement`: the refusal to be signed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RefusalDraft {
    /// Codes of the type's refusal grounds.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_items = 1, max_items = 20)]
    pub grounds: Vec<String>,
    /// The reasoned text.
    #[validate(length(min = 1, max = 8000))]
    #[schema(min_length = 1, max_length = 8000)]
    pub text: String,
}

/// `POST /permit-requests/{id}/preliminary-refusal`: the refusal, signed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct PreliminaryRefusalRequest {
    /// Codes of the type's refusal grounds.
    #[validate(length(min = 1, max = 20))]
    #[schema(min_items = 1, max_items = 20)]
    pub grounds: Vec<String>,
    /// The reasoned text.
    #[validate(length(min = 1, max = 8000))]
    #[schema(min_length = 1, max_length = 8000)]
    pub text: String,
    /// The digest that was signed (from `…/preliminary-refusal/statement`): a change since is
    /// refused with 409.
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub digest: String,
    /// CMS (base64 or PEM), detached, over the digest's 64 characters, made with the SIGN key.
    #[validate(length(min = 1, max = 200000))]
    #[schema(min_length = 1, max_length = 200000)]
    pub signature: String,
}

/// `POST /permit-requests/{id}/objection`: the objection, signed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ObjectionRequest {
    #[validate(length(min = 1, max = 4000))]
    #[schema(min_length = 1, max_length = 4000)]
    pub reason: String,
    /// The digest that was signed (from `…/objection/statement`): a change since is refused
    /// with 409.
    #[validate(length(equal = 64))]
    #[schema(min_length = 64, max_length = 64)]
    pub digest: String,
    /// CMS (base64 or PEM), detached, over the digest's 64 characters, made with the SIGN key.
    #[validate(length(min = 1, max = 200000))]
    #[schema(min_length = 1, max_length = 200000)]
    pub signature: String,
}

/// A statement to sign and the SHA-256 (hex) of its canonical JSON (keys sorted, no white
/// space): sign the digest's 64 characters with the SIGN key.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementDigest {
    #[schema(value_type = Object)]
    pub statement: serde_json::Value,
    pub digest: String,
}

impl StatementDigest {
    pub fn of(statement: serde_json::Value) -> Self {
        Self {
            digest: crate::evidence::hash_json(&statement),
            statement,
        }
    }
}

/// `POST /permit-requests/{id}/decision-draft`: prepares the PDF to sign.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct DecisionDraftRequest {
    /// `permit` (approve and issue) or `refusal` (after a preliminary refusal).
    pub kind: String,
    /// The decision's text printed on the document.
    #[validate(length(max = 8000))]
    #[schema(max_length = 8000)]
    pub comment: Option<String>,
}

/// `POST /permit-requests/{id}/approve` and `/refuse`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct SignDecisionRequest {
    pub decision_id: Uuid,
    /// CMS (base64 or PEM), detached, over the PDF's SHA-256 hex, made with the SIGN key.
    #[validate(length(min = 1, max = 200000))]
    #[schema(min_length = 1, max_length = 200000)]
    pub signature: String,
}

/// One step of the history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub id: Uuid,
    pub action: String,
    pub from_status: Option<Status>,
    pub to_status: Status,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub comment: Option<String>,
    pub data: Option<serde_json::Value>,
    pub at: DateTime<Utc>,
}

impl HistoryEntry {
    pub fn new(h: history::Model, actor_name: Option<String>) -> Self {
        Self {
            id: h.id,
            action: h.action,
            from_status: h.from_status,
            to_status: h.to_status,
            actor_id: h.actor_id,
            actor_name,
            comment: h.comment,
            data: h.data,
            at: h.at,
        }
    }
}

/// One change between two submission versions.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Change {
    /// `field` or `document`.
    pub kind: String,
    /// The form field's name, or the document slot's code.
    pub name: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A signed submission version, with what changed since the one before.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionView {
    pub no: i32,
    pub digest: String,
    pub content: serde_json::Value,
    pub signer_serial: String,
    pub created_at: DateTime<Utc>,
    /// Empty for the first version.
    pub changes: Vec<Change>,
}

/// `GET /permits/{number}/verify`: what the public learns of a decision document.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerifyView {
    /// The number and code match a document Saulet issued and its signature verifies.
    pub genuine: bool,
    /// A permit that stands (not withdrawn or superseded); `false` for a refusal.
    pub in_force: bool,
    pub number: String,
    /// `permit` or `refusal`.
    pub kind: String,
    pub permit_type: Localized,
    /// The holder's name with most letters hidden.
    pub holder: String,
    pub organisation: Localized,
    pub official: String,
    pub signed_at: Option<DateTime<Utc>>,
    pub pdf_sha256: String,
    /// What the decision concerns, as printed on it (fields absent from the form are left out).
    pub object: Vec<ObjectEntry>,
    /// The decision's signed act in the transparency log and its inclusion proof to the log's
    /// current tree (`GET /transparency/tree-head`): whoever kept a tree head can check that this
    /// decision was recorded and never rewritten. Absent for a decision made before the log.
    pub transparency: Option<crate::evidence::log::InclusionProof>,
}

/// One line of the object a decision concerns.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ObjectEntry {
    /// `object_name`, `address`, `cadastral_number` or `premises`.
    #[schema(example = "cadastral_number")]
    pub field: String,
    #[schema(example = "21:320:128:45")]
    pub value: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VerifyQuery {
    /// The code printed under the QR code.
    pub code: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The checklist slot's code the file is for.
    pub slot: String,
}

/// A day of the working-day calendar that differs from the Monday–Friday rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema, Validate)]
pub struct CalendarDayView {
    pub date: NaiveDate,
    /// `holiday` or `working_day` (a Saturday or Sunday worked by decree).
    pub kind: String,
    #[validate(nested)]
    pub name: Localized,
}

/// `PUT /admin/calendar/{year}`: the year's exceptions, replacing what was there.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct CalendarYear {
    #[validate(nested, length(max = 200))]
    #[schema(max_items = 200)]
    pub days: Vec<CalendarDayView>,
}

/// `POST /permit-requests/{id}/extension`: the applicant asks for more time to answer the
/// corrections, with the reason.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ExtensionRequest {
    /// Working days to add to the day by which to answer (1 to `permits.max_extension_days`,
    /// 30 by default).
    #[validate(range(min = 1, max = 365))]
    #[schema(minimum = 1, maximum = 365)]
    pub days: u32,
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// `POST /permit-requests/{id}/extension/decision`: the reviewer grants or refuses the request
/// for more time.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ExtensionDecision {
    pub grant: bool,
    /// Required when refusing: why.
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub comment: Option<String>,
}

/// A request for more time and its answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExtensionView {
    pub id: Uuid,
    pub days: u32,
    pub reason: String,
    /// `pending`, `granted` or `refused`.
    pub status: String,
    pub decision_comment: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// `POST /permit-requests/{id}/co-applicants`: whom to invite.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct InviteRequest {
    /// The invitee's email: whoever holds an account with this verified address may edit the
    /// request (not sign it).
    #[validate(email, length(max = 254))]
    #[schema(format = "email", max_length = 254)]
    pub email: String,
}

/// Someone invited to prepare the request with the applicant.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoApplicantView {
    pub id: Uuid,
    pub email: String,
    pub invited_at: DateTime<Utc>,
}
