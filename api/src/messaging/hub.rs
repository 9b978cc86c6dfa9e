//! The live notification stream (`GET /notifications/stream`, Server-Sent Events).
//!
//! A [`Hub`] wakes the streams of an account when something new is stored for it. On PostgreSQL
//! the wake-up travels through `NOTIFY saulet_notifications` sent inside the writer's transaction,
//! so it is delivered only after the commit, and to every node (each node LISTENs): a stream open
//! on node B hears of a notice written on node A. On SQLite (one node) the writer wakes the hub
//! directly, and every stream also re-checks once a second, which covers a wake-up that arrived
//! before the writer's commit. Either way the stream reads what is new from the database, so
//! nothing is lost if a wake-up is.

use std::{sync::Arc, time::Duration};

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use tokio::sync::broadcast;
use uuid::Uuid;

pub const CHANNEL: &str = "saulet_notifications";

#[derive(Debug)]
pub struct Hub {
    sender: broadcast::Sender<Uuid>,
    backend: DatabaseBackend,
}

impl Hub {
    pub fn new(backend: DatabaseBackend) -> Arc<Self> {
        let (sender, _) = broadcast::channel(1024);
        Arc::new(Self { sender, backend })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Uuid> {
        self.sender.subscribe()
    }

    /// How often an idle stream re-reads on its own: often on SQLite (see the module doc),
    /// rarely on PostgreSQL where NOTIFY is transactional.
    pub fn recheck_every(&self) -> Duration {
        match self.backend {
            DatabaseBackend::Postgres => Duration::from_secs(15),
            _ => Duration::from_secs(1),
        }
    }

    /// Tells the streams of `account` that something is new, within the writer's transaction.
    pub async fn announce<C: ConnectionTrait>(
        &self,
        conn: &C,
        account: Uuid,
    ) -> Result<(), sea_orm::DbErr> {
        if self.backend == DatabaseBackend::Postgres {
            conn.execute(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), account.to_string().into()],
            ))
            .await?;
        } else {
            let _ = self.sender.send(account);
        }
        Ok(())
    }

    /// [`Hub::announce`] for several accounts (the reviewers of a department), in one statement.
    pub async fn announce_each<C: ConnectionTrait>(
        &self,
        conn: &C,
        accounts: &[Uuid],
    ) -> Result<(), sea_orm::DbErr> {
        if accounts.is_empty() {
            return Ok(());
        }
        if self.backend == DatabaseBackend::Postgres {
            let listed = accounts
                .iter()
                .map(Uuid::to_string)
                .collect::<Vec<_>>()
                .join(",");
            conn.execute(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, account) FROM unnest(string_to_array($2, ',')) AS account",
                [CHANNEL.into(), listed.into()],
            ))
            .await?;
        } else {
            for account in accounts {
                let _ = self.sender.send(*account);
            }
        }
        Ok(())
    }

    /// Tells every stream to look for something new (an announcement to many accounts): one
    /// wake-up instead of one per recipient. A stream of someone else re-reads and finds nothing.
    pub async fn announce_to_all<C: ConnectionTrait>(
        &self,
        conn: &C,
    ) -> Result<(), sea_orm::DbErr> {
        self.announce(conn, Uuid::nil()).await
    }

    fn wake(&self, account: Uuid) {
        let _ = self.sender.send(account);
    }
}

/// On PostgreSQL: LISTENs for wake-ups from every node and passes them to the hub, reconnecting
/// when the connection drops. Ends when `shutdown` is cancelled, so a graceful shutdown does not
/// wait on a LISTEN that never returns.
pub fn spawn_listener(
    db: &DatabaseConnection,
    hub: Arc<Hub>,
    shutdown: tokio_util::sync::CancellationToken,
) -> Option<tokio::task::JoinHandle<()>> {
    let pool = match db {
        DatabaseConnection::SqlxPostgresPoolConnection(_) => {
            db.get_postgres_connection_pool().clone()
        }
        _ => return None,
    };
    Some(tokio::spawn(async move {
        let listen = async {
            loop {
                match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await {
                    Ok(mut listener) => {
                        if listener.listen(CHANNEL).await.is_ok() {
                            while let Ok(notification) = listener.recv().await {
                                if let Ok(account) = notification.payload().parse() {
                                    hub.wake(account);
                                }
                            }
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "cannot LISTEN for notifications; retrying");
                    }
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        };
        tokio::select! {
            () = shutdown.cancelled() => {}
            () = listen => {}
        }
    }))
}
