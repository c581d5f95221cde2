//! `decisions` and `decision_cursor`: the Center's decisions on this device's referrals and how
//! far the feed has been read, stored together so a crash never skips or repeats one.

use first_contact_domain::referral::JourneyState;
use rusqlite::{params, Connection, OptionalExtension};

use crate::enum_text::to_text;
use crate::error::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRecord {
    pub decision_id: String,
    pub sequence: i64,
    pub referral_id: String,
    pub outcome: String,
    pub reasons: String,
    pub criteria_version: String,
    pub decided_at: String,
    pub answers: Option<String>,
    pub signed: String,
}

pub fn cursor(connection: &Connection) -> Result<i64, StoreError> {
    Ok(connection
        .query_row(
            "SELECT after FROM decision_cursor WHERE singleton = 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or(0))
}

pub fn record(
    connection: &mut Connection,
    decisions: &[DecisionRecord],
    cursor: i64,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    for decision in decisions {
        transaction.execute(
            "INSERT OR IGNORE INTO decisions (decision_id, sequence, referral_id, outcome, reasons,
                 criteria_version, decided_at, answers, signed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                decision.decision_id,
                decision.sequence,
                decision.referral_id,
                decision.outcome,
                decision.reasons,
                decision.criteria_version,
                decision.decided_at,
                decision.answers,
                decision.signed
            ],
        )?;
        transaction.execute(
            "UPDATE referral_status SET state = ?2 WHERE id = ?1",
            params![decision.referral_id, to_text(&JourneyState::Decided)?],
        )?;
        if let Some(request) = &decision.answers {
            transaction.execute(
                "UPDATE referral_status SET state = ?2 WHERE id = ?1",
                params![request, to_text(&JourneyState::Answered)?],
            )?;
        }
    }
    transaction.execute(
        "INSERT OR REPLACE INTO decision_cursor (singleton, after) VALUES (1, ?1)",
        params![cursor],
    )?;
    transaction.commit()?;
    Ok(())
}

fn select(
    connection: &Connection,
    filter: &str,
    values: impl rusqlite::Params,
) -> Result<Vec<DecisionRecord>, StoreError> {
    let mut statement = connection.prepare(&format!(
        "SELECT decision_id, sequence, referral_id, outcome, reasons, criteria_version,
             decided_at, answers, signed
         FROM decisions {filter} ORDER BY sequence"
    ))?;
    let rows = statement.query_map(values, |row| {
        Ok(DecisionRecord {
            decision_id: row.get(0)?,
            sequence: row.get(1)?,
            referral_id: row.get(2)?,
            outcome: row.get(3)?,
            reasons: row.get(4)?,
            criteria_version: row.get(5)?,
            decided_at: row.get(6)?,
            answers: row.get(7)?,
            signed: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// All decisions, in the order the Center took them.
pub fn all(connection: &Connection) -> Result<Vec<DecisionRecord>, StoreError> {
    select(connection, "", [])
}

/// The decisions on any of `referral_ids`, in the order the Center took them.
pub fn about(
    connection: &Connection,
    referral_ids: &[String],
) -> Result<Vec<DecisionRecord>, StoreError> {
    select(
        connection,
        &format!(
            "WHERE referral_id IN ({})",
            crate::outbox::placeholders(referral_ids.len())
        ),
        rusqlite::params_from_iter(referral_ids),
    )
}
