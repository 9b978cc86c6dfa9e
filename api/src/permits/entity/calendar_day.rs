use sea_orm::entity::prelude::*;

/// An exception to the Monday–Friday rule: a holiday, or a Saturday/Sunday made a working day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_days")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    /// `holiday` or `working_day`.
    pub kind: String,
    pub name: Json,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
