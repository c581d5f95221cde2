//! The clock is passed in, so idle locking and date rules can be tested at any time of day.
//! Three readings: the wall clock for dates and records, a monotonic clock for how long the
//! worker has been idle (setting the wall clock must not unlock or lock anything), and the
//! time since boot including suspend, whose lead over the monotonic clock reveals a suspend.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local};

pub trait Clock: Send + Sync {
    /// The current time with the laptop's UTC offset (dates in forms are local dates).
    fn now(&self) -> DateTime<FixedOffset>;
    /// Time since an arbitrary fixed start; never goes back, does not follow changes of the
    /// wall clock, and does not advance while the laptop is suspended.
    fn monotonic(&self) -> Duration;
    /// Time since boot, suspended time included; `None` where the system cannot tell.
    fn since_boot(&self) -> Option<Duration>;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }

    fn monotonic(&self) -> Duration {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }

    #[cfg(target_os = "linux")]
    fn since_boot(&self) -> Option<Duration> {
        let boot = rustix::time::clock_gettime(rustix::time::ClockId::Boottime);
        Some(Duration::new(
            u64::try_from(boot.tv_sec).ok()?,
            u32::try_from(boot.tv_nsec).ok()?,
        ))
    }

    #[cfg(not(target_os = "linux"))]
    fn since_boot(&self) -> Option<Duration> {
        None
    }
}

#[derive(Debug, Clone, Copy)]
struct Readings {
    wall: DateTime<FixedOffset>,
    monotonic: Duration,
    since_boot: Duration,
}

/// A clock that reads shared, settable readings: for tests and benchmarks.
#[derive(Debug, Clone)]
pub struct FixedClock(Arc<Mutex<Readings>>);

impl FixedClock {
    pub fn at(rfc3339: &str) -> Self {
        let wall = DateTime::parse_from_rfc3339(rfc3339).unwrap_or_default();
        Self(Arc::new(Mutex::new(Readings {
            wall,
            monotonic: Duration::ZERO,
            since_boot: Duration::ZERO,
        })))
    }

    /// Time passes while the laptop runs: every reading moves on by `by` (a negative `by` moves
    /// only the wall clock: the other two never go back).
    pub fn advance(&self, by: chrono::Duration) {
        self.update(|readings| {
            readings.wall += by;
            if let Ok(by) = by.to_std() {
                readings.monotonic += by;
                readings.since_boot += by;
            }
        });
    }

    /// Someone sets the wall clock (or it is corrected) by `by`; no time passes.
    pub fn set_wall_clock_by(&self, by: chrono::Duration) {
        self.update(|readings| readings.wall += by);
    }

    /// The laptop sleeps for `duration`: the wall clock and the time since boot move on, the
    /// monotonic clock does not.
    pub fn suspend(&self, duration: Duration) {
        self.update(|readings| {
            readings.wall += chrono::Duration::from_std(duration).unwrap_or_default();
            readings.since_boot += duration;
        });
    }

    fn update(&self, change: impl FnOnce(&mut Readings)) {
        if let Ok(mut readings) = self.0.lock() {
            change(&mut readings);
        }
    }

    fn read<T>(&self, field: impl FnOnce(&Readings) -> T, fallback: T) -> T {
        self.0.lock().map_or(fallback, |readings| field(&readings))
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        self.read(|r| r.wall, DateTime::default())
    }

    fn monotonic(&self) -> Duration {
        self.read(|r| r.monotonic, Duration::ZERO)
    }

    fn since_boot(&self) -> Option<Duration> {
        Some(self.read(|r| r.since_boot, Duration::ZERO))
    }
}
