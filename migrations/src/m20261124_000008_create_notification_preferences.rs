//! Which optional categories of notice an account wants, per channel (R-2.6: subscriptions).
//! No row means the default: on.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_accounts::Accounts;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000008_create_notification_preferences"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotificationPreferences::Table)
                    .col(
                        ColumnDef::new(NotificationPreferences::AccountId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::Category)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::Channel)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::Enabled)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(NotificationPreferences::AccountId)
                            .col(NotificationPreferences::Category)
                            .col(NotificationPreferences::Channel),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("notification_preferences_account")
                            .from(
                                NotificationPreferences::Table,
                                NotificationPreferences::AccountId,
                            )
                            .to(Accounts::Table, Accounts::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(NotificationPreferences::Table)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum NotificationPreferences {
    Table,
    AccountId,
    Category,
    Channel,
    Enabled,
    UpdatedAt,
}
