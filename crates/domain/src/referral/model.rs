//! The referral record as the worker fills it in (DOMAIN.md §3), and the two ways a draft
//! starts: blank, or from a screening. Dates are kept as typed so that an impossible date is
//! reported, never silently dropped; codes (countries, languages) are kept as strings so that a
//! wrong one is reported too.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::screening::{AgencyType, ChildAct, Observation, Screening, Sex};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Referral {
    /// UUIDv7 made by the app.
    pub id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// The screening this referral was started from, if any.
    pub screening_id: Option<String>,
    pub referrer: Referrer,
    pub contact: ReferralContact,
    pub person: ReferredPerson,
    pub places: ReferralPlaces,
    pub exploitation: ReferralExploitation,
    pub indicators: ReferralIndicators,
    pub needs: Needs,
    pub risks: Risks,
    pub urgency: Urgency,
    /// Required on the adult path only.
    pub consent: Consent,
    /// Required on the child path only.
    pub child: ChildSafeguards,
}

/// Who refers: the agency and the officer the Center can call back.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Referrer {
    pub agency: AgencyType,
    pub officer_name: String,
    /// Phone or e-mail, as typed.
    pub officer_contact: String,
}

/// How the person came to the attention of the referring agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DetectionMethod {
    Inspection,
    Outreach,
    SelfReport,
    ThirdPartyReport,
    PoliceOperation,
    BorderCheck,
    AsylumProcedure,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralContact {
    /// `YYYY-MM-DD` as typed.
    pub date: String,
    pub place: String,
    pub circumstances: String,
    /// Required; `null` until the worker chooses.
    pub detection: Option<DetectionMethod>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IdentityDocuments {
    Held,
    WithheldBySomeone,
    None,
    #[default]
    Unknown,
}

/// Residence or protection status in Serbia; details go in `legal_status_note`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LegalStatus {
    SerbianCitizen,
    /// A foreigner with a visa, visa-free or residence-permit stay.
    RegularStay,
    /// Intention to seek asylum expressed, or application lodged and pending.
    AsylumSeeker,
    /// Refugee status or subsidiary protection granted.
    InternationalProtection,
    TemporaryProtection,
    IrregularStay,
    Other,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferredPerson {
    /// Name, or an alias when the person does not give a name.
    pub name: String,
    pub sex: Sex,
    /// `YYYY-MM-DD` as typed, or empty.
    pub date_of_birth: String,
    pub estimated_age: Option<u32>,
    pub age_uncertain: bool,
    /// ISO 3166-1 alpha-2 code in capitals, or empty when not known.
    pub nationality: String,
    /// The person has no nationality; `nationality` is then left empty.
    pub stateless: bool,
    /// BCP-47 tags of the languages the person speaks.
    pub languages: Vec<String>,
    pub interpreter_used: bool,
    pub identity_documents: IdentityDocuments,
    pub legal_status: LegalStatus,
    pub legal_status_note: String,
}

/// A place on the person's route. Dates are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as typed, or
/// empty: people often remember the month or the year only.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Place {
    /// ISO 3166-1 alpha-2 code in capitals, or empty when not known.
    pub country: String,
    pub locality: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralPlaces {
    pub recruitment: Place,
    pub transit: Vec<Place>,
    pub exploitation: Place,
}

/// Purposes of exploitation: Serbian Criminal Code art. 388, plus the forced marriage and
/// illegal adoption that Serbian NGOs record (DOMAIN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ExploitationType {
    LabourExploitation,
    ForcedLabour,
    CriminalActivities,
    /// Prostitution or other sexual exploitation.
    SexualExploitation,
    Begging,
    Pornography,
    SlaveryOrSimilar,
    OrganRemoval,
    ArmedConflict,
    ForcedMarriage,
    IllegalAdoption,
    Other,
}

impl ExploitationType {
    /// Every type, in the order the form offers them (and keeps them in a referral).
    pub const ALL: [Self; 12] = [
        Self::LabourExploitation,
        Self::ForcedLabour,
        Self::CriminalActivities,
        Self::SexualExploitation,
        Self::Begging,
        Self::Pornography,
        Self::SlaveryOrSimilar,
        Self::OrganRemoval,
        Self::ArmedConflict,
        Self::ForcedMarriage,
        Self::IllegalAdoption,
        Self::Other,
    ];

    /// The types for which the labour sector is asked.
    pub fn is_labour(self) -> bool {
        matches!(self, Self::LabourExploitation | Self::ForcedLabour)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralExploitation {
    pub types: Vec<ExploitationType>,
    /// Only for labour exploitation or forced labour (e.g. agriculture, construction).
    pub labour_sector: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralIndicators {
    pub indicator_set: String,
    /// The catalogue version the indicator keys belong to; the app fills it in.
    pub catalogue_version: String,
    pub observations: Vec<Observation>,
    pub narrative: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Needs {
    pub medical: bool,
    pub shelter: bool,
    pub food: bool,
    pub safety: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Risks {
    pub to_person: bool,
    pub to_family: bool,
    pub to_staff: bool,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Urgency {
    #[default]
    Routine,
    Urgent,
    Immediate,
}

/// An adult's informed consent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Consent {
    pub consent_to_referral: bool,
    pub consent_to_data_processing: bool,
    /// BCP-47 tag of the language in which the consent was explained.
    pub consent_language: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GuardianStatus {
    Appointed,
    Requested,
    #[default]
    NotYetRequested,
    ParentOrLegalGuardianPresent,
}

/// What a child's referral records instead of consent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChildSafeguards {
    /// Whether someone else recruited, moved, housed or received the child (from the
    /// screening's act question); unanswered until the worker says.
    #[serde(default)]
    pub act: Option<ChildAct>,
    pub child_views: String,
    pub social_work_centre_notified: bool,
    /// Which Centre for Social Work.
    pub social_work_centre: String,
    pub guardian_status: GuardianStatus,
}

impl Referral {
    /// An empty draft: the worker's agency, today as the contact date, nothing else.
    pub fn blank(id: String, agency: AgencyType, today: NaiveDate, now: &str) -> Self {
        Self {
            id,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            screening_id: None,
            referrer: Referrer {
                agency,
                ..Referrer::default()
            },
            contact: ReferralContact {
                date: today.format("%Y-%m-%d").to_string(),
                ..ReferralContact::default()
            },
            person: ReferredPerson::default(),
            places: ReferralPlaces::default(),
            exploitation: ReferralExploitation::default(),
            indicators: ReferralIndicators::default(),
            needs: Needs::default(),
            risks: Risks::default(),
            urgency: Urgency::default(),
            consent: Consent::default(),
            child: ChildSafeguards::default(),
        }
    }

    /// A draft started from a screening: its context, the person's basics, the indicator set and
    /// the observations carry over; everything else starts empty. The catalogue version is not
    /// part of a screening, so the app fills it in.
    pub fn from_screening(screening: &Screening, id: String, now: &str) -> Self {
        let context = &screening.context;
        let person = &screening.person;
        let language = context.interview_language.trim();
        Self {
            id,
            created_at: now.to_owned(),
            updated_at: now.to_owned(),
            screening_id: Some(screening.id.clone()),
            referrer: Referrer {
                agency: context.agency,
                ..Referrer::default()
            },
            contact: ReferralContact {
                date: context.contact_date.clone(),
                place: context.place.clone(),
                ..ReferralContact::default()
            },
            person: ReferredPerson {
                name: person.alias.clone(),
                sex: person.sex,
                date_of_birth: person.date_of_birth.clone(),
                estimated_age: person.estimated_age,
                age_uncertain: person.age_uncertain,
                languages: if language.is_empty() {
                    vec![]
                } else {
                    vec![language.to_owned()]
                },
                interpreter_used: context.interpreter_present,
                ..ReferredPerson::default()
            },
            places: ReferralPlaces::default(),
            exploitation: ReferralExploitation::default(),
            indicators: ReferralIndicators {
                indicator_set: screening.indicator_set.clone(),
                observations: screening.observations.clone(),
                ..ReferralIndicators::default()
            },
            needs: Needs::default(),
            risks: Risks::default(),
            urgency: Urgency::default(),
            consent: Consent::default(),
            child: ChildSafeguards {
                act: screening.child_act,
                ..ChildSafeguards::default()
            },
        }
    }
}
