//! Shared by the sync integration tests: a real Center (the `first-contact-center` library,
//! real TLS) on an ephemeral loopback port, enrollment, sealed envelopes, and a device-side
//! store kept in memory (the real field store is exercised by the app's tests).

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use first_contact_center::{CenterConfig, RunningCenter};
use first_contact_protocol::api::frame::FramedItem;
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{EnvelopeKind, EnvelopeMeta, SignedDocument};
use first_contact_sync::{
    Enrollment, HttpCenter, LocalStore, PendingEnvelope, SyncError, SyncProblem, Target, Timeouts,
    VerifiedBatch, VerifiedDecision,
};

pub fn check<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

pub async fn start_center(dir: &Path) -> RunningCenter {
    let mut config = CenterConfig::new(dir);
    config.listen = "127.0.0.1:0".parse().unwrap_or_else(|e| panic!("{e}"));
    check(first_contact_center::start(&config, first_contact_center::system_clock()).await)
}

pub fn issue_code(center: &RunningCenter, officer: &str) -> String {
    check(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        officer,
        chrono::Duration::hours(1),
        None,
    ))
    .code
}

pub async fn enroll(center: &RunningCenter, officer: &str) -> Enrollment {
    let code = issue_code(center, officer);
    check(
        first_contact_sync::enroll(&center.url(), &code, "test laptop", Timeouts::default()).await,
    )
}

pub fn target(enrollment: &Enrollment, timeouts: Timeouts) -> Target<HttpCenter> {
    Target {
        api: check(enrollment.client(timeouts)),
        verifier: check(enrollment.verifier()),
        device_id: enrollment.device_id,
        recipient: enrollment.center.recipient.clone(),
    }
}

/// A referral-like sealed envelope for this Center, of about `size` bytes of payload.
pub fn sealed(
    enrollment: &Enrollment,
    id: &str,
    kind: EnvelopeKind,
    text: &str,
) -> PendingEnvelope {
    let meta = EnvelopeMeta {
        kind,
        id: id.to_owned(),
        payload_format: 1,
        catalogue_version: "2026.1".into(),
        created_at: "2026-11-28T10:00:00Z".into(),
    };
    let bytes = check(first_contact_protocol::seal(
        &meta,
        &serde_json::json!({"narrative": text}),
        &check(enrollment.center_key()),
    ));
    PendingEnvelope {
        item: FramedItem::sealed(meta, None, bytes),
        recipient: check(enrollment.center_key()).to_string(),
    }
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// An item's receipt and the batch receipt that proves it.
#[derive(Debug, Clone)]
pub struct StoredReceipt {
    pub receipt: first_contact_protocol::api::delivery::Receipt,
    pub batch: SignedDocument,
}

/// The device's side, in memory.
#[derive(Debug, Default)]
pub struct MemoryStore {
    pub inner: Mutex<Memory>,
}

#[derive(Debug, Default)]
pub struct Memory {
    pub outbox: BTreeMap<usize, PendingEnvelope>,
    pub next: usize,
    pub receipts: HashMap<String, StoredReceipt>,
    /// Every batch receipt recorded, once each.
    pub batches: Vec<SignedDocument>,
    pub set_aside: HashMap<String, (String, String)>,
    pub attempts: HashMap<String, u32>,
    pub cursor: i64,
    pub decisions: Vec<VerifiedDecision>,
    pub publications: HashMap<String, (Publication, SignedDocument)>,
}

impl MemoryStore {
    pub fn queue(&self, envelope: PendingEnvelope) {
        let mut memory = check(self.inner.lock().map_err(|e| e.to_string()));
        let position = memory.next;
        memory.next += 1;
        memory.outbox.insert(position, envelope);
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Memory) -> T) -> T {
        let mut memory = check(self.inner.lock().map_err(|e| e.to_string()));
        f(&mut memory)
    }

    fn lock(&self) -> Result<std::sync::MutexGuard<'_, Memory>, SyncError> {
        self.inner
            .lock()
            .map_err(|_| SyncError::new(SyncProblem::Storage, "poisoned"))
    }
}

impl LocalStore for MemoryStore {
    fn pending(&self, limit: usize) -> Result<Vec<PendingEnvelope>, SyncError> {
        let memory = self.lock()?;
        Ok(memory
            .outbox
            .values()
            .filter(|item| !memory.set_aside.contains_key(&item.item.id))
            .take(limit)
            .cloned()
            .collect())
    }

    fn pending_count(&self) -> Result<usize, SyncError> {
        let memory = self.lock()?;
        Ok(memory
            .outbox
            .values()
            .filter(|item| !memory.set_aside.contains_key(&item.item.id))
            .count())
    }

    fn record_receipts(&self, batch: &VerifiedBatch) -> Result<(), SyncError> {
        let mut memory = self.lock()?;
        memory.batches.push(batch.signed.clone());
        for receipt in &batch.receipts {
            memory.outbox.retain(|_, item| item.item.id != receipt.id);
            memory.receipts.insert(
                receipt.id.clone(),
                StoredReceipt {
                    receipt: receipt.clone(),
                    batch: batch.signed.clone(),
                },
            );
        }
        Ok(())
    }

    fn set_aside(&self, id: &str, code: &str, message: &str) -> Result<(), SyncError> {
        self.lock()?
            .set_aside
            .insert(id.to_owned(), (code.to_owned(), message.to_owned()));
        Ok(())
    }

    fn record_failed_attempt(&self, ids: &[String], _problem: &str) -> Result<(), SyncError> {
        let mut memory = self.lock()?;
        for id in ids {
            *memory.attempts.entry(id.clone()).or_default() += 1;
        }
        Ok(())
    }

    fn decision_cursor(&self) -> Result<i64, SyncError> {
        Ok(self.lock()?.cursor)
    }

    fn record_decisions(
        &self,
        decisions: &[VerifiedDecision],
        cursor: i64,
    ) -> Result<(), SyncError> {
        let mut memory = self.lock()?;
        memory.decisions.extend_from_slice(decisions);
        memory.cursor = cursor;
        Ok(())
    }

    fn publication_version(&self, kind: PublicationKind) -> Result<Option<String>, SyncError> {
        Ok(self
            .lock()?
            .publications
            .get(kind.as_str())
            .map(|(publication, _)| publication.version.clone()))
    }

    fn record_publication(
        &self,
        publication: &Publication,
        signed: &SignedDocument,
    ) -> Result<(), SyncError> {
        self.lock()?.publications.insert(
            publication.kind.as_str().to_owned(),
            (publication.clone(), signed.clone()),
        );
        Ok(())
    }
}

/// A signing key that is not the Center's: what a device meets if something else signed.
pub fn foreign_verifier() -> first_contact_protocol::CenterVerifier {
    check(first_contact_protocol::CenterSigner::generate()).public()
}

/// Records a decision at the Center, as `center admin decide` does.
pub fn decide(
    center: &RunningCenter,
    referral: &str,
    outcome: first_contact_protocol::api::feedback::DecisionOutcome,
    answers: Option<&str>,
) -> first_contact_protocol::api::feedback::Decision {
    check(first_contact_center::admin::decide(
        &center.state,
        &first_contact_center::decisions::DecisionInput {
            referral: referral.to_owned(),
            outcome,
            reasons: "Reasons as the Center's staff wrote them".into(),
            criteria_version: "2026.1".into(),
            answers: answers.map(str::to_owned),
        },
    ))
}
