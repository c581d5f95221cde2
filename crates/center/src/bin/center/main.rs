//! `center`: the reference Center server (`center serve`) and its administration command line
//! (`center admin …`, in `admin_commands`). Every setting has a flag and an environment
//! variable; see `--help`.

mod admin_commands;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use admin_commands::{AdminCommand, Output};
use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use first_contact_center::keys::{KeyPaths, IDENTITY_FILE, RECIPIENT_FILE, SIGNING_KEY_FILE};
use first_contact_center::tls::TlsFiles;
use first_contact_center::{system_clock, CenterConfig, Limits};

#[derive(Parser)]
#[command(
    name = "center",
    version,
    about = "The reference Center server of First Contact"
)]
struct Cli {
    #[command(flatten)]
    settings: Settings,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args)]
struct Settings {
    /// The Center's data folder: database, keys and (by default) its development PKI.
    #[arg(
        long,
        env = "CENTER_DATA_DIR",
        default_value = "center-data",
        global = true
    )]
    data_dir: PathBuf,
    /// The SQLite database [default: <data-dir>/center.sqlite3].
    #[arg(long, env = "CENTER_DATABASE", global = true)]
    database: Option<PathBuf>,
    /// The age identity that opens envelopes [default: <data-dir>/center-identity.txt].
    #[arg(long, env = "CENTER_IDENTITY_FILE", global = true)]
    identity_file: Option<PathBuf>,
    /// The Ed25519 signing key [default: <data-dir>/center-signing.key].
    #[arg(long, env = "CENTER_SIGNING_KEY_FILE", global = true)]
    signing_key_file: Option<PathBuf>,
    /// Where the public age recipient is written for devices [default: <data-dir>/center.pub].
    #[arg(long, env = "CENTER_RECIPIENT_FILE", global = true)]
    recipient_file: Option<PathBuf>,
    /// The server's certificate chain, PEM; with --tls-key and --tls-ca instead of the
    /// development PKI.
    #[arg(long, env = "CENTER_TLS_CERT", requires_all = ["tls_key", "tls_ca"], global = true)]
    tls_cert: Option<PathBuf>,
    /// The server's private key, PEM.
    #[arg(long, env = "CENTER_TLS_KEY", requires = "tls_cert", global = true)]
    tls_key: Option<PathBuf>,
    /// The CA certificate devices pin at enrollment, PEM.
    #[arg(long, env = "CENTER_TLS_CA", requires = "tls_cert", global = true)]
    tls_ca: Option<PathBuf>,
    /// The name devices show for this Center.
    #[arg(
        long,
        env = "CENTER_NAME",
        default_value = "Center for the Protection of Victims of Trafficking",
        global = true
    )]
    name: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the /v1 API over HTTPS.
    Serve {
        /// Address to listen on; loopback unless deployed behind care.
        #[arg(long, env = "CENTER_LISTEN", default_value = "127.0.0.1:8443")]
        listen: SocketAddr,
        /// Days the sealed bytes of a case are kept after its last decision (and once no
        /// reconsideration request waits); without it they are kept.
        #[arg(long, env = "CENTER_RETENTION_DAYS")]
        retention_days: Option<u32>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Administration: enrollment, devices, received referrals, decisions, publications.
    Admin {
        /// Print JSON instead of text.
        #[arg(long, global = true)]
        json: bool,
        #[command(subcommand)]
        command: AdminCommand,
    },
}

/// Time limits and caps on clients (docs/protocol.md, "Limits"); defaults in
/// `first_contact_center::Limits`.
#[derive(Args)]
struct LimitArgs {
    /// Seconds a client has for the TLS handshake.
    #[arg(long, env = "CENTER_HANDSHAKE_TIMEOUT_SECS", default_value_t = default_limits().handshake_timeout.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    handshake_timeout_secs: u64,
    /// Seconds a client has to send a request's head (on HTTP/1.1 counted from the previous
    /// answer, so it bounds idle keep-alive too).
    #[arg(long, env = "CENTER_HEADER_TIMEOUT_SECS", default_value_t = default_limits().header_read_timeout.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    header_timeout_secs: u64,
    /// Seconds a connection may stay open with no request in flight.
    #[arg(long, env = "CENTER_IDLE_TIMEOUT_SECS", default_value_t = default_limits().idle_timeout.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    idle_timeout_secs: u64,
    /// Seconds a client has to send a request's body; then 408 and the connection is closed.
    #[arg(long, env = "CENTER_BODY_TIMEOUT_SECS", default_value_t = default_limits().body_read_timeout.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    body_timeout_secs: u64,
    /// Open connections in all; keep it well under the open-files limit (`ulimit -n`).
    #[arg(long, env = "CENTER_MAX_CONNECTIONS", default_value_t = default_limits().max_connections)]
    max_connections: usize,
    /// Open connections from one IP address.
    #[arg(long, env = "CENTER_MAX_CONNECTIONS_PER_IP", default_value_t = default_limits().max_connections_per_ip)]
    max_connections_per_ip: usize,
    /// Enrollment requests (proof and enrollment) one IP address may make a minute.
    #[arg(long, env = "CENTER_ENROLLMENT_PER_MINUTE", default_value_t = default_limits().enrollment_per_minute, value_parser = clap::value_parser!(u32).range(1..))]
    enrollment_per_minute: u32,
}

fn default_limits() -> Limits {
    Limits::default()
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            handshake_timeout: Duration::from_secs(self.handshake_timeout_secs),
            header_read_timeout: Duration::from_secs(self.header_timeout_secs),
            idle_timeout: Duration::from_secs(self.idle_timeout_secs),
            body_read_timeout: Duration::from_secs(self.body_timeout_secs),
            max_connections: self.max_connections,
            max_connections_per_ip: self.max_connections_per_ip,
            enrollment_per_minute: self.enrollment_per_minute,
        }
    }
}

fn config(settings: &Settings) -> CenterConfig {
    let mut config = CenterConfig::new(&settings.data_dir);
    config.name = settings.name.clone();
    if let Some(database) = &settings.database {
        config.database = database.clone();
    }
    let defaults = KeyPaths::in_dir(&settings.data_dir);
    config.keys = KeyPaths {
        identity: settings.identity_file.clone().unwrap_or(defaults.identity),
        signing: settings
            .signing_key_file
            .clone()
            .unwrap_or(defaults.signing),
        recipient: settings
            .recipient_file
            .clone()
            .unwrap_or(defaults.recipient),
    };
    if let (Some(certificate), Some(key), Some(ca)) =
        (&settings.tls_cert, &settings.tls_key, &settings.tls_ca)
    {
        config.tls = Some(TlsFiles {
            certificate: certificate.clone(),
            key: key.clone(),
            ca: ca.clone(),
        });
    }
    config
}

#[tokio::main]
async fn main() -> Result<()> {
    let cli = Cli::parse();
    let mut config = config(&cli.settings);
    match cli.command {
        Command::Serve {
            listen,
            retention_days,
            limits,
        } => {
            config.listen = listen;
            config.retention_days = retention_days;
            config.limits = limits.limits();
            log::set_logger(&STDERR_LOG).map_err(|e| anyhow::anyhow!("installing the log: {e}"))?;
            log::set_max_level(log::LevelFilter::Info);
            let running = first_contact_center::start(&config, system_clock())
                .await
                .context("starting the Center")?;
            let ca = config
                .tls
                .as_ref()
                .map(|files| files.ca.clone())
                .unwrap_or_else(|| config.data_dir.join(first_contact_center::tls::DEV_CA_FILE));
            println!("The Center is listening on {}", running.url());
            println!("  data folder: {}", config.data_dir.display());
            println!("  CA devices pin: {}", ca.display());
            println!(
                "  keys: {SIGNING_KEY_FILE}, public recipient {RECIPIENT_FILE}; serving never reads {IDENTITY_FILE}"
            );
            let limits = &config.limits;
            println!(
                "  limits: handshake {}s, head {}s, body {}s, idle {}s; {} connections, {} per address; {} enrollment requests a minute per address",
                limits.handshake_timeout.as_secs(),
                limits.header_read_timeout.as_secs(),
                limits.body_read_timeout.as_secs(),
                limits.idle_timeout.as_secs(),
                limits.max_connections,
                limits.max_connections_per_ip,
                limits.enrollment_per_minute
            );
            tokio::select! {
                _ = tokio::signal::ctrl_c() => println!("Stopping."),
                () = wait_for_terminate() => println!("Stopping."),
            }
            running.stop();
            Ok(())
        }
        Command::Admin { json, command } => {
            let (state, _) = first_contact_center::open(&config, system_clock())
                .context("opening the Center's data folder")?;
            admin_commands::run(&state, Output { json }, command)
        }
    }
}

/// The Center's log: its own warnings and errors (refused clients, internal failures), one
/// line each on standard error, for the service manager to keep. The library logs nothing
/// personal; other crates' records are left out so that stays true.
struct StderrLog;

static STDERR_LOG: StderrLog = StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with("first_contact_center")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            eprintln!(
                "{} {} {}",
                chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                record.level(),
                record.args()
            );
        }
    }

    fn flush(&self) {}
}

async fn wait_for_terminate() {
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut terminate) => {
            terminate.recv().await;
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn a_code_is_valid_for_eight_hours_unless_staff_say_otherwise() {
        let parsed = Cli::try_parse_from([
            "center",
            "admin",
            "enroll",
            "--agency",
            "A",
            "--officer",
            "O",
        ]);
        let hours = match parsed.map(|cli| cli.command) {
            Ok(Command::Admin {
                command: AdminCommand::Enroll { valid_hours, .. },
                ..
            }) => valid_hours,
            _ => panic!("not parsed as admin enroll"),
        };
        assert_eq!(hours, 8);
    }
}
