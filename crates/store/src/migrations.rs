//! Schema migrations of the field store, embedded from the top-level `migrations/` folder.
//! Each runs in its own transaction together with the bump of `user_version`.

use rusqlite::Connection;

use crate::error::StoreError;

/// `(version, file name, SQL)`; versions start at 1 and have no gaps.
pub const MIGRATIONS: &[(u32, &str, &str)] = &[
    (
        1,
        "0001_field_store.sql",
        include_str!("../../../migrations/0001_field_store.sql"),
    ),
    (
        2,
        "0002_referrals_and_outbox.sql",
        include_str!("../../../migrations/0002_referrals_and_outbox.sql"),
    ),
    (
        3,
        "0003_center_sync.sql",
        include_str!("../../../migrations/0003_center_sync.sql"),
    ),
    (
        4,
        "0004_screening_retention.sql",
        include_str!("../../../migrations/0004_screening_retention.sql"),
    ),
    (
        5,
        "0005_outbox_recipient.sql",
        include_str!("../../../migrations/0005_outbox_recipient.sql"),
    ),
    (
        6,
        "0006_screening_summaries.sql",
        include_str!("../../../migrations/0006_screening_summaries.sql"),
    ),
    (
        7,
        "0007_outbox_pages.sql",
        include_str!("../../../migrations/0007_outbox_pages.sql"),
    ),
    (
        8,
        "0008_batch_receipts.sql",
        include_str!("../../../migrations/0008_batch_receipts.sql"),
    ),
    (
        9,
        "0009_referral_screening.sql",
        include_str!("../../../migrations/0009_referral_screening.sql"),
    ),
];

pub fn latest() -> u32 {
    MIGRATIONS.last().map_or(0, |(version, _, _)| *version)
}

pub fn current(connection: &Connection) -> Result<u32, StoreError> {
    let version: i64 = connection.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    u32::try_from(version).map_err(|_| StoreError::Corrupt(format!("schema version {version}")))
}

/// Brings the schema up to date; refuses a database written by a newer version.
pub fn run(connection: &Connection) -> Result<(), StoreError> {
    let found = current(connection)?;
    if found > latest() {
        return Err(StoreError::NewerSchema {
            found,
            supported: latest(),
        });
    }
    for (version, _, sql) in MIGRATIONS.iter().filter(|(v, _, _)| *v > found) {
        let transaction = connection.unchecked_transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(None, "user_version", version)?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_the_migrations_folder_is_embedded_in_order() {
        let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../migrations");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap_or_else(|e| panic!("{folder}: {e}"))
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".sql"))
            .collect();
        files.sort();
        let embedded: Vec<String> = MIGRATIONS.iter().map(|(_, n, _)| (*n).to_owned()).collect();
        assert_eq!(files, embedded);
        for (index, (version, name, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*version as usize, index + 1);
            assert!(name.starts_with(&format!("{version:04}_")), "{name}");
        }
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let connection = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        run(&connection).unwrap_or_else(|e| panic!("{e}"));
        run(&connection).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(current(&connection).ok(), Some(latest()));
    }
}
