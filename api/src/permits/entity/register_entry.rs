use sea_orm::entity::prelude::*;

/// One decided request as the public register shows it (no individual's personal data).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_entries")]
pub struct Model {
    /// A UUIDv7 of the decision's instant.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub number: String,
    pub type_code: String,
    pub organisation_id: Uuid,
    /// `issued` or `refused`.
    pub outcome: String,
    pub decided_at: DateTimeUtc,
    pub decided_on: Date,
    pub district: Option<String>,
    /// `company` or `individual`.
    pub holder_kind: String,
    /// A company's name; `None` for an individual.
    pub holder_name: Option<String>,
    pub holder_bin: Option<String>,
    /// A company's object and address; `None` for an individual.
    pub object_name: Option<String>,
    pub address: Option<String>,
    /// A company's decision's check code (an individual's stays on their paper).
    pub verify_code: Option<String>,
    pub working_days: i32,
    pub on_time: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
