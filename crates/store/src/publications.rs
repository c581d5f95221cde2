//! `publications`: the newest verified catalogue and directory the Center signed.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationRecord {
    pub kind: String,
    pub version: String,
    pub published_at: String,
    pub signed: String,
    pub received_at: String,
}

pub fn save(connection: &Connection, record: &PublicationRecord) -> Result<(), StoreError> {
    connection.execute(
        "INSERT OR REPLACE INTO publications (kind, version, published_at, signed, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            record.kind,
            record.version,
            record.published_at,
            record.signed,
            record.received_at
        ],
    )?;
    Ok(())
}

pub fn get(connection: &Connection, kind: &str) -> Result<Option<PublicationRecord>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT kind, version, published_at, signed, received_at FROM publications
             WHERE kind = ?1",
            params![kind],
            |row| {
                Ok(PublicationRecord {
                    kind: row.get(0)?,
                    version: row.get(1)?,
                    published_at: row.get(2)?,
                    signed: row.get(3)?,
                    received_at: row.get(4)?,
                })
            },
        )
        .optional()?)
}
