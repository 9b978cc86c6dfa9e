//! A notice names what it is about (`subject_id`: the request or agreement), so opening that
//! request marks its notices read; and staff's last look at a request is kept
//! (`permit_request_views`), so the queue marks what changed since. Corrections get the day by
//! which to answer them (`permit_requests.corrections_due`), and the applicant may ask for more
//! time (`permit_time_extensions`), which a reviewer grants or refuses.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000019_add_notice_subjects"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .add_column(ColumnDef::new(Notifications::SubjectId).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_account_subject")
                    .table(Notifications::Table)
                    .col(Notifications::AccountId)
                    .col(Notifications::SubjectId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PermitRequestViews::Table)
                    .col(
                        ColumnDef::new(PermitRequestViews::AccountId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitRequestViews::RequestId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitRequestViews::Revision)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitRequestViews::ViewedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(PermitRequestViews::AccountId)
                            .col(PermitRequestViews::RequestId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PermitRequests::Table)
                    .add_column(ColumnDef::new(PermitRequests::CorrectionsDue).date().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PermitTimeExtensions::Table)
                    .col(
                        ColumnDef::new(PermitTimeExtensions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::RequestId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::RequestedBy)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::Days)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::Reason)
                            .string_len(2000)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::DecidedBy)
                            .uuid()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::DecisionComment)
                            .string_len(2000)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PermitTimeExtensions::DecidedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_permit_time_extensions_request")
                    .table(PermitTimeExtensions::Table)
                    .col(PermitTimeExtensions::RequestId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PermitTimeExtensions::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(PermitRequests::Table)
                    .drop_column(PermitRequests::CorrectionsDue)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(PermitRequestViews::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_notifications_account_subject")
                    .table(Notifications::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Notifications::Table)
                    .drop_column(Notifications::SubjectId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    AccountId,
    SubjectId,
}

#[derive(DeriveIden)]
enum PermitRequestViews {
    Table,
    AccountId,
    RequestId,
    Revision,
    ViewedAt,
}

#[derive(DeriveIden)]
enum PermitRequests {
    Table,
    CorrectionsDue,
}

#[derive(DeriveIden)]
enum PermitTimeExtensions {
    Table,
    Id,
    RequestId,
    RequestedBy,
    Days,
    Reason,
    Status,
    DecidedBy,
    DecisionComment,
    CreatedAt,
    DecidedAt,
}
