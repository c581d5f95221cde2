//! The closed set of error codes the UI can receive. Each is an enum variant here and a string
//! union member in TypeScript (`ErrorCode.ts`, generated), so a `switch` or comparison on a code
//! that no longer exists fails the UI's type check instead of silently never matching.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Declares the codes once: the variant, its wire text, and the list of all of them.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $text:literal,)*) => {
        /// A stable error code. Its wire text is also the key of its message under `errors.`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
        #[ts(export)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* #[serde(rename = $text)] $variant,)*
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)*];

            /// The code's wire text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $text,)*
                }
            }
        }
    };
}

error_codes! {
    WrongPassphrase = "wrong_passphrase",
    NoProfile = "no_profile",
    ProfileExists = "profile_exists",
    DatabaseNewer = "database_newer",
    DatabaseCorrupt = "database_corrupt",
    StorageReadOnly = "storage_read_only",
    StorageFull = "storage_full",
    NotFound = "not_found",
    StorageFailure = "storage_failure",
    CatalogueInvalid = "catalogue_invalid",
    DirectoryInvalid = "directory_invalid",
    NotificationForChild = "notification_for_child",
    UnknownIndicatorSet = "unknown_indicator_set",
    Locked = "locked",
    PassphraseMismatch = "passphrase_mismatch",
    PassphraseTooWeak = "passphrase_too_weak",
    DisplayNameRequired = "display_name_required",
    InvalidInput = "invalid_input",
    CenterKeyMissing = "center_key_missing",
    CenterKeyMalformed = "center_key_malformed",
    ReferralIncomplete = "referral_incomplete",
    SealFailed = "seal_failed",
    NotEnrolled = "not_enrolled",
    EnrollmentFileInvalid = "enrollment_file_invalid",
    EnrollmentMissing = "enrollment_missing",
    EnrollmentCodeEarlierForm = "enrollment_code_earlier_form",
    EnrollmentCodeFormat = "enrollment_code_format",
    ReconsiderationNotAllowed = "reconsideration_not_allowed",
    ReconsiderationGroundsRequired = "reconsideration_grounds_required",
    CenterChanged = "center_changed",
    CenterFingerprintMismatch = "center_fingerprint_mismatch",
    RecoveryCodeWrong = "recovery_code_wrong",
    NoRecoveryCode = "no_recovery_code",
    SyncOffline = "sync_offline",
    SyncInterrupted = "sync_interrupted",
    SyncWrongCertificate = "sync_wrong_certificate",
    SyncClockSkew = "sync_clock_skew",
    SyncUnexpectedResponse = "sync_unexpected_response",
    SyncResponseTooLarge = "sync_response_too_large",
    SyncBadSignature = "sync_bad_signature",
    SyncUnauthorized = "sync_unauthorized",
    SyncEnrollmentCodeInvalid = "sync_enrollment_code_invalid",
    SyncEnrollmentProofFailed = "sync_enrollment_proof_failed",
    SyncBadAddress = "sync_bad_address",
    SyncCenterUnavailable = "sync_center_unavailable",
    SyncStorage = "sync_storage",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn the_wire_text_is_the_serde_name_and_each_is_distinct() {
        let mut texts = std::collections::BTreeSet::new();
        for code in ErrorCode::ALL {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json.as_str(), Some(code.as_str()));
            assert!(texts.insert(code.as_str()), "{code} twice");
            let back: ErrorCode = serde_json::from_value(json).unwrap_or(ErrorCode::Locked);
            assert_eq!(back, *code);
        }
    }
}
