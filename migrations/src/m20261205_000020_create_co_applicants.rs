//! Co-applicants: the applicant invites a designer or a proxy, by email, to prepare the request
//! with them; they edit the form and the documents, and only the applicant signs.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000020_create_co_applicants"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PermitCoApplicants::Table)
                    .col(
                        ColumnDef::new(PermitCoApplicants::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PermitCoApplicants::RequestId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitCoApplicants::Email)
                            .string_len(254)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitCoApplicants::InvitedBy)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitCoApplicants::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_permit_co_applicants_request_email")
                    .table(PermitCoApplicants::Table)
                    .col(PermitCoApplicants::RequestId)
                    .col(PermitCoApplicants::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_permit_co_applicants_email")
                    .table(PermitCoApplicants::Table)
                    .col(PermitCoApplicants::Email)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PermitCoApplicants::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum PermitCoApplicants {
    Table,
    Id,
    RequestId,
    Email,
    InvitedBy,
    CreatedAt,
}
