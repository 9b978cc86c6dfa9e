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
    accounts::{self, AccountsCtx, admin::StateRegistry, tokens::TokenKeys},
    clock::{SharedClock, SystemClock},
    config::Config,
    consents::{self, ConsentsCtx},
    db,
    eds::{
        EdsVerifier, load_certificates, spawn_crl_refresh,
        tsa::{HttpTsa, TimeStamper},
    },
    error::ApiError,
    evidence::{Evidence, log::LogKey, spawn_stamp_pending},
    http::{
        client_address::TrustedProxies,
        cors, fallback, headers,
        json::JsonLimit,
        rate_limit,
        request_context::{self, RequestObserver},
        spa,
    },
    integrations::{self, IntegrationsCtx},
    kernel::Core,
    messaging::{Messaging, hub, links::LinkSigner, mailer},
    notifications::{self, NotificationsCtx, service::spawn_announcement_worker},
    openapi,
    ops::{self, OpsCtx},
    permits::{self, PermitsCtx},
};

/// Every area's context, each registered as its own `web::Data`: a handler asks only for its
/// area's (and the `AuthUser` extractor for the accounts area's).
#[derive(Clone)]
struct Contexts {
    accounts: web::Data<AccountsCtx>,
    consents: web::Data<ConsentsCtx>,
    integrations: web::Data<IntegrationsCtx>,
    notifications: web::Data<NotificationsCtx>,
    permits: web::Data<PermitsCtx>,
    ops: web::Data<OpsCtx>,
    observer: web::Data<dyn RequestObserver>,
}

impl Contexts {
    /// An HTTP worker's contexts and sign-in limit: on pools of its own when the database is
    /// PostgreSQL ([`db::worker_pools`]), the shared ones otherwise.
    fn for_worker(
        &self,
        limit: &rate_limit::AuthRateLimit,
        database: &db::DatabaseSettings,
        data_dir: &std::path::Path,
    ) -> (Self, rate_limit::AuthRateLimit) {
        match db::worker_pools(database, data_dir) {
            Some((db, replicas)) => {
                self.ops.metrics.watch_pool(db.clone());
                (self.through(&db, &replicas), limit.through(&db))
            }
            None => (self.clone(), limit.clone()),
        }
    }

    /// The same contexts with their statements on an HTTP worker's own pools
    /// ([`db::worker_pools`]): `db` for the primary, `replicas` for the read replicas. What they
    /// hold built once at start-up (the legal hold's and the evidence log's queries) stays on
    /// the shared pool; the sign-in limit follows the worker too
    /// ([`rate_limit::AuthRateLimit::through`]).
    fn through(&self, db: &DatabaseConnection, replicas: &[DatabaseConnection]) -> Self {
        let core = |core: &Core| core.through(db.clone(), replicas.to_vec());
        let consents = ConsentsCtx {
            core: core(&self.consents.core),
            ..self.consents.get_ref().clone()
        };
        let notifications = NotificationsCtx {
            core: core(&self.notifications.core),
            ..self.notifications.get_ref().clone()
        };
        let accounts = AccountsCtx {
            core: core(&self.accounts.core),
            consent_gate: Arc::new(consents::service::Gate {
                ctx: consents.clone(),
            }),
            notices: Arc::new(notifications::service::Notices(notifications.clone())),
            ..self.accounts.get_ref().clone()
        };
        let integrations = IntegrationsCtx {
            core: core(&self.integrations.core),
            accounts: accounts.clone(),
            ..self.integrations.get_ref().clone()
        };
        Self {
            permits: web::Data::new(PermitsCtx {
                core: core(&self.permits.core),
                ..self.permits.get_ref().clone()
            }),
            ops: web::Data::new(OpsCtx {
                core: core(&self.ops.core),
                ..self.ops.get_ref().clone()
            }),
            accounts: web::Data::new(accounts),
            consents: web::Data::new(consents),
            integrations: web::Data::new(integrations),
            notifications: web::Data::new(notifications),
            observer: self.observer.clone(),
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
    consents::transparency::configure(cfg);
    permits::routes::configure(cfg);
    permits::office_routes::configure(cfg);
    integrations::routes::configure(cfg);
}

/// Documented routes outside `/api/v1` (well-known addresses).
pub fn root_routes(cfg: &mut ServiceConfig) {
    cfg.service(accounts::routes::jwks)
        .service(integrations::routes::oauth_token)
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

/// The read replicas of `database.replica_urls`, each watched by a task that takes it out of
/// reads while it does not answer.
async fn open_replicas(
    config: &Config,
    workers: &mut Vec<tokio::task::JoinHandle<()>>,
    shutdown: &tokio_util::sync::CancellationToken,
) -> anyhow::Result<Option<crate::kernel::Replicas>> {
    let replicas = crate::db::connect_replicas(&config.database).await?;
    if let Some(replicas) = &replicas {
        workers.push(crate::db::spawn_replica_watch(
            replicas.clone(),
            shutdown.clone(),
        ));
    }
    Ok(replicas)
}

/// The integrations area's context, and its webhook delivery worker.
fn start_integrations(
    config: &Config,
    core: &Core,
    accounts: &AccountsCtx,
    workers: &mut Vec<tokio::task::JoinHandle<()>>,
    shutdown: &tokio_util::sync::CancellationToken,
) -> anyhow::Result<IntegrationsCtx> {
    let integrations = IntegrationsCtx {
        core: core.clone(),
        messaging: accounts.messaging.clone(),
        accounts: accounts.clone(),
        webhooks: config.webhooks.clone(),
        http: reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(
                config.webhooks.timeout_secs.max(1),
            ))
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Saulet-Webhooks/1")
            .build()?,
    };
    workers.push(integrations::webhooks::delivery::spawn_worker(
        integrations.clone(),
        std::time::Duration::from_millis(config.webhooks.poll_interval_ms.max(50)),
        shutdown.clone(),
    ));
    Ok(integrations)
}

pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
    shutdown: tokio_util::sync::CancellationToken,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

/// Start-up's own writes: the migrations, the shipped catalogue and calendar, and the shipped
/// agreements where the database has none.
async fn prepare_database(
    db: &DatabaseConnection,
    config: &Config,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    db::migrate(db)
        .await
        .context("cannot apply the migrations")?;
    permits::service::seed(db, now)
        .await
        .context("cannot seed the permit catalogue and calendar")?;
    if config.consents.ship_agreements {
        consents::shipped::seed(db, now)
            .await
            .context("cannot put the shipped agreements in force")?;
    }
    Ok(())
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with(config, Overrides::default()).await
    }

    pub async fn build_with(config: Config, overrides: Overrides) -> anyhow::Result<Self> {
        let db = db::connect(&config.database, &config.data_dir)
            .await
            .context("cannot connect to the database")?;
        if config.database.migrate_on_start {
            prepare_database(&db, &config, overrides.clock.now()).await?;
        }
        let tokens = TokenKeys::load_or_generate(
            config.auth.jwt_private_key_file.as_deref(),
            &config.data_dir,
        )?;
        let clock = overrides.clock;
        let mut workers = Vec::new();
        let shutdown = tokio_util::sync::CancellationToken::new();
        let eds = eds_verifier(&config, &clock, &mut workers, &shutdown)?;
        let registry = state_registry(overrides.registry, &config)?;
        let messaging = start_messaging(&config, &db, &clock, &mut workers, &shutdown)?;
        let listener = TcpListener::bind((config.server.host.as_str(), config.server.port))
            .with_context(|| {
                format!(
                    "cannot listen on {}:{}",
                    config.server.host, config.server.port
                )
            })?;
        let port = listener.local_addr()?.port();
        let replicas = open_replicas(&config, &mut workers, &shutdown).await?;
        let core = Core::new(db.clone(), clock).with_replicas(replicas);
        let evidence = Arc::new(evidence_service(&config, &core)?);
        workers.push(spawn_stamp_pending(
            evidence.clone(),
            std::time::Duration::from_secs(config.evidence.stamp_retry_secs.max(1)),
            shutdown.clone(),
        ));
        let notifications = NotificationsCtx {
            core: core.clone(),
            messaging: messaging.clone(),
            help: Arc::new(config.help.clone()),
        };
        workers.push(spawn_announcement_worker(
            notifications.clone(),
            std::time::Duration::from_millis(config.mail.poll_interval_ms.max(100)),
            shutdown.clone(),
        ));
        let permits = PermitsCtx {
            core: core.clone(),
            settings: config.permits.clone(),
            data_dir: config.data_dir.clone(),
            eds: eds.clone(),
            evidence: evidence.clone(),
            catalogue: Arc::new(permits::catalogue::Cache::new(
                std::time::Duration::from_secs(config.permits.catalogue_cache_secs),
            )),
            messaging: messaging.clone(),
            seal: permits::service::Seal::load(&config.permits)?.map(Arc::new),
            files: PermitsCtx::open_files(&config.permits, &config.data_dir)?,
            verified: Default::default(),
        };
        let consents = ConsentsCtx {
            core: core.clone(),
            settings: config.consents.clone(),
            eds: eds.clone(),
            evidence: evidence.clone(),
            legal_hold: overrides
                .legal_hold
                .unwrap_or_else(|| Arc::new(permits::service::OpenRequests(db.clone()))),
            applicant_records: Arc::new(permits::service::OpenRequests(db.clone())),
            messaging: messaging.clone(),
        };
        let accounts = AccountsCtx {
            core: core.clone(),
            settings: config.auth.clone(),
            tokens: Arc::new(tokens),
            eds,
            evidence,
            registry,
            consent_gate: Arc::new(consents::service::Gate {
                ctx: consents.clone(),
            }),
            notices: Arc::new(notifications::service::Notices(notifications.clone())),
            departures: Arc::new(permits::service::ReleaseWork(permits.clone())),
            messaging,
            allowed_origins: config.server.cors_allowed_origins.clone().into(),
        };
        let metrics = ops::metrics::Metrics::new()?;
        metrics.watch_pool(db.clone());
        let integrations = start_integrations(&config, &core, &accounts, &mut workers, &shutdown)?;
        let contexts = Contexts {
            accounts: web::Data::new(accounts),
            consents: web::Data::new(consents),
            integrations: web::Data::new(integrations),
            notifications: web::Data::new(notifications),
            permits: web::Data::new(permits.clone()),
            ops: web::Data::new(OpsCtx {
                core,
                metrics: metrics.clone(),
                metrics_token_sha256: config.server.metrics_token.as_ref().map(|token| {
                    use secrecy::ExposeSecret;
                    <sha2::Sha256 as sha2::Digest>::digest(token.expose_secret().as_bytes()).into()
                }),
            }),
            observer: web::Data::from(metrics as Arc<dyn RequestObserver>),
        };
        workers.push(spawn_reminder_worker(
            permits,
            config.permits.reminder_interval_secs,
            shutdown.clone(),
        ));
        workers.extend(ops::memory::spawn_trimmer(
            std::time::Duration::from_secs(config.server.memory_trim_interval_secs),
            shutdown.clone(),
        ));
        let server = serve(listener, Arc::new(config), contexts, overrides.extra_routes)?;
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

/// The EDS verifier, when trust anchors are configured, with its CRL refresh worker.
fn eds_verifier(
    config: &Config,
    clock: &SharedClock,
    workers: &mut Vec<tokio::task::JoinHandle<()>>,
    shutdown: &tokio_util::sync::CancellationToken,
) -> anyhow::Result<Option<Arc<EdsVerifier>>> {
    if config.eds.anchors.is_empty() {
        tracing::warn!(
            "no EDS trust anchors configured (eds.anchors): EDS registration and sign-in are off"
        );
        return Ok(None);
    }
    let verifier = Arc::new(
        EdsVerifier::new(config.eds.clone(), clock.clone())
            .context("cannot load the EDS trust configuration")?,
    );
    if !config.eds.crls.is_empty() {
        workers.push(spawn_crl_refresh(verifier.clone(), shutdown.clone()));
    }
    Ok(Some(verifier))
}

/// The evidence service: the transparency log's key, and the TSA when one is configured
/// (`eds.tsa_url`), trusted through `eds.tsa_anchors` (or the EDS anchors).
fn evidence_service(config: &Config, core: &Core) -> anyhow::Result<Evidence> {
    let key = LogKey::load_or_generate(config.evidence.log_key_file.as_deref(), &config.data_dir)?;
    let anchor_files = if config.eds.tsa_anchors.is_empty() {
        &config.eds.anchors
    } else {
        &config.eds.tsa_anchors
    };
    let anchors = if anchor_files.is_empty() {
        Vec::new()
    } else {
        load_certificates(anchor_files).context("cannot load the TSA's trust anchors")?
    };
    let stamper: Option<Arc<dyn TimeStamper>> = match &config.eds.tsa_url {
        Some(url) => {
            anyhow::ensure!(
                !anchors.is_empty(),
                "eds.tsa_url is set, but there are no anchors to check its tokens with \
                 (eds.tsa_anchors or eds.anchors)"
            );
            Some(Arc::new(HttpTsa::new(url.clone(), anchors.clone())))
        }
        None => {
            tracing::warn!(
                "no time-stamping authority configured (eds.tsa_url): acts are kept without trusted time"
            );
            None
        }
    };
    Ok(Evidence::new(core.clone(), stamper, anchors, key))
}

/// The state registry the administrators' checks ask: the test's, the configured one, or none.
fn state_registry(
    overridden: Option<Arc<dyn StateRegistry>>,
    config: &Config,
) -> anyhow::Result<Option<Arc<dyn StateRegistry>>> {
    Ok(match (overridden, &config.auth.state_registry_url) {
        (Some(registry), _) => Some(registry),
        (None, Some(url)) => Some(
            Arc::new(accounts::admin::HttpStateRegistry::new(url.clone())?)
                as Arc<dyn StateRegistry>,
        ),
        (None, None) => None,
    })
}

/// Messaging: the mail worker, the link signer and the live-stream hub with its listener.
fn start_messaging(
    config: &Config,
    db: &sea_orm::DatabaseConnection,
    clock: &SharedClock,
    workers: &mut Vec<tokio::task::JoinHandle<()>>,
    shutdown: &tokio_util::sync::CancellationToken,
) -> anyhow::Result<Messaging> {
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
    let hub = hub::Hub::new(db.get_database_backend());
    workers.extend(hub::spawn_listener(db, hub.clone(), shutdown.clone()));
    Ok(Messaging {
        mail: Arc::new(config.mail.clone()),
        links,
        hub,
    })
}

/// Reminds assignees of requests falling due (docs/permits.md), every `permits.reminder_interval_secs`.
fn spawn_reminder_worker(
    ctx: PermitsCtx,
    every_secs: u64,
    shutdown: tokio_util::sync::CancellationToken,
) -> tokio::task::JoinHandle<()> {
    let every = std::time::Duration::from_secs(every_secs.max(1));
    tokio::spawn(async move {
        loop {
            if let Err(error) = permits::service::send_deadline_reminders(&ctx).await {
                tracing::warn!(%error, "deadline reminders could not be sent; will retry");
            }
            if let Err(error) = permits::service::deem_overdue_tasks(&ctx).await {
                tracing::warn!(%error, "approvals past their period could not be deemed; will retry");
            }
            if let Err(error) = permits::service::warn_missing_calendar(&ctx).await {
                tracing::warn!(%error, "the missing calendar warning could not be sent; will retry");
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
    config: Arc<Config>,
    contexts: Contexts,
    extra_routes: ExtraRoutes,
) -> anyhow::Result<Server> {
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
    let auth_rate_limit = rate_limit::AuthRateLimit::shared(
        rate_limit::Window::new(
            config.server.auth_rate_limit,
            config.server.auth_rate_limit_window_secs,
        ),
        contexts.accounts.core.db.clone(),
    );
    let trusted_proxies =
        TrustedProxies::parse(&config.server.trusted_proxies).map_err(anyhow::Error::msg)?;
    let client_rate_limit =
        rate_limit::ClientRateLimit::per_minute(config.server.client_rate_limit_per_minute);

    let database = config.database.clone();
    let data_dir = config.data_dir.clone();
    let mut server = HttpServer::new(move || {
        let api = utoipa_actix_web::scope("/api/v1")
            .configure(api_routes)
            .map(|scope| {
                scope
                    .route("/openapi.json", web::get().to(serve_spec))
                    .configure(extra_routes)
            })
            .default_service(web::to(fallback::unmatched));
        // This factory runs on each worker's own thread: its pools open their connections there.
        let (
            Contexts {
                accounts,
                consents,
                integrations,
                notifications,
                permits,
                ops,
                observer,
            },
            auth_rate_limit,
        ) = contexts.for_worker(&auth_rate_limit, &database, &data_dir);
        let app = App::new()
            .app_data(accounts)
            .app_data(consents)
            .app_data(integrations)
            .app_data(notifications)
            .app_data(permits)
            .app_data(ops)
            .app_data(observer)
            .app_data(spec.clone())
            .app_data(routes.clone())
            .app_data(json_limit)
            .app_data(hsts)
            .app_data(auth_rate_limit)
            .app_data(trusted_proxies.clone())
            .app_data(client_rate_limit.clone())
            .app_data(crate::http::json::Gate(Arc::new([
                Arc::new(crate::accounts::auth::AccountsGate)
                    as Arc<dyn crate::http::json::CallerGate>,
                Arc::new(permits::routes::RequestGate),
            ])))
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
            .wrap(from_fn(crate::http::deprecation::middleware))
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
