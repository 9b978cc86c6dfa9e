//! Accounts and the EDS certificates bound to them. An account's identity
//! comes from its certificate only: the IIN, plus the BIN for a company's representative.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000001_create_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Accounts::Table)
                    .col(ColumnDef::new(Accounts::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Accounts::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Accounts::Iin).string_len(12).not_null())
                    .col(ColumnDef::new(Accounts::Bin).string_len(12).null())
                    // `IIN` or `IIN/BIN`: one account per identity (a person may also hold one
                    // per company they represent). Cleared when an account is deleted.
                    .col(
                        ColumnDef::new(Accounts::IdentityKey)
                            .string_len(32)
                            .null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Accounts::FullName).text().not_null())
                    .col(ColumnDef::new(Accounts::Organisation).text().null())
                    .col(ColumnDef::new(Accounts::Email).text().not_null())
                    .col(
                        ColumnDef::new(Accounts::EmailNormalized)
                            .string_len(320)
                            .null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Accounts::EmailVerifiedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Accounts::Phone).string_len(32).null())
                    .col(ColumnDef::new(Accounts::Language).string_len(2).not_null())
                    .col(ColumnDef::new(Accounts::PasswordHash).text().null())
                    .col(ColumnDef::new(Accounts::Role).string_len(16).not_null())
                    .col(ColumnDef::new(Accounts::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Accounts::StatusReason).text().null())
                    .col(
                        ColumnDef::new(Accounts::Verification)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Accounts::VerifiedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Accounts::FailedLogins)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Accounts::Lockouts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Accounts::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Accounts::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Accounts::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("accounts_iin")
                    .table(Accounts::Table)
                    .col(Accounts::Iin)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AccountCertificates::Table)
                    .col(
                        ColumnDef::new(AccountCertificates::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::AccountId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::Serial)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::Thumbprint)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::Issuer)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::NotBefore)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::NotAfter)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::BoundAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AccountCertificates::LastUsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("account_certificates_account")
                            .from(AccountCertificates::Table, AccountCertificates::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("account_certificates_account")
                    .table(AccountCertificates::Table)
                    .col(AccountCertificates::AccountId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountCertificates::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Accounts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Accounts {
    Table,
    Id,
    Kind,
    Iin,
    Bin,
    IdentityKey,
    FullName,
    Organisation,
    Email,
    EmailNormalized,
    EmailVerifiedAt,
    Phone,
    Language,
    PasswordHash,
    Role,
    Status,
    StatusReason,
    Verification,
    VerifiedAt,
    FailedLogins,
    Lockouts,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AccountCertificates {
    Table,
    Id,
    AccountId,
    Serial,
    Thumbprint,
    Issuer,
    NotBefore,
    NotAfter,
    BoundAt,
    LastUsedAt,
}
