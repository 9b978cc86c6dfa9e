//! A challenge is issued for one flow (signing in, registering, binding a renewed certificate) and
//! can be spent only on it: a challenge signed for a sign-in that failed must not register.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_000024_add_challenge_purpose"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Challenges live five minutes; those issued before this change had no flow and are
        // marked with one no flow accepts.
        manager
            .alter_table(
                Table::alter()
                    .table(EdsChallenges::Table)
                    .add_column(
                        ColumnDef::new(EdsChallenges::Purpose)
                            .string_len(32)
                            .not_null()
                            .default("none"),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(EdsChallenges::Table)
                    .drop_column(EdsChallenges::Purpose)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum EdsChallenges {
    Table,
    Purpose,
}
