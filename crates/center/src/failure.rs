//! How a request fails: a documented code and an English message, answered as the protocol's
//! error body. Storage failures become 503 (retry later); bad input is always a 4xx. A 503's
//! message is the detail for the Center's log only: clients get a generic text, since SQLite's
//! or the system's words say things about the Center's insides that are no client's business.

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

    /// An internal failure; `message` is the detail, logged, never answered.
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

/// What a client is told of any internal failure.
pub const UNAVAILABLE_MESSAGE: &str =
    "the Center could not complete the request; try again later, unchanged";

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.code.http_status())
            .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        let message = if self.code == ErrorCode::Unavailable {
            log::error!("answered 503: {}", self.message);
            UNAVAILABLE_MESSAGE.to_owned()
        } else {
            self.message
        };
        (status, Json(ErrorBody::new(self.code, message))).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_internal_failure_is_answered_without_its_detail() {
        let error = rusqlite::Connection::open_in_memory()
            .and_then(|c| c.execute("SELECT * FROM no_such_table", []))
            .err();
        let Some(error) = error else {
            panic!("the query should fail");
        };
        let response = ApiFailure::from(CenterError::Database(error)).into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = axum::body::to_bytes(response.into_body(), 4096).await;
        let body = String::from_utf8(body.map(|b| b.to_vec()).unwrap_or_default());
        let body = body.unwrap_or_default();
        assert!(body.contains(UNAVAILABLE_MESSAGE), "{body}");
        assert!(
            !body.contains("no_such_table") && !body.contains("database"),
            "{body}"
        );
    }
}
