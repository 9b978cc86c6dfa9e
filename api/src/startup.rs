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
use sea_orm::DatabaseConnection;
use utoipa_actix_web::{AppExt, service_config::ServiceConfig};
use utoipa_swagger_ui::SwaggerUi;

use crate::{
    config::Config,
    db,
    error::ApiError,
    http::{cors, fallback, headers, json::JsonLimit, request_context, spa},
    openapi, ops,
};

/// What every handler can reach.
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
}

/// Registers every documented API handler under `/api/v1`. The OpenAPI document is built from
/// this same function, so a handler cannot be served without being documented.
pub fn api_routes(cfg: &mut ServiceConfig) {
    cfg.service(ops::routes::live).service(ops::routes::ready);
}

/// Extra, undocumented routes mounted under `/api/v1`; only the tests use this, to exercise
/// the shared extractors on a route of their own.
pub type ExtraRoutes = fn(&mut web::ServiceConfig);

pub struct Application {
    port: u16,
    server: Server,
    db: DatabaseConnection,
}

impl Application {
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        Self::build_with(config, |_| {}).await
    }

    pub async fn build_with(config: Config, extra_routes: ExtraRoutes) -> anyhow::Result<Self> {
        let db = db::connect(&config)
            .await
            .context("cannot connect to the database")?;
        if config.database.migrate_on_start {
            db::migrate(&db)
                .await
                .context("cannot apply the migrations")?;
        }
        let listener = TcpListener::bind((config.server.host.as_str(), config.server.port))
            .with_context(|| {
                format!(
                    "cannot listen on {}:{}",
                    config.server.host, config.server.port
                )
            })?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, db.clone(), Arc::new(config), extra_routes)?;
        Ok(Self { port, server, db })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Serves until SIGINT/SIGTERM, then finishes the requests in flight (graceful shutdown).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(
    listener: TcpListener,
    db: DatabaseConnection,
    config: Arc<Config>,
    extra_routes: ExtraRoutes,
) -> anyhow::Result<Server> {
    // Built once, outside the worker factory: every worker shares the same document.
    let doc = openapi::document();
    let spec = web::Data::new(openapi::to_pretty_json(&doc));
    let routes = web::Data::new(fallback::RouteTable::from_openapi(&doc));
    let state = web::Data::new(AppState {
        db,
        config: config.clone(),
    });
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
            .wrap(from_fn(headers::middleware))
            .wrap(from_fn(request_context::middleware))
            .service(web::resource("/docs").route(web::get().to(redirect_to_docs)))
            .service(
                SwaggerUi::new("/docs/{_:.*}")
                    .config(utoipa_swagger_ui::Config::new(["/api/v1/openapi.json"])),
            )
            .into_utoipa_app()
            .service(api)
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
