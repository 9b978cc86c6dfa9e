use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AnnouncementKind {
    #[sea_orm(string_value = "info")]
    Info,
    /// A maintenance window: shown from before it starts until it ends.
    #[sea_orm(string_value = "maintenance")]
    Maintenance,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[sea_orm(string_value = "everyone")]
    Everyone,
    #[sea_orm(string_value = "applicants")]
    Applicants,
    /// Reviewers and administrators.
    #[sea_orm(string_value = "staff")]
    Staff,
}

/// An administrator's announcement.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "announcements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub kind: AnnouncementKind,
    pub audience: Audience,
    /// [`crate::i18n::Localized`] as JSON.
    pub title: Json,
    pub body: Json,
    pub publish_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub window_start: Option<DateTimeUtc>,
    pub window_end: Option<DateTimeUtc>,
    /// When its notices were written; `None` until its publish time has come and passed.
    pub delivered_at: Option<DateTimeUtc>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
