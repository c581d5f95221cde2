//! Test helper for `tests/crash.rs`: unlocks a field store and, forever, saves a referral draft
//! and finalises it, printing each step (`saved`, `finalising` just before the transaction,
//! `finalised` after it), until it is killed. The test kills it at varying moments and checks
//! that every referral is a draft or queued, never both, never neither.
//! Usage: finalise-crash-probe <data dir> <passphrase>

use std::io::Write;

use anyhow::Context;
use first_contact_domain::referral::Referral;
use first_contact_domain::AgencyType;
use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
use first_contact_store::{referral_drafts, Passphrase, Vault};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let directory = args.get(1).context("data dir")?;
    let passphrase = Passphrase::from(args.get(2).context("passphrase")?.as_str());
    let mut connection = Vault::at(directory).unlock(&passphrase)?;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).context("date")?;
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let id = format!("r-{n:06}");
        let mut draft = Referral::blank(id.clone(), AgencyType::Ngo, today, "2026-11-28T10:00:00Z");
        draft.indicators.narrative = "x".repeat(4096);
        referral_drafts::save(&connection, &draft)?;
        writeln!(out, "saved {id}")?;
        out.flush()?;
        let status = StatusRecord {
            id: id.clone(),
            reference: format!("FC-{n:06}"),
            kind: "referral".into(),
            finalised_at: "2026-11-28T11:00:00Z".into(),
            urgency: first_contact_domain::referral::Urgency::Routine,
            path: first_contact_domain::AgePathKind::Adult,
            catalogue_version: "2026.11.0".into(),
            state: first_contact_domain::referral::JourneyState::Queued,
            ..Default::default()
        };
        let envelope = QueuedEnvelope {
            position: 0,
            id: id.clone(),
            kind: "referral".into(),
            payload_format: 1,
            catalogue_version: "2026.11.0".into(),
            created_at: "2026-11-28T11:00:00Z".into(),
            envelope: vec![0xA5; 8192],
            attempts: 0,
            ..Default::default()
        };
        writeln!(out, "finalising {id}")?;
        out.flush()?;
        outbox::finalise(&mut connection, &id, &status, &envelope)?;
        writeln!(out, "finalised {id}")?;
        out.flush()?;
    }
    Ok(())
}
