//! Capped exponential backoff with jitter: after each failure the wait doubles up to a cap,
//! and a random part spreads devices that lost the Center at the same moment.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Backoff {
    first: Duration,
    cap: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(first: Duration, cap: Duration) -> Self {
        Self {
            first,
            cap,
            failures: 0,
        }
    }

    /// The wait after one more failure; `jitter` in [0, 1) picks a point in the upper half of
    /// the nominal wait, so a wait is never under half of it.
    pub fn next(&mut self, jitter: f64) -> Duration {
        let nominal = self
            .first
            .saturating_mul(2u32.saturating_pow(self.failures.min(20)))
            .min(self.cap);
        self.failures = self.failures.saturating_add(1);
        nominal.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }

    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

/// A jitter value in [0, 1) from the operating system's randomness.
pub fn random_jitter() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.5;
    }
    f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_cap_stay_in_the_upper_half_and_reset() {
        let mut backoff = Backoff::new(Duration::from_secs(2), Duration::from_secs(60));
        let nominal = [2, 4, 8, 16, 32, 60, 60];
        for seconds in nominal {
            let low = backoff.clone().next(0.0);
            let high = backoff.clone().next(0.999_999);
            assert_eq!(low, Duration::from_secs(seconds) / 2);
            assert!(
                high < Duration::from_secs(seconds)
                    && high > Duration::from_secs(seconds) * 99 / 100
            );
            backoff.next(0.3);
        }
        backoff.reset();
        assert_eq!(backoff.next(0.0), Duration::from_secs(1));
        let jitter = random_jitter();
        assert!((0.0..1.0).contains(&jitter));
    }
}
