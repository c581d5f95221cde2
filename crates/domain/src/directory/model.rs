//! Data model of the help directory file, after the Open Referral Human Services Data
//! Specification (HSDS): organisations, their services, each service's phones, the area it
//! serves, who it is for and its categories. Field names match the JSON exactly; see
//! docs/directory.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::call_rules::CallRules;
use crate::text::Text;

pub const SUPPORTED_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Directory {
    pub format: u32,
    pub id: String,
    pub version: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub notes: Text,
    /// What the directory does not hold, said rather than invented (e.g. the Centres for Social
    /// Work of each municipality, until the Center publishes them).
    pub not_included: Vec<Text>,
    /// Serbia's districts and their municipalities, which services name as their area.
    pub districts: Vec<District>,
    pub organizations: Vec<Organization>,
    /// The rules that suggest whom to call for a case (see `call_rules`).
    pub who_to_call: CallRules,
}

impl Directory {
    pub fn services(&self) -> impl Iterator<Item = (&Organization, &Service)> {
        self.organizations
            .iter()
            .flat_map(|organization| organization.services.iter().map(move |s| (organization, s)))
    }

    /// The district a municipality belongs to.
    pub fn district_of(&self, municipality: &str) -> Option<&District> {
        self.districts.iter().find(|district| {
            district
                .municipalities
                .iter()
                .any(|place| place.id == municipality)
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct District {
    pub id: String,
    pub name: Text,
    pub municipalities: Vec<Municipality>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Municipality {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Organization {
    pub id: String,
    pub name: Text,
    /// `https://` or `http://`.
    pub url: Option<String>,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Service {
    pub id: String,
    pub name: Text,
    pub description: Text,
    pub categories: Vec<Category>,
    /// Who it is for; `everyone` stands alone.
    pub audiences: Vec<Audience>,
    pub area: ServiceArea,
    pub phones: Vec<Phone>,
    /// A street address; a shelter's is only ever for workers.
    pub address: Option<String>,
    pub sensitivity: Sensitivity,
    pub source: Source,
}

/// What a service does. The "who to call now" rules and the Help view's filter use these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Category {
    SosHelpline,
    Police,
    EmergencyMedical,
    FireRescue,
    SocialWorkCentre,
    Shelter,
    LegalAid,
    Interpreting,
    LabourInspection,
    Asylum,
    ChildProtection,
    ReturnReintegration,
}

impl Category {
    /// Every category, in the order the Help view offers them.
    pub const ALL: [Category; 12] = [
        Category::SosHelpline,
        Category::Police,
        Category::EmergencyMedical,
        Category::FireRescue,
        Category::SocialWorkCentre,
        Category::Shelter,
        Category::LegalAid,
        Category::Interpreting,
        Category::LabourInspection,
        Category::Asylum,
        Category::ChildProtection,
        Category::ReturnReintegration,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Audience {
    Everyone,
    Children,
    Adults,
    Women,
    Men,
    Foreigners,
    AsylumSeekers,
}

impl Audience {
    /// The groups a worker can ask for (`Everyone` is what a service says, not a filter).
    pub const GROUPS: [Audience; 6] = [
        Audience::Children,
        Audience::Adults,
        Audience::Women,
        Audience::Men,
        Audience::Foreigners,
        Audience::AsylumSeekers,
    ];
}

/// The area a service serves: the whole country, or named districts or municipalities of the
/// directory's own list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "scope", content = "ids", rename_all = "snake_case")]
#[ts(export)]
pub enum ServiceArea {
    National,
    Districts(Vec<String>),
    Municipalities(Vec<String>),
}

/// Public entries may be shown to the person and printed on their card; `workers_only` ones
/// (a shelter, a duty officer's mobile) are shown to the worker only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sensitivity {
    Public,
    WorkersOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Phone {
    /// As dialled in Serbia: a short number (`192`, `116000`) or a full one with spaces
    /// (`+381 11 785 0000`, `0800 101 201`).
    pub number: String,
    /// Whether a call costs the caller nothing; none where the source does not say.
    pub free_of_charge: Option<bool>,
    pub hours: Hours,
    /// Languages spoken on the line (BCP-47 tags); empty where the source does not say.
    pub languages: Vec<String>,
    pub note: Option<Text>,
}

/// When a line answers, in the laptop's local time (the directory is for one country).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum Hours {
    /// Day and night, every day.
    Always,
    /// Set times on set days; anything else is closed.
    Weekly { slots: Vec<OpeningSlot> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OpeningSlot {
    pub days: Vec<Weekday>,
    /// `HH:MM`.
    pub opens: String,
    /// `HH:MM`, after `opens`; `24:00` for midnight.
    pub closes: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// Where an entry comes from and how recently it was checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Source {
    /// The publication or person the entry was taken from.
    pub name: String,
    pub url: Option<String>,
    /// When the source said so: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; none where it is not dated.
    pub as_of: Option<String>,
    /// When someone last confirmed the entry with the service (`YYYY-MM-DD`); none means it
    /// has not been verified, and the app says so.
    pub verified_on: Option<String>,
}
