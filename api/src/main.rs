//! The `saulet` command: `serve` (the default), `migrate`, `openapi`, `dev-pki`.

use std::{path::PathBuf, process::ExitCode};

use clap::{Parser, Subcommand};
use saulet_api::{
    Application, accounts::entity::account::Role, config::Config, db, openapi, telemetry,
};

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
    /// Write a demo PKI shaped like the national CA's (CAs, CRL, OCSP index, .p12 keys of demo
    /// people) for development and tests; see docs/eds.md. Never for production.
    DevPki {
        /// The folder to write into (created if missing; existing files are replaced).
        #[arg(long, default_value = "data/dev-pki")]
        out: PathBuf,
        /// A folder of RSA keys to reuse between runs (made and added when missing), for test
        /// runs that make many PKIs. Unset: every key is new.
        #[arg(long)]
        key_pool: Option<PathBuf>,
    },
    /// Serve the demo PKI's RFC 3161 time-stamping authority (OpenSSL's `openssl ts -reply`
    /// behind HTTP) for development: set `eds.tsa_url` to its address. Never for production.
    DevTsa {
        /// The demo PKI written by `saulet dev-pki`.
        #[arg(long, default_value = "data/dev-pki")]
        pki: PathBuf,
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8318")]
        listen: std::net::SocketAddr,
    },
    /// Administer accounts from the command line.
    #[command(subcommand)]
    Accounts(AccountsCommand),
    /// The public register and the performance figures (docs/transparency.md).
    #[command(subcommand)]
    Register(RegisterCommand),
}

#[derive(Debug, Subcommand)]
enum RegisterCommand {
    /// Write the register entries the database lacks (decisions made before the register
    /// existed) and recount the performance figures from the requests.
    Rebuild,
}

#[derive(Debug, Subcommand)]
enum AccountsCommand {
    /// Give a registered account a role; bootstraps the first administrator.
    GrantRole {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// `applicant`, `reviewer` or `admin`.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
}

fn parse_role(value: &str) -> Result<Role, String> {
    match value {
        "applicant" => Ok(Role::Applicant),
        "reviewer" => Ok(Role::Reviewer),
        "admin" => Ok(Role::Admin),
        other => Err(format!(
            "unknown role `{other}` (applicant, reviewer or admin)"
        )),
    }
}

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Openapi) = cli.command {
        print!("{}", openapi::to_pretty_json(&openapi::document()));
        return ExitCode::SUCCESS;
    }
    if let Some(Command::DevPki { out, key_pool }) = &cli.command {
        return dev_pki(out, key_pool.clone());
    }
    if let Some(Command::DevTsa { pki, listen }) = &cli.command {
        return dev_tsa(pki, *listen).await;
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
        Command::Accounts(AccountsCommand::GrantRole { email, role }) => {
            grant_role(config, &email, role).await
        }
        Command::Register(RegisterCommand::Rebuild) => rebuild_register(config).await,
        Command::Openapi | Command::DevPki { .. } | Command::DevTsa { .. } => Ok(()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let reason = reasons(&err);
            tracing::error!("{reason}");
            eprintln!("saulet: {reason}");
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

async fn grant_role(config: Config, email: &str, role: Role) -> anyhow::Result<()> {
    let connection = db::connect(&config.database, &config.data_dir).await?;
    db::migrate(&connection).await?;
    match saulet_api::accounts::admin::grant_role(&connection, email, role).await {
        Ok(account) => {
            println!("{} ({}) is now {role:?}", account.email, account.id);
            Ok(())
        }
        Err(saulet_api::error::ApiError::NotFound) => {
            anyhow::bail!("no account with the email {email}: register it first")
        }
        Err(other) => Err(anyhow::anyhow!("{other}")),
    }
}

async fn rebuild_register(config: Config) -> anyhow::Result<()> {
    let connection = db::connect(&config.database, &config.data_dir).await?;
    db::migrate(&connection).await?;
    let done = saulet_api::permits::service::register_rebuild::rebuild(
        &connection,
        config.permits.utc_offset_hours,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "register: {} entries added; performance: {} counter rows written",
        done.entries_added, done.counter_rows
    );
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let connection = db::connect(&config.database, &config.data_dir).await?;
    db::migrate(&connection).await?;
    saulet_api::permits::service::seed(&connection, chrono::Utc::now()).await?;
    tracing::info!("migrations applied; catalogue and calendar seeded");
    Ok(())
}

/// Writes the demo PKI and lists what it wrote. Needs no configuration or database.
/// Serves the demo TSA until interrupted.
async fn dev_tsa(pki: &std::path::Path, listen: std::net::SocketAddr) -> ExitCode {
    use saulet_api::eds::dev_pki::tsa_server::DevTsa;
    let config = pki.join("tsa").join("tsa.cnf");
    if !config.is_file() {
        eprintln!(
            "saulet: no demo TSA under {}: run `saulet dev-pki --out {}` first",
            pki.display(),
            pki.display()
        );
        return ExitCode::FAILURE;
    }
    match DevTsa::start(config, listen) {
        Ok(tsa) => {
            println!("Demo time-stamping authority (RFC 3161) at {}", tsa.url());
            let _ = tokio::signal::ctrl_c().await;
            tsa.stop().await;
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("saulet: cannot listen on {listen}: {err}");
            ExitCode::FAILURE
        }
    }
}

fn dev_pki(out: &std::path::Path, key_pool: Option<PathBuf>) -> ExitCode {
    let options = saulet_api::eds::dev_pki::DevPkiOptions {
        key_pool,
        ..Default::default()
    };
    match saulet_api::eds::dev_pki::generate_with(out, chrono::Utc::now(), &options) {
        Ok((pki, files)) => {
            println!("Demo PKI written to {}:", files.dir.display());
            for file in files.all() {
                println!("  {}", file.display());
            }
            println!(
                "Password of every .p12 file: {}",
                saulet_api::eds::dev_pki::DEV_PKI_PASSWORD
            );
            for user in &pki.users {
                println!(
                    "  {:<19} IIN {}{}  {}",
                    user.name,
                    user.iin,
                    user.bin
                        .as_ref()
                        .map(|bin| format!(" BIN {bin}"))
                        .unwrap_or_default(),
                    user.description
                );
            }
            println!("See {} for the rest.", files.readme.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("saulet: cannot write the demo PKI: {err}");
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes, each told once. The database's errors end their own text with their
/// cause's ("Connection Error: error communicating with database: invalid peer certificate:
/// UnknownIssuer", then the same from the layer below, twice), so a cause that what was said
/// already ends with is left out (only at the end: a cause that merely appears inside an earlier
/// text is still told).
fn reasons(err: &anyhow::Error) -> String {
    let mut said = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if said.ends_with(&text) {
            continue;
        }
        if !said.is_empty() {
            said.push_str(": ");
        }
        said.push_str(&text);
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cause_of_an_error_is_told_once() {
        // As the database's connection error comes: each layer repeats the one below.
        let error = anyhow::anyhow!("invalid peer certificate: UnknownIssuer")
            .context("error communicating with database: invalid peer certificate: UnknownIssuer")
            .context(
                "Connection Error: error communicating with database: invalid peer certificate: \
                 UnknownIssuer",
            );
        assert_eq!(
            reasons(&error),
            "Connection Error: error communicating with database: invalid peer certificate: \
             UnknownIssuer"
        );
        let repeated = anyhow::anyhow!("UnknownIssuer").context("certificate: UnknownIssuer");
        assert_eq!(reasons(&repeated), "certificate: UnknownIssuer");
        let inside = anyhow::anyhow!("refused").context("refused by the pool: timed out");
        assert_eq!(reasons(&inside), "refused by the pool: timed out: refused");
        let distinct = anyhow::anyhow!("connection refused").context("cannot reach the database");
        assert_eq!(
            reasons(&distinct),
            "cannot reach the database: connection refused"
        );
    }
}
