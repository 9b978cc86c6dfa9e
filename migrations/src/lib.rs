//! Saulet's database migrations. Each migration is one change, named for it, written once and
//! never edited after it lands on main; each runs on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        Vec::new()
    }
}
