//! The outbox and the status records beside it. Finalising is one transaction: the status
//! record, the sealed envelope and the removal of the plaintext draft commit together or not at
//! all, so a referral is always either a draft or queued — never both, never neither.

use rusqlite::{params, Connection};

use crate::error::StoreError;

/// What the laptop keeps about a finalised referral: nothing that names or describes a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRecord {
    pub id: String,
    pub reference: String,
    pub kind: String,
    pub finalised_at: String,
    pub urgency: String,
    pub path: String,
    pub catalogue_version: String,
    pub state: String,
}

/// A sealed envelope as queued: its frozen bytes and the metadata bound inside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedEnvelope {
    pub position: i64,
    pub id: String,
    pub kind: String,
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
    pub envelope: Vec<u8>,
    pub attempts: u32,
}

/// Queues `envelope` for `status.id` and deletes the draft `draft_id`, atomically. Fails with
/// `NotFound` (and changes nothing) if the draft is gone, e.g. finalised already.
pub fn finalise(
    connection: &mut Connection,
    draft_id: &str,
    status: &StatusRecord,
    envelope: &QueuedEnvelope,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    if transaction.execute(
        "DELETE FROM referral_drafts WHERE id = ?1",
        params![draft_id],
    )? == 0
    {
        return Err(StoreError::NotFound);
    }
    transaction.execute(
        "INSERT INTO referral_status
         (id, reference, kind, finalised_at, urgency, path, catalogue_version, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            status.id,
            status.reference,
            status.kind,
            status.finalised_at,
            status.urgency,
            status.path,
            status.catalogue_version,
            status.state
        ],
    )?;
    transaction.execute(
        "INSERT INTO outbox (id, kind, payload_format, catalogue_version, created_at, envelope)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            envelope.id,
            envelope.kind,
            envelope.payload_format,
            envelope.catalogue_version,
            envelope.created_at,
            envelope.envelope
        ],
    )?;
    transaction.commit()?;
    Ok(())
}

/// Status records, most recently finalised first.
pub fn statuses(connection: &Connection) -> Result<Vec<StatusRecord>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT id, reference, kind, finalised_at, urgency, path, catalogue_version, state
         FROM referral_status ORDER BY finalised_at DESC, id DESC",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StatusRecord {
            id: row.get(0)?,
            reference: row.get(1)?,
            kind: row.get(2)?,
            finalised_at: row.get(3)?,
            urgency: row.get(4)?,
            path: row.get(5)?,
            catalogue_version: row.get(6)?,
            state: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Queued envelopes in the order they were finalised.
pub fn queued(connection: &Connection) -> Result<Vec<QueuedEnvelope>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT position, id, kind, payload_format, catalogue_version, created_at, envelope, attempts
         FROM outbox ORDER BY position",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(QueuedEnvelope {
            position: row.get(0)?,
            id: row.get(1)?,
            kind: row.get(2)?,
            payload_format: row.get(3)?,
            catalogue_version: row.get(4)?,
            created_at: row.get(5)?,
            envelope: row.get(6)?,
            attempts: row.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
