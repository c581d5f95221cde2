//! The facts of a case that the "who to call now" rules read, taken from a screening or from a
//! referral: the age path, sex, nationality and status, the needs and risks the worker recorded,
//! and the indicators observed. A screening knows fewer facts than a referral (no nationality,
//! no needs); a rule over a fact the case does not record simply does not apply.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::Audience;
use crate::age::AgePathKind;
use crate::referral::{LegalStatus, Referral, Urgency};
use crate::screening::{Screening, Sex};

/// The country whose nationals are not foreign nationals (ISO 3166-1 alpha-2).
const HOME_COUNTRY: &str = "RS";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CaseFact {
    /// Under 18, or presumed to be (age uncertain or unknown).
    Child,
    Adult,
    Female,
    Male,
    /// Nationality other than Serbian, or stateless.
    ForeignNational,
    /// Asylum intention expressed or application pending.
    AsylumSeeker,
    /// An interpreter was present, or the person speaks no Serbian.
    Interpreter,
    MedicalNeed,
    ShelterNeed,
    FoodNeed,
    SafetyNeed,
    RiskToPerson,
    ImmediateUrgency,
}

/// What the rules can know about one case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct CaseFacts {
    /// Sorted, each once.
    pub facts: Vec<CaseFact>,
    /// Indicator keys observed, sorted, each once.
    pub indicators: Vec<String>,
    /// Where the contact took place, as the worker wrote it; the municipality is found in it.
    pub place: String,
}

impl CaseFacts {
    pub fn new(facts: Vec<CaseFact>, indicators: Vec<String>, place: String) -> Self {
        let mut facts = facts;
        facts.sort();
        facts.dedup();
        let mut indicators = indicators;
        indicators.sort();
        indicators.dedup();
        Self {
            facts,
            indicators,
            place,
        }
    }

    pub fn of_screening(screening: &Screening, path: AgePathKind) -> Self {
        let mut facts = vec![path_fact(path)];
        facts.extend(sex_fact(screening.person.sex));
        if screening.context.interpreter_present {
            facts.push(CaseFact::Interpreter);
        }
        Self::new(
            facts,
            screening
                .observations
                .iter()
                .map(|o| o.indicator.clone())
                .collect(),
            screening.context.place.clone(),
        )
    }

    pub fn of_referral(referral: &Referral, path: AgePathKind) -> Self {
        let person = &referral.person;
        let mut facts = vec![path_fact(path)];
        facts.extend(sex_fact(person.sex));
        let nationality = person.nationality.trim();
        if person.stateless || (!nationality.is_empty() && nationality != HOME_COUNTRY) {
            facts.push(CaseFact::ForeignNational);
        }
        if person.legal_status == LegalStatus::AsylumSeeker {
            facts.push(CaseFact::AsylumSeeker);
        }
        let speaks_serbian = person
            .languages
            .iter()
            .any(|tag| tag.split('-').next().is_some_and(|p| p == "sr"));
        if person.interpreter_used || (!person.languages.is_empty() && !speaks_serbian) {
            facts.push(CaseFact::Interpreter);
        }
        let needs = &referral.needs;
        for (recorded, fact) in [
            (needs.medical, CaseFact::MedicalNeed),
            (needs.shelter, CaseFact::ShelterNeed),
            (needs.food, CaseFact::FoodNeed),
            (needs.safety, CaseFact::SafetyNeed),
            (referral.risks.to_person, CaseFact::RiskToPerson),
            (
                referral.urgency == Urgency::Immediate,
                CaseFact::ImmediateUrgency,
            ),
        ] {
            if recorded {
                facts.push(fact);
            }
        }
        Self::new(
            facts,
            referral
                .indicators
                .observations
                .iter()
                .map(|o| o.indicator.clone())
                .collect(),
            referral.contact.place.clone(),
        )
    }

    /// The groups of the directory the person belongs to.
    pub fn groups(&self) -> Vec<Audience> {
        self.facts
            .iter()
            .filter_map(|fact| match fact {
                CaseFact::Child => Some(Audience::Children),
                CaseFact::Adult => Some(Audience::Adults),
                CaseFact::Female => Some(Audience::Women),
                CaseFact::Male => Some(Audience::Men),
                CaseFact::ForeignNational => Some(Audience::Foreigners),
                CaseFact::AsylumSeeker => Some(Audience::AsylumSeekers),
                _ => None,
            })
            .collect()
    }
}

fn path_fact(path: AgePathKind) -> CaseFact {
    match path {
        AgePathKind::Child => CaseFact::Child,
        AgePathKind::Adult => CaseFact::Adult,
    }
}

fn sex_fact(sex: Sex) -> Option<CaseFact> {
    match sex {
        Sex::Female => Some(CaseFact::Female),
        Sex::Male => Some(CaseFact::Male),
        Sex::Other | Sex::NotRecorded => None,
    }
}
