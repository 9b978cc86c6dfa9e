use sea_orm::entity::prelude::*;

/// Where an approval stands; stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum TaskStatus {
    /// Asked, not yet given: blocks a permit.
    #[sea_orm(string_value = "pending")]
    Pending,
    #[sea_orm(string_value = "approved")]
    Approved,
    /// Refused with a comment; asked again when the applicant resubmits.
    #[sea_orm(string_value = "declined")]
    Declined,
}

impl TaskStatus {
    /// The name the API shows (and the database keeps).
    pub fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Pending => "pending",
            TaskStatus::Approved => "approved",
            TaskStatus::Declined => "declined",
        }
    }
}

/// An approval asked of another organisation; all must approve before a decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_tasks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub organisation_id: Uuid,
    pub status: TaskStatus,
    pub comment: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    /// The organisation's document for its answer (the technical conditions): its SHA-256 in the
    /// document store, name, type and size. Uploaded while the task is pending, then signed.
    pub document_sha256: Option<String>,
    pub document_name: Option<String>,
    pub document_type: Option<String>,
    pub document_size: Option<i64>,
    /// The end of the organisation's period (working days, Law No. 202-V Art. 25): unanswered
    /// by then, the task is deemed approved.
    pub due_at: Option<DateTimeUtc>,
    /// Approved by the law's silence, not by an answer: the act is the department's seal's.
    pub deemed: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
