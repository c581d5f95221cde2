//! `enrollment_codes`: one-time codes, stored as a hash, that expire, are used once, and are
//! burnt after too many wrong guesses.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::CenterError;

/// Wrong codes tried against one code id before it is burnt.
pub const MAX_FAILED_ATTEMPTS: i64 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRecord {
    pub code_id: String,
    pub digest: String,
    pub agency: String,
    pub officer: String,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
    pub failed_attempts: i64,
}

impl CodeRecord {
    /// Usable now: not used, not expired, not burnt.
    pub fn usable(&self, now: &str) -> bool {
        self.used_at.is_none()
            && self.failed_attempts < MAX_FAILED_ATTEMPTS
            && now < self.expires_at.as_str()
    }
}

pub fn insert(connection: &Connection, code: &CodeRecord) -> Result<(), CenterError> {
    connection.execute(
        "INSERT INTO enrollment_codes (code_id, digest, agency, officer, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            code.code_id,
            code.digest,
            code.agency,
            code.officer,
            code.created_at,
            code.expires_at
        ],
    )?;
    Ok(())
}

pub fn exists(connection: &Connection, code_id: &str) -> Result<bool, CenterError> {
    Ok(connection
        .query_row(
            "SELECT 1 FROM enrollment_codes WHERE code_id = ?1",
            params![code_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

pub fn find(connection: &Connection, code_id: &str) -> Result<Option<CodeRecord>, CenterError> {
    Ok(connection
        .query_row(
            "SELECT code_id, digest, agency, officer, created_at, expires_at, used_at, failed_attempts
             FROM enrollment_codes WHERE code_id = ?1",
            params![code_id],
            |row| {
                Ok(CodeRecord {
                    code_id: row.get(0)?,
                    digest: row.get(1)?,
                    agency: row.get(2)?,
                    officer: row.get(3)?,
                    created_at: row.get(4)?,
                    expires_at: row.get(5)?,
                    used_at: row.get(6)?,
                    failed_attempts: row.get(7)?,
                })
            },
        )
        .optional()?)
}

pub fn record_failure(connection: &Connection, code_id: &str) -> Result<(), CenterError> {
    connection.execute(
        "UPDATE enrollment_codes SET failed_attempts = failed_attempts + 1 WHERE code_id = ?1",
        params![code_id],
    )?;
    Ok(())
}

pub fn mark_used(
    connection: &Connection,
    code_id: &str,
    device_id: &str,
    at: &str,
) -> Result<bool, CenterError> {
    Ok(connection.execute(
        "UPDATE enrollment_codes SET used_at = ?3, device_id = ?2
         WHERE code_id = ?1 AND used_at IS NULL",
        params![code_id, device_id, at],
    )? == 1)
}
