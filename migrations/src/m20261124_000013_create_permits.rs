//! The permits area: organisations, the catalogue of permit types, the
//! working-day calendar, permit requests with their documents, signed submission versions, status
//! history, approval tasks, issued decisions, the per-year registration number sequence and the
//! idempotency keys of create and submit.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261124_000013_create_permits"
    }
}

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .uuid()
        .not_null()
        .primary_key()
        .to_owned()
}

fn uuid(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().not_null().to_owned()
}

fn uuid_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).uuid().null().to_owned()
}

fn text(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).not_null().to_owned()
}

fn text_null(col: impl IntoIden, len: u32) -> ColumnDef {
    ColumnDef::new(col).string_len(len).null().to_owned()
}

fn long_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().null().to_owned()
}

fn json(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).json().not_null().to_owned()
}

fn json_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).json().null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

fn date_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).date().null().to_owned()
}

fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

fn index(
    name: &str,
    table: impl IntoIden + 'static,
    cols: &[&str],
    unique: bool,
) -> IndexCreateStatement {
    let mut index = Index::create();
    index.name(name).table(table);
    for col in cols {
        index.col(Alias::new(*col));
    }
    if unique {
        index.unique();
    }
    index.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            Table::create()
                .table(Organisations::Table)
                .col(id(Organisations::Id))
                .col(text(Organisations::Code, 64).unique_key().to_owned())
                .col(text(Organisations::Kind, 32))
                .col(text_null(Organisations::Bin, 12).unique_key().to_owned())
                .col(json(Organisations::Name))
                .col(at(Organisations::CreatedAt))
                .to_owned(),
            Table::create()
                .table(PermitTypes::Table)
                .col(text(PermitTypes::Code, 64).primary_key().to_owned())
                .col(uuid(PermitTypes::OrganisationId))
                .col(json(PermitTypes::Definition))
                .col(ColumnDef::new(PermitTypes::Active).boolean().not_null())
                .col(int(PermitTypes::Position))
                .col(at(PermitTypes::UpdatedAt))
                .col(uuid_null(PermitTypes::UpdatedBy))
                .to_owned(),
            Table::create()
                .table(CalendarDays::Table)
                .col(
                    ColumnDef::new(CalendarDays::Day)
                        .date()
                        .not_null()
                        .primary_key(),
                )
                .col(text(CalendarDays::Kind, 16))
                .col(json(CalendarDays::Name))
                .to_owned(),
            Table::create()
                .table(PermitRequests::Table)
                .col(id(PermitRequests::Id))
                .col(
                    text_null(PermitRequests::Number, 32)
                        .unique_key()
                        .to_owned(),
                )
                .col(text(PermitRequests::TypeCode, 64))
                .col(uuid(PermitRequests::OrganisationId))
                .col(uuid(PermitRequests::ApplicantId))
                .col(text_null(PermitRequests::ApplicantBin, 12))
                .col(text(PermitRequests::HolderName, 300))
                .col(text(PermitRequests::HolderId, 40))
                .col(text(PermitRequests::Title, 300))
                .col(json(PermitRequests::FormData))
                .col(text(PermitRequests::Status, 32))
                .col(int(PermitRequests::Revision))
                .col(int(PermitRequests::VersionNo))
                .col(uuid_null(PermitRequests::AssigneeId))
                .col(at_null(PermitRequests::SubmittedAt))
                .col(at_null(PermitRequests::AcceptedAt))
                .col(date_null(PermitRequests::IntakeDue))
                .col(date_null(PermitRequests::DueOn))
                .col(at_null(PermitRequests::PausedAt))
                .col(json_null(PermitRequests::Corrections))
                .col(json_null(PermitRequests::PendingRefusal))
                .col(date_null(PermitRequests::ObjectionDue))
                .col(long_null(PermitRequests::Objection))
                .col(at_null(PermitRequests::DecidedAt))
                .col(date_null(PermitRequests::RemindedFor))
                .col(at(PermitRequests::CreatedAt))
                .col(at(PermitRequests::UpdatedAt))
                .to_owned(),
            Table::create()
                .table(PermitDocuments::Table)
                .col(id(PermitDocuments::Id))
                .col(uuid(PermitDocuments::RequestId))
                .col(text(PermitDocuments::Slot, 64))
                .col(text(PermitDocuments::FileName, 255))
                .col(text(PermitDocuments::ContentType, 100))
                .col(
                    ColumnDef::new(PermitDocuments::SizeBytes)
                        .big_integer()
                        .not_null(),
                )
                .col(text(PermitDocuments::Sha256, 64))
                .col(uuid(PermitDocuments::UploadedBy))
                .col(at(PermitDocuments::CreatedAt))
                .to_owned(),
            Table::create()
                .table(PermitVersions::Table)
                .col(id(PermitVersions::Id))
                .col(uuid(PermitVersions::RequestId))
                .col(int(PermitVersions::No))
                .col(text(PermitVersions::Digest, 64))
                .col(json(PermitVersions::Content))
                .col(ColumnDef::new(PermitVersions::Signature).text().not_null())
                .col(text(PermitVersions::SignerSerial, 128))
                .col(uuid(PermitVersions::SignedBy))
                .col(at(PermitVersions::CreatedAt))
                .to_owned(),
            Table::create()
                .table(PermitHistory::Table)
                .col(id(PermitHistory::Id))
                .col(uuid(PermitHistory::RequestId))
                .col(uuid_null(PermitHistory::ActorId))
                .col(text(PermitHistory::Action, 64))
                .col(text_null(PermitHistory::FromStatus, 32))
                .col(text(PermitHistory::ToStatus, 32))
                .col(long_null(PermitHistory::Comment))
                .col(json_null(PermitHistory::Data))
                .col(at(PermitHistory::At))
                .to_owned(),
            Table::create()
                .table(PermitTasks::Table)
                .col(id(PermitTasks::Id))
                .col(uuid(PermitTasks::RequestId))
                .col(uuid(PermitTasks::OrganisationId))
                .col(text(PermitTasks::Status, 16))
                .col(long_null(PermitTasks::Comment))
                .col(uuid_null(PermitTasks::DecidedBy))
                .col(at_null(PermitTasks::DecidedAt))
                .col(at(PermitTasks::CreatedAt))
                .to_owned(),
            Table::create()
                .table(PermitDecisions::Table)
                .col(id(PermitDecisions::Id))
                .col(uuid(PermitDecisions::RequestId))
                .col(text(PermitDecisions::Kind, 16))
                .col(text(PermitDecisions::Number, 32))
                .col(text(PermitDecisions::Language, 2))
                .col(text(PermitDecisions::PdfSha256, 64))
                .col(
                    ColumnDef::new(PermitDecisions::PdfSize)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    text(PermitDecisions::VerifyCode, 64)
                        .unique_key()
                        .to_owned(),
                )
                .col(uuid(PermitDecisions::OfficialId))
                .col(text(PermitDecisions::OfficialName, 300))
                .col(long_null(PermitDecisions::Comment))
                .col(json_null(PermitDecisions::Grounds))
                .col(long_null(PermitDecisions::Signature))
                .col(text_null(PermitDecisions::SignerSerial, 128))
                .col(at_null(PermitDecisions::SignedAt))
                .col(at(PermitDecisions::CreatedAt))
                .to_owned(),
            Table::create()
                .table(PermitSequences::Table)
                .col(
                    ColumnDef::new(PermitSequences::Year)
                        .integer()
                        .not_null()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(PermitSequences::Last)
                        .big_integer()
                        .not_null(),
                )
                .to_owned(),
            Table::create()
                .table(IdempotencyKeys::Table)
                .col(uuid(IdempotencyKeys::AccountId))
                .col(text(IdempotencyKeys::Scope, 80))
                .col(text(IdempotencyKeys::Key, 255))
                .col(text(IdempotencyKeys::RequestHash, 64))
                .col(int(IdempotencyKeys::Status))
                .col(json(IdempotencyKeys::Body))
                .col(at(IdempotencyKeys::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(IdempotencyKeys::AccountId)
                        .col(IdempotencyKeys::Scope)
                        .col(IdempotencyKeys::Key),
                )
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        let indexes = [
            index(
                "permit_types_organisation",
                PermitTypes::Table,
                &["organisation_id"],
                false,
            ),
            index(
                "permit_requests_applicant",
                PermitRequests::Table,
                &["applicant_id", "id"],
                false,
            ),
            index(
                "permit_requests_bin",
                PermitRequests::Table,
                &["applicant_bin", "id"],
                false,
            ),
            index(
                "permit_requests_queue",
                PermitRequests::Table,
                &["organisation_id", "status", "id"],
                false,
            ),
            index(
                "permit_requests_due",
                PermitRequests::Table,
                &["status", "due_on"],
                false,
            ),
            index(
                "permit_documents_request",
                PermitDocuments::Table,
                &["request_id"],
                false,
            ),
            index(
                "permit_documents_sha256",
                PermitDocuments::Table,
                &["sha256"],
                false,
            ),
            index(
                "permit_versions_request_no",
                PermitVersions::Table,
                &["request_id", "no"],
                true,
            ),
            index(
                "permit_history_request",
                PermitHistory::Table,
                &["request_id", "id"],
                false,
            ),
            index(
                "permit_tasks_request",
                PermitTasks::Table,
                &["request_id"],
                false,
            ),
            index(
                "permit_tasks_organisation",
                PermitTasks::Table,
                &["organisation_id", "status"],
                false,
            ),
            index(
                "permit_decisions_request",
                PermitDecisions::Table,
                &["request_id"],
                false,
            ),
            index(
                "permit_decisions_number",
                PermitDecisions::Table,
                &["number"],
                false,
            ),
        ];
        for index in indexes {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdempotencyKeys::Table.into_iden(),
            PermitSequences::Table.into_iden(),
            PermitDecisions::Table.into_iden(),
            PermitTasks::Table.into_iden(),
            PermitHistory::Table.into_iden(),
            PermitVersions::Table.into_iden(),
            PermitDocuments::Table.into_iden(),
            PermitRequests::Table.into_iden(),
            CalendarDays::Table.into_iden(),
            PermitTypes::Table.into_iden(),
            Organisations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
    Code,
    Kind,
    Bin,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PermitTypes {
    Table,
    Code,
    OrganisationId,
    Definition,
    Active,
    Position,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum CalendarDays {
    Table,
    Day,
    Kind,
    Name,
}

#[derive(DeriveIden)]
enum PermitRequests {
    Table,
    Id,
    Number,
    TypeCode,
    OrganisationId,
    ApplicantId,
    ApplicantBin,
    HolderName,
    HolderId,
    Title,
    FormData,
    Status,
    Revision,
    VersionNo,
    AssigneeId,
    SubmittedAt,
    AcceptedAt,
    IntakeDue,
    DueOn,
    PausedAt,
    Corrections,
    PendingRefusal,
    ObjectionDue,
    Objection,
    DecidedAt,
    RemindedFor,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PermitDocuments {
    Table,
    Id,
    RequestId,
    Slot,
    FileName,
    ContentType,
    SizeBytes,
    Sha256,
    UploadedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PermitVersions {
    Table,
    Id,
    RequestId,
    No,
    Digest,
    Content,
    Signature,
    SignerSerial,
    SignedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PermitHistory {
    Table,
    Id,
    RequestId,
    ActorId,
    Action,
    FromStatus,
    ToStatus,
    Comment,
    Data,
    At,
}

#[derive(DeriveIden)]
enum PermitTasks {
    Table,
    Id,
    RequestId,
    OrganisationId,
    Status,
    Comment,
    DecidedBy,
    DecidedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PermitDecisions {
    Table,
    Id,
    RequestId,
    Kind,
    Number,
    Language,
    PdfSha256,
    PdfSize,
    VerifyCode,
    OfficialId,
    OfficialName,
    Comment,
    Grounds,
    Signature,
    SignerSerial,
    SignedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PermitSequences {
    Table,
    Year,
    Last,
}

#[derive(DeriveIden)]
enum IdempotencyKeys {
    Table,
    AccountId,
    Scope,
    Key,
    RequestHash,
    Status,
    Body,
    CreatedAt,
}
