//! The Center's database: one function opens and configures it, embedded migrations bring it
//! to the current schema, and a module per table holds its queries.

pub mod codes;
pub mod decisions;
pub mod devices;
pub mod envelopes;
pub mod publications;

use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::time::Duration;

use rusqlite::Connection;

use crate::error::CenterError;

pub const DATABASE_FILE: &str = "center.sqlite3";

const MIGRATIONS: &[&str] = &[include_str!("../../migrations/0001_center.sql")];

/// Opens (creating if needed) the database at `path` and migrates it.
pub fn open(path: &Path) -> Result<Connection, CenterError> {
    if !path.exists() {
        // Created owner-only before SQLite opens it; its -wal and -shm files follow its mode.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| CenterError::file(path, e))?;
    }
    let mut connection = Connection::open(path)?;
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // Emptied envelopes and replaced rows are overwritten, not left in free pages.
    connection.pragma_update(None, "secure_delete", "ON")?;
    migrate(&mut connection)?;
    Ok(connection)
}

fn migrate(connection: &mut Connection) -> Result<(), CenterError> {
    let known = i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX);
    let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > known {
        return Err(CenterError::SchemaTooNew { found, known });
    }
    let applied = usize::try_from(found).unwrap_or(0);
    for (index, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .filter(|(index, _)| *index >= applied)
    {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        transaction.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        transaction.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_twice_migrates_once_and_a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join(DATABASE_FILE);
        drop(open(&path).unwrap_or_else(|e| panic!("{e}")));
        let connection = open(&path).unwrap_or_else(|e| panic!("{e}"));
        let version: i64 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(version, 1);
        connection
            .pragma_update(None, "user_version", 99)
            .unwrap_or_else(|e| panic!("{e}"));
        drop(connection);
        assert!(matches!(
            open(&path),
            Err(CenterError::SchemaTooNew { found: 99, .. })
        ));
    }
}
