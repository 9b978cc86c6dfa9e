use sea_orm::entity::prelude::*;

/// An immutable, signed submission: the canonical content, its digest and the applicant's CMS
/// signature over the digest.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "permit_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub request_id: Uuid,
    pub no: i32,
    pub digest: String,
    pub content: Json,
    pub signature: String,
    pub signer_serial: String,
    pub signed_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
