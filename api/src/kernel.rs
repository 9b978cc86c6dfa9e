//! The bottom of the layer table (docs/architecture.md): what every part of Saulet stands on.
//! The kernel's modules (`clock`, `i18n`, `request_context`, `error`, `db`, `secrets` and this
//! one) import nothing above themselves; the layering test in `tests/tests/architecture.rs`
//! fails on any import that points up.

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;

use crate::clock::SharedClock;

/// What every area's context holds: the database and the injected clock. A test builds one on
/// in-memory SQLite with a manual clock and calls an area's rules without an HTTP server.
#[derive(Clone)]
pub struct Core {
    pub db: DatabaseConnection,
    pub clock: SharedClock,
}

impl Core {
    pub fn new(db: DatabaseConnection, clock: SharedClock) -> Self {
        Self { db, clock }
    }

    /// The injected clock's now.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}
