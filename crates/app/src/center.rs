//! The app's side of the Center: enrollment (stored encrypted), the key referrals are sealed
//! to, the outbox as a history of journeys (queued → delivered → decided), and requests for
//! reconsideration after a negative decision.

use std::collections::HashMap;

use first_contact_protocol::api::enrollment::CenterIdentity;
use first_contact_protocol::api::feedback::{
    DecisionOutcome, ReconsiderationRequest, RECONSIDERATION_FORMAT,
};
use first_contact_protocol::{CenterKey, EnvelopeKind, EnvelopeMeta};
use first_contact_store::decisions as decision_table;
use first_contact_store::enrollment::{self as enrollment_table, EnrollmentRecord};
use first_contact_store::outbox::{self, StatusRecord};
use first_contact_store::publications;
use first_contact_sync::Enrollment;

use crate::error::AppError;
use crate::referrals::entry;
use crate::sealing::{seal_item, Described};
use crate::views::{
    DecisionView, EnrollmentView, OutboxEntry, OutboxPage, ReconsiderationEntry,
    ReconsiderationInput,
};
use crate::App;

pub const MAX_GROUNDS_CHARS: usize = 4_000;
pub const MAX_NEW_INFORMATION_CHARS: usize = 20_000;
/// How many finalised referrals a page of the outbox holds.
pub const OUTBOX_PAGE: u32 = 50;

impl App {
    /// The enrollment, if the device has one (requires an unlocked session).
    pub fn enrollment(&mut self) -> Result<Option<EnrollmentView>, AppError> {
        let connection = &self.session()?.connection;
        let Some(record) = enrollment_table::get(connection)? else {
            return Ok(None);
        };
        let version = |kind: &str| -> Result<Option<String>, AppError> {
            Ok(publications::get(connection, kind)?.map(|p| p.version))
        };
        Ok(Some(EnrollmentView {
            catalogue_version: version("catalogue")?,
            directory_version: version("directory")?,
            center_address: record.center_address,
            center_name: record.center_name,
            device_id: record.device_id,
            agency: record.agency,
            officer: record.officer,
            enrolled_at: record.enrolled_at,
            refused: record.refused_at.is_some(),
        }))
    }

    /// Keeps a completed enrollment, replacing an earlier one. The outbox is not touched:
    /// what waits in it was sealed for the Center and goes out with the new credential.
    pub fn save_enrollment(&mut self, enrollment: &Enrollment) -> Result<EnrollmentView, AppError> {
        let enrolled_at = self.clock.now().to_rfc3339();
        enrollment_table::save(
            &self.session()?.connection,
            &EnrollmentRecord {
                center_address: enrollment.center_address.clone(),
                device_id: enrollment.device_id.to_string(),
                credential: enrollment.credential.clone(),
                ca_pem: enrollment.ca_pem.clone(),
                center_name: enrollment.center.name.clone(),
                recipient: enrollment.center.recipient.clone(),
                signing_key: enrollment.center.signing_key.clone(),
                agency: enrollment.agency.clone(),
                officer: enrollment.officer.clone(),
                enrolled_at,
                refused_at: None,
            },
        )?;
        self.enrollment()?.ok_or(AppError::NotEnrolled)
    }

    /// The fingerprint of the Center this laptop is enrolled with, if any.
    pub(crate) fn pinned_fingerprint(&mut self) -> Result<Option<String>, AppError> {
        let Some(record) = enrollment_table::get(&self.session()?.connection)? else {
            return Ok(None);
        };
        let ca_der = first_contact_sync::tls::ca_der(&record.ca_pem)?;
        let center = CenterIdentity {
            name: record.center_name,
            recipient: record.recipient,
            signing_key: record.signing_key,
        };
        Ok(Some(first_contact_protocol::center_fingerprint(
            &ca_der, &center,
        )))
    }

    /// The key to seal to: the enrolled Center's, or else the configured key file's.
    pub(crate) fn sealing_key(&mut self) -> Result<CenterKey, AppError> {
        if let Some(record) = enrollment_table::get(&self.session()?.connection)? {
            return record.recipient.parse().map_err(AppError::CenterKey);
        }
        self.center_key
            .clone()
            .map_err(AppError::CenterKeyUnavailable)
    }

    /// A page of the finalised referrals, newest first, each with its journey: what the
    /// Referrals page shows, read by index a page at a time at any size of outbox.
    pub fn outbox(&mut self, offset: u32) -> Result<OutboxPage, AppError> {
        let connection = &self.session()?.connection;
        let (statuses, total) = outbox::status_page(
            connection,
            EnvelopeKind::Referral.as_str(),
            offset,
            OUTBOX_PAGE,
        )?;
        let shown = offset.saturating_add(u32::try_from(statuses.len()).unwrap_or(u32::MAX));
        Ok(OutboxPage {
            entries: journeys(connection, statuses)?,
            total,
            next_offset: (shown < total).then_some(shown),
        })
    }

    /// One finalised referral with its journey.
    pub fn outbox_entry(&mut self, id: &str) -> Result<OutboxEntry, AppError> {
        let connection = &self.session()?.connection;
        let status = outbox::status(connection, id)?
            .filter(|status| status.kind == EnvelopeKind::Referral.as_str())
            .ok_or(AppError::Store(first_contact_store::StoreError::NotFound))?;
        journeys(connection, vec![status])?
            .pop()
            .ok_or(AppError::Store(first_contact_store::StoreError::NotFound))
    }

    /// Seals a request to reconsider the latest decision on `input.referral_id` and queues it.
    pub fn request_reconsideration(
        &mut self,
        input: &ReconsiderationInput,
    ) -> Result<OutboxEntry, AppError> {
        let grounds = input.grounds.trim();
        if grounds.is_empty() {
            return Err(AppError::GroundsRequired);
        }
        if grounds.chars().count() > MAX_GROUNDS_CHARS {
            return Err(AppError::InvalidInput {
                field: "grounds".into(),
            });
        }
        if input.new_information.chars().count() > MAX_NEW_INFORMATION_CHARS {
            return Err(AppError::InvalidInput {
                field: "new_information".into(),
            });
        }
        let referral = self.outbox_entry(&input.referral_id)?;
        let (Some(decision), true) = (
            referral.decisions.last(),
            referral.can_request_reconsideration,
        ) else {
            return Err(AppError::ReconsiderationNotAllowed);
        };
        let center_key = self.sealing_key()?;
        let now = self.clock.now().to_rfc3339();
        let id = uuid::Uuid::now_v7().to_string();
        let meta = EnvelopeMeta {
            kind: EnvelopeKind::Reconsideration,
            id: id.clone(),
            payload_format: RECONSIDERATION_FORMAT,
            catalogue_version: referral.catalogue_version.clone(),
            created_at: now.clone(),
        };
        let payload = ReconsiderationRequest {
            referral_id: referral.id.clone(),
            center_reference: referral.center_reference.clone().unwrap_or_default(),
            decision_id: decision.decision_id.clone(),
            grounds: grounds.to_owned(),
            new_information: input.new_information.trim().to_owned(),
        };
        let (status, queued) = seal_item(
            &meta,
            &payload,
            &center_key,
            Described {
                urgency: referral.urgency,
                path: referral.path,
                regarding: Some(referral.id.clone()),
            },
        )?;
        outbox::queue(&mut self.session()?.connection, &status, &queued)?;
        self.outbox_entry(&referral.id)
    }
}

/// A request may follow a decision other than identified, unless an earlier request still
/// waits for the decision that answers it.
/// The referrals of `statuses` with their journeys: their decisions, the reconsideration
/// requests about them and their delivery attempts, read for these referrals only.
fn journeys(
    connection: &first_contact_store::Connection,
    statuses: Vec<StatusRecord>,
) -> Result<Vec<OutboxEntry>, AppError> {
    let ids: Vec<String> = statuses.iter().map(|status| status.id.clone()).collect();
    let attempts = outbox::attempts_of(connection, &ids)?;
    let mut decisions: HashMap<String, Vec<DecisionView>> = HashMap::new();
    for record in decision_table::about(connection, &ids)? {
        let outcome = DecisionOutcome::parse(&record.outcome).ok_or_else(|| {
            AppError::Store(first_contact_store::StoreError::Corrupt(format!(
                "decision outcome {:?}",
                record.outcome
            )))
        })?;
        decisions
            .entry(record.referral_id.clone())
            .or_default()
            .push(DecisionView {
                decision_id: record.decision_id,
                outcome,
                reasons: record.reasons,
                criteria_version: record.criteria_version,
                decided_at: record.decided_at,
                answers: record.answers,
            });
    }
    let mut requests: HashMap<String, Vec<ReconsiderationEntry>> = HashMap::new();
    for status in outbox::about(connection, &ids)? {
        let Some(regarding) = status.regarding else {
            continue;
        };
        requests
            .entry(regarding)
            .or_default()
            .push(ReconsiderationEntry {
                id: status.id,
                reference: status.reference,
                requested_at: status.finalised_at,
                state: status.state,
                open: true,
                center_reference: status.center_reference,
                delivered_at: status.delivered_at,
                attention: status.attention,
            });
    }
    Ok(statuses
        .into_iter()
        .map(|status| {
            let tries = attempts.get(&status.id).copied().unwrap_or(0);
            let mut entry = entry(status, tries);
            entry.decisions = decisions.remove(&entry.id).unwrap_or_default();
            entry.reconsiderations = requests.remove(&entry.id).unwrap_or_default();
            entry.with_journey_facts()
        })
        .collect())
}

#[cfg(test)]
mod limits {
    use super::*;

    /// The UI checks a request against these limits before sending it; it reads them from the
    /// file this writes next to the generated types (`make test` fails if it is not committed).
    #[test]
    fn export_reconsideration_limits_for_the_ui() {
        let directory = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|e| panic!("{e}"));
        let limits = serde_json::json!({
            "max_grounds_chars": MAX_GROUNDS_CHARS,
            "max_new_information_chars": MAX_NEW_INFORMATION_CHARS,
        });
        let text = serde_json::to_string_pretty(&limits).unwrap_or_else(|e| panic!("{e}")) + "\n";
        let path = std::path::Path::new(&directory).join("reconsiderationLimits.json");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
