//! The pure part of a sync pass: which outbox items go in the next batch, and what the Center's
//! answer means for each (atuin's "diff, then effects"). Nothing here does I/O.

use std::collections::HashMap;

use first_contact_protocol::api::batch_receipt::{BatchItem, BatchReceipt};
use first_contact_protocol::api::delivery::{envelope_digest, Receipt};
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::api::frame::FramedBatch;
use first_contact_protocol::{CenterVerifier, Purpose, SignedDocument};

use crate::error::{SyncError, SyncProblem};
use crate::local::{PendingEnvelope, VerifiedDecision};

/// Keeps a request well under the Center's body limit (and a slow link's request short).
pub const MAX_BATCH_ENVELOPE_BYTES: usize = 4 * 1024 * 1024;

/// The code an item gets when it was sealed to another Center's key than the enrolled one's.
pub const SEALED_FOR_ANOTHER_CENTER: &str = "sealed_for_another_center";

/// Items sealed to another key than `recipient`, the enrolled Center's: that Center could not
/// open them, and a receipt for them would delete them from the laptop. They are set aside,
/// kept, and never sent. Rows from before the recipient was recorded (empty) are not.
pub fn sealed_for_another_center(pending: &[PendingEnvelope], recipient: &str) -> Vec<ItemEffect> {
    pending
        .iter()
        .filter(|pending| !pending.recipient.is_empty() && pending.recipient != recipient)
        .map(|pending| ItemEffect::SetAside {
            id: pending.item.id.clone(),
            code: SEALED_FOR_ANOTHER_CENTER.into(),
            message: "sealed to another Center's key than the enrolled Center's".into(),
        })
        .collect()
}

/// The longest prefix of `pending` that fits one request (always at least one item), framed
/// for `recipient`, the enrolled Center's key: items sealed to another key are set aside
/// before batching ([`sealed_for_another_center`]), and rows from before the recipient was
/// recorded were sealed to the enrolled Center's.
pub fn batch(pending: &[PendingEnvelope], recipient: &str) -> FramedBatch {
    let mut bytes = 0;
    let items = pending
        .iter()
        .map(|pending| &pending.item)
        .take_while(|item| {
            let fits = bytes == 0 || bytes + item.envelope.len() <= MAX_BATCH_ENVELOPE_BYTES;
            bytes += item.envelope.len();
            fits
        })
        .take(first_contact_protocol::api::MAX_BATCH_ITEMS)
        .cloned()
        .collect();
    FramedBatch {
        recipient: recipient.to_owned(),
        items,
    }
}

/// What to do with one item after the Center answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemEffect {
    Delivered(Receipt),
    SetAside {
        id: String,
        code: String,
        message: String,
    },
}

/// Checks the Center's batch receipt for `sent` and turns it into effects, one per item in the
/// order sent. The receipt must verify with the pinned key as a `batch_receipt`, be for this
/// device, and settle every item sent exactly once, each accepted one with the item's kind and
/// the SHA-256 of the bytes sent. Anything else fails the whole answer: nothing leaves the
/// outbox on the word of an answer that is not the Center's, or not about what was sent.
pub fn effects(
    sent: &FramedBatch,
    answer: &SignedDocument,
    verifier: &CenterVerifier,
    device_id: &uuid::Uuid,
) -> Result<Vec<ItemEffect>, SyncError> {
    let forged = |what: String| SyncError::new(SyncProblem::BadSignature, what);
    let unexpected = |what: String| SyncError::new(SyncProblem::UnexpectedResponse, what);
    let receipt: BatchReceipt = verifier
        .verify(Purpose::BatchReceipt, answer)
        .map_err(|e| forged(e.to_string()))?;
    if receipt.device_id != *device_id {
        return Err(forged("a batch receipt for another device".into()));
    }
    if receipt.items.len() != sent.items.len() {
        return Err(unexpected(format!(
            "{} results for {} items",
            receipt.items.len(),
            sent.items.len()
        )));
    }
    let mut answered: HashMap<&str, &BatchItem> = HashMap::new();
    for item in &receipt.items {
        if answered.insert(item.id(), item).is_some() {
            return Err(unexpected(format!("{} is answered twice", item.id())));
        }
    }
    sent.items
        .iter()
        .map(|item| {
            let Some(result) = answered.get(item.id.as_str()) else {
                return Err(unexpected(format!("no result for {}", item.id)));
            };
            match result {
                BatchItem::Accepted { kind, sha256, .. } => {
                    if *kind != item.kind || *sha256 != envelope_digest(&item.envelope) {
                        return Err(forged(format!(
                            "the receipt for {} is for something else",
                            item.id
                        )));
                    }
                    // Accepted, so `receipt` is Some.
                    result
                        .receipt(*device_id)
                        .map(ItemEffect::Delivered)
                        .ok_or_else(|| unexpected(format!("no receipt for {}", item.id)))
                }
                BatchItem::Rejected { code, message, .. } => Ok(ItemEffect::SetAside {
                    id: item.id.clone(),
                    code: code.as_str().to_owned(),
                    message: message.clone(),
                }),
            }
        })
        .collect()
}

/// Verifies a page of decisions: signed by the Center and about this device's referrals.
pub fn verify_decisions(
    documents: &[SignedDocument],
    verifier: &CenterVerifier,
    device_id: &uuid::Uuid,
) -> Result<Vec<VerifiedDecision>, SyncError> {
    documents
        .iter()
        .map(|signed| {
            let decision: Decision = verifier
                .verify(Purpose::Decision, signed)
                .map_err(|e| SyncError::new(SyncProblem::BadSignature, e.to_string()))?;
            if decision.device_id != *device_id {
                return Err(SyncError::new(
                    SyncProblem::BadSignature,
                    "a decision for another device",
                ));
            }
            Ok(VerifiedDecision {
                decision,
                signed: signed.clone(),
            })
        })
        .collect()
}

/// What a page of the decision feed, asked for after `cursor`, lets the pass do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedStep {
    /// Store the page's decisions with its cursor, then ask for the next page.
    RecordAndContinue,
    /// Store the page's decisions with its cursor; the feed is read to its end for now.
    RecordAndStop,
    /// The cursor did not move: there is nothing to store, and asking again would bring the
    /// same page back, so the feed ends here for this pass.
    Stalled,
}

/// Checks a verified page of the feed against the cursor it was asked with. A page that does
/// not move the cursor ends the feed, `more` or not. On a page that does, every decision must
/// lie after the cursor and no further than the page's cursor, so each page that goes on brings
/// decisions the device has not seen: the feed ends even if the Center keeps saying `more`.
pub fn feed_step(
    cursor: i64,
    decisions: &[VerifiedDecision],
    next_cursor: i64,
    more: bool,
) -> Result<FeedStep, SyncError> {
    let unexpected = |what: &str| SyncError::new(SyncProblem::UnexpectedResponse, what);
    if next_cursor < cursor {
        return Err(unexpected("the decision feed went backwards"));
    }
    if next_cursor == cursor {
        // Whatever such a page carries is either nothing or decisions already stored.
        return Ok(FeedStep::Stalled);
    }
    if decisions
        .iter()
        .any(|item| item.decision.sequence <= cursor || item.decision.sequence > next_cursor)
    {
        return Err(unexpected("a decision outside the page it came in"));
    }
    if more && !decisions.is_empty() {
        Ok(FeedStep::RecordAndContinue)
    } else {
        Ok(FeedStep::RecordAndStop)
    }
}

/// Whether a publication of version `candidate` is newer than the stored `stored`. Versions
/// (`2026.11.0`, `2027.1`) are compared part by part, numbers as numbers (`2027.10` is newer
/// than `2027.9`), other parts as text; a version that extends another (`2027.1.1` after
/// `2027.1`) is newer. An equal or older version is not, so a stale or replayed publication
/// never replaces the one in use.
pub fn is_newer_version(candidate: &str, stored: &str) -> bool {
    compare_versions(candidate, stored) == std::cmp::Ordering::Greater
}

fn compare_versions(left: &str, right: &str) -> std::cmp::Ordering {
    let parts = |text: &str| -> Vec<String> {
        text.split(['.', '-', '_'])
            .map(|part| part.trim().to_owned())
            .collect()
    };
    let (left, right) = (parts(left), parts(right));
    for (a, b) in left.iter().zip(&right) {
        let order = match (a.parse::<u64>(), b.parse::<u64>()) {
            (Ok(a), Ok(b)) => a.cmp(&b),
            _ => a.cmp(b),
        };
        if order.is_ne() {
            return order;
        }
    }
    left.len().cmp(&right.len())
}

#[cfg(test)]
mod tests {
    use first_contact_protocol::api::frame::FramedItem;
    use first_contact_protocol::EnvelopeKind;

    use super::*;

    fn pending(id: &str, size: usize) -> PendingEnvelope {
        PendingEnvelope {
            item: FramedItem {
                id: id.into(),
                kind: EnvelopeKind::Referral,
                regarding: None,
                payload_format: 1,
                catalogue_version: "v".into(),
                created_at: "t".into(),
                envelope: vec![7; size],
            },
            recipient: String::new(),
        }
    }

    #[test]
    fn an_item_sealed_for_another_center_is_set_aside_and_never_batched() {
        let mut mine = pending("mine", 10);
        mine.recipient = "age1mine".into();
        let mut theirs = pending("theirs", 10);
        theirs.recipient = "age1theirs".into();
        let legacy = pending("legacy", 10);
        let all = [mine, theirs, legacy];
        let aside = sealed_for_another_center(&all, "age1mine");
        assert_eq!(
            aside,
            [ItemEffect::SetAside {
                id: "theirs".into(),
                code: SEALED_FOR_ANOTHER_CENTER.into(),
                message: "sealed to another Center's key than the enrolled Center's".into(),
            }]
        );
        // The batch declares the enrolled Center's key: a row from before the recipient was
        // kept was sealed to it then.
        let sent = batch(&[all[0].clone(), all[2].clone()], "age1mine");
        assert_eq!(sent.recipient, "age1mine");
        assert_eq!(sent.items.len(), 2);
    }

    #[test]
    fn a_batch_is_cut_by_count_and_by_bytes_but_never_empty() {
        let many: Vec<_> = (0..250).map(|n| pending(&n.to_string(), 10)).collect();
        assert_eq!(
            batch(&many, "age1").items.len(),
            first_contact_protocol::api::MAX_BATCH_ITEMS
        );
        let large = vec![pending("a", 3 << 20), pending("b", 3 << 20)];
        assert_eq!(batch(&large, "age1").items.len(), 1);
        let huge = vec![pending("a", 9 << 20)];
        assert_eq!(batch(&huge, "age1").items.len(), 1);
        assert!(batch(&[], "age1").items.is_empty());
    }

    #[test]
    fn versions_compare_part_by_part_and_numbers_as_numbers() {
        assert!(is_newer_version("2027.10", "2027.9"));
        assert!(is_newer_version("2026.11.1", "2026.11.0"));
        assert!(is_newer_version("2027.1.1", "2027.1"));
        assert!(is_newer_version("2027.1", "2026.12.5"));
        assert!(!is_newer_version("2026.11.0", "2026.11.0"));
        assert!(!is_newer_version("2027.9", "2027.10"));
        assert!(!is_newer_version("2026.12.5", "2027.1"));
        assert!(!is_newer_version("2027.1", "2027.1.1"));
        assert!(is_newer_version("2027-b", "2027-a"));
    }

    fn decided(sequence: i64) -> VerifiedDecision {
        VerifiedDecision {
            decision: Decision {
                decision_id: format!("d-{sequence}"),
                sequence,
                referral_id: "r".into(),
                center_reference: "CTR-2026-1".into(),
                outcome: first_contact_protocol::api::feedback::DecisionOutcome::Identified,
                reasons: String::new(),
                criteria_version: "c".into(),
                decided_at: "t".into(),
                answers: None,
                device_id: uuid::Uuid::nil(),
            },
            signed: SignedDocument {
                purpose: Purpose::Decision,
                payload: String::new(),
                signature: String::new(),
            },
        }
    }

    #[test]
    fn a_feed_page_that_does_not_move_the_cursor_ends_the_feed() {
        assert_eq!(feed_step(5, &[], 5, true).ok(), Some(FeedStep::Stalled));
        assert_eq!(feed_step(5, &[], 5, false).ok(), Some(FeedStep::Stalled));
        assert_eq!(
            feed_step(7, &[decided(6), decided(7)], 7, true).ok(),
            Some(FeedStep::Stalled)
        );
        assert_eq!(
            feed_step(5, &[decided(6), decided(7)], 7, true).ok(),
            Some(FeedStep::RecordAndContinue)
        );
        assert_eq!(
            feed_step(5, &[decided(6)], 6, false).ok(),
            Some(FeedStep::RecordAndStop)
        );
        // Decisions already seen, sent again under a made-up later cursor.
        assert!(feed_step(7, &[decided(6), decided(7)], 9, true).is_err());
        assert!(feed_step(5, &[decided(8)], 7, true).is_err());
        assert!(feed_step(5, &[], 4, true).is_err());
    }
}
