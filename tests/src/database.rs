//! A fresh database per test: a SQLite file, or a PostgreSQL database copied from a migrated
//! template and dropped when the test ends.

use std::path::Path;

use saulet_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tokio::sync::OnceCell;

/// The PostgreSQL admin URL when the suite runs on PostgreSQL.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
}

pub enum TestDatabase {
    Sqlite {
        url: String,
    },
    Postgres {
        url: String,
        name: String,
        admin_url: String,
    },
}

impl TestDatabase {
    pub async fn create(data_dir: &Path) -> Self {
        match postgres_admin_url() {
            None => TestDatabase::Sqlite {
                url: format!("sqlite://{}?mode=rwc", data_dir.join("saulet.db").display()),
            },
            Some(admin_url) => {
                let template = template(&admin_url).await;
                let name = format!("saulet_test_{}", uuid::Uuid::now_v7().simple());
                let admin = connect(&admin_url).await;
                create_from_template(&admin, &name, template).await;
                let _ = admin.close().await;
                TestDatabase::Postgres {
                    url: with_database(&admin_url, &name),
                    name,
                    admin_url,
                }
            }
        }
    }

    /// A new database on the PostgreSQL server of `admin_url` (not the suite's server: a
    /// cluster the test made), migrated, and dropped when the test ends.
    pub async fn migrated_on(admin_url: &str) -> Self {
        let name = format!("saulet_test_{}", uuid::Uuid::now_v7().simple());
        let admin = connect(admin_url).await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))
            .await
            .expect("a database");
        let _ = admin.close().await;
        let url = with_database(admin_url, &name);
        let db = connect(&url).await;
        Migrator::up(&db, None).await.expect("migrations apply");
        let _ = db.close().await;
        TestDatabase::Postgres {
            url,
            name,
            admin_url: admin_url.to_owned(),
        }
    }

    /// An empty PostgreSQL database (no tables), dropped when the test ends; `None` on SQLite.
    pub async fn empty() -> Option<Self> {
        let admin_url = postgres_admin_url()?;
        let name = format!("saulet_test_{}", uuid::Uuid::now_v7().simple());
        let admin = connect(&admin_url).await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE template0"))
            .await
            .expect("an empty database");
        let _ = admin.close().await;
        Some(TestDatabase::Postgres {
            url: with_database(&admin_url, &name),
            name,
            admin_url,
        })
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite { url } | TestDatabase::Postgres { url, .. } => url.clone(),
        }
    }

    /// The PostgreSQL database's name; `None` on SQLite.
    pub fn name(&self) -> Option<&str> {
        match self {
            TestDatabase::Sqlite { .. } => None,
            TestDatabase::Postgres { name, .. } => Some(name),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, TestDatabase::Postgres { .. })
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let TestDatabase::Postgres {
            name, admin_url, ..
        } = self
        else {
            return;
        };
        let (name, admin_url) = (name.clone(), admin_url.clone());
        // Drop runs outside async; a short-lived runtime on its own thread does the work.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async {
                let admin = connect(&admin_url).await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
            });
        })
        .join();
    }
}

async fn connect(url: &str) -> DatabaseConnection {
    let mut options = sea_orm::ConnectOptions::new(url);
    options.max_connections(1).sqlx_logging(false);
    Database::connect(options)
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the test PostgreSQL server: {e}"))
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let server = match base.rsplit_once('/') {
        Some((server, _)) if server.contains("//") && !server.ends_with('/') => server,
        _ => base.trim_end_matches('/'),
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

/// The template's name changes with the list of migrations, so a new migration gets a new one.
fn template_name() -> String {
    let names: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    // FNV-1a: stable across runs and processes.
    let hash = names
        .join(",")
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    format!("saulet_tpl_{hash:016x}")
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// Creates the migrated template once per server. Test processes may race (a runner that starts
/// one process per test), so creation runs under an advisory lock, into a scratch database
/// that is renamed only once it is complete.
async fn template(admin_url: &str) -> &'static str {
    TEMPLATE
        .get_or_init(|| async {
            let name = template_name();
            let admin = connect(admin_url).await;
            admin
                .execute_unprepared("SELECT pg_advisory_lock(7256001)")
                .await
                .expect("the template lock");
            let exists = admin
                .query_one(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    format!("SELECT 1 FROM pg_database WHERE datname = '{name}'"),
                ))
                .await
                .expect("a catalogue query")
                .is_some();
            if !exists {
                let scratch = format!("{name}_build_{}", uuid::Uuid::now_v7().simple());
                admin
                    .execute_unprepared(&format!("CREATE DATABASE \"{scratch}\""))
                    .await
                    .expect("create the scratch database");
                let db = connect(&with_database(admin_url, &scratch)).await;
                Migrator::up(&db, None)
                    .await
                    .expect("the migrations apply on PostgreSQL");
                let _ = db.close().await;
                admin
                    .execute_unprepared(&format!(
                        "ALTER DATABASE \"{scratch}\" RENAME TO \"{name}\""
                    ))
                    .await
                    .expect("rename the template");
            }
            admin
                .execute_unprepared("SELECT pg_advisory_unlock(7256001)")
                .await
                .expect("release the template lock");
            let _ = admin.close().await;
            name
        })
        .await
}

async fn create_from_template(admin: &DatabaseConnection, name: &str, template: &str) {
    let sql = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
    for attempt in 0..20 {
        match admin.execute_unprepared(&sql).await {
            Ok(_) => return,
            // Another session still touching the template (a concurrent copy): wait and retry.
            Err(e) if e.to_string().contains("being accessed by other users") && attempt < 19 => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => panic!("cannot create the test database: {e}"),
        }
    }
}

/// `url` with its host and port replaced by `addr` (to route through a [`crate::proxy::TcpProxy`]).
pub fn with_host(url: &str, addr: std::net::SocketAddr) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let userinfo = authority
        .rsplit_once('@')
        .map(|(u, _)| format!("{u}@"))
        .unwrap_or_default();
    format!("{scheme}://{userinfo}{addr}{path}")
}

/// The `host:port` a PostgreSQL URL points at.
pub fn server_addr(url: &str) -> std::net::SocketAddr {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host_port = if host_port.contains(':') {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    };
    let host_port = host_port.replace("localhost", "127.0.0.1");
    host_port
        .parse()
        .unwrap_or_else(|e| panic!("cannot parse {host_port}: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
