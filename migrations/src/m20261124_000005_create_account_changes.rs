//! The history of changes to an account's profile, which its owner can read.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_accounts::Accounts;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000005_create_account_changes"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccountChanges::Table)
                    .col(
                        ColumnDef::new(AccountChanges::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AccountChanges::AccountId).uuid().not_null())
                    .col(
                        ColumnDef::new(AccountChanges::Field)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AccountChanges::OldValue).text().null())
                    .col(ColumnDef::new(AccountChanges::NewValue).text().null())
                    .col(ColumnDef::new(AccountChanges::ChangedBy).uuid().null())
                    .col(
                        ColumnDef::new(AccountChanges::ChangedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("account_changes_account")
                            .from(AccountChanges::Table, AccountChanges::AccountId)
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("account_changes_account")
                    .table(AccountChanges::Table)
                    .col(AccountChanges::AccountId)
                    .col(AccountChanges::ChangedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AccountChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AccountChanges {
    Table,
    Id,
    AccountId,
    Field,
    OldValue,
    NewValue,
    ChangedBy,
    ChangedAt,
}
