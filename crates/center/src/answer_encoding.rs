//! Answers compressed with zstd when the client asks (`Accept-Encoding: zstd`), for the binary
//! delivery route: its signed batch receipt is JSON text quoted inside JSON, mostly ids and
//! hex digests, and about halves under zstd. Nothing secret is in it beside what the client
//! sent, so compression leaks nothing a client does not know (no BREACH-style oracle).

use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::failure::ApiFailure;

/// zstd's default level: fast, and the answers are small.
const LEVEL: i32 = 3;

/// Whether the client listed `zstd` in `Accept-Encoding` without refusing it (`q=0`).
pub fn accepts_zstd(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let named = parts
                .next()
                .is_some_and(|name| name.eq_ignore_ascii_case("zstd"));
            let refused = parts.any(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            named && !refused
        })
}

/// `value` as a 200 JSON answer, zstd-compressed if the request accepts it.
pub fn json<T: Serialize>(request: &HeaderMap, value: &T) -> Result<Response, ApiFailure> {
    let body = serde_json::to_vec(value).map_err(|e| ApiFailure::unavailable(e.to_string()))?;
    let json = HeaderValue::from_static("application/json");
    let vary = HeaderValue::from_static("accept-encoding");
    if !accepts_zstd(request) {
        return Ok(([(header::CONTENT_TYPE, json), (header::VARY, vary)], body).into_response());
    }
    let compressed = zstd::bulk::compress(&body, LEVEL)
        .map_err(|e| ApiFailure::unavailable(format!("compressing an answer: {e}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, json),
            (header::CONTENT_ENCODING, HeaderValue::from_static("zstd")),
            (header::VARY, vary),
        ],
        compressed,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asking(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(header::ACCEPT_ENCODING, value);
        }
        headers
    }

    #[test]
    fn zstd_is_used_only_when_asked_for_and_not_refused() {
        assert!(accepts_zstd(&asking("zstd")));
        assert!(accepts_zstd(&asking("gzip, ZSTD;q=0.5")));
        assert!(!accepts_zstd(&asking("gzip, deflate")));
        assert!(!accepts_zstd(&asking("zstd;q=0")));
        assert!(!accepts_zstd(&HeaderMap::new()));
    }
}
