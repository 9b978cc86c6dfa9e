//! The `saulet` command: `serve` (the default), `migrate`, `openapi`.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use saulet_api::{Application, config::Config, db, openapi, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "saulet",
    version,
    about = "Saulet: electronic permits and approvals"
)]
struct Cli {
    /// The configuration file (TOML). Missing is fine: defaults and SAULET_* variables apply.
    #[arg(
        long,
        env = "SAULET_CONFIG",
        global = true,
        default_value = "saulet.toml"
    )]
    config: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the API and serve the SPA and Swagger UI (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Print the OpenAPI document (as committed in openapi/openapi.json).
    Openapi,
}

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", openapi::to_pretty_json(&openapi::document()));
        return ExitCode::SUCCESS;
    }
    let config = match Config::load(Some(&cli.config)) {
        Ok(config) => config,
        Err(err) => {
            eprintln!("saulet: invalid configuration: {err}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);
    let result = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
        Command::Openapi => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            tracing::error!("{err:#}");
            eprintln!("saulet: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let (host, database) = (config.server.host.clone(), config.database_kind());
    let app = Application::build(config).await?;
    tracing::info!(
        "Saulet listens on http://{host}:{} (database: {database:?}); Swagger UI at /docs/",
        app.port()
    );
    app.run_until_stopped().await?;
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let connection = db::connect(&config).await?;
    db::migrate(&connection).await?;
    tracing::info!("migrations applied");
    Ok(())
}
