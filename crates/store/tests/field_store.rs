//! The field store on a real SQLCipher file: creation, unlock, migrations, encryption at rest.

mod common;

use common::*;
use first_contact_store::{migrations, profile, screenings, StoreError, Vault, VaultState};

fn created() -> (tempfile::TempDir, Vault) {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    (directory, vault)
}

#[test]
fn a_new_folder_has_no_profile_and_creation_locks_it_behind_the_passphrase() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    assert_eq!(vault.state(), VaultState::NoProfile);
    assert!(matches!(
        vault.unlock(&PASSPHRASE.into()),
        Err(StoreError::NoProfile)
    ));
    vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(vault.state(), VaultState::Locked);
    assert!(matches!(
        vault.create(&PASSPHRASE.into(), KDF, &profile()),
        Err(StoreError::ProfileExists)
    ));
}

#[test]
fn data_survives_closing_and_reopening() {
    let (_directory, vault) = created();
    {
        let connection = vault
            .unlock(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        screenings::save(&connection, &screening("s-1", "Amina")).unwrap_or_else(|e| panic!("{e}"));
    }
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(profile::get(&connection).ok(), Some(profile()));
    let loaded = screenings::get(&connection, "s-1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.person.alias, "Amina");
    assert!(matches!(
        screenings::get(&connection, "s-2"),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn wrong_passphrase_is_refused_and_touches_nothing() {
    let (_directory, vault) = created();
    let before = all_bytes(vault.directory());
    assert!(matches!(
        vault.unlock(&"blue kettle 1987 evening".into()),
        Err(StoreError::WrongPassphrase)
    ));
    assert_eq!(all_bytes(vault.directory()), before);
}

#[test]
fn database_of_a_newer_version_is_refused() {
    let (_directory, vault) = created();
    {
        let connection = vault
            .unlock(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        connection
            .pragma_update(None, "user_version", migrations::latest() + 1)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    match vault.unlock(&PASSPHRASE.into()) {
        Err(StoreError::NewerSchema { found, supported }) => {
            assert_eq!(found, migrations::latest() + 1);
            assert_eq!(supported, migrations::latest());
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn migrations_from_empty_reach_the_latest_schema() {
    let (_directory, vault) = created();
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        migrations::current(&connection).ok(),
        Some(migrations::latest())
    );
    let tables: Vec<String> = connection
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        tables,
        vec![
            "batch_receipts",
            "center_enrollment",
            "decision_cursor",
            "decisions",
            "outbox",
            "profile",
            "publications",
            "receipts",
            "referral_drafts",
            "referral_status",
            "screening_summaries",
            "screenings",
            "sqlite_sequence"
        ]
    );
}

#[test]
fn nothing_on_disk_is_readable_without_the_key() {
    let (_directory, vault) = created();
    let alias = "Nadežda Quillfeather";
    {
        let connection = vault
            .unlock(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        let mut s = screening("s-secret", alias);
        s.observations.push(first_contact_domain::Observation {
            indicator: "EX.excessive-hours".into(),
            learnt: first_contact_domain::Learnt::Disclosed,
            note: "worked nineteen hours daily at Zrenjanin".into(),
        });
        screenings::save(&connection, &s).unwrap_or_else(|e| panic!("{e}"));
        // Keep the connection open so the WAL still holds the pages when we look.
        let files = all_bytes(vault.directory());
        assert!(files.iter().any(|(name, _)| name.ends_with("field.db-wal")));
        for (name, bytes) in &files {
            assert!(
                !contains(bytes, "SQLite format 3"),
                "{name} has a clear header"
            );
            for secret in [
                alias,
                "Quillfeather",
                "nineteen hours",
                "Zorica",
                "Kikinda",
                "CREATE TABLE",
            ] {
                assert!(!contains(bytes, secret), "{name} contains {secret:?}");
            }
        }
    }
    assert!(std::fs::read(vault.database_path())
        .map(|b| b.len() >= 4096)
        .unwrap_or(false));
}

#[test]
fn a_damaged_database_is_reported_as_damaged() {
    let (_directory, vault) = created();
    std::fs::write(vault.database_path(), vec![0x5a; 8192]).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        vault.unlock(&PASSPHRASE.into()),
        Err(StoreError::Corrupt(_))
    ));
}

#[test]
fn a_leftover_of_an_interrupted_creation_is_replaced() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path());
    std::fs::write(vault.database_path(), b"half-written").unwrap_or_else(|e| panic!("{e}"));
    vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(vault.unlock(&PASSPHRASE.into()).is_ok());
}

#[test]
fn connections_are_durable_and_overwrite_deleted_content() {
    let (_directory, vault) = created();
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    let pragma = |name: &str| -> String {
        connection
            .query_row(&format!("PRAGMA {name}"), [], |row| {
                row.get::<_, rusqlite::types::Value>(0)
            })
            .map(|value| match value {
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Text(t) => t,
                other => format!("{other:?}"),
            })
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    // Deleted drafts are overwritten, not just unlinked; nothing spills to temporary files.
    assert_eq!(pragma("secure_delete"), "1");
    assert_eq!(pragma("temp_store"), "2");
    assert_eq!(pragma("journal_mode"), "wal");
    assert_eq!(pragma("synchronous"), "2");
    assert_eq!(pragma("foreign_keys"), "1");
    // The WAL is cut back to nothing when it is reset, so stale pages do not pile up in it.
    assert_eq!(pragma("journal_size_limit"), "0");
}
