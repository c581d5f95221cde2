//! What has come of one screening so far: the referrals finalised from it and the drafts still
//! open from it. A screening is meant to be referred once; these let the editor say so when a
//! second draft of the same screening is opened or finalised.

use rusqlite::{params, Connection};

use crate::error::StoreError;

/// A referral finalised from the screening: its own reference and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalisedFrom {
    pub id: String,
    pub reference: String,
    pub finalised_at: String,
}

/// The referrals finalised from `screening_id`, oldest first.
pub fn finalised(
    connection: &Connection,
    screening_id: &str,
) -> Result<Vec<FinalisedFrom>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT id, reference, finalised_at FROM referral_status
         WHERE screening_id = ?1 ORDER BY finalised_at, id",
    )?;
    let rows = statement.query_map(params![screening_id], |row| {
        Ok(FinalisedFrom {
            id: row.get(0)?,
            reference: row.get(1)?,
            finalised_at: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ids of the drafts started from `screening_id` other than `except`, most recently
/// changed first.
pub fn other_drafts(
    connection: &Connection,
    screening_id: &str,
    except: &str,
) -> Result<Vec<String>, StoreError> {
    let mut statement = connection.prepare(
        "SELECT id FROM referral_drafts
         WHERE json_extract(body, '$.screening_id') = ?1 AND id <> ?2
         ORDER BY updated_at DESC, id DESC",
    )?;
    let rows = statement.query_map(params![screening_id, except], |row| row.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
