//! Rate-limit buckets every node shares (PostgreSQL; SQLite runs one node and counts in memory),
//! and the client's address on each audit event, as the trusted proxies told it.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000025_shared_rate_limits"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RateLimitBuckets::Table)
                    .col(
                        ColumnDef::new(RateLimitBuckets::Key)
                            .string_len(80)
                            .not_null()
                            .primary_key(),
                    )
                    // The GCRA's theoretical arrival time, in seconds since the epoch.
                    .col(ColumnDef::new(RateLimitBuckets::Tat).double().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(
                        ColumnDef::new(AuditEvents::ClientAddress)
                            .string_len(45)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvents::Table)
                    .add_column(
                        ColumnDef::new(AuditEvents::ClientForwarded)
                            .boolean()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [AuditEvents::ClientForwarded, AuditEvents::ClientAddress] {
            manager
                .alter_table(
                    Table::alter()
                        .table(AuditEvents::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(RateLimitBuckets::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum RateLimitBuckets {
    Table,
    Key,
    Tat,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    ClientAddress,
    ClientForwarded,
}
