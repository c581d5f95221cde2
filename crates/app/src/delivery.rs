//! The bridge between the app and the sync engine: the outbox, receipts, decisions and
//! publications of the field store as the engine's [`LocalStore`], the stored enrollment as its
//! [`SyncSource`], and enrollment itself (network first, then one write). The engine runs only
//! while the store is unlocked: its key lives only in the unlocked session.

use std::sync::Arc;

use first_contact_protocol::api::enrollment::CenterIdentity;
use first_contact_protocol::api::frame::FramedItem;
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{same_fingerprint, EnvelopeKind, SignedDocument};
use first_contact_store::decisions::{self as decision_table, DecisionRecord};
use first_contact_store::enrollment as enrollment_table;
use first_contact_store::outbox;
use first_contact_store::publications::{self, PublicationRecord};
use first_contact_store::receipts::{self, ReceiptRecord};
use first_contact_store::Connection;
use first_contact_sync::{
    Enrollment, Failure, HttpCenter, Link, LocalStore, LoopSettings, LoopState, PendingEnvelope,
    SyncError, SyncHandle, SyncProblem, SyncSource, Target, Timeouts, Unlinked, VerifiedBatch,
    VerifiedDecision,
};

use crate::enrollment_form::enrollment_target;
use crate::error::AppError;
use crate::published::unloadable;
use crate::shared::{lock, stopped, SharedApp};
use crate::views::{EnrollApproval, EnrollInput, EnrollmentView};

fn storage(error: impl std::fmt::Display) -> SyncError {
    SyncError::new(SyncProblem::Storage, error.to_string())
}

/// Enrolls with the Center named in `input`, once the worker's passphrase is checked: the
/// Center's proof first; if it is not the Center this laptop is enrolled with (or not the one the
/// enrollment file names) nothing is sent unless the worker accepted exactly that Center's
/// fingerprint. The network part runs without holding the app, so the window stays responsive;
/// the result is stored encrypted.
pub async fn enroll(
    app: &SharedApp,
    input: &EnrollInput,
    approval: &EnrollApproval,
    device_name: &str,
    timeouts: Timeouts,
) -> Result<EnrollmentView, AppError> {
    let target = enrollment_target(input)?;
    // Enrolling decides where every later referral goes: only the worker may do it. The check
    // is as slow as unlocking, so it runs off the app's lock (and off the caller's thread).
    let vault = {
        let mut app = lock(app);
        app.session()?;
        app.vault.clone()
    };
    let passphrase = approval.passphrase.clone();
    tokio::task::spawn_blocking(move || vault.check_passphrase(&passphrase))
        .await
        .map_err(|_| stopped())??;

    let proven = first_contact_sync::prove(&target.address, &target.code, timeouts).await?;
    let offered = proven.fingerprint();
    if let Some(expected) = &target.fingerprint {
        if !same_fingerprint(expected, &offered) {
            return Err(AppError::CenterFingerprintMismatch {
                expected: expected.clone(),
                offered,
            });
        }
    }
    // Nothing has been sent yet: a different Center must be accepted knowingly first.
    if let Some(pinned) = lock(app).pinned_fingerprint()? {
        let accepted = approval
            .accept_center
            .as_deref()
            .is_some_and(|accepted| same_fingerprint(accepted, &offered));
        if !same_fingerprint(&pinned, &offered) && !accepted {
            return Err(AppError::CenterChanged { pinned, offered });
        }
    }
    let enrollment = proven.enroll(device_name).await?;
    lock(app).save_enrollment(&enrollment)
}

/// Starts the background sync loop for `app`.
pub fn start_sync(app: SharedApp, settings: LoopSettings, timeouts: Timeouts) -> SyncHandle {
    first_contact_sync::spawn(AppSync { app, timeouts }, settings)
}

/// The field store seen by the sync engine.
#[derive(Debug, Clone)]
pub struct AppOutbox {
    app: SharedApp,
}

impl AppOutbox {
    pub fn new(app: SharedApp) -> Self {
        Self { app }
    }

    /// Runs `work` with sync's own connection, the time now and the retention of sealed bytes
    /// after delivery. The app itself is held only to read those: the worker's commands go on
    /// while `work` runs.
    fn with<T>(
        &self,
        work: impl FnOnce(
            &mut Connection,
            &str,
            chrono::Duration,
        ) -> Result<T, first_contact_store::StoreError>,
    ) -> Result<T, SyncError> {
        let (background, now, retention) = {
            let mut app = lock(&self.app);
            let background = app.background_connection().map_err(storage)?;
            (
                background,
                app.clock.now().to_rfc3339(),
                app.config.sealed_retention,
            )
        };
        let mut background = background.lock().unwrap_or_else(|p| p.into_inner());
        // The app locked after the check above: nothing is read or written.
        let connection = background
            .as_mut()
            .ok_or_else(|| storage(AppError::Locked))?;
        work(connection, &now, retention).map_err(storage)
    }
}

/// A sealed envelope the outbox holds, as the engine sends it: its wire item and recipient.
/// A kind the protocol does not know means the store was damaged.
fn pending_envelope(
    queued: outbox::QueuedEnvelope,
) -> Result<PendingEnvelope, first_contact_store::StoreError> {
    let kind = EnvelopeKind::parse(&queued.kind).ok_or_else(|| {
        first_contact_store::StoreError::Corrupt(format!("outbox kind {:?}", queued.kind))
    })?;
    Ok(PendingEnvelope {
        item: FramedItem {
            kind,
            id: queued.id,
            regarding: queued.regarding,
            payload_format: queued.payload_format,
            catalogue_version: queued.catalogue_version,
            created_at: queued.created_at,
            envelope: queued.envelope,
        },
        recipient: queued.recipient,
    })
}

impl LocalStore for AppOutbox {
    fn pending(&self, limit: usize) -> Result<Vec<PendingEnvelope>, SyncError> {
        self.with(|connection, _, _| {
            outbox::pending(connection, limit)?
                .into_iter()
                .map(pending_envelope)
                .collect()
        })
    }

    fn pending_count(&self) -> Result<usize, SyncError> {
        self.with(|connection, _, _| outbox::pending_count(connection))
    }

    fn record_receipts(&self, batch: &VerifiedBatch) -> Result<(), SyncError> {
        let records: Vec<ReceiptRecord> = batch
            .receipts
            .iter()
            .map(|receipt| ReceiptRecord {
                id: receipt.id.clone(),
                center_reference: receipt.center_reference.clone(),
                received_at: receipt.received_at.clone(),
                sha256: receipt.sha256.clone(),
            })
            .collect();
        let signed = serde_json::to_string(&batch.signed).map_err(storage)?;
        self.with(|connection, now, retention| {
            let keep_sealed = retention > chrono::Duration::zero();
            receipts::record_batch(connection, &signed, &records, now, keep_sealed)?;
            if keep_sealed {
                let cutoff = chrono::DateTime::parse_from_rfc3339(now)
                    .map(|now| (now - retention).to_rfc3339())
                    .unwrap_or_default();
                outbox::purge_delivered_before(connection, &cutoff)?;
            }
            Ok(())
        })
    }

    fn set_aside(&self, id: &str, code: &str, _message: &str) -> Result<(), SyncError> {
        self.with(|connection, _, _| outbox::set_aside(connection, id, code))
    }

    fn record_failed_attempt(&self, ids: &[String], problem: &str) -> Result<(), SyncError> {
        self.with(|connection, now, _| outbox::record_failed_attempt(connection, ids, now, problem))
    }

    fn decision_cursor(&self) -> Result<i64, SyncError> {
        self.with(|connection, _, _| decision_table::cursor(connection))
    }

    fn record_decisions(
        &self,
        verified: &[VerifiedDecision],
        cursor: i64,
    ) -> Result<(), SyncError> {
        let records = verified
            .iter()
            .map(|item| {
                let decision = &item.decision;
                Ok(DecisionRecord {
                    decision_id: decision.decision_id.clone(),
                    sequence: decision.sequence,
                    referral_id: decision.referral_id.clone(),
                    outcome: decision.outcome.as_str().to_owned(),
                    reasons: decision.reasons.clone(),
                    criteria_version: decision.criteria_version.clone(),
                    decided_at: decision.decided_at.clone(),
                    answers: decision.answers.clone(),
                    signed: serde_json::to_string(&item.signed).map_err(storage)?,
                })
            })
            .collect::<Result<Vec<_>, SyncError>>()?;
        self.with(|connection, _, _| decision_table::record(connection, &records, cursor))
    }

    fn publication_version(&self, kind: PublicationKind) -> Result<Option<String>, SyncError> {
        self.with(|connection, _, _| {
            Ok(publications::get(connection, kind.as_str())?.map(|p| p.version))
        })
    }

    fn record_publication(
        &self,
        publication: &Publication,
        signed: &SignedDocument,
    ) -> Result<(), SyncError> {
        let signed = serde_json::to_string(signed).map_err(storage)?;
        // A signed publication this app cannot read is not installed; the one in use stays
        // and the status says why.
        if let Some(problem) = unloadable(publication) {
            lock(&self.app).refused_publication(publication.kind, problem.to_api());
            return Ok(());
        }
        let saved = self.with(|connection, now, _| {
            publications::save(
                connection,
                &PublicationRecord {
                    kind: publication.kind.as_str().to_owned(),
                    version: publication.version.clone(),
                    published_at: publication.published_at.clone(),
                    signed,
                    received_at: now.to_owned(),
                },
            )
        });
        if saved.is_ok() {
            lock(&self.app).apply_publications();
        }
        saved
    }
}

/// The stored enrollment as the engine's source of a target.
#[derive(Debug, Clone)]
pub struct AppSync {
    app: SharedApp,
    timeouts: Timeouts,
}

impl AppSync {
    pub fn new(app: SharedApp, timeouts: Timeouts) -> Self {
        Self { app, timeouts }
    }
}

/// The stored enrollment, if the store is open and the device enrolled.
fn stored_enrollment(app: &SharedApp) -> Result<Enrollment, Unlinked> {
    let background = lock(app)
        .background_connection()
        .map_err(|error| match error {
            AppError::Locked => Unlinked::Locked,
            _ => Unlinked::Unreadable,
        })?;
    let background = background.lock().unwrap_or_else(|p| p.into_inner());
    let connection = background.as_ref().ok_or(Unlinked::Locked)?;
    let record = enrollment_table::get(connection)
        .map_err(|_| Unlinked::Unreadable)?
        .ok_or(Unlinked::NotEnrolled)?;
    if record.refused_at.is_some() {
        return Err(Unlinked::Refused);
    }
    Ok(Enrollment {
        center_address: record.center_address,
        device_id: uuid::Uuid::parse_str(&record.device_id).map_err(|_| Unlinked::Refused)?,
        credential: record.credential,
        ca_pem: record.ca_pem,
        center: CenterIdentity {
            name: record.center_name,
            recipient: record.recipient,
            signing_key: record.signing_key,
        },
        agency: record.agency,
        officer: record.officer,
    })
}

impl SyncSource for AppSync {
    type Api = HttpCenter;
    type Local = AppOutbox;

    fn link(&self) -> Result<Link<HttpCenter, AppOutbox>, Unlinked> {
        let enrollment = stored_enrollment(&self.app)?;
        let api = enrollment
            .client(self.timeouts)
            .map_err(|_| Unlinked::Refused)?;
        let verifier = enrollment.verifier().map_err(|_| Unlinked::Refused)?;
        Ok(Link {
            target: Target {
                api,
                verifier,
                device_id: enrollment.device_id,
                recipient: enrollment.center.recipient.clone(),
            },
            local: Arc::new(AppOutbox::new(Arc::clone(&self.app))),
        })
    }

    fn record_refusal(&self) {
        let (background, now) = {
            let mut app = lock(&self.app);
            (app.background_connection(), app.clock.now().to_rfc3339())
        };
        let Ok(background) = background else {
            return;
        };
        let background = background.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(connection) = background.as_ref() {
            // If this write fails the next pass meets the same 401 and tries again.
            let _ = enrollment_table::mark_refused(connection, &now);
        }
    }

    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        lock(&self.app).clock.now().with_timezone(&chrono::Utc)
    }
}

/// Runs one attempt now, outside the background loop (tests, benchmarks), under the same
/// rules as the loop's.
pub async fn sync_once(
    app: &SharedApp,
    timeouts: Timeouts,
) -> Result<first_contact_sync::PassReport, AppError> {
    let source = AppSync::new(Arc::clone(app), timeouts);
    let mut state = LoopState::new(LoopSettings::default());
    let attempt = first_contact_sync::attempt(&source, &mut state, 0.5, |_| {}).await;
    match attempt.pass {
        Ok(report) => Ok(report),
        Err(Failure::Sync(error)) => Err(error.into()),
        Err(Failure::Unlinked(Unlinked::Locked)) => Err(AppError::Locked),
        Err(Failure::Unlinked(Unlinked::NotEnrolled | Unlinked::Refused)) => {
            Err(AppError::NotEnrolled)
        }
        Err(Failure::Unlinked(Unlinked::Unreadable)) => Err(AppError::Sync(storage(
            "the stored enrollment could not be read",
        ))),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use first_contact_domain::AgencyType;
    use first_contact_store::KdfParams;
    use first_contact_sync::LocalStore;

    use super::AppOutbox;
    use crate::{App, AppConfig, FixedClock, NewProfile, SharedApp};

    const PASSPHRASE: &str = "seven quiet rivers";

    fn unlocked_app(dir: &std::path::Path) -> SharedApp {
        let mut config = AppConfig::new(dir);
        config.kdf = KdfParams::MINIMUM;
        let clock = FixedClock::at("2026-12-02T09:00:00+01:00");
        let mut app = App::open(config, Box::new(clock)).unwrap_or_else(|e| panic!("{e}"));
        app.create_profile(NewProfile {
            display_name: "Officer Dragana".into(),
            agency: AgencyType::LabourInspection,
            passphrase: PASSPHRASE.into(),
            passphrase_confirmation: PASSPHRASE.into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        Arc::new(Mutex::new(app))
    }

    #[test]
    fn the_app_is_free_while_sync_works_on_the_store() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let app = unlocked_app(dir.path());
        let outbox = AppOutbox::new(Arc::clone(&app));
        // In the middle of sync's work on the store, the worker's autosave goes through.
        let saved_meanwhile = outbox
            .with(|connection, _, _| {
                first_contact_store::outbox::pending_count(connection)?;
                let mut app = app.try_lock().map_err(|_| {
                    first_contact_store::StoreError::Corrupt("the app is held by sync".into())
                })?;
                let screening = app.new_screening().map(|view| view.screening);
                Ok(screening.and_then(|s| app.save_screening(s)).is_ok())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(saved_meanwhile);
    }

    #[test]
    fn locking_closes_syncs_connection_too() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let app = unlocked_app(dir.path());
        let outbox = AppOutbox::new(Arc::clone(&app));
        assert_eq!(outbox.pending_count().ok(), Some(0));
        let background = super::lock(&app)
            .background_connection()
            .unwrap_or_else(|e| panic!("{e}"));
        super::lock(&app).lock();
        assert!(background.lock().map(|c| c.is_none()).unwrap_or(false));
        assert!(outbox.pending_count().is_err());
        // Unlocking opens a new one.
        super::lock(&app)
            .unlock(PASSPHRASE)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outbox.pending_count().ok(), Some(0));
    }

    #[test]
    fn after_a_rekey_sync_reads_the_store_under_the_new_key() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let app = unlocked_app(dir.path());
        let outbox = AppOutbox::new(Arc::clone(&app));
        // A wrong passphrase changes nothing, sync's connection included.
        assert!(super::lock(&app).rekey(&"not it".into()).is_err());
        assert_eq!(outbox.pending_count().ok(), Some(0));
        super::lock(&app)
            .rekey(&PASSPHRASE.into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(outbox.pending_count().ok(), Some(0));
    }
}
