//! Errors of the application API, and their wire form for the UI: a stable code, a message key
//! the UI localises, and parameters. English text never crosses to the UI as the message.

use std::collections::BTreeMap;

use first_contact_domain::{AssessmentError, CatalogueError};
use first_contact_store::StoreError;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Catalogue(CatalogueError),
    #[error(transparent)]
    Assessment(#[from] AssessmentError),
    #[error("the profile is locked")]
    Locked,
    #[error("the passphrase and its confirmation differ")]
    PassphraseMismatch,
    #[error("the passphrase is too weak")]
    PassphraseTooWeak,
    #[error("a display name is required")]
    DisplayNameRequired,
    #[error("invalid input in {field}")]
    InvalidInput { field: String },
}

/// What the UI receives when an operation fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: String,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Store(error) => match error {
                StoreError::WrongPassphrase => "wrong_passphrase",
                StoreError::NoProfile => "no_profile",
                StoreError::ProfileExists => "profile_exists",
                StoreError::NewerSchema { .. } => "database_newer",
                StoreError::Corrupt(_) => "database_corrupt",
                StoreError::ReadOnly => "storage_read_only",
                StoreError::Full => "storage_full",
                StoreError::NotFound => "not_found",
                StoreError::Io(_) | StoreError::Database(_) => "storage_failure",
            },
            AppError::Catalogue(_) => "catalogue_invalid",
            AppError::Assessment(AssessmentError::UnknownSet(_)) => "unknown_indicator_set",
            AppError::Locked => "locked",
            AppError::PassphraseMismatch => "passphrase_mismatch",
            AppError::PassphraseTooWeak => "passphrase_too_weak",
            AppError::DisplayNameRequired => "display_name_required",
            AppError::InvalidInput { .. } => "invalid_input",
        }
    }

    fn params(&self) -> BTreeMap<String, String> {
        let mut params = BTreeMap::new();
        match self {
            AppError::Store(StoreError::NewerSchema { found, supported }) => {
                params.insert("found".into(), found.to_string());
                params.insert("supported".into(), supported.to_string());
            }
            AppError::Catalogue(error) => {
                params.insert("place".into(), error.place.clone());
                params.insert("problem".into(), error.problem.clone());
            }
            AppError::Assessment(AssessmentError::UnknownSet(set)) => {
                params.insert("set".into(), set.clone());
            }
            AppError::PassphraseTooWeak => {
                params.insert(
                    "min_length".into(),
                    first_contact_domain::passphrase::MIN_LENGTH.to_string(),
                );
            }
            AppError::InvalidInput { field } => {
                params.insert("field".into(), field.clone());
            }
            _ => {}
        }
        params
    }

    pub fn to_api(&self) -> ApiError {
        ApiError {
            code: self.code().into(),
            message_key: format!("errors.{}", self.code()),
            params: self.params(),
        }
    }
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> Self {
        error.to_api()
    }
}
