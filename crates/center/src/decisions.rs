//! Decisions: recording the Center's decision on a referral (optionally answering a
//! reconsideration request) and serving each device the feed of decisions on what it sent.

use first_contact_protocol::api::feedback::{Decision, DecisionOutcome, DecisionPage};
use first_contact_protocol::api::MAX_FEED_PAGE;
use first_contact_protocol::{Purpose, SignedDocument};
use rusqlite::Connection;

use crate::db::decisions;
use crate::db::envelopes;
use crate::error::CenterError;
use crate::failure::ApiFailure;
use crate::state::CenterState;

/// What an administrator decides.
#[derive(Debug, Clone)]
pub struct DecisionInput {
    /// The referral's id or Center reference.
    pub referral: String,
    pub outcome: DecisionOutcome,
    pub reasons: String,
    pub criteria_version: String,
    /// The reconsideration request (id or reference) this decision answers.
    pub answers: Option<String>,
}

pub fn record(
    state: &CenterState,
    connection: &mut Connection,
    input: &DecisionInput,
) -> Result<Decision, CenterError> {
    if input.reasons.trim().is_empty() {
        return Err(CenterError::Invalid("a decision gives its reasons".into()));
    }
    if input.criteria_version.trim().is_empty() {
        return Err(CenterError::Invalid(
            "a decision names the criteria version it was taken under".into(),
        ));
    }
    let transaction = connection.transaction()?;
    let referral = envelopes::find_by_id_or_reference(&transaction, &input.referral)?
        .filter(|found| found.kind == "referral")
        .ok_or_else(|| CenterError::NotFound(format!("referral {}", input.referral)))?;
    let answers = match &input.answers {
        None => None,
        Some(key) => {
            let request = envelopes::find_by_id_or_reference(&transaction, key)?
                .filter(|found| found.kind == "reconsideration")
                .ok_or_else(|| CenterError::NotFound(format!("reconsideration request {key}")))?;
            if request.regarding.as_deref() != Some(referral.id.as_str()) {
                return Err(CenterError::Invalid(format!(
                    "reconsideration request {key} regards another referral"
                )));
            }
            if decisions::answering(&transaction, &request.id)?.is_some() {
                return Err(CenterError::Invalid(format!(
                    "reconsideration request {key} is answered already"
                )));
            }
            Some(request.id)
        }
    };
    let mut decision = Decision {
        decision_id: uuid::Uuid::now_v7().to_string(),
        sequence: 0,
        referral_id: referral.id.clone(),
        center_reference: referral.center_reference.clone(),
        outcome: input.outcome,
        reasons: input.reasons.trim().to_owned(),
        criteria_version: input.criteria_version.trim().to_owned(),
        decided_at: state.now_text(),
        answers,
        device_id: uuid::Uuid::parse_str(&referral.device_id)
            .map_err(|e| CenterError::Invalid(format!("stored device id: {e}")))?,
    };
    decision.sequence = decisions::insert_unsigned(&transaction, &decision, &referral.device_id)?;
    let signed = state.keys.signer.sign(Purpose::Decision, &decision)?;
    let signed = serde_json::to_string(&signed).map_err(|e| CenterError::Invalid(e.to_string()))?;
    decisions::set_signed(&transaction, decision.sequence, &signed)?;
    transaction.commit()?;
    Ok(decision)
}

/// The page of `device_id`'s decisions after `after`.
pub fn feed(
    connection: &Connection,
    device_id: &str,
    after: i64,
    limit: usize,
) -> Result<DecisionPage, ApiFailure> {
    let limit = limit.clamp(1, MAX_FEED_PAGE);
    // One more than asked tells whether more remain.
    let mut records = decisions::for_device(connection, device_id, after, limit + 1)?;
    let more = records.len() > limit;
    records.truncate(limit);
    let next_cursor = records.last().map_or(after, |last| last.sequence);
    let decisions = records
        .iter()
        .map(|record| serde_json::from_str::<SignedDocument>(&record.signed))
        .collect::<Result<_, _>>()
        .map_err(|e| ApiFailure::unavailable(format!("stored decision: {e}")))?;
    Ok(DecisionPage {
        decisions,
        next_cursor,
        more,
    })
}
