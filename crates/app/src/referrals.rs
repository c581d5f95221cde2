//! Referral operations: drafts (new, from a screening, autosave, list, delete), the check
//! before finalising, finalising into the sealed outbox, and the outbox as the laptop knows it.

use chrono::NaiveDate;
use first_contact_domain::referral::Referral;
use first_contact_domain::{referral_path, validate_referral};
use first_contact_protocol::{EnvelopeKind, EnvelopeMeta};
use first_contact_store::outbox::{self, StatusRecord};
use first_contact_store::{
    referral_drafts, screening_referrals, screenings as screening_table, Connection,
};

use crate::error::AppError;
use crate::sealing::{seal_item, Described};
use crate::views::{
    EarlierReferral, OutboxEntry, ReferralDraftSummary, ReferralView, SameScreening,
};
use crate::App;

/// Version of the referral form inside the envelope (`payload_format`).
pub const REFERRAL_FORMAT: u32 = 1;
/// A draft larger than this did not come from typing: refuse it whole.
pub const MAX_REFERRAL_BYTES: usize = 1024 * 1024;

impl App {
    /// A new draft, blank or carrying over what the screening `from_screening` knows.
    pub fn new_referral(&mut self, from_screening: Option<&str>) -> Result<ReferralView, AppError> {
        let now = self.clock.now();
        let id = uuid::Uuid::now_v7().to_string();
        let session = self.session()?;
        let mut draft = match from_screening {
            Some(screening_id) => {
                let screening = screening_table::get(&session.connection, screening_id)?;
                Referral::from_screening(&screening, id, &now.to_rfc3339())
            }
            None => Referral::blank(
                id,
                session.profile.agency,
                now.date_naive(),
                &now.to_rfc3339(),
            ),
        };
        draft.referrer.officer_name = session.profile.display_name.clone();
        draft.indicators.catalogue_version = self.catalogue.version.clone();
        let connection = &self.session()?.connection;
        referral_drafts::save(connection, &draft)?;
        view(connection, draft, now.date_naive())
    }

    pub fn open_referral(&mut self, id: &str) -> Result<ReferralView, AppError> {
        let today = self.clock.now().date_naive();
        let connection = &self.session()?.connection;
        view(connection, referral_drafts::get(connection, id)?, today)
    }

    /// Autosave of a draft: stored as typed, issues returned for display.
    pub fn save_referral(&mut self, mut draft: Referral) -> Result<ReferralView, AppError> {
        let size = serde_json::to_vec(&draft).map_or(usize::MAX, |b| b.len());
        if size > MAX_REFERRAL_BYTES {
            return Err(AppError::InvalidInput {
                field: "referral".into(),
            });
        }
        let now = self.clock.now();
        let connection = &self.session()?.connection;
        let stored = referral_drafts::get(connection, &draft.id)?;
        draft.created_at = stored.created_at;
        draft.screening_id = stored.screening_id;
        draft.indicators.catalogue_version = stored.indicators.catalogue_version;
        draft.updated_at = now.to_rfc3339();
        referral_drafts::save(connection, &draft)?;
        view(connection, draft, now.date_naive())
    }

    pub fn list_referral_drafts(&mut self) -> Result<Vec<ReferralDraftSummary>, AppError> {
        let today = self.clock.now().date_naive();
        let drafts = referral_drafts::all(&self.session()?.connection)?;
        Ok(drafts
            .into_iter()
            .map(|d| ReferralDraftSummary {
                path: referral_path(&d, today).kind,
                issue_count: u32::try_from(validate_referral(&d, today).len()).unwrap_or(u32::MAX),
                id: d.id,
                name: d.person.name,
                contact_date: d.contact.date,
                updated_at: d.updated_at,
                urgency: d.urgency,
            })
            .collect())
    }

    /// Deletes a draft for good (its pages are overwritten in the database).
    pub fn delete_referral_draft(&mut self, id: &str) -> Result<(), AppError> {
        Ok(referral_drafts::delete(&self.session()?.connection, id)?)
    }

    /// Seals the draft to the Center's key and queues it, deleting the plaintext in the same
    /// transaction. Refused while the form has problems or the Center's key is not configured.
    pub fn finalise_referral(&mut self, id: &str) -> Result<OutboxEntry, AppError> {
        let now = self.clock.now();
        let today = now.date_naive();
        let center_key = self.sealing_key()?;
        let draft = referral_drafts::get(&self.session()?.connection, id)?;
        let issues = validate_referral(&draft, today);
        if !issues.is_empty() {
            return Err(AppError::ReferralIncomplete {
                count: issues.len(),
            });
        }
        let path = referral_path(&draft, today).kind;
        let meta = EnvelopeMeta {
            kind: EnvelopeKind::Referral,
            id: draft.id.clone(),
            payload_format: REFERRAL_FORMAT,
            catalogue_version: draft.indicators.catalogue_version.clone(),
            created_at: now.to_rfc3339(),
        };
        let (status, queued) = seal_item(
            &meta,
            &draft,
            &center_key,
            Described {
                urgency: draft.urgency,
                path,
                regarding: None,
            },
        )?;
        outbox::finalise(&mut self.session()?.connection, id, &status, &queued)?;
        Ok(entry(status, 0))
    }
}

fn view(
    connection: &Connection,
    referral: Referral,
    today: NaiveDate,
) -> Result<ReferralView, AppError> {
    let same_screening = match &referral.screening_id {
        Some(screening_id) => SameScreening {
            finalised: screening_referrals::finalised(connection, screening_id)?
                .into_iter()
                .map(|earlier| EarlierReferral {
                    id: earlier.id,
                    reference: earlier.reference,
                    finalised_at: earlier.finalised_at,
                })
                .collect(),
            other_drafts: screening_referrals::other_drafts(
                connection,
                screening_id,
                &referral.id,
            )?,
        },
        None => SameScreening::default(),
    };
    Ok(ReferralView {
        path: referral_path(&referral, today),
        issues: validate_referral(&referral, today),
        referral,
        same_screening,
    })
}

/// The entry of a status record, without its journey (see `history`).
pub(crate) fn entry(status: StatusRecord, attempts: u32) -> OutboxEntry {
    OutboxEntry {
        id: status.id,
        reference: status.reference,
        finalised_at: status.finalised_at,
        urgency: status.urgency,
        path: status.path,
        catalogue_version: status.catalogue_version,
        state: status.state,
        attempts,
        center_reference: status.center_reference,
        delivered_at: status.delivered_at,
        attention: status.attention,
        decisions: Vec::new(),
        reconsiderations: Vec::new(),
        can_request_reconsideration: false,
        delivered: false,
        waiting_for: None,
    }
    .with_journey_facts()
}
