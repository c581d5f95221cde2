//! Errors of the application API, and their wire form for the UI: a stable code, a message key
//! the UI localises, and parameters. English text never crosses to the UI as the message.

use std::collections::BTreeMap;

use first_contact_domain::{AssessmentError, CatalogueError, DirectoryError};
use first_contact_protocol::ProtocolError;
use first_contact_store::StoreError;
use first_contact_sync::{SyncError, SyncProblem};
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

pub use crate::error_code::ErrorCode;

#[derive(Debug, Error)]
pub enum AppError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Catalogue(CatalogueError),
    #[error(transparent)]
    Directory(DirectoryError),
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
    #[error(transparent)]
    CenterKey(ProtocolError),
    /// Finalising without a usable Center key: carries the problem found at start-up.
    #[error("the Center's key is not available ({})", .0.code)]
    CenterKeyUnavailable(ApiError),
    #[error("the referral has {count} problems to fix before it can be finalised")]
    ReferralIncomplete { count: usize },
    #[error("the referral could not be sealed: {0}")]
    Seal(ProtocolError),
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error("this device is not enrolled with a Center")]
    NotEnrolled,
    #[error("the enrollment file is not one the Center wrote")]
    EnrollmentFileInvalid,
    #[error("neither the Center's address and code nor an enrollment file was given")]
    EnrollmentMissing,
    #[error("an enrollment code of the earlier four-group form")]
    EnrollmentCodeEarlierForm,
    #[error("an enrollment code is six groups of four characters ({format})")]
    EnrollmentCodeFormat { format: String },
    #[error("reconsideration can be asked only after a decision other than identified, once per decision")]
    ReconsiderationNotAllowed,
    #[error("a reconsideration request gives its grounds")]
    GroundsRequired,
    /// A child is referred and the Centre for Social Work told; never notified anonymously.
    #[error("an anonymous notification is for an adult; a child is referred")]
    NotificationForChild,
    /// The Center offered at enrollment is not the one this laptop trusts, and the worker has
    /// not accepted it (yet).
    #[error("the Center {offered} is not the Center this laptop is enrolled with ({pinned})")]
    CenterChanged { pinned: String, offered: String },
    /// The recovery code is not this store's (or not a code at all).
    #[error("the recovery code is not right")]
    RecoveryCodeWrong,
    /// This store has no recovery code.
    #[error("this laptop has no recovery code")]
    NoRecoveryCode,
    /// The Center does not match the fingerprint printed on the enrollment file.
    #[error("the Center {offered} is not the one the enrollment file names ({expected})")]
    CenterFingerprintMismatch { expected: String, offered: String },
}

/// What the UI receives when an operation fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
}

/// The error code (and message key) of a sync problem; the UI shows the same message for the
/// sync state.
pub fn sync_code(problem: SyncProblem) -> ErrorCode {
    match problem {
        SyncProblem::Offline => ErrorCode::SyncOffline,
        SyncProblem::Interrupted => ErrorCode::SyncInterrupted,
        SyncProblem::WrongCertificate => ErrorCode::SyncWrongCertificate,
        SyncProblem::ClockSkew => ErrorCode::SyncClockSkew,
        SyncProblem::UnexpectedResponse => ErrorCode::SyncUnexpectedResponse,
        SyncProblem::ResponseTooLarge => ErrorCode::SyncResponseTooLarge,
        SyncProblem::BadSignature => ErrorCode::SyncBadSignature,
        SyncProblem::Unauthorized => ErrorCode::SyncUnauthorized,
        SyncProblem::EnrollmentCodeInvalid => ErrorCode::SyncEnrollmentCodeInvalid,
        SyncProblem::EnrollmentProofFailed => ErrorCode::SyncEnrollmentProofFailed,
        SyncProblem::BadAddress => ErrorCode::SyncBadAddress,
        SyncProblem::CenterUnavailable => ErrorCode::SyncCenterUnavailable,
        SyncProblem::Storage => ErrorCode::SyncStorage,
    }
}

/// Every sync problem, for checks that each has a message.
pub const SYNC_PROBLEMS: [SyncProblem; 13] = [
    SyncProblem::Offline,
    SyncProblem::Interrupted,
    SyncProblem::WrongCertificate,
    SyncProblem::ClockSkew,
    SyncProblem::UnexpectedResponse,
    SyncProblem::ResponseTooLarge,
    SyncProblem::BadSignature,
    SyncProblem::Unauthorized,
    SyncProblem::EnrollmentCodeInvalid,
    SyncProblem::EnrollmentProofFailed,
    SyncProblem::BadAddress,
    SyncProblem::CenterUnavailable,
    SyncProblem::Storage,
];

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Store(error) => match error {
                StoreError::WrongPassphrase => ErrorCode::WrongPassphrase,
                StoreError::NoProfile => ErrorCode::NoProfile,
                StoreError::ProfileExists => ErrorCode::ProfileExists,
                StoreError::NewerSchema { .. } => ErrorCode::DatabaseNewer,
                StoreError::Corrupt(_) => ErrorCode::DatabaseCorrupt,
                StoreError::ReadOnly => ErrorCode::StorageReadOnly,
                StoreError::Full => ErrorCode::StorageFull,
                StoreError::NotFound => ErrorCode::NotFound,
                StoreError::Io(_) | StoreError::Database(_) => ErrorCode::StorageFailure,
            },
            AppError::Catalogue(_) => ErrorCode::CatalogueInvalid,
            AppError::Directory(_) => ErrorCode::DirectoryInvalid,
            AppError::NotificationForChild => ErrorCode::NotificationForChild,
            AppError::Assessment(AssessmentError::UnknownSet(_)) => ErrorCode::UnknownIndicatorSet,
            AppError::Locked => ErrorCode::Locked,
            AppError::PassphraseMismatch => ErrorCode::PassphraseMismatch,
            AppError::PassphraseTooWeak => ErrorCode::PassphraseTooWeak,
            AppError::DisplayNameRequired => ErrorCode::DisplayNameRequired,
            AppError::InvalidInput { .. } => ErrorCode::InvalidInput,
            AppError::CenterKey(ProtocolError::CenterKeyMissing(_)) => ErrorCode::CenterKeyMissing,
            AppError::CenterKey(_) => ErrorCode::CenterKeyMalformed,
            AppError::CenterKeyUnavailable(problem) => match problem.code {
                ErrorCode::CenterKeyMissing => ErrorCode::CenterKeyMissing,
                _ => ErrorCode::CenterKeyMalformed,
            },
            AppError::ReferralIncomplete { .. } => ErrorCode::ReferralIncomplete,
            AppError::Seal(_) => ErrorCode::SealFailed,
            AppError::Sync(error) => sync_code(error.problem),
            AppError::NotEnrolled => ErrorCode::NotEnrolled,
            AppError::EnrollmentFileInvalid => ErrorCode::EnrollmentFileInvalid,
            AppError::EnrollmentMissing => ErrorCode::EnrollmentMissing,
            AppError::EnrollmentCodeEarlierForm => ErrorCode::EnrollmentCodeEarlierForm,
            AppError::EnrollmentCodeFormat { .. } => ErrorCode::EnrollmentCodeFormat,
            AppError::ReconsiderationNotAllowed => ErrorCode::ReconsiderationNotAllowed,
            AppError::GroundsRequired => ErrorCode::ReconsiderationGroundsRequired,
            AppError::CenterChanged { .. } => ErrorCode::CenterChanged,
            AppError::CenterFingerprintMismatch { .. } => ErrorCode::CenterFingerprintMismatch,
            AppError::RecoveryCodeWrong => ErrorCode::RecoveryCodeWrong,
            AppError::NoRecoveryCode => ErrorCode::NoRecoveryCode,
        }
    }

    fn params(&self) -> BTreeMap<String, String> {
        let mut params = BTreeMap::new();
        match self {
            AppError::Store(StoreError::NewerSchema { found, supported }) => {
                params.insert("found".into(), found.to_string());
                params.insert("supported".into(), supported.to_string());
            }
            AppError::Catalogue(CatalogueError { place, problem })
            | AppError::Directory(DirectoryError { place, problem }) => {
                params.insert("place".into(), place.clone());
                params.insert("problem".into(), problem.clone());
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
            AppError::ReferralIncomplete { count } => {
                params.insert("count".into(), count.to_string());
            }
            AppError::EnrollmentCodeFormat { format } => {
                params.insert("format".into(), format.clone());
            }
            AppError::CenterChanged { pinned, offered } => {
                params.insert("pinned".into(), pinned.clone());
                params.insert("offered".into(), offered.clone());
            }
            AppError::CenterFingerprintMismatch { expected, offered } => {
                params.insert("expected".into(), expected.clone());
                params.insert("offered".into(), offered.clone());
            }
            _ => {}
        }
        params
    }

    pub fn to_api(&self) -> ApiError {
        ApiError {
            code: self.code(),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn api(error: AppError) -> ApiError {
        error.to_api()
    }

    #[test]
    fn store_errors_become_stable_codes_with_their_parameters() {
        let newer = api(AppError::Store(StoreError::NewerSchema {
            found: 7,
            supported: 1,
        }));
        assert_eq!(newer.code, ErrorCode::DatabaseNewer);
        assert_eq!(newer.message_key, "errors.database_newer");
        assert_eq!(newer.params.get("found").map(String::as_str), Some("7"));
        assert_eq!(newer.params.get("supported").map(String::as_str), Some("1"));
        assert_eq!(
            api(AppError::Store(StoreError::Full)).code,
            ErrorCode::StorageFull
        );
        assert_eq!(
            api(AppError::Store(StoreError::ReadOnly)).code,
            ErrorCode::StorageReadOnly
        );
        assert_eq!(
            api(AppError::Store(StoreError::Corrupt("x".into()))).code,
            ErrorCode::DatabaseCorrupt
        );
        assert_eq!(
            api(AppError::Store(StoreError::WrongPassphrase)).code,
            ErrorCode::WrongPassphrase
        );
    }

    #[test]
    fn messages_are_keys_not_english_sentences() {
        let weak = api(AppError::PassphraseTooWeak);
        assert_eq!(weak.message_key, "errors.passphrase_too_weak");
        assert_eq!(
            weak.params.get("min_length").map(String::as_str),
            Some("12")
        );
        let catalogue = api(AppError::Catalogue(CatalogueError {
            place: "sets[0].id".into(),
            problem: "bad".into(),
        }));
        assert_eq!(catalogue.code, ErrorCode::CatalogueInvalid);
        assert_eq!(
            catalogue.params.get("place").map(String::as_str),
            Some("sets[0].id")
        );
    }
}

#[cfg(test)]
mod localisation {
    use super::*;

    /// How many kinds `kind_number` tells apart. A new kind takes the number `KINDS` and raises
    /// it by one; the test below then fails until `every_error` has an example of it.
    const KINDS: usize = 48;

    /// A distinct number for every kind of error the UI can receive, down to the store's and
    /// the sync engine's own kinds. The match has no wildcard, so a new kind does not compile
    /// until it has a number here.
    fn kind_number(error: &AppError) -> usize {
        match error {
            AppError::Store(store) => match store {
                StoreError::WrongPassphrase => 0,
                StoreError::NoProfile => 1,
                StoreError::ProfileExists => 2,
                StoreError::NewerSchema { .. } => 3,
                StoreError::Corrupt(_) => 4,
                StoreError::ReadOnly => 5,
                StoreError::Full => 6,
                StoreError::NotFound => 7,
                StoreError::Io(_) => 8,
                StoreError::Database(_) => 9,
            },
            AppError::Catalogue(_) => 10,
            AppError::Assessment(AssessmentError::UnknownSet(_)) => 11,
            AppError::Locked => 12,
            AppError::PassphraseMismatch => 13,
            AppError::PassphraseTooWeak => 14,
            AppError::DisplayNameRequired => 15,
            AppError::InvalidInput { .. } => 16,
            AppError::CenterKey(ProtocolError::CenterKeyMissing(_)) => 17,
            AppError::CenterKey(_) => 18,
            AppError::CenterKeyUnavailable(_) => 19,
            AppError::ReferralIncomplete { .. } => 20,
            AppError::Seal(_) => 21,
            AppError::NotEnrolled => 22,
            AppError::EnrollmentFileInvalid => 23,
            AppError::ReconsiderationNotAllowed => 24,
            AppError::GroundsRequired => 25,
            AppError::Sync(sync) => {
                26 + match sync.problem {
                    SyncProblem::Offline => 0,
                    SyncProblem::Interrupted => 1,
                    SyncProblem::WrongCertificate => 2,
                    SyncProblem::ClockSkew => 3,
                    SyncProblem::UnexpectedResponse => 4,
                    SyncProblem::ResponseTooLarge => 5,
                    SyncProblem::BadSignature => 6,
                    SyncProblem::Unauthorized => 7,
                    SyncProblem::EnrollmentCodeInvalid => 8,
                    SyncProblem::EnrollmentProofFailed => 9,
                    SyncProblem::BadAddress => 10,
                    SyncProblem::CenterUnavailable => 11,
                    SyncProblem::Storage => 12,
                }
            }
            AppError::CenterChanged { .. } => 39,
            AppError::CenterFingerprintMismatch { .. } => 40,
            AppError::RecoveryCodeWrong => 41,
            AppError::NoRecoveryCode => 42,
            AppError::EnrollmentMissing => 43,
            AppError::EnrollmentCodeEarlierForm => 44,
            AppError::EnrollmentCodeFormat { .. } => 45,
            AppError::Directory(_) => 46,
            AppError::NotificationForChild => 47,
        }
    }

    /// One error of every kind `kind_number` tells apart.
    fn every_error() -> Vec<AppError> {
        let mut all = vec![
            AppError::Store(StoreError::WrongPassphrase),
            AppError::Store(StoreError::NoProfile),
            AppError::Store(StoreError::ProfileExists),
            AppError::Store(StoreError::NewerSchema {
                found: 2,
                supported: 1,
            }),
            AppError::Store(StoreError::Corrupt(String::new())),
            AppError::Store(StoreError::ReadOnly),
            AppError::Store(StoreError::Full),
            AppError::Store(StoreError::NotFound),
            AppError::Store(StoreError::Io(std::io::Error::other("x"))),
            AppError::Store(StoreError::Database(rusqlite::Error::QueryReturnedNoRows)),
            AppError::Catalogue(CatalogueError {
                place: String::new(),
                problem: String::new(),
            }),
            AppError::Assessment(AssessmentError::UnknownSet(String::new())),
            AppError::Locked,
            AppError::PassphraseMismatch,
            AppError::PassphraseTooWeak,
            AppError::DisplayNameRequired,
            AppError::InvalidInput {
                field: String::new(),
            },
            AppError::CenterKey(ProtocolError::CenterKeyMissing(String::new())),
            AppError::CenterKey(ProtocolError::CenterKeyMalformed(String::new())),
            AppError::CenterKeyUnavailable(
                AppError::CenterKey(ProtocolError::CenterKeyMissing(String::new())).to_api(),
            ),
            AppError::ReferralIncomplete { count: 3 },
            AppError::Seal(ProtocolError::Seal(String::new())),
            AppError::NotEnrolled,
            AppError::EnrollmentFileInvalid,
            AppError::ReconsiderationNotAllowed,
            AppError::GroundsRequired,
            AppError::CenterChanged {
                pinned: "A".into(),
                offered: "B".into(),
            },
            AppError::CenterFingerprintMismatch {
                expected: "A".into(),
                offered: "B".into(),
            },
            AppError::RecoveryCodeWrong,
            AppError::NoRecoveryCode,
            AppError::EnrollmentMissing,
            AppError::EnrollmentCodeEarlierForm,
            AppError::EnrollmentCodeFormat { format: "X".into() },
            AppError::Directory(DirectoryError {
                place: String::new(),
                problem: String::new(),
            }),
            AppError::NotificationForChild,
        ];
        all.extend(
            SYNC_PROBLEMS
                .iter()
                .map(|problem| AppError::Sync(SyncError::new(*problem, ""))),
        );
        all
    }

    #[test]
    fn the_examples_cover_every_kind_of_error() {
        let covered: std::collections::BTreeSet<usize> =
            every_error().iter().map(kind_number).collect();
        assert_eq!(
            covered,
            (0..KINDS).collect(),
            "every kind of error needs an example in every_error(), and no number past KINDS"
        );
    }

    #[test]
    fn every_declared_code_is_one_some_error_gives() {
        let given: std::collections::BTreeSet<ErrorCode> =
            every_error().iter().map(AppError::code).collect();
        let declared: std::collections::BTreeSet<ErrorCode> =
            ErrorCode::ALL.iter().copied().collect();
        assert_eq!(
            given, declared,
            "a code no error gives, or an error without a code"
        );
    }

    #[test]
    fn every_error_code_has_a_message_in_every_locale_file() {
        for locale in ["en", "sr-Latn"] {
            let path = format!(
                "{}/../../ui/src/locales/{locale}.json",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let messages: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            for error in every_error() {
                let api = error.to_api();
                let key = api.message_key.trim_start_matches("errors.");
                let message = messages["errors"][key].as_str().unwrap_or_default();
                assert!(!message.is_empty(), "{locale} lacks {}", api.message_key);
                for param in api.params.keys() {
                    assert!(
                        message.contains(&format!("{{{param}}}")),
                        "{locale} {} does not show {{{param}}}",
                        api.message_key
                    );
                }
            }
        }
    }
}
