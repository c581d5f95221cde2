//! The pure part of a sync pass: which outbox items go in the next batch, and what the Center's
//! answer means for each (atuin's "diff, then effects"). Nothing here does I/O.

use first_contact_protocol::api::delivery::{
    envelope_digest, DeliveryBatch, DeliveryItem, DeliveryResults, ItemOutcome, Receipt,
};
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::{CenterVerifier, Purpose, SignedDocument};

use crate::error::{SyncError, SyncProblem};
use crate::local::{PendingEnvelope, VerifiedDecision, VerifiedReceipt};

/// Keeps a request well under the Center's body limit after base64 and JSON.
pub const MAX_BATCH_ENVELOPE_BYTES: usize = 4 * 1024 * 1024;

/// The code an item gets when it was sealed to another Center's key than the enrolled one's.
pub const SEALED_FOR_ANOTHER_CENTER: &str = "sealed_for_another_center";

/// Items sealed to another key than `recipient`, the enrolled Center's: that Center could not
/// open them, and a receipt for them would delete them from the laptop. They are set aside,
/// kept, and never sent. Rows from before the recipient was recorded (empty) are not.
pub fn sealed_for_another_center(pending: &[PendingEnvelope], recipient: &str) -> Vec<ItemEffect> {
    pending
        .iter()
        .filter(|item| !item.recipient.is_empty() && item.recipient != recipient)
        .map(|item| ItemEffect::SetAside {
            id: item.id.clone(),
            code: SEALED_FOR_ANOTHER_CENTER.into(),
            message: "sealed to another Center's key than the enrolled Center's".into(),
        })
        .collect()
}

/// The longest prefix of `pending` that fits one request (always at least one item), each item
/// declaring the recipient it was sealed to (`recipient`, the enrolled Center's, for rows from
/// before that was recorded).
pub fn batch(pending: &[PendingEnvelope], recipient: &str) -> DeliveryBatch {
    let mut bytes = 0;
    let items = pending
        .iter()
        .take_while(|item| {
            let fits = bytes == 0 || bytes + item.bytes.len() <= MAX_BATCH_ENVELOPE_BYTES;
            bytes += item.bytes.len();
            fits
        })
        .take(first_contact_protocol::api::MAX_BATCH_ITEMS)
        .map(|item| DeliveryItem {
            id: item.id.clone(),
            kind: item.kind,
            regarding: item.regarding.clone(),
            payload_format: item.payload_format,
            catalogue_version: item.catalogue_version.clone(),
            created_at: item.created_at.clone(),
            recipient: if item.recipient.is_empty() {
                recipient.to_owned()
            } else {
                item.recipient.clone()
            },
            envelope: DeliveryItem::encode_envelope(&item.bytes),
        })
        .collect();
    DeliveryBatch { items }
}

/// What to do with one item after the Center answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemEffect {
    Delivered(VerifiedReceipt),
    SetAside {
        id: String,
        code: String,
        message: String,
    },
}

/// Checks the Center's answer to `sent` (whose bytes are in `pending`) and turns it into effects.
/// Any receipt that does not verify fails the whole answer: nothing leaves the outbox on the
/// word of an answer that is not the Center's.
pub fn effects(
    sent: &DeliveryBatch,
    pending: &[PendingEnvelope],
    answer: &DeliveryResults,
    verifier: &CenterVerifier,
    device_id: &uuid::Uuid,
) -> Result<Vec<ItemEffect>, SyncError> {
    let unexpected = |what: String| SyncError::new(SyncProblem::UnexpectedResponse, what);
    if answer.results.len() != sent.items.len() {
        return Err(unexpected(format!(
            "{} results for {} items",
            answer.results.len(),
            sent.items.len()
        )));
    }
    sent.items
        .iter()
        .zip(pending)
        .zip(&answer.results)
        .map(|((item, envelope), result)| {
            if result.id != item.id {
                return Err(unexpected(format!(
                    "a result for {} in the place of {}",
                    result.id, item.id
                )));
            }
            match &result.outcome {
                ItemOutcome::Accepted { receipt: signed } => {
                    let receipt: Receipt = verifier
                        .verify(Purpose::Receipt, signed)
                        .map_err(|e| SyncError::new(SyncProblem::BadSignature, e.to_string()))?;
                    let matches = receipt.id == item.id
                        && receipt.kind == item.kind
                        && receipt.device_id == *device_id
                        && receipt.sha256 == envelope_digest(&envelope.bytes);
                    if !matches {
                        return Err(SyncError::new(
                            SyncProblem::BadSignature,
                            format!("the receipt for {} is for something else", item.id),
                        ));
                    }
                    Ok(ItemEffect::Delivered(VerifiedReceipt {
                        receipt,
                        signed: signed.clone(),
                    }))
                }
                ItemOutcome::Rejected { code, message, .. } => Ok(ItemEffect::SetAside {
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
    use first_contact_protocol::EnvelopeKind;

    use super::*;

    fn pending(id: &str, size: usize) -> PendingEnvelope {
        PendingEnvelope {
            id: id.into(),
            kind: EnvelopeKind::Referral,
            regarding: None,
            payload_format: 1,
            catalogue_version: "v".into(),
            created_at: "t".into(),
            bytes: vec![7; size],
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
        // Each item declares what it was sealed to; a row from before that was kept declares
        // the enrolled Center's key, to which it was sealed then.
        let sent = batch(&[all[0].clone(), all[2].clone()], "age1mine");
        assert!(sent.items.iter().all(|item| item.recipient == "age1mine"));
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
