//! Versions of the catalogue: every edit of a permit type is kept as a numbered version, and a
//! request keeps the version it was filed under (its form, checklist, periods, approvals and
//! refusal grounds), whatever the catalogue says later.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000023_add_permit_type_versions"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(PermitTypes::Table)
                    .add_column(
                        ColumnDef::new(PermitTypes::Version)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PermitRequests::Table)
                    .add_column(
                        ColumnDef::new(PermitRequests::TypeVersion)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .to_owned(),
            )
            .await?;
        use PermitTypeVersions as V;
        manager
            .create_table(
                Table::create()
                    .table(V::Table)
                    .col(ColumnDef::new(V::Code).string_len(64).not_null())
                    .col(ColumnDef::new(V::Version).integer().not_null())
                    .col(ColumnDef::new(V::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(V::Definition).json().not_null())
                    .col(ColumnDef::new(V::Reason).text().null())
                    .col(ColumnDef::new(V::CreatedBy).uuid().null())
                    .col(
                        ColumnDef::new(V::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(Index::create().col(V::Code).col(V::Version))
                    .to_owned(),
            )
            .await?;
        // The types already stored are their version 1.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO permit_type_versions \
                 (code, version, organisation_id, definition, reason, created_by, created_at) \
                 SELECT code, 1, organisation_id, definition, NULL, updated_by, updated_at \
                 FROM permit_types",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PermitTypeVersions::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PermitRequests::Table)
                    .drop_column(PermitRequests::TypeVersion)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PermitTypes::Table)
                    .drop_column(PermitTypes::Version)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum PermitTypes {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum PermitRequests {
    Table,
    TypeVersion,
}

#[derive(DeriveIden)]
enum PermitTypeVersions {
    Table,
    Code,
    Version,
    OrganisationId,
    Definition,
    Reason,
    CreatedBy,
    CreatedAt,
}
