//! Queries of the `referral_drafts` table. A draft is stored whole as JSON; deleting it
//! overwrites its pages (`secure_delete`), so a deleted draft's content is gone.

use first_contact_domain::referral::Referral;
use rusqlite::{params, Connection, OptionalExtension};

use crate::database;
use crate::error::StoreError;

pub fn save(connection: &Connection, draft: &Referral) -> Result<(), StoreError> {
    let body = serde_json::to_string(draft)?;
    connection.execute(
        "INSERT INTO referral_drafts (id, created_at, updated_at, body) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, body = excluded.body",
        params![draft.id, draft.created_at, draft.updated_at, body],
    )?;
    Ok(())
}

pub fn get(connection: &Connection, id: &str) -> Result<Referral, StoreError> {
    let body: Option<String> = connection
        .query_row(
            "SELECT body FROM referral_drafts WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(serde_json::from_str(&body.ok_or(StoreError::NotFound)?)?)
}

/// Every draft, most recently changed first.
pub fn all(connection: &Connection) -> Result<Vec<Referral>, StoreError> {
    let mut statement =
        connection.prepare("SELECT body FROM referral_drafts ORDER BY updated_at DESC, id DESC")?;
    let bodies = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut drafts = Vec::new();
    for body in bodies {
        drafts.push(serde_json::from_str(&body?)?);
    }
    Ok(drafts)
}

/// Deletes a draft; `NotFound` if there was none. The WAL is truncated afterwards, as after
/// finalising: its older page images still hold the draft's text.
pub fn delete(connection: &Connection, id: &str) -> Result<(), StoreError> {
    match connection.execute("DELETE FROM referral_drafts WHERE id = ?1", params![id])? {
        0 => Err(StoreError::NotFound),
        _ => {
            // The draft is deleted whatever happens here; a checkpoint that cannot run now is
            // retried when the store locks.
            let _ = database::truncate_wal(connection);
            Ok(())
        }
    }
}
