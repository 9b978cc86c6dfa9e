//! API clients of organisations (OAuth 2.0 client credentials, RFC 6749 §4.4): each belongs to
//! one organisation (its BIN) and was registered by one of its people; it proves itself with a
//! secret (kept only as its SHA-256) or with a key pair whose public half it registered
//! (`private_key_jwt`, RFC 7523). The assertions used are remembered until they expire, so none
//! is accepted twice. A client's access tokens are sessions of their own, marked with the client
//! and its scopes.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000016_create_api_clients"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiClients::Table)
                    .col(
                        ColumnDef::new(ApiClients::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ApiClients::OrganisationBin)
                            .string_len(12)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApiClients::Name).string_len(100).not_null())
                    .col(ColumnDef::new(ApiClients::Scopes).json().not_null())
                    .col(ColumnDef::new(ApiClients::OwnerId).uuid().not_null())
                    .col(
                        ColumnDef::new(ApiClients::SecretSha256)
                            .string_len(64)
                            .null(),
                    )
                    .col(ColumnDef::new(ApiClients::PublicKeyPem).text().null())
                    .col(
                        ColumnDef::new(ApiClients::KeyAlgorithm)
                            .string_len(10)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiClients::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ApiClients::SecretRotatedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiClients::LastUsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ApiClients::RevokedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(ApiClients::RevokedBy).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("api_clients_organisation")
                    .table(ApiClients::Table)
                    .col(ApiClients::OrganisationBin)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ClientAssertions::Table)
                    .col(ColumnDef::new(ClientAssertions::ClientId).uuid().not_null())
                    .col(
                        ColumnDef::new(ClientAssertions::Jti)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ClientAssertions::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ClientAssertions::ClientId)
                            .col(ClientAssertions::Jti),
                    )
                    .to_owned(),
            )
            .await?;
        // One column per statement: SQLite alters a table one change at a time.
        for column in [
            ColumnDef::new(AuthSessions::ClientId)
                .uuid()
                .null()
                .to_owned(),
            ColumnDef::new(AuthSessions::Scopes)
                .json()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuthSessions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [AuthSessions::ClientId, AuthSessions::Scopes] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuthSessions::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(ClientAssertions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(ApiClients::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ApiClients {
    Table,
    Id,
    OrganisationBin,
    Name,
    Scopes,
    OwnerId,
    SecretSha256,
    PublicKeyPem,
    KeyAlgorithm,
    CreatedAt,
    SecretRotatedAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum ClientAssertions {
    Table,
    ClientId,
    Jti,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum AuthSessions {
    Table,
    ClientId,
    Scopes,
}
