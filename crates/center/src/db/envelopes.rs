//! `envelopes`: sealed referrals and reconsideration requests as received, with the receipt
//! that was signed for each.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::CenterError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeRecord {
    pub number: i64,
    pub id: String,
    pub kind: String,
    pub regarding: Option<String>,
    pub device_id: String,
    pub center_reference: String,
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
    pub received_at: String,
    pub sha256: String,
    pub size: i64,
    pub receipt: String,
    pub purged_at: Option<String>,
}

const COLUMNS: &str = "number, id, kind, regarding, device_id, center_reference, payload_format,
    catalogue_version, created_at, received_at, sha256, size, receipt, purged_at";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<EnvelopeRecord> {
    Ok(EnvelopeRecord {
        number: row.get(0)?,
        id: row.get(1)?,
        kind: row.get(2)?,
        regarding: row.get(3)?,
        device_id: row.get(4)?,
        center_reference: row.get(5)?,
        payload_format: row.get(6)?,
        catalogue_version: row.get(7)?,
        created_at: row.get(8)?,
        received_at: row.get(9)?,
        sha256: row.get(10)?,
        size: row.get(11)?,
        receipt: row.get(12)?,
        purged_at: row.get(13)?,
    })
}

/// The number the next envelope will get, for its reference.
pub fn next_number(connection: &Connection) -> Result<i64, CenterError> {
    Ok(connection.query_row(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM envelopes",
        [],
        |row| row.get(0),
    )?)
}

pub fn insert(
    connection: &Connection,
    record: &EnvelopeRecord,
    envelope: &[u8],
) -> Result<(), CenterError> {
    connection.execute(
        "INSERT INTO envelopes (number, id, kind, regarding, device_id, center_reference,
             payload_format, catalogue_version, created_at, received_at, sha256, size, envelope,
             receipt)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            record.number,
            record.id,
            record.kind,
            record.regarding,
            record.device_id,
            record.center_reference,
            record.payload_format,
            record.catalogue_version,
            record.created_at,
            record.received_at,
            record.sha256,
            record.size,
            envelope,
            record.receipt
        ],
    )?;
    Ok(())
}

pub fn find(connection: &Connection, id: &str) -> Result<Option<EnvelopeRecord>, CenterError> {
    Ok(connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM envelopes WHERE id = ?1"),
            params![id],
            from_row,
        )
        .optional()?)
}

/// Finds by id or by the Center's reference.
pub fn find_by_id_or_reference(
    connection: &Connection,
    key: &str,
) -> Result<Option<EnvelopeRecord>, CenterError> {
    Ok(connection
        .query_row(
            &format!("SELECT {COLUMNS} FROM envelopes WHERE id = ?1 OR center_reference = ?1"),
            params![key],
            from_row,
        )
        .optional()?)
}

pub fn list(connection: &Connection, kind: &str) -> Result<Vec<EnvelopeRecord>, CenterError> {
    let mut statement = connection.prepare(&format!(
        "SELECT {COLUMNS} FROM envelopes WHERE kind = ?1 ORDER BY number"
    ))?;
    let rows = statement.query_map(params![kind], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(connection: &Connection) -> Result<i64, CenterError> {
    Ok(connection.query_row("SELECT COUNT(*) FROM envelopes", [], |row| row.get(0))?)
}

/// The sealed bytes, or `None` once purged.
pub fn bytes(connection: &Connection, id: &str) -> Result<Option<Vec<u8>>, CenterError> {
    Ok(connection
        .query_row(
            "SELECT envelope FROM envelopes WHERE id = ?1",
            params![id],
            |row| row.get::<_, Option<Vec<u8>>>(0),
        )
        .optional()?
        .flatten())
}

/// Empties the sealed bytes of cases decided before `cutoff`: a referral whose latest decision
/// is older and that has no reconsideration request waiting for an answer, and a request whose
/// answer is older. The hash, receipt and decision history stay.
pub fn purge_decided_before(
    connection: &Connection,
    cutoff: &str,
    now: &str,
) -> Result<usize, CenterError> {
    Ok(connection.execute(
        "UPDATE envelopes SET envelope = NULL, purged_at = ?2
         WHERE envelope IS NOT NULL AND (
             (kind = 'referral'
              AND (SELECT MAX(d.decided_at) FROM decisions d WHERE d.referral_id = envelopes.id) < ?1
              AND NOT EXISTS (
                  SELECT 1 FROM envelopes r WHERE r.regarding = envelopes.id
                  AND NOT EXISTS (SELECT 1 FROM decisions a WHERE a.answers = r.id)))
             OR (kind = 'reconsideration'
              AND (SELECT a.decided_at FROM decisions a WHERE a.answers = envelopes.id) < ?1))",
        params![cutoff, now],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(number: i64, id: &str, kind: &str, regarding: Option<&str>) -> EnvelopeRecord {
        EnvelopeRecord {
            number,
            id: id.into(),
            kind: kind.into(),
            regarding: regarding.map(str::to_owned),
            device_id: "d".into(),
            center_reference: format!("CTR-{number}"),
            payload_format: 1,
            catalogue_version: "v".into(),
            created_at: "t".into(),
            received_at: "2026-01-01T00:00:00Z".into(),
            sha256: "h".into(),
            size: 3,
            receipt: "{}".into(),
            purged_at: None,
        }
    }

    fn decide(connection: &Connection, id: &str, referral: &str, at: &str, answers: Option<&str>) {
        connection
            .execute(
                "INSERT INTO decisions (id, referral_id, device_id, outcome, reasons,
                     criteria_version, decided_at, answers, signed)
                 VALUES (?1, ?2, 'd', 'not_identified', 'r', 'v', ?3, ?4, '{}')",
                params![id, referral, at, answers],
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn retention_counts_from_the_last_decision_and_waits_for_open_requests() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let connection =
            crate::db::open(&dir.path().join("c.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
        connection
            .execute(
                "INSERT INTO devices (id, credential_digest, name, agency, officer, enrolled_at)
                 VALUES ('d', 'x', 'n', 'a', 'o', 't')",
                [],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        for (number, id, kind, regarding) in [
            (1, "undecided", "referral", None),
            (2, "decided-long-ago", "referral", None),
            (3, "decided-recently", "referral", None),
            (4, "with-open-request", "referral", None),
            (
                5,
                "open-request",
                "reconsideration",
                Some("with-open-request"),
            ),
        ] {
            insert(&connection, &record(number, id, kind, regarding), b"age")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        decide(
            &connection,
            "a",
            "decided-long-ago",
            "2026-01-02T00:00:00Z",
            None,
        );
        decide(
            &connection,
            "b",
            "decided-recently",
            "2026-01-02T00:00:00Z",
            None,
        );
        decide(
            &connection,
            "c",
            "decided-recently",
            "2026-03-01T00:00:00Z",
            None,
        );
        decide(
            &connection,
            "e",
            "with-open-request",
            "2026-01-02T00:00:00Z",
            None,
        );

        let purged = purge_decided_before(&connection, "2026-02-01T00:00:00Z", "now")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(purged, 1);
        for (id, kept) in [
            ("undecided", true),
            ("decided-long-ago", false),
            ("decided-recently", true),
            ("with-open-request", true),
            ("open-request", true),
        ] {
            let bytes = super::bytes(&connection, id).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(bytes.is_some(), kept, "{id}");
        }
        decide(
            &connection,
            "f",
            "with-open-request",
            "2026-01-03T00:00:00Z",
            Some("open-request"),
        );
        assert_eq!(
            purge_decided_before(&connection, "2026-02-01T00:00:00Z", "now")
                .unwrap_or_else(|e| panic!("{e}")),
            2
        );
    }
}
