//! Which years the working-day calendar defines, and whether each was verified. A year without a
//! row counts on the holidays fixed by law (with their moved days off) and its due dates are
//! provisional; a year with a row counts on its own days exactly.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000022_create_calendar_years"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarYears::Table)
                    .col(
                        ColumnDef::new(CalendarYears::Year)
                            .integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CalendarYears::Verified).boolean().not_null())
                    .col(ColumnDef::new(CalendarYears::Source).text().not_null())
                    .col(ColumnDef::new(CalendarYears::UpdatedBy).uuid().null())
                    .col(
                        ColumnDef::new(CalendarYears::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarYears::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CalendarYears {
    Table,
    Year,
    Verified,
    Source,
    UpdatedBy,
    UpdatedAt,
}
