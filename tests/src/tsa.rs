//! A real RFC 3161 time-stamping authority for the tests: OpenSSL's `openssl ts -reply`, with
//! the dev PKI's TSA certificate and configuration (`tsa/tsa.cnf`), behind a small HTTP endpoint
//! (RFC 3161 §3.4) on a free local port. Every query is answered by the `openssl` command; only
//! the transport is the tests' own.

use std::{
    path::PathBuf,
    sync::{
        Arc,
        atomic::{AtomicBool, AtomicUsize, Ordering},
    },
};

use actix_web::{App, HttpResponse, HttpServer, web};

use crate::pki::pki;

static SERIAL_FILE: std::sync::Mutex<()> = std::sync::Mutex::new(());

pub struct TestTsa {
    url: String,
    state: Arc<State>,
    _server: actix_web::dev::ServerHandle,
}

struct State {
    config: PathBuf,
    /// While set, every query is answered `503 Service Unavailable`.
    down: AtomicBool,
    answered: AtomicUsize,
}

impl TestTsa {
    /// Starts a TSA signing with the test PKI's TSA certificate.
    pub async fn start() -> Self {
        let state = Arc::new(State {
            config: pki().files.tsa_config.clone(),
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
        .bind(("127.0.0.1", 0))
        .expect("a free port for the TSA");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        tokio::spawn(server);
        Self {
            url: format!("http://{addr}/"),
            state,
            _server: handle,
        }
    }

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
}

async fn reply(state: web::Data<State>, query: web::Bytes) -> HttpResponse {
    if state.down.load(Ordering::SeqCst) {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let config = state.config.clone();
    let answer = tokio::task::spawn_blocking(move || {
        // Every TSA of the test process shares the PKI's one serial file, which `openssl ts
        // -reply` reads and rewrites: one reply at a time across all of them.
        let _one_at_a_time = SERIAL_FILE
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let (tsq, tsr) = (dir.path().join("query.tsq"), dir.path().join("reply.tsr"));
        std::fs::write(&tsq, &query).map_err(|e| e.to_string())?;
        let out = std::process::Command::new("openssl")
            .args(["ts", "-reply", "-config"])
            .arg(&config)
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
    })
    .await;
    match answer {
        Ok(Ok(reply)) => {
            state.answered.fetch_add(1, Ordering::SeqCst);
            HttpResponse::Ok()
                .content_type("application/timestamp-reply")
                .body(reply)
        }
        Ok(Err(why)) => HttpResponse::BadRequest().body(why),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}
