//! `receipts` and `batch_receipts`: the Center's signed receipts. A batch receipt (one signed
//! document for a whole delivered batch) is stored once, and each item's row refers to it;
//! rows from before batch receipts carry their own signed receipt. Storing receipts and taking
//! their items out of the outbox happen in one transaction: nothing leaves the outbox before
//! its receipt is stored.

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
}

/// What proves a stored receipt: the signed document as the Center sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptProof {
    /// A per-item signed receipt (purpose `receipt`), from before batch receipts.
    Own(String),
    /// The signed batch receipt (purpose `batch_receipt`) that lists the item.
    Batch(String),
}

/// Stores `signed_batch` once and `receipts` referring to it, marks their status records delivered, and either deletes the sealed
/// bytes at once (`keep_sealed == false`) or keeps them marked delivered for the retention
/// period (see [`crate::outbox::purge_delivered_before`]).
pub fn record_batch(
    connection: &mut Connection,
    signed_batch: &str,
    receipts: &[ReceiptRecord],
    stored_at: &str,
    keep_sealed: bool,
) -> Result<(), StoreError> {
    let transaction = connection.transaction()?;
    transaction.execute(
        "INSERT INTO batch_receipts (signed, stored_at) VALUES (?1, ?2)",
        params![signed_batch, stored_at],
    )?;
    let batch = transaction.last_insert_rowid();
    for receipt in receipts {
        // A receipt stored before (an answer recorded, then the same item delivered again)
        // keeps its first proof.
        transaction.execute(
            "INSERT OR IGNORE INTO receipts (id, center_reference, received_at, sha256,
                 batch_receipt, stored_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                receipt.id,
                receipt.center_reference,
                receipt.received_at,
                receipt.sha256,
                batch,
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

/// The signed document that proves the receipt of `id`, if there is one.
pub fn proof(connection: &Connection, id: &str) -> Result<Option<ReceiptProof>, StoreError> {
    let found = connection.query_row(
        "SELECT receipts.signed, batch_receipts.signed FROM receipts
         LEFT JOIN batch_receipts ON batch_receipts.id = receipts.batch_receipt
         WHERE receipts.id = ?1",
        params![id],
        |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, Option<String>>(1)?,
            ))
        },
    );
    match found {
        Ok((Some(own), _)) => Ok(Some(ReceiptProof::Own(own))),
        Ok((None, Some(batch))) => Ok(Some(ReceiptProof::Batch(batch))),
        Ok((None, None)) => Err(StoreError::Corrupt(format!("receipt {id} has no proof"))),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

pub fn count(connection: &Connection) -> Result<usize, StoreError> {
    let count: i64 = connection.query_row("SELECT COUNT(*) FROM receipts", [], |row| row.get(0))?;
    Ok(usize::try_from(count).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migrated() -> Connection {
        let connection = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        connection
            .pragma_update(None, "foreign_keys", true)
            .unwrap_or_else(|e| panic!("{e}"));
        crate::migrations::run(&connection).unwrap_or_else(|e| panic!("{e}"));
        for id in ["a", "b", "old"] {
            connection
                .execute(
                    "INSERT INTO referral_status (id, reference, kind, finalised_at, urgency,
                         path, catalogue_version, state)
                     VALUES (?1, ?1, 'referral', 't', 'u', 'p', 'c', 'queued')",
                    params![id],
                )
                .unwrap_or_else(|e| panic!("{e}"));
        }
        connection
    }

    fn record(id: &str) -> ReceiptRecord {
        ReceiptRecord {
            id: id.into(),
            center_reference: format!("CTR-2026-{id}"),
            received_at: "2026-12-02T10:00:00Z".into(),
            sha256: "00".into(),
        }
    }

    #[test]
    fn a_batch_receipt_is_stored_once_and_proves_each_of_its_items() {
        let mut connection = migrated();
        record_batch(
            &mut connection,
            "{batch}",
            &[record("a"), record("b")],
            "now",
            false,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let batches: i64 = connection
            .query_row("SELECT COUNT(*) FROM batch_receipts", [], |row| row.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(batches, 1);
        assert_eq!(count(&connection).ok(), Some(2));
        for id in ["a", "b"] {
            assert_eq!(
                proof(&connection, id).ok(),
                Some(Some(ReceiptProof::Batch("{batch}".into())))
            );
        }
        assert_eq!(proof(&connection, "c").ok(), Some(None));
        // A row from before batch receipts keeps its own signed receipt.
        connection
            .execute(
                "INSERT INTO receipts (id, center_reference, received_at, sha256, signed,
                     stored_at) VALUES ('old', 'r', 't', 's', '{own}', 'now')",
                [],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            proof(&connection, "old").ok(),
            Some(Some(ReceiptProof::Own("{own}".into())))
        );
        // A row with neither proof, or both, is refused by the schema.
        let neither = connection.execute(
            "INSERT INTO receipts (id, center_reference, received_at, sha256, stored_at)
             VALUES ('x', 'r', 't', 's', 'now')",
            [],
        );
        assert!(neither.is_err());
    }

    #[test]
    fn a_receipt_stored_before_batch_receipts_survives_the_migration() {
        let connection = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        for (version, _, sql) in &crate::migrations::MIGRATIONS[..7] {
            connection
                .execute_batch(sql)
                .unwrap_or_else(|e| panic!("{e}"));
            connection
                .pragma_update(None, "user_version", version)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        connection
            .execute_batch(
                "INSERT INTO referral_status (id, reference, kind, finalised_at, urgency, path,
                     catalogue_version, state) VALUES ('old', 'r', 'referral', 't', 'u', 'p', 'c', 'delivered');
                 INSERT INTO receipts (id, center_reference, received_at, sha256, signed, stored_at)
                     VALUES ('old', 'CTR-2026-000001', 't', 's', '{own}', 'now');",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        crate::migrations::run(&connection).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            proof(&connection, "old").ok(),
            Some(Some(ReceiptProof::Own("{own}".into())))
        );
    }
}
