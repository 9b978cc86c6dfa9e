//! The bottom of the layer table (docs/architecture.md): what every part of Saulet stands on.
//! The kernel's modules (`clock`, `i18n`, `request_context`, `error`, `db`, `secrets` and this
//! one) import nothing above themselves; the layering test in `tests/tests/architecture.rs`
//! fails on any import that points up.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
    time::Duration,
};

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::clock::SharedClock;

/// What every area's context holds: the database, its read replicas and the injected clock. A
/// test builds one on in-memory SQLite with a manual clock and calls an area's rules without an
/// HTTP server.
#[derive(Clone)]
pub struct Core {
    /// The primary: every write, and every read that must see the latest data.
    pub db: DatabaseConnection,
    pub clock: SharedClock,
    /// Read replicas (`database.replica_urls`), if any.
    pub replicas: Option<Replicas>,
}

/// Streaming replicas for read-mostly pages, with whether each answers now.
#[derive(Clone)]
pub struct Replicas {
    pools: Arc<[Replica]>,
    next: Arc<AtomicUsize>,
    /// How long after a session writes its reads stay on the primary.
    pub read_your_writes: Duration,
}

pub struct Replica {
    pub db: DatabaseConnection,
    /// Kept up to date by [`crate::db::spawn_replica_watch`]; shared by the workers' pools of
    /// the same replica.
    pub healthy: Arc<AtomicBool>,
}

impl Replicas {
    pub fn new(pools: Vec<DatabaseConnection>, read_your_writes: Duration) -> Self {
        Self {
            pools: pools
                .into_iter()
                .map(|db| Replica {
                    db,
                    healthy: Arc::new(AtomicBool::new(true)),
                })
                .collect(),
            next: Arc::default(),
            read_your_writes,
        }
    }

    /// The same replicas, in order, through `pools` (an HTTP worker's own), with the same
    /// health; `None` unless there is one pool per replica.
    fn through(&self, pools: Vec<DatabaseConnection>) -> Option<Self> {
        (pools.len() == self.pools.len()).then(|| Self {
            pools: self
                .pools
                .iter()
                .zip(pools)
                .map(|(replica, db)| Replica {
                    db,
                    healthy: replica.healthy.clone(),
                })
                .collect(),
            next: self.next.clone(),
            read_your_writes: self.read_your_writes,
        })
    }

    pub fn all(&self) -> &[Replica] {
        &self.pools
    }

    /// A healthy replica, in turn; `None` when none answers.
    fn pick(&self) -> Option<&DatabaseConnection> {
        let n = self.pools.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        (0..n)
            .map(|i| &self.pools[(start + i) % n])
            .find(|r| r.healthy.load(Ordering::Relaxed))
            .map(|r| &r.db)
    }
}

impl Core {
    pub fn new(db: DatabaseConnection, clock: SharedClock) -> Self {
        Self {
            db,
            clock,
            replicas: None,
        }
    }

    /// The same, reading read-mostly pages from `replicas`.
    pub fn with_replicas(mut self, replicas: Option<Replicas>) -> Self {
        self.replicas = replicas;
        self
    }

    /// The same, with its statements on an HTTP worker's own pools (`crate::db::worker_pools`):
    /// `db` for the primary, `replicas` for the replicas in order.
    pub fn through(&self, db: DatabaseConnection, replicas: Vec<DatabaseConnection>) -> Self {
        Self {
            db,
            clock: self.clock.clone(),
            replicas: self
                .replicas
                .as_ref()
                .map(|r| r.through(replicas).unwrap_or_else(|| r.clone())),
        }
    }

    /// Where a read-mostly page reads: a healthy replica, unless the caller wrote recently
    /// (read-your-writes) or no replica answers; the primary otherwise.
    pub fn reader(&self) -> &DatabaseConnection {
        match &self.replicas {
            Some(replicas) if !crate::request_context::reads_primary() => {
                replicas.pick().unwrap_or(&self.db)
            }
            _ => &self.db,
        }
    }

    /// How long a session's reads stay on the primary after it writes; `None` without replicas.
    pub fn read_your_writes(&self) -> Option<Duration> {
        self.replicas.as_ref().map(|r| r.read_your_writes)
    }

    /// The injected clock's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
