//! The user agreement and the personal-data consent, as versioned documents (R-2.1, R-2.2,
//! A version takes effect at `effective_at`; the version in force at any instant is the
//! one with the latest `effective_at` not after it.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000011_create_agreements"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Agreements::Table)
                    .col(
                        ColumnDef::new(Agreements::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Agreements::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Agreements::Version).integer().not_null())
                    .col(ColumnDef::new(Agreements::Title).json().not_null())
                    .col(ColumnDef::new(Agreements::Body).json().not_null())
                    .col(ColumnDef::new(Agreements::BodySha256).json().not_null())
                    .col(ColumnDef::new(Agreements::Details).json().null())
                    .col(
                        ColumnDef::new(Agreements::PublishedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Agreements::EffectiveAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Agreements::PublishedBy).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("agreements_kind_version")
                    .table(Agreements::Table)
                    .col(Agreements::Kind)
                    .col(Agreements::Version)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Agreements::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Agreements {
    Table,
    Id,
    Kind,
    Version,
    Title,
    Body,
    BodySha256,
    Details,
    PublishedAt,
    EffectiveAt,
    PublishedBy,
}
