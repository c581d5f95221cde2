//! Errors of the application API, and their wire form for the UI: a stable code, a message key
//! the UI localises, and parameters. English text never crosses to the UI as the message.

use std::collections::BTreeMap;

use first_contact_domain::{AssessmentError, CatalogueError};
use first_contact_protocol::ProtocolError;
use first_contact_store::StoreError;
use first_contact_sync::{SyncError, SyncProblem};
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
    pub code: String,
    pub message_key: String,
    pub params: BTreeMap<String, String>,
}

/// The error code (and message key) of a sync problem; the UI shows the same message for the
/// sync state.
pub fn sync_code(problem: SyncProblem) -> &'static str {
    match problem {
        SyncProblem::Offline => "sync_offline",
        SyncProblem::Interrupted => "sync_interrupted",
        SyncProblem::WrongCertificate => "sync_wrong_certificate",
        SyncProblem::ClockSkew => "sync_clock_skew",
        SyncProblem::UnexpectedResponse => "sync_unexpected_response",
        SyncProblem::ResponseTooLarge => "sync_response_too_large",
        SyncProblem::BadSignature => "sync_bad_signature",
        SyncProblem::Unauthorized => "sync_unauthorized",
        SyncProblem::EnrollmentCodeInvalid => "sync_enrollment_code_invalid",
        SyncProblem::EnrollmentProofFailed => "sync_enrollment_proof_failed",
        SyncProblem::BadAddress => "sync_bad_address",
        SyncProblem::CenterUnavailable => "sync_center_unavailable",
        SyncProblem::Storage => "sync_storage",
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
            AppError::CenterKey(ProtocolError::CenterKeyMissing(_)) => "center_key_missing",
            AppError::CenterKey(_) => "center_key_malformed",
            AppError::CenterKeyUnavailable(problem) => match problem.code.as_str() {
                "center_key_missing" => "center_key_missing",
                _ => "center_key_malformed",
            },
            AppError::ReferralIncomplete { .. } => "referral_incomplete",
            AppError::Seal(_) => "seal_failed",
            AppError::Sync(error) => sync_code(error.problem),
            AppError::NotEnrolled => "not_enrolled",
            AppError::EnrollmentFileInvalid => "enrollment_file_invalid",
            AppError::EnrollmentMissing => "enrollment_missing",
            AppError::EnrollmentCodeEarlierForm => "enrollment_code_earlier_form",
            AppError::EnrollmentCodeFormat { .. } => "enrollment_code_format",
            AppError::ReconsiderationNotAllowed => "reconsideration_not_allowed",
            AppError::GroundsRequired => "reconsideration_grounds_required",
            AppError::CenterChanged { .. } => "center_changed",
            AppError::CenterFingerprintMismatch { .. } => "center_fingerprint_mismatch",
            AppError::RecoveryCodeWrong => "recovery_code_wrong",
            AppError::NoRecoveryCode => "no_recovery_code",
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
        assert_eq!(newer.code, "database_newer");
        assert_eq!(newer.message_key, "errors.database_newer");
        assert_eq!(newer.params.get("found").map(String::as_str), Some("7"));
        assert_eq!(newer.params.get("supported").map(String::as_str), Some("1"));
        assert_eq!(api(AppError::Store(StoreError::Full)).code, "storage_full");
        assert_eq!(
            api(AppError::Store(StoreError::ReadOnly)).code,
            "storage_read_only"
        );
        assert_eq!(
            api(AppError::Store(StoreError::Corrupt("x".into()))).code,
            "database_corrupt"
        );
        assert_eq!(
            api(AppError::Store(StoreError::WrongPassphrase)).code,
            "wrong_passphrase"
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
        assert_eq!(catalogue.code, "catalogue_invalid");
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
    const KINDS: usize = 46;

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
