//! `receipts`: the Center's signed receipts. Storing one and taking its item out of the outbox
//! happen in one transaction: nothing leaves the outbox before its receipt is stored.

use first_contact_domain::referral::JourneyState;
use rusqlite::{params, Connection};

use crate::enum_text::to_text;
use crate::error::StoreError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub id: String,
    pub center_reference: String,
    pub received_at: String,
    pub sha256: String,
    pub signed: String,
}

/// Stores `receipts`, marks their status records delivered, and either deletes the sealed
/// bytes at once (`keep_sealed == false`) or keeps them marked delivered for the retention
/// period (see [`crate::outbox::purge_delivered_before`]).
pub fn record(
    connection: &mut Connection,
    receipts: &[ReceiptRecord],
    stored_at: &str,
    keep_sealed: bool,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    for receipt in receipts {
        transaction.execute(
            "INSERT OR IGNORE INTO receipts (id, center_reference, received_at, sha256, signed,
                 stored_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                receipt.id,
                receipt.center_reference,
                receipt.received_at,
                receipt.sha256,
                receipt.signed,
                stored_at
            ],
        )?;
        transaction.execute(
            "UPDATE referral_status
             SET state = ?4, center_reference = ?2, delivered_at = ?3, attention = NULL
             WHERE id = ?1",
            params![
                receipt.id,
                receipt.center_reference,
                receipt.received_at,
                to_text(&JourneyState::Delivered)?
            ],
        )?;
        if keep_sealed {
            transaction.execute(
                "UPDATE outbox SET delivered_at = ?2 WHERE id = ?1",
                params![receipt.id, stored_at],
            )?;
        } else {
            transaction.execute("DELETE FROM outbox WHERE id = ?1", params![receipt.id])?;
        }
    }
    transaction.commit()?;
    Ok(())
}

pub fn count(connection: &Connection) -> Result<usize, StoreError> {
    let count: i64 = connection.query_row("SELECT COUNT(*) FROM receipts", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}
