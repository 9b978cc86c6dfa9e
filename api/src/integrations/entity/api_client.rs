use sea_orm::entity::prelude::*;

/// An organisation's API client (OAuth 2.0 client credentials).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_clients")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    /// The organisation the client acts for.
    pub organisation_bin: String,
    pub name: String,
    /// The scopes it may be given (a JSON array of strings).
    pub scopes: Json,
    /// The person of the organisation who registered it; its tokens act through their account.
    pub owner_id: Uuid,
    /// SHA-256 (hex) of the secret, for `client_secret_basic`; none when only a key is used.
    pub secret_sha256: Option<String>,
    /// The public key for `private_key_jwt` (PEM: RSA, EC P-256 or Ed25519).
    pub public_key_pem: Option<String>,
    /// `RS256`, `ES256` or `EdDSA`, from the key.
    pub key_algorithm: Option<String>,
    pub created_at: DateTimeUtc,
    pub secret_rotated_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub revoked_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The scopes as a list.
    pub fn scope_list(&self) -> Vec<String> {
        serde_json::from_value(self.scopes.clone()).unwrap_or_default()
    }
}
