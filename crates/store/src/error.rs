//! Errors of the field store, classified so the UI can say what to do next.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("the passphrase does not unlock this profile")]
    WrongPassphrase,
    #[error("no profile has been created on this computer yet")]
    NoProfile,
    #[error("a profile already exists on this computer")]
    ProfileExists,
    #[error(
        "the data was written by a newer version (schema {found}, this version knows {supported})"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("the stored data is damaged: {0}")]
    Corrupt(String),
    #[error("the data folder is read-only")]
    ReadOnly,
    #[error("the disk is full")]
    Full,
    #[error("record not found")]
    NotFound,
    #[error("file system error: {0}")]
    Io(std::io::Error),
    #[error("database error: {0}")]
    Database(rusqlite::Error),
}

impl From<std::io::Error> for StoreError {
    fn from(error: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match error.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => StoreError::ReadOnly,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => StoreError::Full,
            _ => StoreError::Io(error),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::Full,
            Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => StoreError::ReadOnly,
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                StoreError::Corrupt(error.to_string())
            }
            _ => StoreError::Database(error),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(error: serde_json::Error) -> Self {
        StoreError::Corrupt(error.to_string())
    }
}
