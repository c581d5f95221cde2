//! Queries of the `screenings` table. A screening is stored whole as JSON, with its list
//! summary beside it (`screening_summaries`). Screenings are
//! deleted when the worker asks, when their referral is finalised (see `outbox::finalise`) and
//! when they were never referred and are older than the retention period.

use chrono::DateTime;
use first_contact_domain::Screening;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;
use crate::screening_summaries;

/// Inserts or replaces a screening and its list summary in one durable transaction.
pub fn save(connection: &Connection, screening: &Screening) -> Result<(), StoreError> {
    let body = serde_json::to_string(screening)?;
    let transaction = connection.unchecked_transaction()?;
    transaction.execute(
        "INSERT INTO screenings (id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
        params![
            screening.id,
            screening.created_at,
            screening.updated_at,
            body
        ],
    )?;
    screening_summaries::write(&transaction, screening)?;
    transaction.commit()?;
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

/// Deletes one screening; `NotFound` if there is none with that id.
pub fn delete(connection: &Connection, id: &str) -> Result<(), StoreError> {
    match connection.execute("DELETE FROM screenings WHERE id = ?1", params![id])? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// Deletes, in one transaction, the screenings last changed before `cutoff` that no referral
/// draft was started from (a draft still needs its screening until it is finalised). Returns
/// how many went.
pub fn delete_unreferred_before(
    connection: &mut Connection,
    cutoff: DateTime<chrono::FixedOffset>,
) -> Result<usize, StoreError> {
    let transaction = connection.transaction()?;
    let stale: Vec<String> = {
        // From the summaries (one small row per screening, same id and time), so the sweep at
        // every unlock does not read and decrypt every body.
        let mut statement = transaction.prepare(
            "SELECT id, updated_at FROM screening_summaries
             WHERE id NOT IN (SELECT json_extract(body, '$.screening_id') FROM referral_drafts
                              WHERE json_extract(body, '$.screening_id') IS NOT NULL)",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut stale = Vec::new();
        for row in rows {
            let (id, updated_at) = row?;
            // Times carry the laptop's offset of the moment, so compare instants, not text. An
            // unreadable time is kept: deleting is the one thing that cannot be undone.
            if DateTime::parse_from_rfc3339(&updated_at).is_ok_and(|at| at < cutoff) {
                stale.push(id);
            }
        }
        stale
    };
    for id in &stale {
        transaction.execute("DELETE FROM screenings WHERE id = ?1", params![id])?;
    }
    transaction.commit()?;
    Ok(stale.len())
}
