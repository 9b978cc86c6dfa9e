//! Builds the application: database, migrations, routes and middleware, bound to a port.
//! `Application::build` binds first and exposes [`Application::port`], so tests start the real
//! server on port 0 and learn where it listens.

use std::{net::TcpListener, sync::Arc};

use actix_web::{
    App, HttpResponse, HttpServer,
    dev::Server,
    middleware::{Condition, from_fn},
    web,
};
use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use utoipa_actix_web::{AppExt, service_config::ServiceConfig};
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    accounts::{self, admin::StateRegistry, tokens::TokenKeys},
    clock::{SharedClock, SystemClock},
    config::Config,
    consents, db,
    eds::{EdsVerifier, spawn_crl_refresh},
    error::ApiError,
    http::{cors, fallback, headers, json::JsonLimit, rate_limit, request_context, spa},
    notifications::{
        self,
        links::LinkSigner,
        mailer,
        service::{Notifier, spawn_announcement_worker},
        sse::{self, Hub},
    },
    openapi, ops,
};

/// What every handler can reach.
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub clock: SharedClock,
    pub tokens: Arc<TokenKeys>,
    /// `None` when no trust anchors are configured: EDS endpoints then answer 503.
    pub eds: Option<Arc<EdsVerifier>>,
    pub registry: Option<Arc<dyn StateRegistry>>,
    /// Signs unsubscribe links and stream tickets.
    pub links: Arc<LinkSigner>,
    /// Wakes the live notification streams.
    pub hub: Arc<Hub>,
    /// Whether an account has accepted the agreements in force (wired to the consents area).
    pub consent_gate: Arc<dyn accounts::auth::ConsentGate>,
    /// Whether an account has obligations in progress (wired to the permits area when it exists).
    pub legal_hold: Arc<dyn consents::service::LegalHold>,
    /// Request, database and outbox metrics (`GET /metrics`).
    pub metrics: Arc<crate::ops::metrics::Metrics>,
    /// Permit types and organisations recently read.
    pub catalogue: crate::permits::catalogue::Cache,
}

impl AppState {
    pub fn eds(&self) -> Result<&EdsVerifier, ApiError> {
        self.eds.as_deref().ok_or_else(|| {
            ApiError::ServiceUnavailable(
                "EDS sign-in is not configured on this server (eds.anchors)".into(),
            )
        })
    }

    /// An absolute link for emails.
    pub fn mail_link(&self, path: &str) -> String {
        self.config.mail.link(path)
    }

    /// What `notifications::service::notify` needs, at the injected clock's now.
    pub fn notifier(&self) -> Notifier<'_> {
        Notifier {
            links: &self.links,
            mail: &self.config.mail,
            hub: &self.hub,
            now: self.clock.now(),
        }
    }
}

/// Registers every documented API handler under `/api/v1`. The OpenAPI document is built from
/// this same function, so a handler cannot be served without being documented.
pub fn api_routes(cfg: &mut ServiceConfig) {
    cfg.service(ops::routes::live).service(ops::routes::ready);
    accounts::routes::configure(cfg);
    notifications::routes::configure(cfg);
    consents::routes::configure(cfg);
    crate::permits::routes::configure(cfg);
}

/// Documented routes outside `/api/v1` (well-known addresses).
pub fn root_routes(cfg: &mut ServiceConfig) {
    cfg.service(accounts::routes::jwks)
        .service(ops::routes::metrics);
}

/// What tests (and embedders) may replace: the clock, the state registry, extra routes.
pub struct Overrides {
    pub clock: SharedClock,
    pub registry: Option<Arc<dyn StateRegistry>>,
    pub extra_routes: ExtraRoutes,
    pub legal_hold: Option<Arc<dyn consents::service::LegalHold>>,
}

impl Default for Overrides {
    fn default() -> Self {
        Self {
            clock: Arc::new(SystemClock),
            registry: None,
            extra_routes: |_| {},
            legal_hold: None,
        }
    }
}

/// Extra, undocumented routes mounted under `/api/v1`; only the tests use this, to exercise
/// the shared extractors on a route of their own.
pub type ExtraRoutes = fn(&mut web::ServiceConfig);

pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    shutdown: tokio_util::sync::CancellationToken,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with(config, Overrides::default()).await
    }

    pub async fn build_with(config: Config, overrides: Overrides) -> anyhow::Result<Self> {
        let db = db::connect(&config)
            .await
            .context("cannot connect to the database")?;
        if config.database.migrate_on_start {
            db::migrate(&db)
                .await
                .context("cannot apply the migrations")?;
            crate::permits::service::seed(&db, overrides.clock.now())
                .await
                .context("cannot seed the permit catalogue and calendar")?;
        }
        let tokens = TokenKeys::load_or_generate(
            config.auth.jwt_private_key_file.as_deref(),
            &config.data_dir,
        )?;
        let clock = overrides.clock;
        let mut workers = Vec::new();
        let shutdown = tokio_util::sync::CancellationToken::new();
        let eds = if config.eds.anchors.is_empty() {
            tracing::warn!(
                "no EDS trust anchors configured (eds.anchors): EDS registration and sign-in are off"
            );
            None
        } else {
            let verifier = Arc::new(
                EdsVerifier::new(config.eds.clone(), clock.clone())
                    .context("cannot load the EDS trust configuration")?,
            );
            if !config.eds.crls.is_empty() {
                workers.push(spawn_crl_refresh(verifier.clone(), shutdown.clone()));
            }
            Some(verifier)
        };
        let registry = match (overrides.registry, &config.auth.state_registry_url) {
            (Some(registry), _) => Some(registry),
            (None, Some(url)) => Some(Arc::new(accounts::admin::HttpStateRegistry::new(
                url.clone(),
            )?) as Arc<dyn StateRegistry>),
            (None, None) => None,
        };
        workers.push(
            mailer::spawn_worker(
                db.clone(),
                config.mail.clone(),
                &config.data_dir,
                clock.clone(),
                shutdown.clone(),
            )
            .context("cannot set up outgoing mail")?,
        );
        let links = Arc::new(LinkSigner::load_or_generate(
            config.auth.link_secret_file.as_deref(),
            &config.data_dir,
        )?);
        let hub = Hub::new(db.get_database_backend());
        workers.extend(sse::spawn_listener(&db, hub.clone(), shutdown.clone()));
        workers.push(spawn_announcement_worker(
            db.clone(),
            links.clone(),
            config.mail.clone(),
            hub.clone(),
            clock.clone(),
            std::time::Duration::from_millis(config.mail.poll_interval_ms.max(100)),
            shutdown.clone(),
        ));
        let listener = TcpListener::bind((config.server.host.as_str(), config.server.port))
            .with_context(|| {
                format!(
                    "cannot listen on {}:{}",
                    config.server.host, config.server.port
                )
            })?;
        let port = listener.local_addr()?.port();
        let catalogue_ttl = std::time::Duration::from_secs(config.permits.catalogue_cache_secs);
        let state = AppState {
            db: db.clone(),
            config: Arc::new(config),
            clock,
            tokens: Arc::new(tokens),
            eds,
            registry,
            links,
            hub,
            consent_gate: Arc::new(consents::service::Gate { db: db.clone() }),
            legal_hold: overrides
                .legal_hold
                .unwrap_or_else(|| Arc::new(crate::permits::service::OpenRequests(db.clone()))),
            metrics: crate::ops::metrics::Metrics::new()?,
            catalogue: crate::permits::catalogue::Cache::new(catalogue_ttl),
        };
        let state = web::Data::new(state);
        workers.push(spawn_reminder_worker(state.clone(), shutdown.clone()));
        workers.extend(crate::ops::memory::spawn_trimmer(
            std::time::Duration::from_secs(state.config.server.memory_trim_interval_secs),
            shutdown.clone(),
        ));
        let server = serve(listener, state, overrides.extra_routes)?;
        Ok(Self {
            port,
            server,
            db,
            shutdown,
            workers,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until SIGINT/SIGTERM, then finishes the requests in flight and lets the
    /// background workers finish what they hold (graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.shutdown.cancel();
        for worker in self.workers {
            let _ = worker.await;
        }
        result
    }
}

/// Reminds assignees of requests falling due (docs/permits.md), every `permits.reminder_interval_secs`.
fn spawn_reminder_worker(
    state: web::Data<AppState>,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    let every = std::time::Duration::from_secs(state.config.permits.reminder_interval_secs.max(1));
    tokio::spawn(async move {
        loop {
            if let Err(error) = crate::permits::service::send_deadline_reminders(&state).await {
                tracing::warn!(%error, "deadline reminders could not be sent; will retry");
            }
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(every) => {}
            }
        }
    })
}

fn serve(
    listener: TcpListener,
    state: web::Data<AppState>,
    extra_routes: ExtraRoutes,
) -> anyhow::Result<Server> {
    let config = state.config.clone();
    // Built once, outside the worker factory: every worker shares the same document.
    let doc = openapi::document();
    let spec = web::Data::new(openapi::to_pretty_json(&doc));
    let routes = web::Data::new(fallback::RouteTable::from_openapi(&doc));
    let static_dir = config.server.static_dir.clone();
    match spa::files(&static_dir) {
        Some(_) => tracing::info!(dir = %static_dir.display(), "serving the SPA"),
        None => tracing::warn!(
            dir = %static_dir.display(),
            "no built SPA (index.html) found; `/` answers 404. Run `make run` or `npm run build` in frontend/"
        ),
    }
    let cors_origins = config.server.cors_allowed_origins.clone();
    let json_limit = JsonLimit(config.server.json_body_limit_bytes);
    let hsts = headers::Hsts(config.server.hsts);
    let auth_rate_limit =
        rate_limit::AuthRateLimit::per_minute(config.server.auth_rate_limit_per_minute);

    let mut server = HttpServer::new(move || {
        let api = utoipa_actix_web::scope("/api/v1")
            .configure(api_routes)
            .map(|scope| {
                scope
                    .route("/openapi.json", web::get().to(serve_spec))
                    .configure(extra_routes)
            })
            .default_service(web::to(fallback::unmatched));
        let app = App::new()
            .app_data(state.clone())
            .app_data(spec.clone())
            .app_data(routes.clone())
            .app_data(json_limit)
            .app_data(hsts)
            .app_data(auth_rate_limit.clone())
            .app_data(
                web::JsonConfig::default()
                    .error_handler(|err, _| ApiError::MalformedBody(err.to_string()).into()),
            )
            .app_data(
                web::QueryConfig::default()
                    .error_handler(|err, _| ApiError::InvalidQuery(err.to_string()).into()),
            )
            .app_data(web::PathConfig::default().error_handler(|_, _| ApiError::NotFound.into()))
            .wrap(Condition::new(
                !cors_origins.is_empty(),
                cors::cors(&cors_origins),
            ))
            .wrap(from_fn(rate_limit::middleware))
            .wrap(from_fn(headers::middleware))
            .wrap(from_fn(request_context::middleware))
            .service(web::resource("/docs").route(web::get().to(redirect_to_docs)))
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"])),
            )
            .into_utoipa_app()
            .service(api)
            .configure(root_routes)
            .into_app()
            .service(web::scope("/api").default_service(web::to(fallback::unmatched)));
        match spa::files(&static_dir) {
            Some(files) => app.service(files),
            None => app.default_service(web::to(fallback::unmatched)),
        }
    })
    .listen(listener)?
    .shutdown_timeout(config.server.shutdown_timeout_secs);
    if let Some(workers) = config.server.workers {
        server = server.workers(workers.max(1));
    }
    Ok(server.run())
}

async fn serve_spec(spec: web::Data<String>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(mime::APPLICATION_JSON)
        .body(spec.get_ref().clone())
}

async fn redirect_to_docs() -> HttpResponse {
    HttpResponse::MovedPermanently()
        .insert_header((actix_web::http::header::LOCATION, "/docs/"))
        .finish()
}
