//! The `/v1` HTTP routes: thin handlers that read and bound the request, call the module that
//! owns the operation on a blocking thread, and answer JSON or the protocol's error body. The
//! binary delivery route's answer is compressed when the client asks (`crate::answer_encoding`).

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use first_contact_protocol::api::delivery::{DeliveryBatch, DeliveryResults};
use first_contact_protocol::api::enrollment::{
    EnrollmentGrant, EnrollmentProof, EnrollmentRequest,
};
use first_contact_protocol::api::errors::ErrorCode;
use first_contact_protocol::api::feedback::DecisionPage;
use first_contact_protocol::api::frame::{self, BATCH_MEDIA_TYPE};
use first_contact_protocol::api::{paths, MAX_FEED_PAGE, MAX_REQUEST_BYTES};
use first_contact_protocol::SignedDocument;
use serde::de::DeserializeOwned;

use crate::failure::ApiFailure;
use crate::state::CenterState;

pub fn router(state: Arc<CenterState>) -> Router {
    Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::ENROLLMENT_PROOF, get(enrollment_proof))
        .route(paths::ENROLLMENT, post(enroll))
        .route(paths::ENVELOPES, post(deliver))
        .route(paths::DELIVERIES, post(deliver_batch))
        .route(paths::DECISIONS, get(decisions))
        .route(paths::PUBLICATION, get(publication))
        .fallback(|| async { ApiFailure::new(ErrorCode::NotFound, "no such endpoint") })
        .method_not_allowed_fallback(|| async {
            ApiFailure::new(
                ErrorCode::MethodNotAllowed,
                "this endpoint does not answer that method",
            )
        })
        .with_state(state)
}

async fn health(State(state): State<Arc<CenterState>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({"status": "ok", "api": "v1", "center": state.name}))
}

async fn enrollment_proof(
    State(state): State<Arc<CenterState>>,
    Path(code_id): Path<String>,
) -> Result<Json<EnrollmentProof>, ApiFailure> {
    state
        .with_database(move |state, connection| {
            crate::enrollment::proof(state, connection, &code_id)
        })
        .await
        .map(Json)
}

async fn enroll(
    State(state): State<Arc<CenterState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<EnrollmentGrant>, ApiFailure> {
    let request: EnrollmentRequest = read_json(&headers, body).await?;
    state
        .with_database(move |state, connection| {
            crate::enrollment::enroll(state, connection, &request)
        })
        .await
        .map(Json)
}

async fn deliver(
    State(state): State<Arc<CenterState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<DeliveryResults>, ApiFailure> {
    // Authenticate before reading a large body from a stranger.
    let device = authenticated_device(&state, &headers).await?;
    let batch: DeliveryBatch = read_json(&headers, body).await?;
    state
        .with_database(move |state, connection| {
            crate::intake::deliver(state, connection, &device, &batch)
        })
        .await
        .map(Json)
}

/// The binary route: a batch frame in, one signed batch receipt out.
async fn deliver_batch(
    State(state): State<Arc<CenterState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiFailure> {
    // Authenticate before reading a large body from a stranger.
    let device = authenticated_device(&state, &headers).await?;
    let is_batch = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case(BATCH_MEDIA_TYPE));
    if !is_batch {
        return Err(ApiFailure::malformed(format!(
            "the body must be {BATCH_MEDIA_TYPE}"
        )));
    }
    let bytes = read_body(&headers, body).await?;
    let batch =
        frame::decode(&bytes).map_err(|e| ApiFailure::malformed(format!("the body: {e}")))?;
    drop(bytes);
    let signed = state
        .with_database(move |state, connection| {
            crate::intake::deliver_framed(state, connection, &device, &batch)
        })
        .await?;
    crate::answer_encoding::json(&headers, &signed)
}

async fn decisions(
    State(state): State<Arc<CenterState>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Json<DecisionPage>, ApiFailure> {
    let (after, limit) = feed_query(query.as_deref().unwrap_or(""))?;
    let authorization = authorization(&headers);
    state
        .with_database(move |_, connection| {
            let device = crate::enrollment::authenticate(connection, authorization.as_deref())?;
            crate::decisions::feed(connection, &device, after, limit)
        })
        .await
        .map(Json)
}

async fn publication(
    State(state): State<Arc<CenterState>>,
    headers: HeaderMap,
    Path(kind): Path<String>,
) -> Result<Json<SignedDocument>, ApiFailure> {
    let authorization = authorization(&headers);
    state
        .with_database(move |_, connection| {
            crate::enrollment::authenticate(connection, authorization.as_deref())?;
            crate::publishing::latest(connection, &kind)
        })
        .await
        .map(Json)
}

/// The device the request's credential belongs to, checked before its body is read.
async fn authenticated_device(
    state: &Arc<CenterState>,
    headers: &HeaderMap,
) -> Result<String, ApiFailure> {
    let authorization = authorization(headers);
    state
        .with_database(move |_, connection| {
            crate::enrollment::authenticate(connection, authorization.as_deref())
        })
        .await
}

fn authorization(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// `after` and `limit` of the decision feed; both optional.
fn feed_query(query: &str) -> Result<(i64, usize), ApiFailure> {
    let mut after = 0;
    let mut limit = MAX_FEED_PAGE;
    for pair in query.split('&').filter(|pair| !pair.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match name {
            "after" => {
                after = value
                    .parse()
                    .ok()
                    .filter(|after: &i64| *after >= 0)
                    .ok_or_else(|| ApiFailure::malformed("after is a cursor: a whole number"))?;
            }
            "limit" => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|limit: &usize| *limit >= 1)
                    .ok_or_else(|| ApiFailure::malformed("limit is a whole number from 1"))?;
            }
            _ => return Err(ApiFailure::malformed(format!("unknown parameter {name:?}"))),
        }
    }
    Ok((after, limit.min(MAX_FEED_PAGE)))
}

/// Reads a JSON body of at most [`MAX_REQUEST_BYTES`].
async fn read_json<T: DeserializeOwned>(headers: &HeaderMap, body: Body) -> Result<T, ApiFailure> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    if !is_json {
        return Err(ApiFailure::malformed("the body must be application/json"));
    }
    let bytes = read_body(headers, body).await?;
    serde_json::from_slice(&bytes).map_err(|e| ApiFailure::malformed(format!("the body: {e}")))
}

/// Reads a body of at most [`MAX_REQUEST_BYTES`], refusing a larger declared length unread.
async fn read_body(headers: &HeaderMap, body: Body) -> Result<Bytes, ApiFailure> {
    let too_large = || {
        ApiFailure::new(
            ErrorCode::PayloadTooLarge,
            format!("a request body is at most {MAX_REQUEST_BYTES} bytes"),
        )
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_REQUEST_BYTES) {
        return Err(too_large());
    }
    axum::body::to_bytes(body, MAX_REQUEST_BYTES)
        .await
        .map_err(|_| too_large())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_query_is_bounded_and_strict() {
        assert_eq!(feed_query(""), Ok((0, MAX_FEED_PAGE)));
        assert_eq!(feed_query("after=12&limit=5"), Ok((12, 5)));
        assert_eq!(feed_query("limit=100000"), Ok((0, MAX_FEED_PAGE)));
        assert!(feed_query("after=-1").is_err());
        assert!(feed_query("after=x").is_err());
        assert!(feed_query("limit=0").is_err());
        assert!(feed_query("cursor=3").is_err());
    }
}
