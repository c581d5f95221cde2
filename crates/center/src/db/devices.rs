//! `devices`: enrolled field devices, their credential hash and whether they are revoked.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::CenterError;

/// A device as staff see it: every column but its credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceListing {
    pub id: String,
    pub name: String,
    pub agency: String,
    pub officer: String,
    pub enrolled_at: String,
    pub revoked_at: Option<String>,
    pub last_seen_at: Option<String>,
}

/// A device's row: what staff see, and the digest of its credential, which only
/// authentication reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceRecord {
    pub device: DeviceListing,
    pub credential_digest: String,
}

pub fn insert(connection: &Connection, device: &DeviceRecord) -> Result<(), CenterError> {
    connection.execute(
        "INSERT INTO devices (id, credential_digest, name, agency, officer, enrolled_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            device.device.id,
            device.credential_digest,
            device.device.name,
            device.device.agency,
            device.device.officer,
            device.device.enrolled_at
        ],
    )?;
    Ok(())
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DeviceRecord> {
    Ok(DeviceRecord {
        credential_digest: row.get(1)?,
        device: DeviceListing {
            id: row.get(0)?,
            name: row.get(2)?,
            agency: row.get(3)?,
            officer: row.get(4)?,
            enrolled_at: row.get(5)?,
            revoked_at: row.get(6)?,
            last_seen_at: row.get(7)?,
        },
    })
}

const COLUMNS: &str =
    "id, credential_digest, name, agency, officer, enrolled_at, revoked_at, last_seen_at";

pub fn find(connection: &Connection, id: &str) -> Result<Option<DeviceRecord>, CenterError> {
    Ok(connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM devices WHERE id = ?1"),
            params![id],
            from_row,
        )
        .optional()?)
}

pub fn list(connection: &Connection) -> Result<Vec<DeviceRecord>, CenterError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM devices ORDER BY enrolled_at, id"
    ))?;
    let rows = statement.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn revoke(connection: &Connection, id: &str, at: &str) -> Result<bool, CenterError> {
    Ok(connection.execute(
        "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, at],
    )? == 1)
}

pub fn touch(connection: &Connection, id: &str, at: &str) -> Result<(), CenterError> {
    connection.execute(
        "UPDATE devices SET last_seen_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}
