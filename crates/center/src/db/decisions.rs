//! `decisions`: the Center's decisions on referrals, in the order taken; each is stored as the
//! signed document devices receive.

use first_contact_protocol::api::feedback::Decision;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::CenterError;

/// A decision as staff see it (`center admin`): what was decided, why, under which criteria,
/// and the reconsideration request it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionListing {
    pub id: String,
    pub outcome: String,
    pub reasons: String,
    pub criteria_version: String,
    pub decided_at: String,
    pub answers: Option<String>,
}

/// A stored decision: its listing, the referral and device it concerns, its place in the
/// feed, and the signed document the device receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub sequence: i64,
    pub referral_id: String,
    pub device_id: String,
    pub decision: DecisionListing,
    pub signed: String,
}

const COLUMNS: &str = "sequence, id, referral_id, device_id, outcome, reasons, criteria_version,
    decided_at, answers, signed";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<DecisionRecord> {
    Ok(DecisionRecord {
        sequence: row.get(0)?,
        referral_id: row.get(2)?,
        device_id: row.get(3)?,
        decision: DecisionListing {
            id: row.get(1)?,
            outcome: row.get(4)?,
            reasons: row.get(5)?,
            criteria_version: row.get(6)?,
            decided_at: row.get(7)?,
            answers: row.get(8)?,
        },
        signed: row.get(9)?,
    })
}

/// Inserts the decision without its signature and returns its sequence; the caller signs the
/// decision with that sequence and stores the signature with [`set_signed`] in the same
/// transaction.
pub fn insert_unsigned(
    connection: &Connection,
    decision: &Decision,
    device_id: &str,
) -> Result<i64, CenterError> {
    connection.execute(
        "INSERT INTO decisions (id, referral_id, device_id, outcome, reasons, criteria_version,
             decided_at, answers, signed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '')",
        params![
            decision.decision_id,
            decision.referral_id,
            device_id,
            decision.outcome.as_str(),
            decision.reasons,
            decision.criteria_version,
            decision.decided_at,
            decision.answers
        ],
    )?;
    Ok(connection.last_insert_rowid())
}

pub fn set_signed(connection: &Connection, sequence: i64, signed: &str) -> Result<(), CenterError> {
    connection.execute(
        "UPDATE decisions SET signed = ?2 WHERE sequence = ?1",
        params![sequence, signed],
    )?;
    Ok(())
}

/// One device's decisions after `after`, at most `limit`.
pub fn for_device(
    connection: &Connection,
    device_id: &str,
    after: i64,
    limit: usize,
) -> Result<Vec<DecisionRecord>, CenterError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM decisions WHERE device_id = ?1 AND sequence > ?2
         ORDER BY sequence LIMIT ?3"
    ))?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let rows = statement.query_map(params![device_id, after, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn for_referral(
    connection: &Connection,
    referral_id: &str,
) -> Result<Vec<DecisionRecord>, CenterError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM decisions WHERE referral_id = ?1 ORDER BY sequence"
    ))?;
    let rows = statement.query_map(params![referral_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The decision that answers a reconsideration request, if any.
pub fn answering(
    connection: &Connection,
    request_id: &str,
) -> Result<Option<DecisionRecord>, CenterError> {
    Ok(connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM decisions WHERE answers = ?1"),
            params![request_id],
            from_row,
        )
        .optional()?)
}
