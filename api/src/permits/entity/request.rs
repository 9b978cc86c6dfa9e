use sea_orm::entity::prelude::*;

use crate::permits::workflow::Status;

/// A permit request: a draft, then a submitted application under review, then decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The registration number, assigned at the first submission.
    pub number: Option<String>,
    pub type_code: String,
    /// The catalogue version of the type the request was filed under (set at each submission;
    /// the review follows it whatever the catalogue says later).
    pub type_version: i32,
    /// The organisation the request is routed to (the type's responsible one).
    pub organisation_id: Uuid,
    pub applicant_id: Uuid,
    /// The company's BIN when a company's employee applies: every employee of it sees the request.
    pub applicant_bin: Option<String>,
    pub holder_name: String,
    /// `IIN …` or `BIN …`.
    pub holder_id: String,
    pub title: String,
    pub form_data: Json,
    pub status: Status,
    /// Bumped on every change: the `ETag`.
    pub revision: i32,
    /// The number of signed submission versions.
    pub version_no: i32,
    pub assignee_id: Option<Uuid>,
    pub submitted_at: Option<DateTimeUtc>,
    pub accepted_at: Option<DateTimeUtc>,
    /// The completeness check's last day.
    pub intake_due: Option<Date>,
    /// The review's last day; moved on by the days the request waited on the applicant.
    pub due_on: Option<Date>,
    /// Since when the clock stands still (waiting on the applicant).
    pub paused_at: Option<DateTimeUtc>,
    /// The open correction requests, `[{target, field|slot, message}]`.
    pub corrections: Option<Json>,
    /// The last day to answer the open corrections (moved on by a granted extension).
    pub corrections_due: Option<Date>,
    /// A preliminary refusal's grounds and reasoned text.
    pub pending_refusal: Option<Json>,
    pub objection_due: Option<Date>,
    pub objection: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    /// The due date the assignee was last reminded of.
    pub reminded_for: Option<Date>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
