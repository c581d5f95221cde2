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

/// The longest prefix of `pending` that fits one request (always at least one item).
pub fn batch(pending: &[PendingEnvelope]) -> DeliveryBatch {
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
        }
    }

    #[test]
    fn a_batch_is_cut_by_count_and_by_bytes_but_never_empty() {
        let many: Vec<_> = (0..250).map(|n| pending(&n.to_string(), 10)).collect();
        assert_eq!(
            batch(&many).items.len(),
            first_contact_protocol::api::MAX_BATCH_ITEMS
        );
        let large = vec![pending("a", 3 << 20), pending("b", 3 << 20)];
        assert_eq!(batch(&large).items.len(), 1);
        let huge = vec![pending("a", 9 << 20)];
        assert_eq!(batch(&huge).items.len(), 1);
        assert!(batch(&[]).items.is_empty());
    }
}
