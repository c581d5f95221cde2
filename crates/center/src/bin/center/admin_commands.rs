//! `center admin …`: the subcommands, one function each. Each calls the library's `admin`
//! module and prints its answer, as text for a staff member or as JSON with `--json`; the text
//! of each answer is made by a pure function next to it.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use first_contact_center::admin::{
    self, DeviceListing, EnvelopeListing, IssuedCode, OpenedEnvelope,
};
use first_contact_center::decisions::DecisionInput;
use first_contact_center::CenterState;
use first_contact_protocol::api::feedback::DecisionOutcome;
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_protocol::EnvelopeKind;
use serde::Serialize;

/// How answers are printed.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
}

impl Output {
    fn print(self, value: &impl Serialize, text: impl FnOnce() -> String) -> Result<()> {
        if self.json {
            println!("{}", serde_json::to_string_pretty(value)?);
        } else {
            println!("{}", text());
        }
        Ok(())
    }
}

/// Runs one subcommand against the Center's state.
pub fn run(state: &CenterState, out: Output, command: AdminCommand) -> Result<()> {
    match command {
        AdminCommand::Enroll {
            agency,
            officer,
            valid_hours,
            address,
            file,
        } => enroll(state, out, &agency, &officer, valid_hours, address, file),
        AdminCommand::Devices => devices(state, out),
        AdminCommand::Revoke { device_id } => revoke(state, out, &device_id),
        AdminCommand::Referrals => received(state, out, EnvelopeKind::Referral),
        AdminCommand::Reconsiderations => received(state, out, EnvelopeKind::Reconsideration),
        AdminCommand::Notifications => notifications(state, out),
        AdminCommand::Open { key } => open(state, out, &key),
        AdminCommand::Decide {
            referral,
            outcome,
            reasons,
            criteria_version,
            answers,
        } => decide(
            state,
            out,
            DecisionInput {
                referral,
                outcome: outcome.into(),
                reasons,
                criteria_version,
                answers,
            },
        ),
        AdminCommand::Publish { kind, file } => publish(state, out, kind.into(), &file),
    }
}

fn enroll(
    state: &CenterState,
    out: Output,
    agency: &str,
    officer: &str,
    valid_hours: u32,
    address: Option<String>,
    file: Option<PathBuf>,
) -> Result<()> {
    let issued = admin::issue_code(
        state,
        agency,
        officer,
        chrono::Duration::hours(i64::from(valid_hours)),
        address.as_deref(),
    )?;
    if let (Some(path), Some(contents)) = (&file, &issued.file) {
        write_owner_only(path, serde_json::to_string_pretty(contents)?.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    out.print(&issued, || issued_text(&issued, file.as_deref()))
}

fn issued_text(issued: &IssuedCode, file: Option<&Path>) -> String {
    format!(
        "Enrollment code for {} ({}): {}\nValid until {} — give it to the officer in person.\nCenter fingerprint (for the officer to compare): {}{}",
        issued.officer,
        issued.agency,
        issued.code,
        issued.expires_at,
        issued.center_fingerprint,
        file.map(|path| format!("\nEnrollment file: {}", path.display()))
            .unwrap_or_default()
    )
}

fn devices(state: &CenterState, out: Output) -> Result<()> {
    let devices = admin::devices(state)?;
    out.print(&devices, || devices_text(&devices))
}

fn devices_text(devices: &[DeviceListing]) -> String {
    lines(devices.iter().map(|d| {
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
    }))
}

fn revoke(state: &CenterState, out: Output, device_id: &str) -> Result<()> {
    admin::revoke(state, device_id)?;
    out.print(&serde_json::json!({ "revoked": device_id }), || {
        format!("Device {device_id} is revoked.")
    })
}

fn received(state: &CenterState, out: Output, kind: EnvelopeKind) -> Result<()> {
    let listings = admin::received(state, kind)?;
    out.print(&listings, || received_text(&listings))
}

fn received_text(listings: &[EnvelopeListing]) -> String {
    lines(listings.iter().map(|l| {
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
    }))
}

fn notifications(state: &CenterState, out: Output) -> Result<()> {
    let report = admin::notifications(state)?;
    out.print(&report, || {
        let mut text = format!("{} anonymous notifications", report.count);
        for listing in &report.notifications {
            let facts = match (&listing.notification, &listing.problem) {
                (Some(notification), _) => serde_json::to_string(notification).unwrap_or_default(),
                (None, Some(problem)) => format!("unreadable: {problem}"),
                (None, None) => String::new(),
            };
            text.push_str(&format!(
                "\n{}  received {}  {facts}",
                listing.center_reference, listing.received_at
            ));
        }
        text
    })
}

fn open(state: &CenterState, out: Output, key: &str) -> Result<()> {
    let opened = admin::open(state, key)?;
    let payload = serde_json::to_string_pretty(&opened.payload)?;
    out.print(&opened, || opened_text(&opened, &payload))
}

fn opened_text(opened: &OpenedEnvelope, payload: &str) -> String {
    format!(
        "{} {} received {}\n{payload}",
        opened.listing.kind, opened.listing.center_reference, opened.listing.received_at,
    )
}

fn decide(state: &CenterState, out: Output, input: DecisionInput) -> Result<()> {
    let decision = admin::decide(state, &input)?;
    out.print(&decision, || {
        format!(
            "Decision {} on {}: {}",
            decision.decision_id,
            decision.center_reference,
            decision.outcome.as_str()
        )
    })
}

fn publish(state: &CenterState, out: Output, kind: PublicationKind, file: &Path) -> Result<()> {
    let content =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let publication = admin::publish(state, kind, &content)?;
    out.print(
        &serde_json::json!({ "kind": kind.as_str(), "version": publication.version }),
        || {
            format!(
                "Published {} version {}.",
                kind.as_str(),
                publication.version
            )
        },
    )
}

/// One line per entry, or "(none)" so that an empty list is not an empty screen.
fn lines(entries: impl Iterator<Item = String>) -> String {
    let text = entries.collect::<Vec<_>>().join("\n");
    if text.is_empty() {
        "(none)".into()
    } else {
        text
    }
}

/// The enrollment file holds a live code: only its owner may read it.
fn write_owner_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
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
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
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
    /// Count and list the anonymous notifications (adults who declined a referral), apart
    /// from referrals, with their non-identifying facts.
    Notifications,
    /// Sign and publish a new catalogue or service directory version from a JSON file.
    Publish {
        #[arg(value_enum)]
        kind: Kind,
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Outcome {
    Identified,
    NotIdentified,
    MoreInformationNeeded,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    Catalogue,
    Directory,
}

impl From<Outcome> for DecisionOutcome {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Identified => Self::Identified,
            Outcome::NotIdentified => Self::NotIdentified,
            Outcome::MoreInformationNeeded => Self::MoreInformationNeeded,
        }
    }
}

impl From<Kind> for PublicationKind {
    fn from(kind: Kind) -> Self {
        match kind {
            Kind::Catalogue => Self::Catalogue,
            Kind::Directory => Self::Directory,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(revoked_at: Option<&str>) -> DeviceListing {
        DeviceListing {
            id: "dev-1".into(),
            name: "Laptop 2".into(),
            agency: "Inspectorate".into(),
            officer: "Ana".into(),
            enrolled_at: "2026-01-01T00:00:00Z".into(),
            revoked_at: revoked_at.map(str::to_owned),
            last_seen_at: None,
        }
    }

    #[test]
    fn an_empty_list_prints_none_rather_than_nothing() {
        assert_eq!(devices_text(&[]), "(none)");
        assert_eq!(received_text(&[]), "(none)");
    }

    #[test]
    fn a_revoked_device_is_marked_on_its_line() {
        let text = devices_text(&[device(None), device(Some("2026-02-01T00:00:00Z"))]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "dev-1  Laptop 2  Inspectorate / Ana  enrolled 2026-01-01T00:00:00Z"
        );
        assert!(
            lines[1].ends_with("  REVOKED 2026-02-01T00:00:00Z"),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn a_received_request_shows_its_decision_or_undecided_and_what_it_regards() {
        let listing = |regarding: Option<&str>, outcome: Option<&str>| EnvelopeListing {
            id: "env-1".into(),
            center_reference: "FC-2026-000001".into(),
            kind: "reconsideration".into(),
            regarding: regarding.map(str::to_owned),
            device_id: "dev-1".into(),
            received_at: "2026-01-02T00:00:00Z".into(),
            size: 10,
            sha256: String::new(),
            purged: false,
            decision: outcome.map(|outcome| admin::DecisionListing {
                id: "d".into(),
                outcome: outcome.into(),
                reasons: String::new(),
                criteria_version: "1".into(),
                decided_at: String::new(),
                answers: None,
            }),
        };
        let text = received_text(&[
            listing(Some("FC-2025-000009"), None),
            listing(None, Some("identified")),
        ]);
        assert_eq!(
            text,
            "FC-2026-000001  env-1  received 2026-01-02T00:00:00Z  undecided  regarding FC-2025-000009\n\
             FC-2026-000001  env-1  received 2026-01-02T00:00:00Z  identified"
        );
    }
}
