//! The one place that opens and configures a field-store connection.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use crate::error::StoreError;
use crate::keyring::DataKey;
use crate::migrations;
use crate::screening_summaries;

/// Opens (creating if needed) the encrypted database at `path` and migrates it.
pub fn open(path: &Path, key: &DataKey) -> Result<Connection, StoreError> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&connection, key)?;
    migrations::run(&connection)?;
    screening_summaries::fill_missing(&connection)?;
    Ok(connection)
}

/// Opens a second connection to a store `open` has already created and migrated (the
/// background connection): the same key and settings, nothing created, nothing migrated.
pub fn open_existing(path: &Path, key: &DataKey) -> Result<Connection, StoreError> {
    let connection = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&connection, key)?;
    Ok(connection)
}

/// Key, then the settings every connection needs. The raw-key form skips SQLCipher's own
/// PBKDF2 because the key is already random and 256 bits long.
pub fn configure(connection: &Connection, key: &DataKey) -> Result<(), StoreError> {
    // SQLCipher would otherwise report decryption failures on stderr; errors reach the caller.
    connection.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let statement = Zeroizing::new(format!(
        "PRAGMA key = \"x'{}'\";",
        Zeroizing::new(hex::encode(key.bytes())).as_str()
    ));
    connection.execute_batch(&statement)?;
    // Reading the schema is the first access that needs the key: a wrong key fails here.
    connection.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    })?;
    connection.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA busy_timeout = 5000;
         PRAGMA secure_delete = ON;
         PRAGMA temp_store = MEMORY;",
    )?;
    // SQLCipher keeps decrypted pages in SQLite's page cache; the default 2 MiB holds too little
    // of the list's summary rows, so every search would decrypt them all again. 64 MiB keeps
    // them (a hundred thousand screenings' summaries are about 20 MiB) in the process's own
    // memory, which is no more exposed than the pages being read.
    connection.execute_batch("PRAGMA cache_size = -65536;")?;
    // Each time the WAL is reset after a checkpoint, cut it back to nothing: old page images
    // (of deleted drafts, say) do not linger in the file beyond the next checkpoint.
    connection.execute_batch("PRAGMA journal_size_limit = 0;")?;
    Ok(())
}

/// Copies the whole WAL into the database and truncates it to zero bytes, so the page images
/// it held (a finalised draft's text among them) are no longer in any file we control. The
/// checkpoint cannot finish while another connection is reading: then the answer is `false`
/// and the pages wait for the next checkpoint.
pub fn truncate_wal(connection: &Connection) -> Result<bool, StoreError> {
    let busy = connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| {
        row.get::<_, i64>(0)
    })?;
    Ok(busy == 0)
}

/// Closes the connection after truncating the WAL. SQLite removes the WAL itself when the last
/// connection closes, but not while another one (say a crash probe or a second process) is
/// open; the explicit checkpoint empties it in that case too.
pub fn close(connection: Connection) -> Result<bool, StoreError> {
    let truncated = truncate_wal(&connection);
    connection.close().map_err(|(_, error)| error)?;
    truncated
}

/// Re-encrypts the whole database under `new_key`, in one transaction (SQLCipher rewrites every
/// page). SQLCipher cannot rekey in WAL mode, so the WAL is emptied and the rollback journal
/// used for the rekey, then WAL is turned on again.
pub fn rekey(connection: &Connection, new_key: &DataKey) -> Result<(), StoreError> {
    connection.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    connection.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
    let statement = Zeroizing::new(format!(
        "PRAGMA rekey = \"x'{}'\";",
        Zeroizing::new(hex::encode(new_key.bytes())).as_str()
    ));
    let rekeyed = connection.execute_batch(&statement);
    // WAL again whatever happened, so the connection stays as `configure` left it.
    connection.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    rekeyed?;
    Ok(())
}
