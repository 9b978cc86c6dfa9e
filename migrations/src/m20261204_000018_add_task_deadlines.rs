//! An approval task has a period (Law No. 202-V «On Permits and Notifications», Art. 25): the
//! instant it ends (`due_at`), after which an unanswered task is deemed approved (`deemed`).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000018_add_task_deadlines"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for column in [
            ColumnDef::new(PermitTasks::DueAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
            ColumnDef::new(PermitTasks::Deemed)
                .boolean()
                .not_null()
                .default(false)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PermitTasks::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_permit_tasks_status_due")
                    .table(PermitTasks::Table)
                    .col(PermitTasks::Status)
                    .col(PermitTasks::DueAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_permit_tasks_status_due")
                    .table(PermitTasks::Table)
                    .to_owned(),
            )
            .await?;
        for column in [PermitTasks::DueAt, PermitTasks::Deemed] {
            manager
                .alter_table(
                    Table::alter()
                        .table(PermitTasks::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum PermitTasks {
    Table,
    Status,
    DueAt,
    Deemed,
}
