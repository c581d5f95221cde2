//! Delivery: `POST /v1/envelopes` with a batch of sealed envelopes; the answer has one result
//! per item. Idempotent by id: the same id with the same bytes is answered with the original
//! receipt; the same id with other bytes is a conflict (status 409) for that item alone.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::api::errors::ErrorCode;
use crate::envelope::EnvelopeKind;
use crate::signing::SignedDocument;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryItem {
    pub id: String,
    pub kind: EnvelopeKind,
    /// For a reconsideration: the id of the referral it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regarding: Option<String>,
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
    /// The age recipient (`age1…`) the envelope was sealed to, as the device recorded it when
    /// sealing. The Center refuses an item declaring another recipient than its own, without
    /// opening it.
    pub recipient: String,
    /// The sealed envelope, base64.
    pub envelope: String,
}

impl DeliveryItem {
    pub fn encode_envelope(bytes: &[u8]) -> String {
        BASE64.encode(bytes)
    }

    pub fn decode_envelope(&self) -> Result<Vec<u8>, base64::DecodeError> {
        BASE64.decode(&self.envelope)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryBatch {
    pub items: Vec<DeliveryItem>,
}

/// What the Center signs when it has stored an envelope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    pub id: String,
    pub kind: EnvelopeKind,
    pub device_id: uuid::Uuid,
    /// The Center's own reference for the case.
    pub center_reference: String,
    pub received_at: String,
    /// SHA-256 of the envelope bytes as received, hex.
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
pub enum ItemOutcome {
    /// Stored (now or before): the signed [`Receipt`].
    Accepted { receipt: SignedDocument },
    /// Not stored; `status` is the HTTP status the item alone would have had.
    Rejected {
        status: u16,
        code: ErrorCode,
        message: String,
    },
}

/// Not `deny_unknown_fields`: serde cannot combine it with the flattened, tagged outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: String,
    #[serde(flatten)]
    pub outcome: ItemOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeliveryResults {
    pub results: Vec<ItemResult>,
}

/// SHA-256 of envelope bytes, hex: what a receipt names.
pub fn envelope_digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signing::Purpose;

    #[test]
    fn both_item_outcomes_round_trip_through_json() {
        let results = DeliveryResults {
            results: vec![
                ItemResult {
                    id: "a".into(),
                    outcome: ItemOutcome::Accepted {
                        receipt: SignedDocument {
                            purpose: Purpose::Receipt,
                            payload: "{}".into(),
                            signature: "c2ln".into(),
                        },
                    },
                },
                ItemResult {
                    id: "b".into(),
                    outcome: ItemOutcome::Rejected {
                        status: 409,
                        code: ErrorCode::Conflict,
                        message: "other bytes".into(),
                    },
                },
            ],
        };
        let json = serde_json::to_string(&results).unwrap_or_else(|e| panic!("{e}"));
        assert!(json.contains(r#""outcome":"accepted""#), "{json}");
        assert!(json.contains(r#""outcome":"rejected""#), "{json}");
        let back: DeliveryResults = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, results);
    }
}
