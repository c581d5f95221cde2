//! Drafts and finalising on a real encrypted store: one transaction moves a draft into the
//! outbox, and a failure leaves the draft exactly as it was.

mod common;

use common::*;
use first_contact_domain::referral::Referral;
use first_contact_domain::AgencyType;
use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
use first_contact_store::{referral_drafts, screening_referrals, Connection, StoreError, Vault};

fn opened() -> (tempfile::TempDir, Vault, Connection) {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    (directory, vault, connection)
}

pub fn draft(id: &str, name: &str) -> Referral {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    let mut draft = Referral::blank(id.into(), AgencyType::Ngo, today, "2026-11-28T10:00:00Z");
    draft.person.name = name.into();
    draft.indicators.narrative = "Recruited in Vranje with a promise of hotel work".into();
    draft
}

fn status(id: &str, reference: &str) -> StatusRecord {
    StatusRecord {
        id: id.into(),
        reference: reference.into(),
        kind: "referral".into(),
        finalised_at: "2026-11-28T11:00:00Z".into(),
        urgency: first_contact_domain::referral::Urgency::Urgent,
        path: first_contact_domain::AgePathKind::Adult,
        catalogue_version: "2026.11.0".into(),
        state: first_contact_domain::referral::JourneyState::Queued,
        ..Default::default()
    }
}

fn envelope(id: &str, bytes: &[u8]) -> QueuedEnvelope {
    QueuedEnvelope {
        position: 0,
        id: id.into(),
        kind: "referral".into(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T11:00:00Z".into(),
        envelope: bytes.to_vec(),
        attempts: 0,
        ..Default::default()
    }
}

#[test]
fn drafts_save_list_and_delete() {
    let (_d, _v, connection) = opened();
    referral_drafts::save(&connection, &draft("r-1", "Ana")).unwrap_or_else(|e| panic!("{e}"));
    let mut later = draft("r-2", "Branka");
    later.updated_at = "2026-11-28T10:05:00Z".into();
    referral_drafts::save(&connection, &later).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = referral_drafts::all(&connection)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|d| d.person.name)
        .collect();
    assert_eq!(names, vec!["Branka", "Ana"]);
    referral_drafts::delete(&connection, "r-1").unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        referral_drafts::get(&connection, "r-1"),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        referral_drafts::delete(&connection, "r-1"),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn finalising_moves_the_draft_into_the_outbox_in_order() {
    let (_d, _v, mut connection) = opened();
    for (id, name) in [("r-1", "Ana"), ("r-2", "Branka")] {
        referral_drafts::save(&connection, &draft(id, name)).unwrap_or_else(|e| panic!("{e}"));
    }
    for (id, reference) in [("r-2", "FC-AAAA-AAAA"), ("r-1", "FC-BBBB-BBBB")] {
        outbox::finalise(
            &mut connection,
            id,
            &status(id, reference),
            &envelope(id, id.as_bytes()),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(referral_drafts::all(&connection)
        .unwrap_or_default()
        .is_empty());
    let queued = outbox::queued(&connection).unwrap_or_else(|e| panic!("{e}"));
    let order: Vec<&str> = queued.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        order,
        vec!["r-2", "r-1"],
        "the outbox keeps finalisation order"
    );
    assert_eq!(queued[0].envelope, b"r-2");
    assert_eq!(queued[0].attempts, 0);
    let statuses = outbox::statuses(&connection).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(statuses.len(), 2);
    assert!(statuses
        .iter()
        .all(|s| s.state == first_contact_domain::referral::JourneyState::Queued));
}

#[test]
fn finalising_twice_or_a_missing_draft_changes_nothing() {
    let (_d, _v, mut connection) = opened();
    referral_drafts::save(&connection, &draft("r-1", "Ana")).unwrap_or_else(|e| panic!("{e}"));
    outbox::finalise(
        &mut connection,
        "r-1",
        &status("r-1", "FC-1"),
        &envelope("r-1", b"one"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        outbox::finalise(
            &mut connection,
            "r-1",
            &status("r-1", "FC-1"),
            &envelope("r-1", b"two")
        ),
        Err(StoreError::NotFound)
    ));
    let queued = outbox::queued(&connection).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(queued.len(), 1);
    assert_eq!(
        queued[0].envelope, b"one",
        "the frozen bytes are never replaced"
    );
}

#[test]
fn a_failure_inside_finalise_leaves_the_draft_and_queues_nothing() {
    let (_d, _v, mut connection) = opened();
    for id in ["r-1", "r-2"] {
        referral_drafts::save(&connection, &draft(id, "Ana")).unwrap_or_else(|e| panic!("{e}"));
    }
    outbox::finalise(
        &mut connection,
        "r-1",
        &status("r-1", "FC-SAME"),
        &envelope("r-1", b"x"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // The status insert fails (a reference already used) after the draft was deleted inside
    // the transaction: the rollback must bring it back.
    let result = outbox::finalise(
        &mut connection,
        "r-2",
        &status("r-2", "FC-SAME"),
        &envelope("r-2", b"y"),
    );
    assert!(result.is_err());
    assert_eq!(
        referral_drafts::get(&connection, "r-2")
            .map(|d| d.person.name)
            .ok()
            .as_deref(),
        Some("Ana")
    );
    assert_eq!(outbox::queued(&connection).unwrap_or_default().len(), 1);
    assert_eq!(outbox::statuses(&connection).unwrap_or_default().len(), 1);
}

#[test]
fn a_finalised_referral_remembers_its_screening_and_the_other_drafts_are_found() {
    let (_d, _v, mut connection) = opened();
    let of_screening = |id: &str| {
        let mut d = draft(id, "Ana");
        d.screening_id = Some("s-1".into());
        d
    };
    for id in ["r-1", "r-2"] {
        referral_drafts::save(&connection, &of_screening(id)).unwrap_or_else(|e| panic!("{e}"));
    }
    referral_drafts::save(&connection, &draft("r-3", "Other")).unwrap_or_else(|e| panic!("{e}"));
    let others = |except: &str| {
        screening_referrals::other_drafts(&connection, "s-1", except)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(others("r-1"), ["r-2"]);
    assert!(screening_referrals::finalised(&connection, "s-1")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());

    outbox::finalise(
        &mut connection,
        "r-1",
        &status("r-1", "FC-AAAA-1111"),
        &envelope("r-1", b"sealed"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let finalised =
        screening_referrals::finalised(&connection, "s-1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(finalised.len(), 1);
    assert_eq!(finalised[0].id, "r-1");
    assert_eq!(finalised[0].reference, "FC-AAAA-1111");
    assert_eq!(finalised[0].finalised_at, "2026-11-28T11:00:00Z");
    assert!(screening_referrals::other_drafts(&connection, "s-1", "r-2")
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
    // A draft that came from no screening is tied to none.
    outbox::finalise(
        &mut connection,
        "r-3",
        &status("r-3", "FC-BBBB-2222"),
        &envelope("r-3", b"sealed too"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        screening_referrals::finalised(&connection, "s-1")
            .unwrap_or_else(|e| panic!("{e}"))
            .len(),
        1
    );
}
