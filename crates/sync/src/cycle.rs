//! The sync loop's decisions, with no I/O: given what the last attempt came to, the time and a
//! jitter value, [`step`] says what the worker is shown, when to try again and whether the
//! Center's refusal must be recorded. The loop and a pass run on request both call it, so the
//! phases, the backoff and the 401 rule exist once and a table test covers every transition.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::backoff::Backoff;
use crate::engine::{LoopSettings, SyncPhase, SyncStatus};
use crate::error::SyncProblem;

/// Why there is nothing to sync with right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlinked {
    /// No enrollment is stored.
    NotEnrolled,
    /// The store is locked: its key is not in memory.
    Locked,
    /// The Center refused this device's credential, or the stored enrollment is unusable.
    Refused,
    /// The stored enrollment could not be read: the store failed, which is not "paused".
    Unreadable,
}

/// What the last attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Unlinked(Unlinked),
    Passed,
    Failed(SyncProblem),
}

/// When the loop looks again, unless it is woken first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextWake {
    After(Duration),
    /// Only a wake (an enrollment, an unlock, "Sync now") can help.
    WhenWoken,
}

/// What [`step`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub status: SyncStatus,
    pub wake: NextWake,
    /// The Center refused the credential just now: the stored enrollment must be marked
    /// refused, so the worker is asked to enroll again and nothing more is sent with it.
    pub record_refusal: bool,
}

/// What the loop carries from one attempt to the next.
#[derive(Debug, Clone)]
pub struct LoopState {
    settings: LoopSettings,
    backoff: Backoff,
    last_synced_at: Option<String>,
}

impl LoopState {
    pub fn new(settings: LoopSettings) -> Self {
        Self {
            backoff: Backoff::new(settings.first_retry, settings.max_retry),
            settings,
            last_synced_at: None,
        }
    }

    pub fn last_synced_at(&self) -> Option<&str> {
        self.last_synced_at.as_deref()
    }
}

fn text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Decides the status and the next wake after `outcome`, at `now`, with `jitter` in [0, 1)
/// spreading retries.
pub fn step(state: &mut LoopState, outcome: Outcome, now: DateTime<Utc>, jitter: f64) -> Decision {
    let idle = state.settings.idle;
    let shown =
        |phase: SyncPhase, problem: Option<SyncProblem>, last: &Option<String>| SyncStatus {
            problem,
            last_synced_at: last.clone(),
            ..SyncStatus::new(phase)
        };
    match outcome {
        Outcome::Passed => {
            state.backoff.reset();
            state.last_synced_at = Some(text(now));
            Decision {
                status: shown(SyncPhase::UpToDate, None, &state.last_synced_at),
                wake: NextWake::After(idle),
                record_refusal: false,
            }
        }
        Outcome::Failed(SyncProblem::Unauthorized) => Decision {
            status: shown(
                SyncPhase::NeedsEnrollment,
                Some(SyncProblem::Unauthorized),
                &state.last_synced_at,
            ),
            wake: NextWake::WhenWoken,
            record_refusal: true,
        },
        Outcome::Failed(problem) => {
            let delay = if problem.retryable() {
                state.backoff.next(jitter)
            } else {
                state.settings.max_retry
            };
            let phase = if problem == SyncProblem::Offline {
                SyncPhase::Offline
            } else {
                SyncPhase::WaitingToRetry
            };
            retry(state, phase, problem, delay, now)
        }
        Outcome::Unlinked(Unlinked::Unreadable) => {
            let delay = state.backoff.next(jitter);
            retry(
                state,
                SyncPhase::WaitingToRetry,
                SyncProblem::Storage,
                delay,
                now,
            )
        }
        Outcome::Unlinked(why) => {
            let (phase, problem) = match why {
                Unlinked::NotEnrolled => (SyncPhase::NotEnrolled, None),
                Unlinked::Locked => (SyncPhase::Paused, None),
                _ => (SyncPhase::NeedsEnrollment, Some(SyncProblem::Unauthorized)),
            };
            // Unlocking and enrolling wake the loop; looking again now and then also catches
            // an idle lock or anything that did not.
            Decision {
                status: shown(phase, problem, &state.last_synced_at),
                wake: NextWake::After(idle),
                record_refusal: false,
            }
        }
    }
}

fn retry(
    state: &LoopState,
    phase: SyncPhase,
    problem: SyncProblem,
    delay: Duration,
    now: DateTime<Utc>,
) -> Decision {
    let retry_at = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX);
    Decision {
        status: SyncStatus {
            problem: Some(problem),
            retry_at: Some(text(retry_at)),
            last_synced_at: state.last_synced_at.clone(),
            ..SyncStatus::new(phase)
        },
        wake: NextWake::After(delay),
        record_refusal: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn settings() -> LoopSettings {
        LoopSettings {
            idle: Duration::from_secs(60),
            first_retry: Duration::from_secs(2),
            max_retry: Duration::from_secs(300),
        }
    }

    fn at(second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, 10, 0, second)
            .single()
            .unwrap_or_else(|| panic!("a valid time"))
    }

    /// One row per transition: what came of the attempt, and what the worker sees, when the
    /// loop looks again, and whether the refusal is recorded. Each row starts from a state with
    /// one earlier success at 10:00:00 and one earlier retryable failure (so a retry's wait is
    /// the second step of the backoff: 4 s nominal, 3 s at jitter 0.5).
    #[test]
    fn every_outcome_leads_to_its_status_and_wake() {
        use NextWake::{After, WhenWoken};
        use SyncPhase as P;
        use SyncProblem as X;
        let earlier = Some("2026-12-02T10:00:00Z".to_owned());
        type Row = (Outcome, P, Option<X>, NextWake, Option<&'static str>, bool);
        let rows: Vec<Row> = vec![
            (
                Outcome::Passed,
                P::UpToDate,
                None,
                After(Duration::from_secs(60)),
                None,
                false,
            ),
            (
                Outcome::Failed(X::Offline),
                P::Offline,
                Some(X::Offline),
                After(Duration::from_secs(3)),
                Some("2026-12-02T10:00:33Z"),
                false,
            ),
            (
                Outcome::Failed(X::Interrupted),
                P::WaitingToRetry,
                Some(X::Interrupted),
                After(Duration::from_secs(3)),
                Some("2026-12-02T10:00:33Z"),
                false,
            ),
            (
                Outcome::Failed(X::CenterUnavailable),
                P::WaitingToRetry,
                Some(X::CenterUnavailable),
                After(Duration::from_secs(3)),
                Some("2026-12-02T10:00:33Z"),
                false,
            ),
            // Not retryable (nothing waiting fixes it): the longest wait, no backoff step.
            (
                Outcome::Failed(X::BadAddress),
                P::WaitingToRetry,
                Some(X::BadAddress),
                After(Duration::from_secs(300)),
                Some("2026-12-02T10:05:30Z"),
                false,
            ),
            // The 401 rule: ask for a new enrollment, record the refusal, send nothing more
            // until woken.
            (
                Outcome::Failed(X::Unauthorized),
                P::NeedsEnrollment,
                Some(X::Unauthorized),
                WhenWoken,
                None,
                true,
            ),
            (
                Outcome::Unlinked(Unlinked::NotEnrolled),
                P::NotEnrolled,
                None,
                After(Duration::from_secs(60)),
                None,
                false,
            ),
            (
                Outcome::Unlinked(Unlinked::Locked),
                P::Paused,
                None,
                After(Duration::from_secs(60)),
                None,
                false,
            ),
            // The loop's own needs-enrollment branch: a refusal recorded earlier.
            (
                Outcome::Unlinked(Unlinked::Refused),
                P::NeedsEnrollment,
                Some(X::Unauthorized),
                After(Duration::from_secs(60)),
                None,
                false,
            ),
            // A store that fails is a failure to show and retry, not a pause.
            (
                Outcome::Unlinked(Unlinked::Unreadable),
                P::WaitingToRetry,
                Some(X::Storage),
                After(Duration::from_secs(3)),
                Some("2026-12-02T10:00:33Z"),
                false,
            ),
        ];
        for (outcome, phase, problem, wake, retry_at, refusal) in rows {
            let mut state = LoopState::new(settings());
            step(&mut state, Outcome::Passed, at(0), 0.5);
            step(&mut state, Outcome::Failed(X::Offline), at(10), 0.5);
            let decision = step(&mut state, outcome, at(30), 0.5);
            let last = if outcome == Outcome::Passed {
                Some("2026-12-02T10:00:30Z".to_owned())
            } else {
                earlier.clone()
            };
            assert_eq!(
                decision,
                Decision {
                    status: SyncStatus {
                        phase,
                        done: 0,
                        total: 0,
                        problem,
                        retry_at: retry_at.map(str::to_owned),
                        last_synced_at: last,
                    },
                    wake,
                    record_refusal: refusal,
                },
                "after {outcome:?}"
            );
        }
    }

    #[test]
    fn failures_back_off_to_the_cap_and_a_success_starts_over() {
        let mut state = LoopState::new(settings());
        let mut waits = Vec::new();
        for _ in 0..10 {
            let decision = step(
                &mut state,
                Outcome::Failed(SyncProblem::Offline),
                at(0),
                0.0,
            );
            waits.push(decision.wake);
        }
        let seconds: Vec<u64> = waits
            .iter()
            .map(|wake| match wake {
                NextWake::After(delay) => delay.as_secs(),
                NextWake::WhenWoken => u64::MAX,
            })
            .collect();
        // Jitter 0 takes the lower half of each nominal wait: 2, 4, 8, … capped at 300.
        assert_eq!(seconds, [1, 2, 4, 8, 16, 32, 64, 128, 150, 150]);
        step(&mut state, Outcome::Passed, at(1), 0.0);
        let after = step(
            &mut state,
            Outcome::Failed(SyncProblem::Offline),
            at(2),
            0.0,
        );
        assert_eq!(after.wake, NextWake::After(Duration::from_secs(1)));
        assert_eq!(state.last_synced_at(), Some("2026-12-02T10:00:01Z"));
    }

    #[test]
    fn jitter_spreads_a_retry_within_the_upper_half_of_its_wait() {
        let low = step(
            &mut LoopState::new(settings()),
            Outcome::Failed(SyncProblem::Interrupted),
            at(0),
            0.0,
        );
        let high = step(
            &mut LoopState::new(settings()),
            Outcome::Failed(SyncProblem::Interrupted),
            at(0),
            0.75,
        );
        assert_eq!(low.wake, NextWake::After(Duration::from_secs(1)));
        assert_eq!(high.wake, NextWake::After(Duration::from_millis(1750)));
        assert_eq!(
            high.status.retry_at.as_deref(),
            Some("2026-12-02T10:00:01Z")
        );
    }
}
