//! `center`: the reference Center server (`center serve`) and its administration command line
//! (`center admin …`). Every setting has a flag and an environment variable; see `--help`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use first_contact_center::admin;
use first_contact_center::decisions::DecisionInput;
use first_contact_center::keys::{KeyPaths, IDENTITY_FILE, RECIPIENT_FILE, SIGNING_KEY_FILE};
use first_contact_center::tls::TlsFiles;
use first_contact_center::{system_clock, CenterConfig, Limits};
use first_contact_protocol::api::feedback::DecisionOutcome;
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_protocol::EnvelopeKind;

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

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a one-time enrollment code for an officer of an agency.
    Enroll {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        officer: String,
        /// Hours until the code expires.
        #[arg(long, default_value_t = admin::DEFAULT_CODE_VALID_HOURS)]
        valid_hours: u32,
        /// The Center's address as devices reach it; with --file, written into the file.
        #[arg(long)]
        address: Option<String>,
        /// Write an enrollment file a worker can paste instead of typing.
        #[arg(long, requires = "address")]
        file: Option<PathBuf>,
    },
    /// List enrolled devices.
    Devices,
    /// Revoke a device: it gets 401 from then on.
    Revoke { device_id: String },
    /// List received referrals and their latest decision.
    Referrals,
    /// Open a referral or reconsideration request (id or Center reference) with the Center key.
    Open { key: String },
    /// Record a decision on a referral (id or Center reference).
    Decide {
        referral: String,
        #[arg(long, value_enum)]
        outcome: Outcome,
        #[arg(long)]
        reasons: String,
        /// The version of the identification criteria used.
        #[arg(long)]
        criteria_version: String,
        /// The reconsideration request (id or reference) this decision answers.
        #[arg(long)]
        answers: Option<String>,
    },
    /// List reconsideration requests and whether they are answered.
    Reconsiderations,
    /// Sign and publish a new catalogue or service directory version from a JSON file.
    Publish {
        #[arg(value_enum)]
        kind: Kind,
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Outcome {
    Identified,
    NotIdentified,
    MoreInformationNeeded,
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Catalogue,
    Directory,
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
        Command::Admin { json, command } => administer(&config, json, command),
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

fn administer(config: &CenterConfig, json: bool, command: AdminCommand) -> Result<()> {
    let (state, _) = first_contact_center::open(config, system_clock())
        .context("opening the Center's data folder")?;
    let print = |value: &dyn erased::Printable, text: String| -> Result<()> {
        if json {
            println!("{}", value.to_json()?);
        } else {
            println!("{text}");
        }
        Ok(())
    };
    match command {
        AdminCommand::Enroll {
            agency,
            officer,
            valid_hours,
            address,
            file,
        } => {
            let issued = admin::issue_code(
                &state,
                &agency,
                &officer,
                chrono::Duration::hours(i64::from(valid_hours)),
                address.as_deref(),
            )?;
            if let (Some(path), Some(contents)) = (&file, &issued.file) {
                write_owner_only(path, serde_json::to_string_pretty(contents)?.as_bytes())
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            print(
                &issued,
                format!(
                    "Enrollment code for {} ({}): {}\nValid until {} — give it to the officer in person.\nCenter fingerprint (for the officer to compare): {}{}",
                    issued.officer,
                    issued.agency,
                    issued.code,
                    issued.expires_at,
                    issued.center_fingerprint,
                    file.map(|path| format!("\nEnrollment file: {}", path.display()))
                        .unwrap_or_default()
                ),
            )
        }
        AdminCommand::Devices => {
            let devices = admin::devices(&state)?;
            let text = devices
                .iter()
                .map(|d| {
                    format!(
                        "{}  {}  {} / {}  enrolled {}{}",
                        d.id,
                        d.name,
                        d.agency,
                        d.officer,
                        d.enrolled_at,
                        d.revoked_at
                            .as_ref()
                            .map(|at| format!("  REVOKED {at}"))
                            .unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            print(&devices, or_none(text))
        }
        AdminCommand::Revoke { device_id } => {
            admin::revoke(&state, &device_id)?;
            print(
                &serde_json::json!({"revoked": device_id}),
                format!("Device {device_id} is revoked."),
            )
        }
        AdminCommand::Referrals => listings(&state, EnvelopeKind::Referral, print),
        AdminCommand::Reconsiderations => listings(&state, EnvelopeKind::Reconsideration, print),
        AdminCommand::Open { key } => {
            let opened = admin::open(&state, &key)?;
            let text = format!(
                "{} {} received {}\n{}",
                opened.listing.kind,
                opened.listing.center_reference,
                opened.listing.received_at,
                serde_json::to_string_pretty(&opened.payload)?
            );
            print(&opened, text)
        }
        AdminCommand::Decide {
            referral,
            outcome,
            reasons,
            criteria_version,
            answers,
        } => {
            let decision = admin::decide(
                &state,
                &DecisionInput {
                    referral,
                    outcome: match outcome {
                        Outcome::Identified => DecisionOutcome::Identified,
                        Outcome::NotIdentified => DecisionOutcome::NotIdentified,
                        Outcome::MoreInformationNeeded => DecisionOutcome::MoreInformationNeeded,
                    },
                    reasons,
                    criteria_version,
                    answers,
                },
            )?;
            print(
                &decision,
                format!(
                    "Decision {} on {}: {}",
                    decision.decision_id,
                    decision.center_reference,
                    decision.outcome.as_str()
                ),
            )
        }
        AdminCommand::Publish { kind, file } => {
            let content = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let kind = match kind {
                Kind::Catalogue => PublicationKind::Catalogue,
                Kind::Directory => PublicationKind::Directory,
            };
            let publication = admin::publish(&state, kind, &content)?;
            print(
                &serde_json::json!({"kind": kind.as_str(), "version": publication.version}),
                format!(
                    "Published {} version {}.",
                    kind.as_str(),
                    publication.version
                ),
            )
        }
    }
}

fn listings(
    state: &first_contact_center::CenterState,
    kind: EnvelopeKind,
    print: impl Fn(&dyn erased::Printable, String) -> Result<()>,
) -> Result<()> {
    let listings = admin::received(state, kind)?;
    let text = listings
        .iter()
        .map(|l| {
            format!(
                "{}  {}  received {}  {}{}",
                l.center_reference,
                l.id,
                l.received_at,
                l.decision
                    .as_ref()
                    .map_or_else(|| "undecided".to_owned(), |d| d.outcome.clone()),
                l.regarding
                    .as_ref()
                    .map(|r| format!("  regarding {r}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    print(&listings, or_none(text))
}

/// The enrollment file holds a live code: only its owner may read it.
fn write_owner_only(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "(none)".into()
    } else {
        text
    }
}

/// Lets one printing closure take any serialisable value.
mod erased {
    pub trait Printable {
        fn to_json(&self) -> anyhow::Result<String>;
    }

    impl<T: serde::Serialize> Printable for T {
        fn to_json(&self) -> anyhow::Result<String> {
            Ok(serde_json::to_string_pretty(self)?)
        }
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
