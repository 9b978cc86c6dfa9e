//! Administrators' announcements, including maintenance windows announced ahead
//! . Each becomes notices to its audience at its publish time.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000009_create_announcements"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Announcements::Table)
                    .col(
                        ColumnDef::new(Announcements::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Announcements::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::Audience)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Announcements::Title).json().not_null())
                    .col(ColumnDef::new(Announcements::Body).json().not_null())
                    .col(
                        ColumnDef::new(Announcements::PublishAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::WindowStart)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::WindowEnd)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Announcements::DeliveredAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Announcements::CreatedBy).uuid().null())
                    .col(
                        ColumnDef::new(Announcements::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("announcements_publish_at")
                    .table(Announcements::Table)
                    .col(Announcements::PublishAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Announcements::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Announcements {
    Table,
    Id,
    Kind,
    Audience,
    Title,
    Body,
    PublishAt,
    ExpiresAt,
    WindowStart,
    WindowEnd,
    DeliveredAt,
    CreatedBy,
    CreatedAt,
}
