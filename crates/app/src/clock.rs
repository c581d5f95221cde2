//! The clock is passed in, so idle locking and date rules can be tested at any time of day.

use chrono::{DateTime, FixedOffset, Local};

pub trait Clock: Send + Sync {
    /// The current time with the laptop's UTC offset (dates in forms are local dates).
    fn now(&self) -> DateTime<FixedOffset>;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// A clock that reads a shared, settable instant: for tests and benchmarks.
#[derive(Debug, Clone)]
pub struct FixedClock(std::sync::Arc<std::sync::Mutex<DateTime<FixedOffset>>>);

impl FixedClock {
    pub fn at(rfc3339: &str) -> Self {
        let instant = DateTime::parse_from_rfc3339(rfc3339).unwrap_or_default();
        Self(std::sync::Arc::new(std::sync::Mutex::new(instant)))
    }

    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut instant) = self.0.lock() {
            *instant += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.0.lock().map(|instant| *instant).unwrap_or_default()
    }
}
