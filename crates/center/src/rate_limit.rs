//! A per-address rate limit on the enrollment endpoints (`/v1/enrollment…`): each client IP
//! address has a bucket of `per_minute` tries that refills evenly over a minute. A request
//! with none left is answered 429 `rate_limited` before any database work. This is what makes
//! probing for live code ids slow, and visible: refusals are logged, without the address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use first_contact_protocol::api::errors::ErrorCode;

use crate::connection::ClientAddress;
use crate::failure::ApiFailure;

/// Addresses remembered at most; past it, addresses whose bucket is full again are forgotten
/// (they would start full anyway), so a scan from many addresses cannot grow the map forever.
const REMEMBERED: usize = 10_000;

#[derive(Debug)]
pub struct RateLimit {
    per_minute: u32,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tries: f64,
    at: Instant,
    /// Refused since this address was last let through (or first refused).
    refused: u64,
}

impl RateLimit {
    pub fn new(per_minute: u32) -> Arc<Self> {
        Arc::new(Self {
            per_minute,
            buckets: Mutex::new(HashMap::new()),
        })
    }

    /// Whether `ip` may make one more request at `now`; takes a try if so.
    pub fn allow(&self, ip: IpAddr, now: Instant) -> bool {
        let capacity = f64::from(self.per_minute);
        let per_second = capacity / 60.0;
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= REMEMBERED && !buckets.contains_key(&ip) {
            buckets.retain(|_, bucket| refilled(bucket, now, per_second, capacity) < capacity);
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tries: capacity,
            at: now,
            refused: 0,
        });
        bucket.tries = refilled(bucket, now, per_second, capacity);
        bucket.at = now;
        if bucket.tries >= 1.0 {
            bucket.tries -= 1.0;
            if bucket.refused > 0 {
                log::warn!(
                    "an address over the enrollment rate limit was let through again after {} refused request(s)",
                    bucket.refused
                );
                bucket.refused = 0;
            }
            return true;
        }
        if bucket.refused == 0 {
            // Once per run of refusals from an address, and never the address or the code id.
            log::warn!(
                "refused an enrollment request over the rate limit of {} a minute per address",
                self.per_minute
            );
        }
        bucket.refused += 1;
        false
    }
}

fn refilled(bucket: &Bucket, now: Instant, per_second: f64, capacity: f64) -> f64 {
    let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
    (bucket.tries + elapsed * per_second).min(capacity)
}

/// Middleware over the whole router: only enrollment paths are counted. A request without a
/// known client address (the router called directly, as in tests) is let through.
pub async fn enrollment(
    State(limit): State<Arc<RateLimit>>,
    request: Request,
    next: Next,
) -> Response {
    let is_enrollment = request.uri().path().starts_with("/v1/enrollment");
    let address = request.extensions().get::<ClientAddress>().map(|a| a.0);
    if let (true, Some(ip)) = (is_enrollment, address) {
        if !limit.allow(ip, Instant::now()) {
            return ApiFailure::new(
                ErrorCode::RateLimited,
                format!(
                    "too many enrollment requests from this address; at most {} a minute",
                    limit.per_minute
                ),
            )
            .into_response();
        }
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn an_address_gets_its_tries_then_waits_for_the_refill() {
        let limit = RateLimit::new(3);
        let start = Instant::now();
        let (a, b) = (IpAddr::from([127, 0, 0, 2]), IpAddr::from([127, 0, 0, 3]));
        assert!((0..3).all(|_| limit.allow(a, start)));
        assert!(!limit.allow(a, start));
        // Another address has its own bucket.
        assert!(limit.allow(b, start));
        // One try comes back every 20 seconds at 3 a minute.
        assert!(!limit.allow(a, start + Duration::from_secs(19)));
        assert!(limit.allow(a, start + Duration::from_secs(21)));
        assert!(!limit.allow(a, start + Duration::from_secs(21)));
    }
}
