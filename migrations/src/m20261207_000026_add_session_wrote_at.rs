//! When a session last wrote: for read replicas, its reads stay on the primary for a while after
//! (read-your-writes), on whichever node they arrive.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000026_add_session_wrote_at"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuthSessions::Table)
                    .add_column(
                        ColumnDef::new(AuthSessions::WroteAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuthSessions::Table)
                    .drop_column(AuthSessions::WroteAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum AuthSessions {
    Table,
    WroteAt,
}
