//! `center_enrollment`: this device's credential with the Center and what it pinned (the CA,
//! the Center's keys). Kept only inside the encrypted store.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::StoreError;

#[derive(Clone, PartialEq, Eq)]
pub struct EnrollmentRecord {
    pub center_address: String,
    pub device_id: String,
    pub credential: String,
    pub ca_pem: String,
    pub center_name: String,
    pub recipient: String,
    pub signing_key: String,
    pub agency: String,
    pub officer: String,
    pub enrolled_at: String,
    pub refused_at: Option<String>,
}

impl std::fmt::Debug for EnrollmentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentRecord")
            .field("center_address", &self.center_address)
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

/// Replaces any earlier enrollment: one device, one Center at a time. The outbox is untouched.
pub fn save(connection: &Connection, record: &EnrollmentRecord) -> Result<(), StoreError> {
    connection.execute(
        "INSERT OR REPLACE INTO center_enrollment (singleton, center_address, device_id,
             credential, ca_pem, center_name, recipient, signing_key, agency, officer,
             enrolled_at, refused_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)",
        params![
            record.center_address,
            record.device_id,
            record.credential,
            record.ca_pem,
            record.center_name,
            record.recipient,
            record.signing_key,
            record.agency,
            record.officer,
            record.enrolled_at
        ],
    )?;
    Ok(())
}

pub fn get(connection: &Connection) -> Result<Option<EnrollmentRecord>, StoreError> {
    Ok(connection
        .query_row(
            "SELECT center_address, device_id, credential, ca_pem, center_name, recipient,
                 signing_key, agency, officer, enrolled_at, refused_at
             FROM center_enrollment WHERE singleton = 1",
            [],
            |row| {
                Ok(EnrollmentRecord {
                    center_address: row.get(0)?,
                    device_id: row.get(1)?,
                    credential: row.get(2)?,
                    ca_pem: row.get(3)?,
                    center_name: row.get(4)?,
                    recipient: row.get(5)?,
                    signing_key: row.get(6)?,
                    agency: row.get(7)?,
                    officer: row.get(8)?,
                    enrolled_at: row.get(9)?,
                    refused_at: row.get(10)?,
                })
            },
        )
        .optional()?)
}

/// The Center refused this credential: remember it until the worker enrolls again.
pub fn mark_refused(connection: &Connection, at: &str) -> Result<(), StoreError> {
    connection.execute(
        "UPDATE center_enrollment SET refused_at = ?1 WHERE singleton = 1",
        params![at],
    )?;
    Ok(())
}
