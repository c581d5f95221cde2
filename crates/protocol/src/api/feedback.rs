//! Feedback: the Center's decisions come back through a per-device feed with a cursor
//! (`GET /v1/decisions?after=<cursor>&limit=<n>`); a device only ever sees decisions on what it
//! delivered. A refused person's request for reconsideration travels the other way as a sealed
//! envelope of kind `reconsideration`, like a referral.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::signing::SignedDocument;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DecisionOutcome {
    Identified,
    NotIdentified,
    MoreInformationNeeded,
}

impl DecisionOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            DecisionOutcome::Identified => "identified",
            DecisionOutcome::NotIdentified => "not_identified",
            DecisionOutcome::MoreInformationNeeded => "more_information_needed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            DecisionOutcome::Identified,
            DecisionOutcome::NotIdentified,
            DecisionOutcome::MoreInformationNeeded,
        ]
        .into_iter()
        .find(|outcome| outcome.as_str() == text)
    }

    /// Whether the person may ask for the decision to be reconsidered.
    pub fn allows_reconsideration(self) -> bool {
        self != DecisionOutcome::Identified
    }
}

/// One decision of the Center on one referral (signed, purpose `decision`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub decision_id: String,
    /// Position in the Center's feed; the device's cursor.
    pub sequence: i64,
    pub referral_id: String,
    pub center_reference: String,
    pub outcome: DecisionOutcome,
    pub reasons: String,
    /// Version of the identification criteria the decision was taken under.
    pub criteria_version: String,
    pub decided_at: String,
    /// The reconsideration request this decision answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answers: Option<String>,
    pub device_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionPage {
    pub decisions: Vec<SignedDocument>,
    /// Pass as `after` to get what follows.
    pub next_cursor: i64,
    pub more: bool,
}

/// The sealed payload of a reconsideration request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReconsiderationRequest {
    pub referral_id: String,
    pub center_reference: String,
    /// The decision asked to be reconsidered.
    pub decision_id: String,
    pub grounds: String,
    pub new_information: String,
}

pub const RECONSIDERATION_FORMAT: u32 = 1;
