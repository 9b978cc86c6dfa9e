use sea_orm::entity::prelude::*;

/// Where an ask for more time stands; stored as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ExtensionStatus {
    /// Asked, not yet answered: at most one per request.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Granted: the day to answer moved by the days asked.
    #[sea_orm(string_value = "granted")]
    Granted,
    #[sea_orm(string_value = "refused")]
    Refused,
}

impl ExtensionStatus {
    /// The name the API shows (and the database keeps).
    pub fn as_str(self) -> &'static str {
        match self {
            ExtensionStatus::Pending => "pending",
            ExtensionStatus::Granted => "granted",
            ExtensionStatus::Refused => "refused",
        }
    }
}

/// An applicant's request for more time to answer corrections, and the reviewer's answer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_time_extensions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub requested_by: Uuid,
    /// Working days asked for.
    pub days: i32,
    pub reason: String,
    pub status: ExtensionStatus,
    pub decided_by: Option<Uuid>,
    pub decision_comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
