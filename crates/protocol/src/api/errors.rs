//! The error body every `/v1` error answers with:
//! `{"error": {"code": "conflict", "message": "…"}}`. Codes are stable and documented; the
//! message is English for operators and logs, never shown to a worker as is.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not the JSON this endpoint expects (400).
    MalformedRequest,
    /// The body is larger than the Center reads (413).
    PayloadTooLarge,
    /// No credential, an unknown device or a revoked one (401).
    Unauthorized,
    /// The enrollment code is unknown, used or expired (403).
    EnrollmentCodeInvalid,
    /// No such resource (404).
    NotFound,
    /// The endpoint exists but does not answer this method (405, with an `Allow` header).
    MethodNotAllowed,
    /// The same id was delivered before with other bytes (409, per item in a batch).
    Conflict,
    /// The Center could not complete the request; retry later (503).
    Unavailable,
    /// The request's body did not arrive within the Center's time limit (408); the connection
    /// is closed.
    RequestTimeout,
    /// Too many requests of this kind from the client's address; retry later (429).
    RateLimited,
    /// An envelope declares a recipient other than this Center's key (400, per item): it was
    /// sealed for another Center and this one could not open it.
    WrongRecipient,
}

impl ErrorCode {
    /// The code as it appears in the error body (the serde form).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::MalformedRequest => "malformed_request",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::EnrollmentCodeInvalid => "enrollment_code_invalid",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::Conflict => "conflict",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::RequestTimeout => "request_timeout",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::WrongRecipient => "wrong_recipient",
        }
    }

    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::MalformedRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::EnrollmentCodeInvalid => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::MethodNotAllowed => 405,
            ErrorCode::Conflict => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::Unavailable => 503,
            ErrorCode::RequestTimeout => 408,
            ErrorCode::RateLimited => 429,
            ErrorCode::WrongRecipient => 400,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            error: ErrorDetail {
                code,
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_each_code_is_its_json_form() {
        for code in [
            ErrorCode::MalformedRequest,
            ErrorCode::PayloadTooLarge,
            ErrorCode::Unauthorized,
            ErrorCode::EnrollmentCodeInvalid,
            ErrorCode::NotFound,
            ErrorCode::MethodNotAllowed,
            ErrorCode::Conflict,
            ErrorCode::Unavailable,
            ErrorCode::RequestTimeout,
            ErrorCode::WrongRecipient,
            ErrorCode::RateLimited,
        ] {
            let json = serde_json::to_value(code).unwrap_or_default();
            assert_eq!(json.as_str(), Some(code.as_str()));
        }
    }
}
