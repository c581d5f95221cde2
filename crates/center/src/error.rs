//! Errors of the Center's library: configuration, files, storage, keys, TLS.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum CenterError {
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("the Center's database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("the Center's database is at schema {found}, newer than this server ({known})")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("the Center's keys: {0}")]
    Keys(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("{0}")]
    Protocol(#[from] first_contact_protocol::ProtocolError),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("network: {0}")]
    Network(#[from] std::io::Error),
}

impl CenterError {
    pub(crate) fn file(path: &std::path::Path, source: std::io::Error) -> Self {
        CenterError::File {
            path: path.display().to_string(),
            source,
        }
    }
}
