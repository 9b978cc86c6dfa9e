//! The demo time-stamping authority: RFC 3161 over HTTP (§3.4: `POST` an
//! `application/timestamp-query`, get an `application/timestamp-reply`), every answer made by
//! OpenSSL's `openssl ts -reply` with the demo PKI's TSA certificate and configuration
//! (`tsa/tsa.cnf`). `saulet dev-tsa` serves it for `make run`, and the tests start one per app.
//! Never for production: configure the national TSA there (docs/eds.md).

use std::{
    net::SocketAddr,
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
};

use actix_web::{App, HttpResponse, HttpServer, web};

/// `openssl ts -reply` reads and rewrites the configuration's serial file: one reply at a time
/// in the process, whichever TSA asks.
static SERIAL_FILE: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A running demo TSA.
pub struct DevTsa {
    url: String,
    state: Arc<State>,
    server: actix_web::dev::ServerHandle,
}

struct State {
    config: PathBuf,
    /// While set, every query is answered `503 Service Unavailable`.
    down: AtomicBool,
    answered: AtomicUsize,
}

impl DevTsa {
    /// Starts a TSA answering with `config` (an `openssl ts -reply` configuration) on `addr`
    /// (port 0: a free one), on the current runtime.
    pub fn start(config: PathBuf, addr: SocketAddr) -> std::io::Result<Self> {
        let state = Arc::new(State {
            config,
            down: AtomicBool::new(false),
            answered: AtomicUsize::new(0),
        });
        let shared = web::Data::from(state.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(shared.clone())
                .app_data(web::PayloadConfig::new(64 * 1024))
                .route("/", web::post().to(reply))
        })
        .workers(1)
        .disable_signals()
        .bind(addr)?;
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Ok(Self {
            url: format!("http://{addr}/"),
            state,
            server: handle,
        })
    }

    /// Where to send queries (`eds.tsa_url`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Makes the TSA answer 503 (`true`) or work again (`false`).
    pub fn set_down(&self, down: bool) {
        self.state.down.store(down, Ordering::SeqCst);
    }

    /// How many tokens it has issued.
    pub fn answered(&self) -> usize {
        self.state.answered.load(Ordering::SeqCst)
    }

    /// Stops accepting queries and finishes those in flight.
    pub async fn stop(&self) {
        self.server.stop(true).await;
    }
}

async fn reply(state: web::Data<State>, query: web::Bytes) -> HttpResponse {
    if state.down.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let config = state.config.clone();
    let answer = web::block(move || ts_reply(&config, &query)).await;
    match answer {
        Ok(Ok(reply)) => {
            state.answered.fetch_add(1, Ordering::SeqCst);
            HttpResponse::Ok()
                .content_type("application/timestamp-reply")
                .body(reply)
        }
        // `openssl ts -reply` refused the query (not DER, an unknown policy or digest).
        Ok(Err(why)) => HttpResponse::BadRequest().body(why),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

/// `openssl ts -reply -config <config> -queryfile <query> -out <reply>`.
fn ts_reply(config: &std::path::Path, query: &[u8]) -> Result<Vec<u8>, String> {
    let _one_at_a_time = SERIAL_FILE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let (tsq, tsr) = (dir.path().join("query.tsq"), dir.path().join("reply.tsr"));
    std::fs::write(&tsq, query).map_err(|e| e.to_string())?;
    let out = std::process::Command::new("openssl")
        .args(["ts", "-reply", "-config"])
        .arg(config)
        .arg("-queryfile")
        .arg(&tsq)
        .arg("-out")
        .arg(&tsr)
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    std::fs::read(&tsr).map_err(|e| e.to_string())
}
