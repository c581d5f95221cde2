//! A batch receipt that is not about exactly what was sent removes nothing from the outbox: the
//! real Center's answer is rewritten (and re-signed with the Center's own key, so only the
//! content is wrong) to leave an item out, name one twice, carry another hash or kind, or be
//! signed by another key or for another purpose or device. Each time the pass fails and every
//! item stays queued; the untouched answer then delivers them all.

mod common;

use std::sync::Arc;

use common::*;
use first_contact_center::RunningCenter;
use first_contact_protocol::api::batch_receipt::{BatchItem, BatchReceipt};
use first_contact_protocol::api::feedback::DecisionPage;
use first_contact_protocol::api::frame::FramedBatch;
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_protocol::{CenterSigner, EnvelopeKind, Purpose, SignedDocument};
use first_contact_sync::{pass, CenterApi, HttpCenter, SyncError, SyncProblem, Target, Timeouts};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tamper {
    None,
    DropItem,
    DuplicateItem,
    WrongHash,
    WrongKind,
    OtherDevice,
    ForeignKey,
    PerItemPurpose,
}

/// The real Center, whose batch receipts are rewritten by `tamper`.
struct Rewriting {
    real: HttpCenter,
    center: Arc<first_contact_center::CenterState>,
    tamper: Tamper,
}

impl Rewriting {
    fn rewrite(&self, answer: SignedDocument) -> Result<SignedDocument, SyncError> {
        if self.tamper == Tamper::None {
            return Ok(answer);
        }
        let mut receipt: BatchReceipt = check(serde_json::from_str(&answer.payload));
        let mut purpose = Purpose::BatchReceipt;
        let foreign;
        let mut signer = &self.center.keys.signer;
        match self.tamper {
            Tamper::None => {}
            Tamper::DropItem => {
                receipt.items.pop();
            }
            Tamper::DuplicateItem => {
                let first = receipt.items[0].clone();
                *receipt.items.last_mut().unwrap_or_else(|| panic!("empty")) = first;
            }
            Tamper::WrongHash | Tamper::WrongKind => {
                if let Some(BatchItem::Accepted { sha256, kind, .. }) = receipt.items.get_mut(1) {
                    if self.tamper == Tamper::WrongHash {
                        *sha256 = "00".repeat(32);
                    } else {
                        *kind = EnvelopeKind::Reconsideration;
                    }
                }
            }
            Tamper::OtherDevice => receipt.device_id = uuid::Uuid::now_v7(),
            Tamper::ForeignKey => {
                foreign = check(CenterSigner::generate());
                signer = &foreign;
            }
            Tamper::PerItemPurpose => purpose = Purpose::Receipt,
        }
        Ok(check(signer.sign(purpose, &receipt)))
    }
}

impl CenterApi for Rewriting {
    async fn deliver(&self, batch: &FramedBatch) -> Result<SignedDocument, SyncError> {
        let answer = self.real.deliver(batch).await?;
        self.rewrite(answer)
    }

    async fn decisions(&self, after: i64) -> Result<DecisionPage, SyncError> {
        self.real.decisions(after).await
    }

    async fn publication(
        &self,
        kind: PublicationKind,
    ) -> Result<Option<SignedDocument>, SyncError> {
        self.real.publication(kind).await
    }
}

fn rewriting(
    center: &RunningCenter,
    enrollment: &first_contact_sync::Enrollment,
    tamper: Tamper,
) -> Target<Rewriting> {
    let real = target(enrollment, Timeouts::default());
    Target {
        api: Rewriting {
            real: real.api,
            center: Arc::clone(&center.state),
            tamper,
        },
        verifier: real.verifier,
        device_id: real.device_id,
        recipient: real.recipient,
    }
}

#[tokio::test]
async fn a_batch_receipt_not_about_exactly_what_was_sent_keeps_every_item_queued() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let store = MemoryStore::default();
    for n in 0..3 {
        store.queue(sealed(
            &enrollment,
            &new_id(),
            EnvelopeKind::Referral,
            &format!("case {n}"),
        ));
    }
    for (tamper, problem) in [
        (Tamper::DropItem, SyncProblem::UnexpectedResponse),
        (Tamper::DuplicateItem, SyncProblem::UnexpectedResponse),
        (Tamper::WrongHash, SyncProblem::BadSignature),
        (Tamper::WrongKind, SyncProblem::BadSignature),
        (Tamper::OtherDevice, SyncProblem::BadSignature),
        (Tamper::ForeignKey, SyncProblem::BadSignature),
        (Tamper::PerItemPurpose, SyncProblem::BadSignature),
    ] {
        let error = pass(&rewriting(&center, &enrollment, tamper), &store, |_, _| {})
            .await
            .err();
        assert_eq!(error.map(|e| e.problem), Some(problem), "{tamper:?}");
        assert_eq!(
            store.with(|m| m.outbox.len()),
            3,
            "{tamper:?} removed items"
        );
        assert!(store.with(|m| m.receipts.is_empty() && m.batches.is_empty()));
    }
    // The Center stored them on the first attempt; the honest answer is its idempotent repeat.
    let report = check(
        pass(
            &rewriting(&center, &enrollment, Tamper::None),
            &store,
            |_, _| {},
        )
        .await,
    );
    assert_eq!(report.delivered, 3);
    assert!(store.with(|m| m.outbox.is_empty() && m.batches.len() == 1));
    center.stop();
}
