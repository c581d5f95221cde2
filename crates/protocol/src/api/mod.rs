//! The HTTP API between a field device and the Center, version 1 (`/v1/…`): request and
//! response bodies, the error body, and the paths. Both ends use these types, so a change here
//! is a protocol change (docs/protocol.md, docs/openapi.yaml).

pub mod batch_receipt;
pub mod delivery;
pub mod enrollment;
pub mod errors;
pub mod feedback;
pub mod frame;
pub mod publication;

/// Prefix of every path of this version of the protocol.
pub const API_PREFIX: &str = "/v1";

/// Paths, relative to the Center's base address.
pub mod paths {
    pub const HEALTH: &str = "/v1/health";
    /// `GET /v1/enrollment/{code_id}/proof`
    pub const ENROLLMENT_PROOF: &str = "/v1/enrollment/{code_id}/proof";
    pub const ENROLLMENT: &str = "/v1/enrollment";
    /// The JSON delivery route, kept for devices from before the binary one.
    pub const ENVELOPES: &str = "/v1/envelopes";
    /// The binary delivery route: a [`crate::api::frame`] body, a signed batch receipt back.
    pub const DELIVERIES: &str = "/v1/deliveries";
    pub const DECISIONS: &str = "/v1/decisions";
    /// `GET /v1/publications/{kind}` with kind `catalogue` or `directory`.
    pub const PUBLICATION: &str = "/v1/publications/{kind}";
}

/// The largest request body the Center reads; a batch is cut to stay well under it.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;
/// The largest response body a device reads (publications included).
pub const MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;
/// The most items in one delivery batch.
pub const MAX_BATCH_ITEMS: usize = 100;
/// The largest sealed envelope the Center accepts: the plaintext bound plus age's overhead.
pub const MAX_ENVELOPE_BYTES: usize = crate::envelope::MAX_PLAINTEXT_BYTES + 64 * 1024;
/// The most decisions in one page of the feed.
pub const MAX_FEED_PAGE: usize = 200;

/// `Authorization: Bearer <device_id>.<secret>`: the device credential as the device sends it.
pub fn bearer(device_id: &uuid::Uuid, secret: &str) -> String {
    format!("Bearer {device_id}.{secret}")
}

/// Splits a bearer credential back into the device id and its secret.
pub fn parse_bearer(header: &str) -> Option<(uuid::Uuid, &str)> {
    let token = header.strip_prefix("Bearer ")?;
    let (id, secret) = token.split_once('.')?;
    let id = uuid::Uuid::parse_str(id).ok()?;
    (!secret.is_empty()).then_some((id, secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_round_trips_and_refuses_malformed_headers() {
        let id = uuid::Uuid::now_v7();
        let header = bearer(&id, "s3cret");
        assert_eq!(parse_bearer(&header), Some((id, "s3cret")));
        assert_eq!(parse_bearer("Basic abc"), None);
        assert_eq!(parse_bearer("Bearer not-a-uuid.secret"), None);
        assert_eq!(parse_bearer(&format!("Bearer {id}.")), None);
        assert_eq!(parse_bearer(&format!("Bearer {id}")), None);
    }
}
