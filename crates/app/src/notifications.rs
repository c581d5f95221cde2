//! Anonymous notifications: when an adult declines to be referred, the worker sends the
//! Center the non-identifying facts of the screening so that the case still counts. The facts
//! the screening holds (sex, age group, agency, outcome, catalogue version) are taken from it;
//! the worker adds nationality, the kinds of exploitation, a labour sector and the municipality.
//! Sealed and queued like a referral, and sent at most once per screening.

use first_contact_domain::directory::Municipality;
use first_contact_domain::notification::{
    check_notification, AgeGroup, AnonymousNotification, LabourSector, NOTIFICATION_FORMAT,
};
use first_contact_domain::referral::ExploitationType;
use first_contact_domain::{assess, AgePathKind, AssessmentInput};
use first_contact_protocol::{EnvelopeKind, EnvelopeMeta};
use first_contact_store::outbox;
use first_contact_store::screenings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::referrals::entry;
use crate::screenings::path_on;
use crate::sealing::{seal_item, Described};
use crate::views::OutboxEntry;
use crate::App;

/// What the worker adds to the screening's facts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct NotificationInput {
    pub screening_id: String,
    pub nationality: String,
    pub stateless: bool,
    pub exploitation_types: Vec<ExploitationType>,
    pub labour_sector: Option<LabourSector>,
    /// A municipality id of the directory in use, or empty.
    pub municipality: String,
}

/// What would be sent, exactly, for the worker to read before sending; and whether it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NotificationPreview {
    pub notification: AnonymousNotification,
    /// The municipality as named in the directory, when one is given.
    pub municipality: Option<Municipality>,
    /// The notification already queued or sent for this screening.
    pub sent: Option<OutboxEntry>,
    pub labour_sectors: Vec<LabourSector>,
}

impl App {
    /// The notification `input` makes, checked as the Center will check it; nothing is stored.
    pub fn preview_notification(
        &mut self,
        input: &NotificationInput,
    ) -> Result<NotificationPreview, AppError> {
        let notification = self.notification_of(input)?;
        let sent = self.notification_sent(&input.screening_id)?;
        let municipality = self
            .directory
            .index
            .directory()
            .districts
            .iter()
            .flat_map(|district| &district.municipalities)
            .find(|m| m.id == notification.municipality)
            .cloned();
        Ok(NotificationPreview {
            notification,
            municipality,
            sent,
            labour_sectors: LabourSector::ALL.to_vec(),
        })
    }

    /// Seals the notification and queues it; a second call for the same screening answers the
    /// first notification and sends nothing more.
    pub fn send_notification(
        &mut self,
        input: &NotificationInput,
    ) -> Result<OutboxEntry, AppError> {
        let notification = self.notification_of(input)?;
        if let Some(sent) = self.notification_sent(&input.screening_id)? {
            return Ok(sent);
        }
        let center_key = self.sealing_key()?;
        let id = uuid::Uuid::now_v7().to_string();
        let meta = EnvelopeMeta {
            kind: EnvelopeKind::Notification,
            id: id.clone(),
            payload_format: NOTIFICATION_FORMAT,
            catalogue_version: notification.catalogue_version.clone(),
            created_at: self.clock.now().to_rfc3339(),
        };
        let (mut status, queued) = seal_item(
            &meta,
            &notification,
            &center_key,
            Described {
                urgency: Default::default(),
                path: AgePathKind::Adult,
                regarding: None,
            },
        )?;
        // Kept on the laptop only (the envelope's `regarding` stays empty): the screening it
        // came from, so that it is sent once.
        status.regarding = Some(input.screening_id.clone());
        outbox::queue(&mut self.session()?.connection, &status, &queued)?;
        self.notification_sent(&input.screening_id)?
            .ok_or(AppError::Store(first_contact_store::StoreError::NotFound))
    }

    fn notification_of(
        &mut self,
        input: &NotificationInput,
    ) -> Result<AnonymousNotification, AppError> {
        let today = self.clock.now().date_naive();
        let screening = screenings::get(&self.session()?.connection, &input.screening_id)?;
        let path = path_on(&screening.person, &screening.context.contact_date, today);
        let age_group = match (path.kind, path.age) {
            (AgePathKind::Adult, Some(age)) => AgeGroup::of_adult(age),
            _ => None,
        }
        .ok_or(AppError::NotificationForChild)?;
        let assessment = assess(&self.catalogue, &AssessmentInput::of(&screening, path.kind))?;
        let municipality = input.municipality.trim();
        let known = municipality.is_empty()
            || self
                .directory
                .index
                .directory()
                .district_of(municipality)
                .is_some();
        if !known {
            return Err(AppError::InvalidInput {
                field: "municipality".into(),
            });
        }
        let notification = AnonymousNotification {
            sex: screening.person.sex,
            age_group,
            nationality: input.nationality.trim().to_owned(),
            stateless: input.stateless,
            exploitation_types: input.exploitation_types.clone(),
            labour_sector: input.labour_sector,
            municipality: municipality.to_owned(),
            agency: screening.context.agency,
            screening_outcome: assessment.verdict,
            catalogue_version: assessment.catalogue_version,
        };
        check_notification(&notification)
            .map_err(|error| AppError::InvalidInput { field: error.field })?;
        Ok(notification)
    }

    fn notification_sent(&mut self, screening_id: &str) -> Result<Option<OutboxEntry>, AppError> {
        let connection = &self.session()?.connection;
        let sent = outbox::about(connection, &[screening_id.to_owned()])?
            .into_iter()
            .find(|status| status.kind == EnvelopeKind::Notification.as_str());
        Ok(sent.map(|status| entry(status, 0)))
    }
}
