//! Referral tests: every validation rule, the age path that chooses between consent and child
//! safeguards, the two ways a draft starts, the country list, and a property test that the
//! validator never panics and only names known fields, in form order. This file holds the
//! fixtures; each submodule one group of rules.

use std::collections::HashSet;

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::age::{AgePathKind, AgePathReason};
use crate::screening::{
    AgencyType, Learnt, Observation, PersonBasics, Screening, ScreeningContext, Sex,
};
use crate::validation::{FieldIssue, IssueCode, MAX_LONG_TEXT, MAX_SHORT_TEXT};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
}

fn place(country: &str, locality: &str, from: &str, to: &str) -> Place {
    Place {
        country: country.into(),
        locality: locality.into(),
        from: from.into(),
        to: to.into(),
    }
}

fn observation(indicator: &str, note: &str) -> Observation {
    Observation {
        indicator: indicator.into(),
        learnt: Learnt::Disclosed,
        note: note.into(),
    }
}

/// A complete referral of an adult, with nothing to report.
fn adult() -> Referral {
    Referral {
        id: "0192f0c4-0000-7000-8000-000000000001".into(),
        created_at: "2026-11-27T10:00:00+01:00".into(),
        updated_at: "2026-11-27T10:30:00+01:00".into(),
        screening_id: None,
        referrer: Referrer {
            agency: AgencyType::LabourInspection,
            officer_name: "Marija Petrović".into(),
            officer_contact: "+381 11 123 4567".into(),
        },
        contact: ReferralContact {
            date: "2026-11-27".into(),
            place: "Subotica".into(),
            circumstances: "Inspection of a farm.\n\tTwo workers without contracts.".into(),
            detection: Some(DetectionMethod::Inspection),
        },
        person: ReferredPerson {
            name: "A.".into(),
            sex: Sex::Male,
            date_of_birth: "1990-05-01".into(),
            estimated_age: None,
            age_uncertain: false,
            nationality: "NP".into(),
            stateless: false,
            languages: vec!["ne".into(), "en".into()],
            interpreter_used: true,
            identity_documents: IdentityDocuments::WithheldBySomeone,
            legal_status: LegalStatus::RegularStay,
            legal_status_note: "Work visa, expired.".into(),
        },
        places: ReferralPlaces {
            recruitment: place("NP", "Kathmandu", "2025", "2025-03"),
            transit: vec![
                place("AE", "Dubai", "2025-04-10", "2025-04-12"),
                place("HU", "", "", ""),
            ],
            exploitation: place("RS", "Subotica", "2025-04", ""),
        },
        exploitation: ReferralExploitation {
            types: vec![ExploitationType::LabourExploitation],
            labour_sector: "Agriculture".into(),
        },
        indicators: ReferralIndicators {
            indicator_set: "ilo-adults-labour".into(),
            catalogue_version: "2026.1".into(),
            observations: vec![observation("CD.passport", "Employer keeps the passport.")],
            narrative: "Recruited by an agency.\nDebt for travel.".into(),
        },
        needs: Needs {
            shelter: true,
            note: "Needs a place tonight.".into(),
            ..Needs::default()
        },
        risks: Risks {
            to_person: true,
            note: "The employer knows where he sleeps.".into(),
            ..Risks::default()
        },
        urgency: Urgency::Urgent,
        consent: Consent {
            consent_to_referral: true,
            consent_to_data_processing: true,
            consent_language: "ne".into(),
        },
        child: ChildSafeguards::default(),
    }
}

/// A complete referral of a child, with nothing to report.
fn child() -> Referral {
    let mut r = adult();
    r.person.date_of_birth = "2010-02-01".into();
    r.exploitation.types = vec![ExploitationType::Begging];
    r.exploitation.labour_sector = String::new();
    r.consent = Consent::default();
    r.child = ChildSafeguards {
        act: Some(crate::screening::ChildAct::NotKnown),
        child_views: "Wants to call her mother first.".into(),
        social_work_centre_notified: true,
        social_work_centre: "Centar za socijalni rad Subotica".into(),
        guardian_status: GuardianStatus::Requested,
    };
    r
}

fn issues(r: &Referral) -> Vec<FieldIssue> {
    validate_referral(r, today())
}

fn codes(r: &Referral) -> Vec<(String, IssueCode)> {
    issues(r).into_iter().map(|i| (i.field, i.code)).collect()
}

fn one(field: &str, code: IssueCode) -> Vec<(String, IssueCode)> {
    vec![(field.to_owned(), code)]
}

fn param(issue: &FieldIssue, key: &str) -> String {
    issue.params.get(key).cloned().unwrap_or_default()
}

/// Every exploitation type, for tests that go through them all.
const ALL_TYPES: [ExploitationType; 12] = ExploitationType::ALL;

mod dates_places;
mod drafts;
mod limits;
mod paths;
mod property;
