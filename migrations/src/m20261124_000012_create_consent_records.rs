//! Consent records: append-only evidence of each acceptance and withdrawal, hash-chained
//! (each record stores the hash of the one before), and protected by triggers that refuse UPDATE
//! and DELETE on both databases.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

use crate::m20261124_000011_create_agreements::Agreements;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000012_create_consent_records"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConsentRecords::Table)
                    .col(
                        ColumnDef::new(ConsentRecords::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::Seq)
                            .big_integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(ConsentRecords::AccountId).uuid().not_null())
                    .col(
                        ColumnDef::new(ConsentRecords::AgreementId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::DocumentSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::Action)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::Channel)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::Language)
                            .string_len(2)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::IpAddress)
                            .string_len(64)
                            .null(),
                    )
                    .col(ColumnDef::new(ConsentRecords::UserAgent).text().null())
                    .col(ColumnDef::new(ConsentRecords::Signature).text().null())
                    .col(
                        ColumnDef::new(ConsentRecords::SignerSerial)
                            .string_len(64)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::PrevHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ConsentRecords::RecordHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("consent_records_agreement")
                            .from(ConsentRecords::Table, ConsentRecords::AgreementId)
                            .to(Agreements::Table, Agreements::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("consent_records_account")
                    .table(ConsentRecords::Table)
                    .col(ConsentRecords::AccountId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION consent_records_append_only() RETURNS trigger AS $$
                     BEGIN
                       RAISE EXCEPTION 'consent records are append-only';
                     END;
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER consent_records_append_only
                     BEFORE UPDATE OR DELETE ON consent_records
                     FOR EACH ROW EXECUTE FUNCTION consent_records_append_only()",
                )
                .await?;
            }
            _ => {
                for action in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER consent_records_no_{lower}
                         BEFORE {action} ON consent_records
                         BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END",
                        lower = action.to_lowercase()
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ConsentRecords::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS consent_records_append_only()")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ConsentRecords {
    Table,
    Id,
    Seq,
    AccountId,
    AgreementId,
    DocumentSha256,
    Action,
    Channel,
    Language,
    IpAddress,
    UserAgent,
    Signature,
    SignerSerial,
    RecordedAt,
    PrevHash,
    RecordHash,
}
