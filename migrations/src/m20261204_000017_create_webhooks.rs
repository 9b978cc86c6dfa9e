//! Webhooks of API clients (the Standard Webhooks specification): a client's subscriptions, each
//! a receiver URL, the event types it wants and the secret its deliveries are signed with; and the
//! deliveries, written in the same transaction as the event they tell of (an outbox), sent and
//! retried by a worker, kept as the subscription's delivery log.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000017_create_webhooks"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Subscriptions::Table)
                    .col(
                        ColumnDef::new(Subscriptions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Subscriptions::ClientId).uuid().not_null())
                    .col(
                        ColumnDef::new(Subscriptions::Url)
                            .string_len(2000)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Subscriptions::Events).json().not_null())
                    .col(
                        ColumnDef::new(Subscriptions::Secret)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Subscriptions::PreviousSecret)
                            .string_len(100)
                            .null(),
                    )
                    .col(at(Subscriptions::PreviousSecretUntil))
                    .col(ColumnDef::new(Subscriptions::Enabled).boolean().not_null())
                    .col(at(Subscriptions::DisabledAt))
                    .col(
                        ColumnDef::new(Subscriptions::DisabledReason)
                            .string_len(300)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Subscriptions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("webhook_subscriptions_client")
                    .table(Subscriptions::Table)
                    .col(Subscriptions::ClientId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Deliveries::Table)
                    .col(
                        ColumnDef::new(Deliveries::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Deliveries::SubscriptionId).uuid().not_null())
                    .col(
                        ColumnDef::new(Deliveries::EventType)
                            .string_len(60)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Deliveries::Payload).text().not_null())
                    .col(ColumnDef::new(Deliveries::Status).string_len(16).not_null())
                    .col(ColumnDef::new(Deliveries::Attempts).integer().not_null())
                    .col(
                        ColumnDef::new(Deliveries::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(at(Deliveries::LastAttemptAt))
                    .col(ColumnDef::new(Deliveries::LastStatus).integer().null())
                    .col(ColumnDef::new(Deliveries::LastError).string_len(500).null())
                    .col(at(Deliveries::DeliveredAt))
                    .col(
                        ColumnDef::new(Deliveries::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, columns) in [
            (
                "webhook_deliveries_due",
                vec![Deliveries::Status, Deliveries::NextAttemptAt],
            ),
            (
                "webhook_deliveries_subscription",
                vec![Deliveries::SubscriptionId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(Deliveries::Table);
            for column in columns {
                index.col(column);
            }
            manager.create_index(index.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Deliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Subscriptions::Table).to_owned())
            .await
    }
}

/// A time that may be missing.
fn at(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

#[derive(DeriveIden)]
enum Subscriptions {
    #[sea_orm(iden = "webhook_subscriptions")]
    Table,
    Id,
    ClientId,
    Url,
    Events,
    Secret,
    PreviousSecret,
    PreviousSecretUntil,
    Enabled,
    DisabledAt,
    DisabledReason,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Deliveries {
    #[sea_orm(iden = "webhook_deliveries")]
    Table,
    Id,
    SubscriptionId,
    EventType,
    Payload,
    Status,
    Attempts,
    NextAttemptAt,
    LastAttemptAt,
    LastStatus,
    LastError,
    DeliveredAt,
    CreatedAt,
}
