use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The department that provides the services, or a service subject (a utility, an expert body)
/// whose staff review what is routed to them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    #[sea_orm(string_value = "provider")]
    Provider,
    #[sea_orm(string_value = "service_subject")]
    ServiceSubject,
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub code: String,
    pub kind: OrganisationKind,
    /// Staff are the reviewers whose certificate carries this BIN.
    pub bin: Option<String>,
    /// `Localized` names.
    pub name: Json,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
