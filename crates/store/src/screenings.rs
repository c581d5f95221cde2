//! Queries of the `screenings` table. A screening is stored whole as JSON.

use first_contact_domain::Screening;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;

/// Inserts or replaces a screening in one durable transaction.
pub fn save(connection: &Connection, screening: &Screening) -> Result<(), StoreError> {
    let body = serde_json::to_string(screening)?;
    connection.execute(
        "INSERT INTO screenings (id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
        params![
            screening.id,
            screening.created_at,
            screening.updated_at,
            body
        ],
    )?;
    Ok(())
}

pub fn get(connection: &Connection, id: &str) -> Result<Screening, StoreError> {
    let body: Option<String> = connection
        .query_row(
            "SELECT body FROM screenings WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(serde_json::from_str(&body.ok_or(StoreError::NotFound)?)?)
}

/// Every screening, most recently changed first.
pub fn all(connection: &Connection) -> Result<Vec<Screening>, StoreError> {
    let mut statement =
        connection.prepare("SELECT body FROM screenings ORDER BY updated_at DESC, id DESC")?;
    let bodies = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut screenings = Vec::new();
    for body in bodies {
        screenings.push(serde_json::from_str(&body?)?);
    }
    Ok(screenings)
}
