//! The write-ahead log keeps old page images (a deleted draft's text among them) until a
//! checkpoint: after finalising, after deleting a draft and on closing it must be empty or
//! gone.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use first_contact_domain::referral::Referral;
use first_contact_domain::AgencyType;
use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
use first_contact_store::{database, referral_drafts, Connection, Vault};

fn opened() -> (tempfile::TempDir, Vault, Connection) {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    (directory, vault, connection)
}

fn wal_path(vault: &Vault) -> PathBuf {
    let mut path = vault.database_path().into_os_string();
    path.push("-wal");
    PathBuf::from(path)
}

/// The WAL's size, zero when it does not exist.
fn wal_bytes(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => 0,
        Err(error) => panic!("{error}"),
    }
}

fn draft(id: &str) -> Referral {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    let mut draft = Referral::blank(id.into(), AgencyType::Ngo, today, "2026-11-28T10:00:00Z");
    draft.person.name = "Jelena Petrović".into();
    draft.indicators.narrative = "Passport kept by the employer in Subotica".into();
    draft
}

fn queued(id: &str) -> (StatusRecord, QueuedEnvelope) {
    let status = StatusRecord {
        id: id.into(),
        reference: "FC-TEST".into(),
        kind: "referral".into(),
        finalised_at: "2026-11-28T11:00:00Z".into(),
        urgency: first_contact_domain::referral::Urgency::Urgent,
        path: first_contact_domain::AgePathKind::Adult,
        catalogue_version: "2026.11.0".into(),
        state: first_contact_domain::referral::JourneyState::Queued,
        ..Default::default()
    };
    let envelope = QueuedEnvelope {
        id: id.into(),
        kind: "referral".into(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T11:00:00Z".into(),
        envelope: vec![7; 512],
        ..Default::default()
    };
    (status, envelope)
}

#[test]
fn finalising_leaves_the_wal_empty() {
    let (_directory, vault, mut connection) = opened();
    for n in 0..20 {
        referral_drafts::save(&connection, &draft("r-1")).unwrap_or_else(|e| panic!("{n}: {e}"));
    }
    assert!(
        wal_bytes(&wal_path(&vault)) > 0,
        "the autosaves went to the WAL"
    );
    let (status, envelope) = queued("r-1");
    outbox::finalise(&mut connection, "r-1", &status, &envelope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wal_bytes(&wal_path(&vault)), 0);
    // The connection is still usable and the referral is queued.
    assert_eq!(outbox::pending_count(&connection).unwrap_or_default(), 1);
}

#[test]
fn deleting_a_draft_leaves_the_wal_empty() {
    let (_directory, vault, connection) = opened();
    referral_drafts::save(&connection, &draft("r-5")).unwrap_or_else(|e| panic!("{e}"));
    assert!(wal_bytes(&wal_path(&vault)) > 0);
    referral_drafts::delete(&connection, "r-5").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wal_bytes(&wal_path(&vault)), 0);
}

#[test]
fn closing_empties_the_wal_even_while_another_connection_is_open() {
    let (_directory, vault, connection) = opened();
    // SQLite deletes the WAL itself when the last connection closes; a second one keeps it.
    let other = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    referral_drafts::save(&connection, &draft("r-2")).unwrap_or_else(|e| panic!("{e}"));
    assert!(wal_bytes(&wal_path(&vault)) > 0);
    let truncated = database::close(connection).unwrap_or_else(|e| panic!("{e}"));
    assert!(truncated);
    assert_eq!(wal_bytes(&wal_path(&vault)), 0);
    drop(other);
}

#[test]
fn a_reader_in_a_transaction_makes_the_checkpoint_report_busy() {
    let (_directory, vault, connection) = opened();
    let mut reader = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    referral_drafts::save(&connection, &draft("r-3")).unwrap_or_else(|e| panic!("{e}"));
    let transaction = reader.transaction().unwrap_or_else(|e| panic!("{e}"));
    let _ = referral_drafts::all(&transaction).unwrap_or_else(|e| panic!("{e}"));
    referral_drafts::save(&connection, &draft("r-4")).unwrap_or_else(|e| panic!("{e}"));
    assert!(!database::truncate_wal(&connection).unwrap_or_else(|e| panic!("{e}")));
    drop(transaction);
    assert!(database::truncate_wal(&connection).unwrap_or_else(|e| panic!("{e}")));
}
