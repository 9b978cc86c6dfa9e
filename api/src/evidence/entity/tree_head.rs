use sea_orm::entity::prelude::*;

/// A signed head of the transparency log: its size, root hash and the server's signature.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tree_heads")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tree_size: i64,
    /// RFC 9162 root hash, hex.
    pub root_hash: String,
    pub issued_at: DateTimeUtc,
    /// Which log key signed (SHA-256 of its raw public key, hex).
    pub key_id: String,
    /// Ed25519 signature (base64) over `evidence::log::tree_head_message`.
    pub signature: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
