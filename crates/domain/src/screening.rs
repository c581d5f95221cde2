//! The screening record as the worker fills it in. Dates are kept as typed (`YYYY-MM-DD` or
//! empty) so that an impossible date is reported, never silently dropped.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Referring agency types of the referral form (DOMAIN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgencyType {
    Police,
    LabourInspection,
    SocialWorkCentre,
    Ngo,
    AsylumOffice,
    BorderPolice,
    Health,
    School,
    #[default]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sex {
    Female,
    Male,
    Other,
    #[default]
    NotRecorded,
}

/// How the worker learnt of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Learnt {
    Disclosed,
    #[default]
    Observed,
    Documents,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningContext {
    pub agency: AgencyType,
    pub place: String,
    pub contact_date: String,
    pub interview_language: String,
    pub interpreter_present: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonBasics {
    pub alias: String,
    pub sex: Sex,
    pub date_of_birth: String,
    pub estimated_age: Option<u32>,
    pub age_uncertain: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Observation {
    pub indicator: String,
    pub learnt: Learnt,
    pub note: String,
}

/// The child path's question about the *act* (Palermo Protocol art. 3(a), (c)): was the child
/// recruited, transported, transferred, harboured or received by someone else? For a child the
/// act and the purpose suffice; no means is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChildAct {
    Yes,
    No,
    NotKnown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Screening {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub context: ScreeningContext,
    pub person: PersonBasics,
    pub indicator_set: String,
    pub observations: Vec<Observation>,
    /// The act question of the child path; `None` until the worker answers it, and then
    /// treated as not known. Screenings stored before the question existed read as `None`.
    #[serde(default)]
    pub child_act: Option<ChildAct>,
}

impl Screening {
    /// A screening that keeps at most one observation per indicator (the first one).
    pub fn observation(&self, key: &str) -> Option<&Observation> {
        self.observations.iter().find(|o| o.indicator == key)
    }
}
