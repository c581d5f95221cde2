//! Data minimisation on a real encrypted store: a finalised referral takes its screening with
//! it, a screening never referred goes after the retention period unless a draft still needs
//! it, and the worker can delete one.

mod common;

use chrono::DateTime;
use common::*;
use first_contact_domain::referral::Referral;
use first_contact_domain::AgencyType;
use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
use first_contact_store::{profile, referral_drafts, screenings, StoreError, Vault};

fn at(text: &str) -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{e}"))
}

fn screening_changed_at(id: &str, updated_at: &str) -> first_contact_domain::Screening {
    let mut s = screening(id, "Marija");
    s.updated_at = updated_at.into();
    s
}

fn ids(connection: &first_contact_store::Connection) -> Vec<String> {
    let mut ids: Vec<String> = screenings::all(connection)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|s| s.id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn finalising_a_referral_deletes_the_screening_it_came_from_and_no_other() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let mut connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    for id in ["s-referred", "s-other"] {
        screenings::save(&connection, &screening(id, "Ana")).unwrap_or_else(|e| panic!("{e}"));
    }
    let from = screenings::get(&connection, "s-referred").unwrap_or_else(|e| panic!("{e}"));
    let draft = Referral::from_screening(&from, "r-1".into(), "2026-11-28T10:00:00Z");
    referral_drafts::save(&connection, &draft).unwrap_or_else(|e| panic!("{e}"));
    let status = StatusRecord {
        id: "r-1".into(),
        reference: "FC-AAAA-BBBB".into(),
        kind: "referral".into(),
        finalised_at: "2026-11-28T11:00:00Z".into(),
        state: first_contact_domain::referral::JourneyState::Queued,
        ..Default::default()
    };
    let envelope = QueuedEnvelope {
        id: "r-1".into(),
        kind: "referral".into(),
        payload_format: 1,
        envelope: b"sealed".to_vec(),
        ..Default::default()
    };
    outbox::finalise(&mut connection, "r-1", &status, &envelope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&connection), ["s-other"]);
    // A blank draft (no screening) finalises without touching any screening.
    let blank = Referral::blank(
        "r-2".into(),
        AgencyType::Ngo,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default(),
        "2026-11-28T10:00:00Z",
    );
    referral_drafts::save(&connection, &blank).unwrap_or_else(|e| panic!("{e}"));
    let status = StatusRecord {
        id: "r-2".into(),
        reference: "FC-CCCC-DDDD".into(),
        ..status
    };
    let envelope = QueuedEnvelope {
        id: "r-2".into(),
        ..envelope
    };
    outbox::finalise(&mut connection, "r-2", &status, &envelope).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&connection), ["s-other"]);
}

#[test]
fn old_unreferred_screenings_go_and_the_rest_stay() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let mut connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    let cutoff = at("2026-11-01T12:00:00+01:00");
    // Just before the cutoff (in another offset), just after, and old but with a draft.
    let old = screening_changed_at("s-old", "2026-11-01T10:59:59+00:00");
    let recent = screening_changed_at("s-recent", "2026-11-01T11:00:01+00:00");
    let drafted = screening_changed_at("s-drafted", "2026-10-01T09:00:00+02:00");
    let unreadable = screening_changed_at("s-unreadable", "yesterday");
    for s in [&old, &recent, &drafted, &unreadable] {
        screenings::save(&connection, s).unwrap_or_else(|e| panic!("{e}"));
    }
    let draft = Referral::from_screening(&drafted, "r-1".into(), "2026-10-01T09:05:00+02:00");
    referral_drafts::save(&connection, &draft).unwrap_or_else(|e| panic!("{e}"));

    let deleted = screenings::delete_unreferred_before(&mut connection, cutoff)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(deleted, 1);
    assert_eq!(ids(&connection), ["s-drafted", "s-recent", "s-unreadable"]);

    // Once the draft is gone, its screening is an old unreferred one too.
    referral_drafts::delete(&connection, "r-1").unwrap_or_else(|e| panic!("{e}"));
    screenings::delete_unreferred_before(&mut connection, cutoff).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ids(&connection), ["s-recent", "s-unreadable"]);
}

#[test]
fn a_screening_is_deleted_on_request_and_the_retention_is_a_setting() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    screenings::save(&connection, &screening("s-1", "Ana")).unwrap_or_else(|e| panic!("{e}"));
    screenings::delete(&connection, "s-1").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        screenings::get(&connection, "s-1"),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        screenings::delete(&connection, "s-1"),
        Err(StoreError::NotFound)
    ));

    assert_eq!(
        profile::screening_retention_days(&connection).ok(),
        Some(30)
    );
    profile::set_screening_retention_days(&connection, 7).unwrap_or_else(|e| panic!("{e}"));
    drop(connection);
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(profile::screening_retention_days(&connection).ok(), Some(7));
    // The schema refuses what the app would never send.
    assert!(profile::set_screening_retention_days(&connection, 0).is_err());
    assert!(profile::set_screening_retention_days(&connection, 366).is_err());
    assert_eq!(profile::screening_retention_days(&connection).ok(), Some(7));
}
