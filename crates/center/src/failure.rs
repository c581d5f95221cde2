//! How a request fails: a documented code and an English message, answered as the protocol's
//! error body. Storage failures become 503 (retry later); bad input is always a 4xx.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use first_contact_protocol::api::errors::{ErrorBody, ErrorCode};

use crate::error::CenterError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiFailure {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiFailure {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    pub fn malformed(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::MalformedRequest, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            "this device is not enrolled, or its enrollment was revoked",
        )
    }

    pub fn unavailable(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unavailable, message)
    }
}

impl From<CenterError> for ApiFailure {
    fn from(error: CenterError) -> Self {
        match error {
            CenterError::NotFound(what) => ApiFailure::new(ErrorCode::NotFound, what),
            CenterError::Invalid(what) => ApiFailure::malformed(what),
            other => ApiFailure::unavailable(other.to_string()),
        }
    }
}

impl From<rusqlite::Error> for ApiFailure {
    fn from(error: rusqlite::Error) -> Self {
        ApiFailure::unavailable(format!("storage: {error}"))
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        (status, Json(ErrorBody::new(self.code, self.message))).into_response()
    }
}
