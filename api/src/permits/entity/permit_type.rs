use sea_orm::entity::prelude::*;

/// One service of the catalogue; `definition` holds the whole [`crate::permits::catalogue::Definition`].
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_types")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub organisation_id: Uuid,
    pub definition: Json,
    pub active: bool,
    pub position: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<Uuid>,
    /// The current version (`permit_type_versions`); each edit adds one.
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
