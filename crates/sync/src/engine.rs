//! The sync engine: one *pass* delivers the whole outbox in batches, then reads the decision
//! feed and the signed publications; the *loop* runs attempts when asked (start, timer, a
//! finalised referral, "Sync now") and, after a failure, again after a capped, jittered
//! backoff, as [`crate::cycle::step`] decides. Its state is published on a watch channel for
//! the UI.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{CenterVerifier, Purpose};
use serde::{Deserialize, Serialize};
use tokio::sync::{watch, Notify};
use ts_rs::TS;

use crate::backoff::random_jitter;
use crate::cycle::{step, Decision, LoopState, NextWake, Outcome, Unlinked};
use crate::error::{SyncError, SyncProblem};
use crate::http::CenterApi;
use crate::local::{LocalStore, VerifiedBatch};
use crate::plan::{self, FeedStep, ItemEffect};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncPhase {
    /// No Center yet: enroll in Settings.
    NotEnrolled,
    /// The app is locked; the outbox cannot be read until it is unlocked.
    Paused,
    /// The Center cannot be reached; retrying at `retry_at`.
    Offline,
    Connecting,
    /// Sending `done` of `total`.
    Sending,
    /// Something went wrong; retrying at `retry_at`.
    WaitingToRetry,
    /// The Center refused this device: enroll again. The outbox is kept.
    NeedsEnrollment,
    UpToDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    pub phase: SyncPhase,
    pub done: u32,
    pub total: u32,
    pub problem: Option<SyncProblem>,
    pub retry_at: Option<String>,
    pub last_synced_at: Option<String>,
}

impl SyncStatus {
    pub fn new(phase: SyncPhase) -> Self {
        Self {
            phase,
            done: 0,
            total: 0,
            problem: None,
            retry_at: None,
            last_synced_at: None,
        }
    }
}

/// What a pass did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassReport {
    pub delivered: usize,
    pub set_aside: usize,
    pub decisions: usize,
    pub publications: usize,
}

/// The Center to sync with, as the device knows it.
#[derive(Debug, Clone)]
pub struct Target<A> {
    pub api: A,
    pub verifier: CenterVerifier,
    pub device_id: uuid::Uuid,
    /// The enrolled Center's age recipient: only envelopes sealed to it are sent.
    pub recipient: String,
}

/// One pass: the outbox, then decisions, then publications. `progress(done, total)` is called
/// after each batch.
pub async fn pass<A: CenterApi, L: LocalStore + ?Sized>(
    target: &Target<A>,
    local: &L,
    mut progress: impl FnMut(usize, usize),
) -> Result<PassReport, SyncError> {
    let mut report = PassReport::default();
    let total = local.pending_count()?;
    progress(0, total);
    loop {
        let pending = local.pending(first_contact_protocol::api::MAX_BATCH_ITEMS)?;
        let foreign = plan::sealed_for_another_center(&pending, &target.recipient);
        if !foreign.is_empty() {
            for effect in foreign {
                if let ItemEffect::SetAside { id, code, message } = effect {
                    local.set_aside(&id, &code, &message)?;
                    report.set_aside += 1;
                }
            }
            // Set-aside items are no longer pending: read the outbox again.
            continue;
        }
        let batch = plan::batch(&pending, &target.recipient);
        if batch.items.is_empty() {
            break;
        }
        let answer = match target.api.deliver(&batch).await {
            Ok(answer) => answer,
            Err(error) => {
                let ids: Vec<String> = batch.items.iter().map(|item| item.id.clone()).collect();
                local.record_failed_attempt(&ids, &format!("{:?}", error.problem))?;
                return Err(error);
            }
        };
        let effects = plan::effects(&batch, &answer, &target.verifier, &target.device_id)?;
        let mut receipts = Vec::new();
        for effect in effects {
            match effect {
                ItemEffect::Delivered(receipt) => receipts.push(receipt),
                ItemEffect::SetAside { id, code, message } => {
                    local.set_aside(&id, &code, &message)?;
                    report.set_aside += 1;
                }
            }
        }
        report.delivered += receipts.len();
        if !receipts.is_empty() {
            local.record_receipts(&VerifiedBatch {
                signed: answer,
                receipts,
            })?;
        }
        progress(
            report.delivered + report.set_aside,
            total.max(report.delivered + report.set_aside),
        );
    }

    let mut cursor = local.decision_cursor()?;
    loop {
        let page = target.api.decisions(cursor).await?;
        let decisions =
            plan::verify_decisions(&page.decisions, &target.verifier, &target.device_id)?;
        let step = plan::feed_step(cursor, &decisions, page.next_cursor, page.more)?;
        if step == FeedStep::Stalled {
            break;
        }
        report.decisions += decisions.len();
        local.record_decisions(&decisions, page.next_cursor)?;
        cursor = page.next_cursor;
        if step == FeedStep::RecordAndStop {
            break;
        }
    }

    for kind in [PublicationKind::Catalogue, PublicationKind::Directory] {
        let Some(signed) = target.api.publication(kind).await? else {
            continue;
        };
        let publication: Publication = target
            .verifier
            .verify(Purpose::Publication, &signed)
            .map_err(|e| SyncError::new(SyncProblem::BadSignature, e.to_string()))?;
        if publication.kind != kind {
            return Err(SyncError::new(
                SyncProblem::BadSignature,
                "a publication of another kind",
            ));
        }
        let newer = match local.publication_version(kind)? {
            Some(stored) => plan::is_newer_version(&publication.version, &stored),
            None => true,
        };
        if newer {
            local.record_publication(&publication, &signed)?;
            report.publications += 1;
        }
    }
    Ok(report)
}

/// A Center to sync with and the store to sync from.
#[derive(Debug)]
pub struct Link<A, L: ?Sized> {
    pub target: Target<A>,
    pub local: Arc<L>,
}

/// What the worker is shown while an attempt runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Connecting,
    Sending { done: usize, total: usize },
}

/// Why an attempt did not pass.
#[derive(Debug, Clone)]
pub enum Failure {
    Unlinked(Unlinked),
    Sync(SyncError),
}

/// What one attempt came to, and what the loop's state machine made of it.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub pass: Result<PassReport, Failure>,
    pub decision: Decision,
}

/// One attempt over `source`: find the link, run a pass, let [`step`] decide, and record the
/// Center's refusal when it says so. The loop and a pass run on request (`sync_once`) both
/// come through here, so the rules exist once.
pub async fn attempt<S: SyncSource>(
    source: &S,
    state: &mut LoopState,
    jitter: f64,
    mut progress: impl FnMut(Progress),
) -> Attempt {
    let pass = match source.link() {
        Err(why) => Err(Failure::Unlinked(why)),
        Ok(Link { target, local }) => {
            progress(Progress::Connecting);
            pass(&target, &*local, |done, total| {
                progress(Progress::Sending { done, total })
            })
            .await
            .map_err(Failure::Sync)
        }
    };
    let outcome = match &pass {
        Ok(_) => Outcome::Passed,
        Err(Failure::Unlinked(why)) => Outcome::Unlinked(*why),
        Err(Failure::Sync(error)) => Outcome::Failed(error.problem),
    };
    let decision = step(state, outcome, source.now(), jitter);
    if decision.record_refusal {
        source.record_refusal();
    }
    Attempt { pass, decision }
}

/// How the loop finds its Center, its store and the time; implemented by the app.
pub trait SyncSource: Send + Sync + 'static {
    type Api: CenterApi;
    type Local: LocalStore + ?Sized;
    /// Why there is nothing to sync with, when there is not: not enrolled, refused, locked.
    fn link(&self) -> Result<Link<Self::Api, Self::Local>, Unlinked>;
    /// The Center refused the credential; the app asks the worker to enroll again.
    fn record_refusal(&self);
    /// The time now, from the app's clock.
    fn now(&self) -> DateTime<Utc>;
}

#[derive(Debug, Clone)]
pub struct LoopSettings {
    /// How often to look for decisions when all is well.
    pub idle: Duration,
    pub first_retry: Duration,
    pub max_retry: Duration,
}

impl Default for LoopSettings {
    fn default() -> Self {
        Self {
            idle: Duration::from_secs(60),
            first_retry: Duration::from_secs(2),
            max_retry: Duration::from_secs(300),
        }
    }
}

/// Handles to a running loop: wake it, and watch its state.
#[derive(Debug, Clone)]
pub struct SyncHandle {
    wake: Arc<Notify>,
    status: watch::Receiver<SyncStatus>,
}

impl SyncHandle {
    /// Runs a pass now (Sync now, a finalised referral, an unlock, an enrollment).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    pub fn watch(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }
}

/// Starts the loop on the current tokio runtime.
pub fn spawn<S: SyncSource>(source: S, settings: LoopSettings) -> SyncHandle {
    let wake = Arc::new(Notify::new());
    let (sender, receiver) = watch::channel(SyncStatus::new(SyncPhase::Connecting));
    tokio::spawn(run(source, settings, Arc::clone(&wake), sender));
    SyncHandle {
        wake,
        status: receiver,
    }
}

async fn run<S: SyncSource>(
    source: S,
    settings: LoopSettings,
    wake: Arc<Notify>,
    status: watch::Sender<SyncStatus>,
) {
    let mut state = LoopState::new(settings);
    loop {
        let attempt = attempt(&source, &mut state, random_jitter(), |progress| {
            status.send_modify(|shown| match progress {
                Progress::Connecting => {
                    shown.phase = SyncPhase::Connecting;
                    shown.retry_at = None;
                }
                Progress::Sending { done, total } => {
                    shown.phase = SyncPhase::Sending;
                    shown.done = u32::try_from(done).unwrap_or(u32::MAX);
                    shown.total = u32::try_from(total).unwrap_or(u32::MAX);
                }
            });
        })
        .await;
        status.send_replace(attempt.decision.status);
        match attempt.decision.wake {
            NextWake::After(delay) => {
                let _ = tokio::time::timeout(delay, wake.notified()).await;
            }
            NextWake::WhenWoken => wake.notified().await,
        }
        if status.is_closed() && Arc::strong_count(&wake) == 1 {
            // Every handle is gone: nobody can wake or watch this loop any more.
            return;
        }
    }
}
