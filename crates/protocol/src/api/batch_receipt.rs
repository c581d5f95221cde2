//! The answer to `POST /v1/deliveries`: one signed document of purpose `batch_receipt` for the
//! whole batch, whose payload settles every item: accepted (with what a per-item [`Receipt`]
//! says) or rejected (with the status that item alone would have had). One signature per batch
//! instead of one per item is most of what makes the binary route small on the wire.

use serde::{Deserialize, Serialize};

use crate::api::delivery::Receipt;
use crate::api::errors::ErrorCode;
use crate::envelope::EnvelopeKind;

/// The payload of a signed batch receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchReceipt {
    /// The device that delivered the batch.
    pub device_id: uuid::Uuid,
    /// One per item of the batch, in the order of the items.
    pub items: Vec<BatchItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
pub enum BatchItem {
    /// Stored, now or before; a repeat answers the original reference and time.
    Accepted {
        id: String,
        kind: EnvelopeKind,
        center_reference: String,
        received_at: String,
        /// SHA-256 of the envelope bytes as received, hex.
        sha256: String,
    },
    /// Not stored; `status` is the HTTP status the item alone would have had.
    Rejected {
        id: String,
        status: u16,
        code: ErrorCode,
        message: String,
    },
}

impl BatchItem {
    pub fn id(&self) -> &str {
        match self {
            BatchItem::Accepted { id, .. } | BatchItem::Rejected { id, .. } => id,
        }
    }

    /// The item's entry for an accepted receipt (which carries no device id of its own).
    pub fn accepted(receipt: &Receipt) -> Self {
        BatchItem::Accepted {
            id: receipt.id.clone(),
            kind: receipt.kind,
            center_reference: receipt.center_reference.clone(),
            received_at: receipt.received_at.clone(),
            sha256: receipt.sha256.clone(),
        }
    }

    /// The per-item receipt an accepted entry stands for, for `device_id`.
    pub fn receipt(&self, device_id: uuid::Uuid) -> Option<Receipt> {
        match self {
            BatchItem::Accepted {
                id,
                kind,
                center_reference,
                received_at,
                sha256,
            } => Some(Receipt {
                id: id.clone(),
                kind: *kind,
                device_id,
                center_reference: center_reference.clone(),
                received_at: received_at.clone(),
                sha256: sha256.clone(),
            }),
            BatchItem::Rejected { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_outcomes_round_trip_and_an_accepted_entry_is_a_receipt() {
        let device_id = uuid::Uuid::now_v7();
        let receipt = Receipt {
            id: "a".into(),
            kind: EnvelopeKind::Referral,
            device_id,
            center_reference: "CTR-2026-000001".into(),
            received_at: "2026-12-02T10:00:00Z".into(),
            sha256: "00".repeat(32),
        };
        let batch = BatchReceipt {
            device_id,
            items: vec![
                BatchItem::accepted(&receipt),
                BatchItem::Rejected {
                    id: "b".into(),
                    status: 409,
                    code: ErrorCode::Conflict,
                    message: "other bytes".into(),
                },
            ],
        };
        let json = serde_json::to_string(&batch).unwrap_or_else(|e| panic!("{e}"));
        assert!(json.contains(r#""outcome":"accepted""#), "{json}");
        let back: BatchReceipt = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, batch);
        assert_eq!(back.items[0].receipt(device_id), Some(receipt));
        assert_eq!(back.items[1].receipt(device_id), None);
        assert_eq!(back.items[1].id(), "b");
        let extra = json.replacen(
            r#""outcome":"accepted","#,
            r#""outcome":"accepted","x":1,"#,
            1,
        );
        assert!(serde_json::from_str::<BatchReceipt>(&extra).is_err());
    }
}
