//! The mail outbox: every email is written here in the same transaction
//! as the change that causes it, and a worker sends it later with retries, so neither a crash nor
//! an SMTP outage loses a message. `docs/mail.md` describes the states and the lease.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000002_create_email_outbox"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailOutbox::Table)
                    .col(
                        ColumnDef::new(EmailOutbox::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    // No foreign key: some mail goes to an address with no account yet, and an
                    // account's deletion must not take its farewell email with it.
                    .col(ColumnDef::new(EmailOutbox::AccountId).uuid().null())
                    .col(ColumnDef::new(EmailOutbox::ToAddress).text().not_null())
                    .col(
                        ColumnDef::new(EmailOutbox::Language)
                            .string_len(8)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailOutbox::Template)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::Subject).text().not_null())
                    .col(ColumnDef::new(EmailOutbox::BodyText).text().not_null())
                    .col(ColumnDef::new(EmailOutbox::BodyHtml).text().null())
                    .col(
                        ColumnDef::new(EmailOutbox::Category)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::State).string_len(32).not_null())
                    .col(
                        ColumnDef::new(EmailOutbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(EmailOutbox::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailOutbox::LockedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(EmailOutbox::LastError).text().null())
                    .col(ColumnDef::new(EmailOutbox::MessageId).text().null())
                    .col(
                        ColumnDef::new(EmailOutbox::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(EmailOutbox::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The worker's question, asked every poll: which rows are due?
        manager
            .create_index(
                Index::create()
                    .name("ix_email_outbox_state_next_attempt_at")
                    .table(EmailOutbox::Table)
                    .col(EmailOutbox::State)
                    .col(EmailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EmailOutbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum EmailOutbox {
    Table,
    Id,
    AccountId,
    ToAddress,
    Language,
    Template,
    Subject,
    BodyText,
    BodyHtml,
    Category,
    State,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    MessageId,
    CreatedAt,
    SentAt,
}
