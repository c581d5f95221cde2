//! Admission of TCP connections: a cap on open connections in all and per client IP address.
//! A connection is admitted or refused as soon as it is accepted, before any TLS work, and its
//! place is given back when its [`Ticket`] is dropped (when the connection's task ends).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often, at most, a run of refusals is logged: a flood must not become a flood of logs.
const LOG_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug)]
pub struct Admission {
    max_total: usize,
    max_per_ip: usize,
    inner: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    per_ip: HashMap<IpAddr, usize>,
    refused_since_log: u64,
    logged_at: Option<Instant>,
}

/// Why a connection was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    TooManyInAll,
    TooManyFromAddress,
}

/// An admitted connection's place; dropping it frees the place.
#[derive(Debug)]
pub struct Ticket {
    admission: Arc<Admission>,
    ip: IpAddr,
}

impl Admission {
    pub fn new(max_total: usize, max_per_ip: usize) -> Arc<Self> {
        Arc::new(Self {
            max_total,
            max_per_ip,
            inner: Mutex::new(Counts::default()),
        })
    }

    /// A place for a connection from `ip`, or why there is none.
    pub fn admit(self: &Arc<Self>, ip: IpAddr) -> Result<Ticket, Refusal> {
        let mut counts = self.counts();
        let from_ip = counts.per_ip.get(&ip).copied().unwrap_or(0);
        let refusal = if counts.total >= self.max_total {
            Some(Refusal::TooManyInAll)
        } else if from_ip >= self.max_per_ip {
            Some(Refusal::TooManyFromAddress)
        } else {
            None
        };
        if let Some(refusal) = refusal {
            counts.refused_since_log += 1;
            let due = counts.logged_at.is_none_or(|at| at.elapsed() >= LOG_EVERY);
            if due {
                // No address: which clients connect is not for the log.
                log::warn!(
                    "refused {} connection(s) over the caps ({} in all, {} per address); now: {:?}",
                    counts.refused_since_log,
                    self.max_total,
                    self.max_per_ip,
                    refusal
                );
                counts.refused_since_log = 0;
                counts.logged_at = Some(Instant::now());
            }
            return Err(refusal);
        }
        counts.total += 1;
        counts.per_ip.insert(ip, from_ip + 1);
        Ok(Ticket {
            admission: Arc::clone(self),
            ip,
        })
    }

    /// Open connections in all.
    pub fn open(&self) -> usize {
        self.counts().total
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        // A panic while counting cannot leave the counts half-updated in a way that matters
        // more than refusing service would: keep going with them.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn release(&self, ip: IpAddr) {
        let mut counts = self.counts();
        counts.total = counts.total.saturating_sub(1);
        if let Some(count) = counts.per_ip.get_mut(&ip) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                // Only addresses with open connections are kept, so the map stays small.
                counts.per_ip.remove(&ip);
            }
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.admission.release(self.ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        IpAddr::from([127, 0, 0, last])
    }

    #[test]
    fn the_caps_refuse_the_connection_over_them_and_free_places_on_drop() {
        let admission = Admission::new(3, 2);
        let first = admission.admit(ip(1));
        let second = admission.admit(ip(1));
        assert!(first.is_ok() && second.is_ok());
        assert_eq!(
            admission.admit(ip(1)).err(),
            Some(Refusal::TooManyFromAddress)
        );
        let third = admission.admit(ip(2));
        assert!(third.is_ok());
        assert_eq!(admission.admit(ip(3)).err(), Some(Refusal::TooManyInAll));
        drop(first);
        assert_eq!(admission.open(), 2);
        assert!(admission.admit(ip(1)).is_ok());
        drop((second, third));
        assert_eq!(admission.open(), 0);
        assert!(admission.counts().per_ip.is_empty());
    }
}
