//! Database connection, migrations and health. SQLite is the embedded default (a file under
//! `data/`, created on first start); PostgreSQL is the production database. Both run the same
//! migrations (crate `saulet-migrations`).

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use saulet_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(default)]
pub struct DatabaseSettings {
    /// `sqlite://…` or `postgres://…`. Unset means the embedded SQLite file
    /// `<data_dir>/saulet.db`.
    pub url: Option<SecretString>,
    /// Apply pending migrations when `saulet serve` starts.
    pub migrate_on_start: bool,
    /// The shared pool's size: start-up, background work (outbox, webhooks, reminders,
    /// time-stamps) and the few request paths that hold the database outside a worker's
    /// context (the evidence log, the legal hold's query).
    pub max_connections: u32,
    pub min_connections: u32,
    /// Each HTTP worker's own pool, for the statements of the requests it serves (PostgreSQL;
    /// SQLite keeps its one connection). See [`worker_pools`].
    pub worker_connections: u32,
    pub connect_timeout_secs: u64,
    /// How long a request waits for a pooled connection before it fails with 503.
    pub acquire_timeout_secs: u64,
    /// PostgreSQL streaming replicas the read-mostly pages read from (lists, the public
    /// register and figures, the public verification). Empty: everything reads the primary.
    pub replica_urls: Vec<SecretString>,
    /// After a session writes, its reads stay on the primary this long, so it never reads a
    /// replica that has not caught up with its own write.
    pub read_your_writes_secs: u64,
}

impl Default for DatabaseSettings {
    fn default() -> Self {
        Self {
            url: None,
            migrate_on_start: true,
            max_connections: 8,
            min_connections: 0,
            worker_connections: 8,
            connect_timeout_secs: 5,
            acquire_timeout_secs: 5,
            replica_urls: Vec::new(),
            read_your_writes_secs: 10,
        }
    }
}

impl DatabaseSettings {
    /// The database URL in force: the configured one, or the embedded SQLite file in `data_dir`.
    pub fn url_in(&self, data_dir: &Path) -> SecretString {
        match &self.url {
            Some(url) => url.clone(),
            None => SecretString::from(format!(
                "sqlite://{}?mode=rwc",
                PathBuf::from(data_dir).join("saulet.db").display()
            )),
        }
    }
}

/// Opens the connection pool. For SQLite the file's folder is created, and the connections use
/// WAL, foreign keys and a busy timeout, so readers never block the writer.
pub async fn connect(
    settings: &DatabaseSettings,
    data_dir: &Path,
) -> Result<DatabaseConnection, DbErr> {
    let url = settings.url_in(data_dir);
    let url = url.expose_secret();
    let folder = sqlite_file(url)
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty());
    if let Some(folder) = folder {
        std::fs::create_dir_all(folder).map_err(|e| {
            DbErr::Custom(format!(
                "cannot create the database folder {}: {e}",
                folder.display()
            ))
        })?;
    }
    // SQLite has one writer. A deferred transaction that turns into a write while another
    // connection writes fails at once with "database is locked" (the busy timeout cannot help an
    // upgrade), and sea-orm cannot begin SQLite transactions IMMEDIATE. One connection makes
    // requests queue for the database instead of failing; PostgreSQL uses the whole pool.
    let max_connections = if sqlite_file(url).is_some() || url.starts_with("sqlite:") {
        1
    } else {
        settings.max_connections
    };
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .min_connections(settings.min_connections.min(max_connections))
        .connect_timeout(Duration::from_secs(settings.connect_timeout_secs))
        .acquire_timeout(Duration::from_secs(settings.acquire_timeout_secs))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5))
        });
    let mut db = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        postgres_pool(url, settings).await?
    } else {
        Database::connect(options).await?
    };
    counted(&mut db);
    Ok(db)
}

/// Counts each statement `db` runs towards the request running it (`request_context`).
fn counted(db: &mut DatabaseConnection) {
    db.set_metric_callback(|_| crate::request_context::count_statement());
}

/// The replicas' pools (each as large as the primary's; waiting at most 1 s for a connection, so
/// a replica in trouble sends its reads to the primary quickly). `None` without replicas.
pub async fn connect_replicas(
    settings: &DatabaseSettings,
) -> Result<Option<crate::kernel::Replicas>, DbErr> {
    if settings.replica_urls.is_empty() {
        return Ok(None);
    }
    let replica_settings = DatabaseSettings {
        acquire_timeout_secs: 1,
        ..settings.clone()
    };
    let mut pools = Vec::new();
    for url in &settings.replica_urls {
        let mut db = postgres_pool(url.expose_secret(), &replica_settings).await?;
        counted(&mut db);
        pools.push(db);
    }
    Ok(Some(crate::kernel::Replicas::new(
        pools,
        Duration::from_secs(settings.read_your_writes_secs),
    )))
}

/// Asks each replica every second whether it answers; one that does not is left out of reads
/// (they go to the primary) until it answers again.
pub fn spawn_replica_watch(
    replicas: crate::kernel::Replicas,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    use std::sync::atomic::Ordering;
    tokio::spawn(async move {
        loop {
            for replica in replicas.all() {
                let answers = matches!(
                    tokio::time::timeout(
                        Duration::from_secs(1),
                        replica.db.execute_unprepared("SELECT 1")
                    )
                    .await,
                    Ok(Ok(_))
                );
                let was = replica.healthy.swap(answers, Ordering::Relaxed);
                if was != answers {
                    if answers {
                        tracing::info!("a read replica answers again; reads go to it");
                    } else {
                        tracing::warn!(
                            "a read replica does not answer; its reads go to the primary"
                        );
                    }
                }
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    })
}

/// A pooled PostgreSQL connection idle for this long is pinged before it is used again.
const IDLE_PING_AFTER: Duration = Duration::from_secs(2);

/// PostgreSQL's pool. By default sqlx pings every connection it hands out, and again every
/// connection it takes back: two more round trips (and wake-ups of the server process) per
/// statement, each as much again as a primary-key read itself. Here a connection is pinged
/// before use only after it has been idle for [`IDLE_PING_AFTER`], when a database restart or a
/// dropped link could have killed it unnoticed. On its way back, our patched sqlx
/// (vendor/README.md) only finishes what the last exchange left open: it sends the queued
/// ROLLBACK of a dropped transaction and reads what the server still owes, so a connection that
/// broke while in use fails there and is discarded (its statement got a 503); a clean one goes
/// back without I/O. Both are tested in tests/tests/faults.rs.
async fn postgres_pool(
    url: &str,
    settings: &DatabaseSettings,
) -> Result<DatabaseConnection, DbErr> {
    use sea_orm::{RuntimeErr, SqlxPostgresConnector};
    let conn_err = |e| DbErr::Conn(RuntimeErr::SqlxError(e));
    let pool = postgres_options(settings.max_connections, settings.min_connections, settings)
        .connect_with(postgres_url(url).map_err(conn_err)?)
        .await
        .map_err(conn_err)?;
    Ok(SqlxPostgresConnector::from_sqlx_postgres_pool(pool))
}

/// A PostgreSQL URL's options, without sqlx's logging of every statement.
fn postgres_url(
    url: &str,
) -> Result<sea_orm::sqlx::postgres::PgConnectOptions, sea_orm::sqlx::Error> {
    use sea_orm::sqlx::{ConnectOptions as _, postgres::PgConnectOptions};
    Ok(url.parse::<PgConnectOptions>()?.disable_statement_logging())
}

/// The pool options every PostgreSQL pool shares (see [`postgres_pool`]).
fn postgres_options(
    max: u32,
    min: u32,
    settings: &DatabaseSettings,
) -> sea_orm::sqlx::pool::PoolOptions<sea_orm::sqlx::Postgres> {
    use sea_orm::sqlx::{Connection as _, postgres::PgPoolOptions};
    PgPoolOptions::new()
        .max_connections(max)
        .min_connections(min.min(max))
        .acquire_timeout(Duration::from_secs(settings.acquire_timeout_secs))
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= IDLE_PING_AFTER {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
}

/// One HTTP worker's own pools: the primary's and each replica's, `worker_connections` each,
/// opened lazily by the worker itself; `None` on SQLite (one connection, shared by all).
///
/// Each HTTP worker runs its own single-threaded runtime, and a connection's socket belongs to
/// the runtime that opened it: only that runtime's I/O driver sees it become readable. A pool
/// shared by all workers hands a worker connections opened by another, so each answer from the
/// database waited for the other worker's thread to notice it and wake this one: under load the
/// machine stood idle between those wake-ups (docs/benchmarks.md). A worker's own pool keeps
/// each statement on one thread.
pub fn worker_pools(
    settings: &DatabaseSettings,
    data_dir: &Path,
) -> Option<(DatabaseConnection, Vec<DatabaseConnection>)> {
    let url = settings.url_in(data_dir);
    let url = url.expose_secret();
    if !(url.starts_with("postgres:") || url.starts_with("postgresql:")) {
        return None;
    }
    let lazy = |url: &str| {
        let db = postgres_options(settings.worker_connections.max(1), 0, settings)
            .connect_lazy_with(postgres_url(url).ok()?);
        let mut db = sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(db);
        counted(&mut db);
        Some(db)
    };
    let primary = lazy(url)?;
    let replicas = settings
        .replica_urls
        .iter()
        .map(|replica| lazy(replica.expose_secret()))
        .collect::<Option<Vec<_>>>()?;
    Some((primary, replicas))
}

/// The file behind a `sqlite://` URL, unless it is an in-memory database.
fn sqlite_file(url: &str) -> Option<&Path> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && !path.contains(":memory:")).then(|| Path::new(path))
}

/// A moment as the databases keep it: microseconds. PostgreSQL stores microseconds and would
/// round a nanosecond clock reading, so a row written "now" could look not yet due to a query
/// asking at the same "now"; truncating everywhere keeps both databases exact.
pub fn stamp(at: chrono::DateTime<chrono::Utc>) -> chrono::DateTime<chrono::Utc> {
    chrono::SubsecRound::trunc_subsecs(at, 6)
}

/// The SQL text of a statement whose shape never changes, built once per database kind. sea-query
/// writes the same text on every request of a kind (only the bound values differ), and writing it
/// (quoting every column name) was a tenth of the server's CPU for a read of a few rows.
///
/// In debug builds, which the tests run, every use builds the statement again and checks that the
/// text is the one kept and that `values` are the ones it binds, in its order.
pub struct BuiltOnce {
    postgres: std::sync::OnceLock<String>,
    sqlite: std::sync::OnceLock<String>,
}

impl BuiltOnce {
    pub const fn new() -> Self {
        Self {
            postgres: std::sync::OnceLock::new(),
            sqlite: std::sync::OnceLock::new(),
        }
    }

    /// The statement `build` makes for `backend` with `values`, from the text kept for the kind.
    pub fn statement(
        &self,
        backend: sea_orm::DbBackend,
        values: Vec<sea_orm::Value>,
        build: impl FnOnce(sea_orm::DbBackend) -> sea_orm::Statement,
    ) -> sea_orm::Statement {
        let kept = match backend {
            sea_orm::DbBackend::Postgres => &self.postgres,
            _ => &self.sqlite,
        };
        if cfg!(debug_assertions) {
            let built = build(backend);
            let sql = kept.get_or_init(|| built.sql.clone());
            assert_eq!(sql, &built.sql, "a statement built once changed its shape");
            assert_eq!(
                built.values.as_ref().map(|v| &v.0),
                Some(&values),
                "the values given are not the ones the statement binds"
            );
            return sea_orm::Statement::from_sql_and_values(backend, sql.as_str(), values);
        }
        let sql = kept.get_or_init(|| build(backend).sql);
        sea_orm::Statement::from_sql_and_values(backend, sql.as_str(), values)
    }
}

impl Default for BuiltOnce {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a database error is the violation of a unique constraint (a lost race for a
/// unique value), which callers turn into a 409.
pub fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A user's search text as a `LIKE` pattern matching it anywhere, case-insensitively (compare it
/// with the lower-cased column, `ESCAPE '\\'`): trimmed, at most 100 characters, wildcards
/// escaped so `%` and `_` are literal. `None` for empty text; 400 `invalid-query` for control
/// characters (Unicode's Cc, anywhere, as the spec's pattern for `q` says), which one database would truncate at (a NUL widening the search to everything) and
/// the other would refuse.
pub fn search_pattern(text: Option<&str>) -> Result<Option<String>, crate::error::ApiError> {
    // Anywhere in the text, as the spec's pattern says (a tab or a newline too).
    if text.is_some_and(|t| t.chars().any(char::is_control)) {
        return Err(crate::error::ApiError::InvalidQuery(
            "the search text contains control characters".into(),
        ));
    }
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let escaped = text
        .chars()
        .take(100)
        .collect::<String>()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Ok(Some(format!("%{escaped}%")))
}

/// Cursor pagination over UUID v7 ids, newest first. Callers fetch `limit + 1` rows after the
/// cursor; this keeps `limit` of them and, when there was one more, names the last kept id as the
/// next cursor.
pub fn page<T>(
    mut rows: Vec<T>,
    limit: u64,
    id: impl Fn(&T) -> uuid::Uuid,
) -> (Vec<T>, Option<String>) {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() <= limit {
        return (rows, None);
    }
    rows.truncate(limit);
    let next = rows.last().map(|row| id(row).to_string());
    (rows, next)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// A migrated database in memory, for tests that call an area's rules without a server.
#[cfg(test)]
pub async fn in_memory() -> DatabaseConnection {
    let settings = DatabaseSettings {
        url: Some(SecretString::from("sqlite::memory:")),
        ..DatabaseSettings::default()
    };
    let db = connect(&settings, Path::new("."))
        .await
        .expect("in-memory SQLite opens");
    migrate(&db).await.expect("the migrations run");
    db
}

/// Asks the database to answer; bounded so a hung connection cannot hang readiness.
pub async fn ping(db: &DatabaseConnection) -> Result<(), DbErr> {
    match tokio::time::timeout(Duration::from_secs(3), db.execute_unprepared("SELECT 1")).await {
        Ok(result) => result.map(|_| ()),
        Err(_) => Err(DbErr::Custom(
            "the database did not answer within 3 s".into(),
        )),
    }
}

/// Deserializes a query's `limit`, refusing (400 `invalid-query`) a value outside `1..=MAX`
/// rather than clamping it: the spec states the range, and the server keeps to it.
pub fn limit_within<'de, D, const MAX: u64>(deserializer: D) -> Result<Option<u64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::{Deserialize, de::Error};
    match Option::<u64>::deserialize(deserializer)? {
        Some(n) if n == 0 || n > MAX => Err(D::Error::custom(format!(
            "`limit` is from 1 to {MAX}, not {n}"
        ))),
        value => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_number(backend: sea_orm::DbBackend, number: &str) -> sea_orm::Statement {
        use sea_orm::sea_query::{Alias, Expr, Query};
        let mut query = Query::select();
        query
            .column(Alias::new("id"))
            .from(Alias::new("things"))
            .and_where(Expr::col(Alias::new("number")).eq(number));
        backend.build(&query)
    }

    #[test]
    fn a_statement_built_once_keeps_its_text_per_database_and_binds_each_calls_values() {
        static ONCE: BuiltOnce = BuiltOnce::new();
        for backend in [sea_orm::DbBackend::Postgres, sea_orm::DbBackend::Sqlite] {
            for number in ["AST-2027-000001", "AST-2027-000002"] {
                let statement =
                    ONCE.statement(backend, vec![number.into()], |b| by_number(b, number));
                assert_eq!(statement.sql, by_number(backend, number).sql);
                assert_eq!(statement.values, by_number(backend, number).values);
            }
        }
        assert_ne!(
            ONCE.statement(sea_orm::DbBackend::Postgres, vec!["x".into()], |b| {
                by_number(b, "x")
            })
            .sql,
            ONCE.statement(sea_orm::DbBackend::Sqlite, vec!["x".into()], |b| by_number(
                b, "x"
            ))
            .sql,
            "each database kind keeps its own text"
        );
    }

    #[test]
    #[should_panic(expected = "the values given are not the ones the statement binds")]
    fn values_that_are_not_the_ones_the_statement_binds_are_caught_in_tests() {
        static ONCE: BuiltOnce = BuiltOnce::new();
        ONCE.statement(sea_orm::DbBackend::Postgres, vec!["other".into()], |b| {
            by_number(b, "mine")
        });
    }

    #[test]
    fn a_page_names_its_next_cursor_only_when_more_rows_exist() {
        let ids: Vec<uuid::Uuid> = (0..3).map(|_| uuid::Uuid::now_v7()).collect();
        let (kept, next) = page(ids.clone(), 2, |id| *id);
        assert_eq!(kept, ids[..2]);
        assert_eq!(next, Some(ids[1].to_string()));
        let (kept, next) = page(ids.clone(), 3, |id| *id);
        assert_eq!((kept.len(), next), (3, None));
    }

    #[test]
    fn search_text_is_literal_and_control_characters_are_refused() {
        assert_eq!(search_pattern(Some("  ")).ok(), Some(None));
        assert_eq!(
            search_pattern(Some("50%_a\\b")).ok().flatten().as_deref(),
            Some("%50\\%\\_a\\\\b%")
        );
        assert!(search_pattern(Some("a\u{0}b")).is_err());
    }

    #[test]
    fn finds_the_file_of_a_sqlite_url() {
        assert_eq!(
            sqlite_file("sqlite://data/saulet.db?mode=rwc"),
            Some(Path::new("data/saulet.db"))
        );
        assert_eq!(
            sqlite_file("sqlite:/tmp/x.db"),
            Some(Path::new("/tmp/x.db"))
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://db/saulet"), None);
    }
}
