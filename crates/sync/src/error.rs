//! What can go wrong talking to the Center, and whether trying again later can help. The UI
//! shows each as a state with a localised message (the app maps [`SyncProblem`] to a code).

use first_contact_protocol::api::errors::ErrorCode;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

/// The kinds of failure a worker is told about; stable codes the UI matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncProblem {
    /// No connection to the Center's address (no network, refused, name not found).
    Offline,
    /// The connection stalled or broke mid-answer.
    Interrupted,
    /// The Center's certificate is not the one pinned at enrollment.
    WrongCertificate,
    /// The certificate is not valid at the laptop's current date: the clock is probably wrong.
    ClockSkew,
    /// The answer was not the protocol's (an HTML page from a captive portal, say).
    UnexpectedResponse,
    /// The answer was too large to be the Center's.
    ResponseTooLarge,
    /// A signature or receipt did not verify.
    BadSignature,
    /// The Center refused the device's credential (revoked or unknown): enroll again.
    Unauthorized,
    /// The enrollment code is unknown, used or expired.
    EnrollmentCodeInvalid,
    /// The Center could not prove it knows the code: not the Center the code came from.
    EnrollmentProofFailed,
    /// The Center's address is not an https:// address.
    BadAddress,
    /// The Center answered that it is unavailable, or with a server error.
    CenterUnavailable,
    /// The local store failed.
    Storage,
}

impl SyncProblem {
    /// Whether waiting and trying again can fix it without the worker doing anything.
    pub fn retryable(self) -> bool {
        !matches!(
            self,
            SyncProblem::Unauthorized
                | SyncProblem::EnrollmentCodeInvalid
                | SyncProblem::EnrollmentProofFailed
                | SyncProblem::BadAddress
        )
    }
}

#[derive(Debug, Clone, Error)]
#[error("{problem:?}: {detail}")]
pub struct SyncError {
    pub problem: SyncProblem,
    /// For logs and tests; never contains personal data.
    pub detail: String,
    /// The protocol's error code, when the Center answered with its error body.
    pub code: Option<ErrorCode>,
}

impl SyncError {
    pub fn new(problem: SyncProblem, detail: impl Into<String>) -> Self {
        Self {
            problem,
            detail: detail.into(),
            code: None,
        }
    }

    pub fn retryable(&self) -> bool {
        self.problem.retryable()
    }
}
