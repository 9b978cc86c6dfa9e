//! The public register and the performance figures. `register_entries` holds one row per
//! decided request (a permit issued or a refusal), written in the decision's transaction with
//! what the public may see: no individual's name, IIN, address or object (only the district).
//! `performance_months` and `performance_days` are counters kept per organisation, permit type
//! and month as requests are received, decided and deemed approved, so the public dashboard
//! reads a few hundred rows whatever the number of requests (docs/transparency.md).

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000021_create_public_register"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        use RegisterEntries as R;
        manager
            .create_table(
                Table::create()
                    .table(R::Table)
                    // A UUIDv7 of the decision's instant: newest first is `id DESC`, and a range
                    // of days is a range of ids.
                    .col(ColumnDef::new(R::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(R::RequestId).uuid().not_null().unique_key())
                    .col(ColumnDef::new(R::Number).string_len(32).not_null())
                    .col(ColumnDef::new(R::TypeCode).string_len(64).not_null())
                    .col(ColumnDef::new(R::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(R::Outcome).string_len(16).not_null())
                    .col(
                        ColumnDef::new(R::DecidedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(R::DecidedOn).date().not_null())
                    .col(ColumnDef::new(R::District).string_len(32).null())
                    .col(ColumnDef::new(R::HolderKind).string_len(16).not_null())
                    .col(ColumnDef::new(R::HolderName).text().null())
                    .col(ColumnDef::new(R::HolderBin).string_len(12).null())
                    .col(ColumnDef::new(R::ObjectName).text().null())
                    .col(ColumnDef::new(R::Address).text().null())
                    .col(ColumnDef::new(R::VerifyCode).string_len(32).null())
                    .col(ColumnDef::new(R::WorkingDays).integer().not_null())
                    .col(ColumnDef::new(R::OnTime).boolean().not_null())
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_register_entries_type", R::TypeCode),
            ("idx_register_entries_district", R::District),
            ("idx_register_entries_outcome", R::Outcome),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(R::Table)
                        .col(col)
                        .col(R::Id)
                        .to_owned(),
                )
                .await?;
        }
        use PerformanceMonths as M;
        manager
            .create_table(
                Table::create()
                    .table(M::Table)
                    .col(ColumnDef::new(M::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(M::TypeCode).string_len(64).not_null())
                    .col(ColumnDef::new(M::Month).string_len(7).not_null())
                    .col(
                        ColumnDef::new(M::Received)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(M::Issued)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(M::Refused)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(M::OnTime)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(M::WithCorrections)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(M::Deemed)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .primary_key(
                        Index::create()
                            .col(M::OrganisationId)
                            .col(M::TypeCode)
                            .col(M::Month),
                    )
                    .to_owned(),
            )
            .await?;
        use PerformanceDays as D;
        manager
            .create_table(
                Table::create()
                    .table(D::Table)
                    .col(ColumnDef::new(D::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(D::TypeCode).string_len(64).not_null())
                    .col(ColumnDef::new(D::Month).string_len(7).not_null())
                    .col(ColumnDef::new(D::WorkingDays).integer().not_null())
                    .col(
                        ColumnDef::new(D::Decided)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .primary_key(
                        Index::create()
                            .col(D::OrganisationId)
                            .col(D::TypeCode)
                            .col(D::Month)
                            .col(D::WorkingDays),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PerformanceDays::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(PerformanceMonths::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(RegisterEntries::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum RegisterEntries {
    Table,
    Id,
    RequestId,
    Number,
    TypeCode,
    OrganisationId,
    Outcome,
    DecidedAt,
    DecidedOn,
    District,
    HolderKind,
    HolderName,
    HolderBin,
    ObjectName,
    Address,
    VerifyCode,
    WorkingDays,
    OnTime,
}

#[derive(DeriveIden)]
enum PerformanceMonths {
    Table,
    OrganisationId,
    TypeCode,
    Month,
    Received,
    Issued,
    Refused,
    OnTime,
    WithCorrections,
    Deemed,
}

#[derive(DeriveIden)]
enum PerformanceDays {
    Table,
    OrganisationId,
    TypeCode,
    Month,
    WorkingDays,
    Decided,
}
