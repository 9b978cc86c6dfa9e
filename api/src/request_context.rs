//! What the request being served knows about itself (its id, path, language and statement count),
//! reachable from anywhere on its task: errors render their problem in the request's language and
//! name its id, and the database counts statements against it. The `http` middleware sets it.

use std::{
    net::IpAddr,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicU32, Ordering},
    },
};

use crate::i18n::Lang;

/// What the rest of the request knows about itself.
#[derive(Debug, Clone)]
pub struct RequestContext {
    pub id: String,
    pub path: String,
    pub lang: Lang,
    /// SQL statements sent while answering (see [`count_statement`]).
    pub statements: Arc<AtomicU32>,
    /// Who is calling, as far as the trusted proxies tell.
    pub client: ClientAddress,
    /// Set when this request's reads must see the primary (its caller wrote recently).
    pub reads_primary: Arc<AtomicBool>,
}

/// The client's address: the TCP peer, or what trusted proxies forwarded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress {
    pub ip: IpAddr,
    /// Taken from `Forwarded`/`X-Forwarded-For` written by a trusted proxy.
    pub forwarded: bool,
}

impl ClientAddress {
    /// The client of the request being served on this task, if any.
    pub fn current() -> Option<ClientAddress> {
        CURRENT.try_with(|c| c.client).ok()
    }
}

tokio::task_local! {
    static CURRENT: RequestContext;
}

/// The context of the request being served on this task, if any.
pub fn current() -> Option<RequestContext> {
    CURRENT.try_with(Clone::clone).ok()
}

/// Counts one SQL statement against the request being served on this task (the database's
/// per-statement callback calls this; work outside a request is not counted).
pub fn count_statement() {
    let _ = CURRENT.try_with(|c| c.statements.fetch_add(1, Ordering::Relaxed));
}

/// Sends the rest of this request's reads to the primary database (read-your-writes).
pub fn read_from_primary() {
    let _ = CURRENT.try_with(|c| c.reads_primary.store(true, Ordering::Relaxed));
}

/// Whether this request's reads must go to the primary.
pub fn reads_primary() -> bool {
    CURRENT
        .try_with(|c| c.reads_primary.load(Ordering::Relaxed))
        .unwrap_or(false)
}

/// Runs `work` with `context` as the current request's.
pub async fn scope<F: std::future::Future>(context: RequestContext, work: F) -> F::Output {
    CURRENT.scope(context, work).await
}
