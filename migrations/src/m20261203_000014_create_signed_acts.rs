//! Signed acts and the transparency log over them: every legally significant act kept as the
//! exact bytes signed, the CMS (DER), the time-stamp token and the validation data used, each with
//! its place in one append-only Merkle log (RFC 9162); and the signed heads of that log.
//! Rows are never deleted; an act's only later change is its time-stamp token, filled in once when
//! the time-stamping authority could not be reached at the time of the act.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261203_000014_create_signed_acts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignedActs::Table)
                    .col(
                        ColumnDef::new(SignedActs::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SignedActs::Seq)
                            .big_integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(SignedActs::Kind).string_len(40).not_null())
                    .col(ColumnDef::new(SignedActs::AccountId).uuid().null())
                    .col(ColumnDef::new(SignedActs::RequestId).uuid().null())
                    .col(ColumnDef::new(SignedActs::Reference).string_len(120).null())
                    .col(ColumnDef::new(SignedActs::SignedBytes).binary().not_null())
                    .col(ColumnDef::new(SignedActs::Content).json().null())
                    .col(
                        ColumnDef::new(SignedActs::SignedSha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SignedActs::Cms).binary().not_null())
                    .col(
                        ColumnDef::new(SignedActs::CmsSha256)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(SignedActs::SignerSerial)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignedActs::SignerIin)
                            .string_len(12)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SignedActs::SignerBin).string_len(12).null())
                    .col(ColumnDef::new(SignedActs::Validation).json().not_null())
                    .col(ColumnDef::new(SignedActs::Tst).binary().null())
                    .col(
                        ColumnDef::new(SignedActs::TstTime)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SignedActs::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignedActs::EntrySha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("signed_acts_account", SignedActs::AccountId),
            ("signed_acts_request", SignedActs::RequestId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(SignedActs::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(TreeHeads::Table)
                    .col(
                        ColumnDef::new(TreeHeads::TreeSize)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(TreeHeads::RootHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(TreeHeads::IssuedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(TreeHeads::KeyId).string_len(64).not_null())
                    .col(ColumnDef::new(TreeHeads::Signature).text().not_null())
                    .to_owned(),
            )
            .await?;

        // Append-only: no DELETE; an UPDATE only fills in a missing time-stamp token.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION signed_acts_append_only() RETURNS trigger AS $$
                     BEGIN
                       IF TG_OP = 'UPDATE' AND OLD.tst IS NULL AND NEW.tst IS NOT NULL
                          AND (NEW.id, NEW.seq, NEW.kind, NEW.signed_bytes, NEW.signed_sha256,
                               NEW.cms, NEW.cms_sha256, NEW.recorded_at, NEW.entry_sha256)
                          IS NOT DISTINCT FROM
                              (OLD.id, OLD.seq, OLD.kind, OLD.signed_bytes, OLD.signed_sha256,
                               OLD.cms, OLD.cms_sha256, OLD.recorded_at, OLD.entry_sha256)
                       THEN
                         RETURN NEW;
                       END IF;
                       RAISE EXCEPTION 'signed acts are append-only';
                     END;
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER signed_acts_append_only
                     BEFORE UPDATE OR DELETE ON signed_acts
                     FOR EACH ROW EXECUTE FUNCTION signed_acts_append_only()",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE FUNCTION tree_heads_append_only() RETURNS trigger AS $$
                     BEGIN
                       RAISE EXCEPTION 'tree heads are append-only';
                     END;
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER tree_heads_append_only
                     BEFORE UPDATE OR DELETE ON tree_heads
                     FOR EACH ROW EXECUTE FUNCTION tree_heads_append_only()",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER signed_acts_no_delete BEFORE DELETE ON signed_acts
                     BEGIN SELECT RAISE(ABORT, 'signed acts are append-only'); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER signed_acts_no_update BEFORE UPDATE ON signed_acts
                     WHEN NOT (OLD.tst IS NULL AND NEW.tst IS NOT NULL
                       AND NEW.id IS OLD.id AND NEW.seq IS OLD.seq AND NEW.kind IS OLD.kind
                       AND NEW.signed_bytes IS OLD.signed_bytes
                       AND NEW.signed_sha256 IS OLD.signed_sha256 AND NEW.cms IS OLD.cms
                       AND NEW.cms_sha256 IS OLD.cms_sha256 AND NEW.recorded_at IS OLD.recorded_at
                       AND NEW.entry_sha256 IS OLD.entry_sha256)
                     BEGIN SELECT RAISE(ABORT, 'signed acts are append-only'); END",
                )
                .await?;
                for action in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER tree_heads_no_{lower} BEFORE {action} ON tree_heads
                         BEGIN SELECT RAISE(ABORT, 'tree heads are append-only'); END",
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
            .drop_table(Table::drop().table(TreeHeads::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SignedActs::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            let db = manager.get_connection();
            db.execute_unprepared("DROP FUNCTION IF EXISTS signed_acts_append_only()")
                .await?;
            db.execute_unprepared("DROP FUNCTION IF EXISTS tree_heads_append_only()")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum SignedActs {
    Table,
    Id,
    Seq,
    Kind,
    AccountId,
    RequestId,
    Reference,
    SignedBytes,
    Content,
    SignedSha256,
    Cms,
    CmsSha256,
    SignerSerial,
    SignerIin,
    SignerBin,
    Validation,
    Tst,
    TstTime,
    RecordedAt,
    EntrySha256,
}

#[derive(DeriveIden)]
enum TreeHeads {
    Table,
    TreeSize,
    RootHash,
    IssuedAt,
    KeyId,
    Signature,
}
