//! Another organisation's answer to an approval task carries its document (the technical
//! conditions, a signed file): the task keeps the file's name, type, size and SHA-256 (the bytes
//! are content-addressed in the document store).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000015_add_task_documents"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for column in [
            ColumnDef::new(PermitTasks::DocumentSha256)
                .string_len(64)
                .null()
                .to_owned(),
            ColumnDef::new(PermitTasks::DocumentName)
                .string_len(255)
                .null()
                .to_owned(),
            ColumnDef::new(PermitTasks::DocumentType)
                .string_len(100)
                .null()
                .to_owned(),
            ColumnDef::new(PermitTasks::DocumentSize)
                .big_integer()
                .null()
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
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            PermitTasks::DocumentSha256,
            PermitTasks::DocumentName,
            PermitTasks::DocumentType,
            PermitTasks::DocumentSize,
        ] {
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
    DocumentSha256,
    DocumentName,
    DocumentType,
    DocumentSize,
}
