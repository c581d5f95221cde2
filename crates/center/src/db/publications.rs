//! `publications`: signed catalogue and directory versions.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::CenterError;

pub fn insert(
    connection: &Connection,
    kind: &str,
    version: &str,
    published_at: &str,
    signed: &str,
) -> Result<(), CenterError> {
    connection.execute(
        "INSERT INTO publications (kind, version, published_at, signed) VALUES (?1, ?2, ?3, ?4)",
        params![kind, version, published_at, signed],
    )?;
    Ok(())
}

/// The newest signed document of `kind`.
pub fn latest(connection: &Connection, kind: &str) -> Result<Option<String>, CenterError> {
    Ok(connection
        .query_row(
            "SELECT signed FROM publications WHERE kind = ?1 ORDER BY number DESC LIMIT 1",
            params![kind],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn version_exists(
    connection: &Connection,
    kind: &str,
    version: &str,
) -> Result<bool, CenterError> {
    Ok(connection
        .query_row(
            "SELECT 1 FROM publications WHERE kind = ?1 AND version = ?2",
            params![kind, version],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}
