//! The outbox and the status records beside it. Finalising is one transaction: the status
//! record, the sealed envelope and the removal of the plaintext draft commit together or not at
//! all, so a referral is always either a draft or queued — never both, never neither.

use first_contact_domain::referral::{JourneyState, Urgency};
use first_contact_domain::AgePathKind;
use rusqlite::{params, Connection, OptionalExtension};

use crate::database;
use crate::enum_text::{from_text, to_text};
use crate::error::StoreError;

/// What the laptop keeps about a finalised referral: nothing that names or describes a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRecord {
    pub id: String,
    pub reference: String,
    pub kind: String,
    pub finalised_at: String,
    pub urgency: Urgency,
    pub path: AgePathKind,
    pub catalogue_version: String,
    pub state: JourneyState,
    /// For a reconsideration request: the referral it is about.
    pub regarding: Option<String>,
    pub center_reference: Option<String>,
    pub delivered_at: Option<String>,
    /// Why the Center refused it, when it did (it is kept, and no longer sent).
    pub attention: Option<String>,
}

/// A queued adult referral of routine urgency, for filling in with `..Default::default()`.
impl Default for StatusRecord {
    fn default() -> Self {
        Self {
            id: String::new(),
            reference: String::new(),
            kind: String::new(),
            finalised_at: String::new(),
            urgency: Urgency::default(),
            path: AgePathKind::Adult,
            catalogue_version: String::new(),
            state: JourneyState::Queued,
            regarding: None,
            center_reference: None,
            delivered_at: None,
            attention: None,
        }
    }
}

/// A sealed envelope as queued: its frozen bytes and the metadata bound inside them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueuedEnvelope {
    pub position: i64,
    pub id: String,
    pub kind: String,
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
    pub envelope: Vec<u8>,
    pub attempts: u32,
    pub regarding: Option<String>,
    /// The age recipient the envelope was sealed to ('' for rows queued before it was kept).
    pub recipient: String,
}

/// Queues `envelope` for `status.id` and deletes the draft `draft_id` and the screening it was
/// started from, atomically. Fails with `NotFound` (and changes nothing) if the draft is gone,
/// e.g. finalised already.
pub fn finalise(
    connection: &mut Connection,
    draft_id: &str,
    status: &StatusRecord,
    envelope: &QueuedEnvelope,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    let screening_id: Option<String> = transaction
        .query_row(
            "SELECT json_extract(body, '$.screening_id') FROM referral_drafts WHERE id = ?1",
            params![draft_id],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    // The screening the draft was started from holds the same personal data; the sealed
    // envelope now carries what the Center needs, so it goes in the same transaction.
    transaction.execute(
        "DELETE FROM screenings WHERE id = ?1",
        params![screening_id],
    )?;
    if transaction.execute(
        "DELETE FROM referral_drafts WHERE id = ?1",
        params![draft_id],
    )? == 0
    {
        return Err(StoreError::NotFound);
    }
    queue_in(&transaction, status, envelope)?;
    // Kept so that another draft of the same screening can say it was referred already.
    transaction.execute(
        "UPDATE referral_status SET screening_id = ?1 WHERE id = ?2",
        params![screening_id, status.id],
    )?;
    transaction.commit()?;
    // The draft's text is gone from the database (secure_delete) but its old page images are
    // still in the WAL until a checkpoint. The referral is queued whatever happens here: a
    // checkpoint that cannot run now (busy, or failing) is retried when the store locks.
    let _ = database::truncate_wal(connection);
    Ok(())
}

/// Queues an envelope that has no draft (a reconsideration request).
pub fn queue(
    connection: &mut Connection,
    status: &StatusRecord,
    envelope: &QueuedEnvelope,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    queue_in(&transaction, status, envelope)?;
    transaction.commit()?;
    Ok(())
}

fn queue_in(
    transaction: &rusqlite::Transaction<'_>,
    status: &StatusRecord,
    envelope: &QueuedEnvelope,
) -> Result<(), StoreError> {
    transaction.execute(
        "INSERT INTO referral_status
         (id, reference, kind, finalised_at, urgency, path, catalogue_version, state, regarding)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            status.id,
            status.reference,
            status.kind,
            status.finalised_at,
            to_text(&status.urgency)?,
            to_text(&status.path)?,
            status.catalogue_version,
            to_text(&status.state)?,
            status.regarding
        ],
    )?;
    transaction.execute(
        "INSERT INTO outbox (id, kind, payload_format, catalogue_version, created_at, envelope,
             regarding, recipient)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            envelope.id,
            envelope.kind,
            envelope.payload_format,
            envelope.catalogue_version,
            envelope.created_at,
            envelope.envelope,
            envelope.regarding,
            envelope.recipient
        ],
    )?;
    Ok(())
}

const STATUS_COLUMNS: &str = "id, reference, kind, finalised_at, urgency, path, catalogue_version,
     state, regarding, center_reference, delivered_at, attention";

/// `?, ?, …` for an `IN (…)` list of `count` values.
pub(crate) fn placeholders(count: usize) -> String {
    vec!["?"; count].join(", ")
}

/// The status records that `tail` (a WHERE and ORDER BY clause) selects.
fn select_statuses(
    connection: &Connection,
    tail: &str,
    values: impl rusqlite::Params,
) -> Result<Vec<StatusRecord>, StoreError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {STATUS_COLUMNS} FROM referral_status {tail}"
    ))?;
    let rows = statement.query_map(values, |row| {
        Ok((
            StatusRecord {
                id: row.get(0)?,
                reference: row.get(1)?,
                kind: row.get(2)?,
                finalised_at: row.get(3)?,
                urgency: Urgency::default(),
                path: AgePathKind::Adult,
                catalogue_version: row.get(6)?,
                state: JourneyState::Queued,
                regarding: row.get(8)?,
                center_reference: row.get(9)?,
                delivered_at: row.get(10)?,
                attention: row.get(11)?,
            },
            [row.get::<_, String>(4)?, row.get(5)?, row.get(7)?],
        ))
    })?;
    rows.map(|row| {
        let (mut status, [urgency, path, state]) = row?;
        status.urgency = from_text("referral_status.urgency", urgency)?;
        status.path = from_text("referral_status.path", path)?;
        status.state = from_text("referral_status.state", state)?;
        Ok(status)
    })
    .collect()
}

/// Status records, most recently finalised first.
pub fn statuses(connection: &Connection) -> Result<Vec<StatusRecord>, StoreError> {
    select_statuses(connection, "ORDER BY finalised_at DESC, id DESC", [])
}

/// One status record.
pub fn status(connection: &Connection, id: &str) -> Result<Option<StatusRecord>, StoreError> {
    Ok(select_statuses(connection, "WHERE id = ?1", params![id])?.pop())
}

/// The status records of one kind (`referral`, `reconsideration`), most recently finalised
/// first: `limit` of them from `offset` on, and how many there are in all.
pub fn status_page(
    connection: &Connection,
    kind: &str,
    offset: u32,
    limit: u32,
) -> Result<(Vec<StatusRecord>, u32), StoreError> {
    let total: u32 = connection.query_row(
        "SELECT count(*) FROM referral_status WHERE kind = ?1",
        params![kind],
        |row| row.get(0),
    )?;
    let page = select_statuses(
        connection,
        "WHERE kind = ?1 ORDER BY finalised_at DESC, id DESC LIMIT ?2 OFFSET ?3",
        params![kind, limit, offset],
    )?;
    Ok((page, total))
}

/// The records of the items (reconsideration requests) about any of `ids`, oldest first.
pub fn about(connection: &Connection, ids: &[String]) -> Result<Vec<StatusRecord>, StoreError> {
    select_statuses(
        connection,
        &format!(
            "WHERE regarding IN ({}) ORDER BY finalised_at, id",
            placeholders(ids.len())
        ),
        rusqlite::params_from_iter(ids),
    )
}

/// How many times each of `ids` still in the outbox was tried.
pub fn attempts_of(
    connection: &Connection,
    ids: &[String],
) -> Result<std::collections::HashMap<String, u32>, StoreError> {
    let mut statement = connection.prepare(&format!(
        "SELECT id, attempts FROM outbox WHERE id IN ({})",
        placeholders(ids.len())
    ))?;
    let rows = statement.query_map(rusqlite::params_from_iter(ids), |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, u32>(1)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Queued envelopes in the order they were finalised (delivered ones kept for retention
/// excluded).
pub fn queued(connection: &Connection) -> Result<Vec<QueuedEnvelope>, StoreError> {
    select(connection, "delivered_at IS NULL", i64::MAX)
}

/// What to send next: queued, not set aside, in order, at most `limit`.
pub fn pending(connection: &Connection, limit: usize) -> Result<Vec<QueuedEnvelope>, StoreError> {
    select(
        connection,
        "delivered_at IS NULL AND set_aside_code IS NULL",
        i64::try_from(limit).unwrap_or(i64::MAX),
    )
}

pub fn pending_count(connection: &Connection) -> Result<usize, StoreError> {
    let count: i64 = connection.query_row(
        "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND set_aside_code IS NULL",
        [],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(count).unwrap_or(0))
}

/// The Center refused this item: keep it, stop sending it, say why on its status record.
pub fn set_aside(connection: &mut Connection, id: &str, code: &str) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    transaction.execute(
        "UPDATE outbox SET set_aside_code = ?2 WHERE id = ?1",
        params![id, code],
    )?;
    transaction.execute(
        "UPDATE referral_status SET state = ?3, attention = ?2 WHERE id = ?1",
        params![id, code, to_text(&JourneyState::NeedsAttention)?],
    )?;
    transaction.commit()?;
    Ok(())
}

pub fn record_failed_attempt(
    connection: &Connection,
    ids: &[String],
    at: &str,
    problem: &str,
) -> Result<(), StoreError> {
    for id in ids {
        connection.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?2, last_error = ?3
             WHERE id = ?1",
            params![id, at, problem],
        )?;
    }
    Ok(())
}

/// Deletes the sealed bytes of items delivered before `cutoff`.
pub fn purge_delivered_before(connection: &Connection, cutoff: &str) -> Result<usize, StoreError> {
    Ok(connection.execute(
        "DELETE FROM outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?1",
        params![cutoff],
    )?)
}

fn select(
    connection: &Connection,
    filter: &str,
    limit: i64,
) -> Result<Vec<QueuedEnvelope>, StoreError> {
    let mut statement = connection.prepare(&format!(
        "SELECT position, id, kind, payload_format, catalogue_version, created_at, envelope,
             attempts, regarding, recipient
         FROM outbox WHERE {filter} ORDER BY position LIMIT ?1"
    ))?;
    let rows = statement.query_map(params![limit], |row| {
        Ok(QueuedEnvelope {
            position: row.get(0)?,
            id: row.get(1)?,
            kind: row.get(2)?,
            payload_format: row.get(3)?,
            catalogue_version: row.get(4)?,
            created_at: row.get(5)?,
            envelope: row.get(6)?,
            attempts: row.get(7)?,
            regarding: row.get(8)?,
            recipient: row.get(9)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
