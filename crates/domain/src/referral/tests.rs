//! Referral tests: every validation rule, the age path that chooses between consent and child
//! safeguards, the two ways a draft starts, the country list, and a property test that the
//! validator never panics and only names known fields, in form order.

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

// ---------------------------------------------------------------- complete and blank drafts

#[test]
fn complete_adult_and_child_referrals_have_no_issues() {
    assert_eq!(codes(&adult()), vec![]);
    assert_eq!(referral_path(&adult(), today()).kind, AgePathKind::Adult);
    assert_eq!(codes(&child()), vec![]);
    assert_eq!(referral_path(&child(), today()).kind, AgePathKind::Child);
}

#[test]
fn blank_referral_starts_on_the_child_path_with_todays_date() {
    let r = Referral::blank(
        "r1".into(),
        AgencyType::Police,
        today(),
        "2026-11-28T09:00:00Z",
    );
    assert_eq!(r.id, "r1");
    assert_eq!(r.created_at, "2026-11-28T09:00:00Z");
    assert_eq!(r.updated_at, "2026-11-28T09:00:00Z");
    assert_eq!(r.referrer.agency, AgencyType::Police);
    assert_eq!(r.contact.date, "2026-11-28");
    assert_eq!(r.urgency, Urgency::Routine);
    assert_eq!(r.child.guardian_status, GuardianStatus::NotYetRequested);
    assert_eq!(r.person.identity_documents, IdentityDocuments::Unknown);
    let path = referral_path(&r, today());
    assert_eq!(
        (path.kind, path.reason),
        (AgePathKind::Child, AgePathReason::AgeUnknown)
    );
    assert_eq!(
        codes(&r),
        vec![
            ("referrer.officer_name".into(), IssueCode::Required),
            ("contact.place".into(), IssueCode::Required),
            ("contact.detection".into(), IssueCode::Required),
            ("person.name".into(), IssueCode::Required),
            ("exploitation.types".into(), IssueCode::Required),
            ("child.child_views".into(), IssueCode::Required),
            (
                "child.social_work_centre_notified".into(),
                IssueCode::MustBeConfirmed
            ),
            ("child.social_work_centre".into(), IssueCode::Required),
        ]
    );
}

#[test]
fn from_screening_carries_context_person_and_observations_only() {
    let screening = Screening {
        id: "s1".into(),
        created_at: "2026-11-20T08:00:00Z".into(),
        updated_at: "2026-11-20T09:00:00Z".into(),
        context: ScreeningContext {
            agency: AgencyType::BorderPolice,
            place: "Horgoš".into(),
            contact_date: "2026-11-20".into(),
            interview_language: "ar".into(),
            interpreter_present: true,
        },
        person: PersonBasics {
            alias: "F.".into(),
            sex: Sex::Female,
            date_of_birth: String::new(),
            estimated_age: Some(16),
            age_uncertain: true,
        },
        indicator_set: "ilo-children-labour".into(),
        observations: vec![observation("DR.s1", "Said she owes money.")],
    };
    let r = Referral::from_screening(&screening, "r2".into(), "2026-11-28T10:00:00Z");
    assert_eq!(r.id, "r2");
    assert_eq!(r.screening_id.as_deref(), Some("s1"));
    assert_eq!(r.created_at, "2026-11-28T10:00:00Z");
    assert_eq!(r.updated_at, "2026-11-28T10:00:00Z");
    assert_eq!(r.referrer.agency, AgencyType::BorderPolice);
    assert_eq!(r.referrer.officer_name, "");
    assert_eq!(r.contact.place, "Horgoš");
    assert_eq!(r.contact.date, "2026-11-20");
    assert_eq!(r.contact.detection, None);
    assert_eq!(r.person.name, "F.");
    assert_eq!(r.person.sex, Sex::Female);
    assert_eq!(r.person.estimated_age, Some(16));
    assert!(r.person.age_uncertain);
    assert_eq!(r.person.languages, vec!["ar".to_owned()]);
    assert!(r.person.interpreter_used);
    assert_eq!(r.indicators.indicator_set, "ilo-children-labour");
    assert_eq!(r.indicators.catalogue_version, "");
    assert_eq!(r.indicators.observations, screening.observations);
    assert_eq!(r.places, ReferralPlaces::default());
    assert_eq!(r.exploitation, ReferralExploitation::default());
    assert_eq!(r.consent, Consent::default());
    assert_eq!(r.child, ChildSafeguards::default());

    let mut no_language = screening.clone();
    no_language.context.interview_language = "  ".into();
    let r = Referral::from_screening(&no_language, "r3".into(), "now");
    assert!(r.person.languages.is_empty());
}

// ---------------------------------------------------------------- required fields

#[test]
fn required_fields_are_named_in_form_order() {
    let mut r = adult();
    r.referrer.officer_name = "  ".into();
    r.contact.place = String::new();
    r.contact.detection = None;
    r.person.name = "\t".into();
    r.exploitation.types.clear();
    r.exploitation.labour_sector = String::new();
    assert_eq!(
        codes(&r),
        vec![
            ("referrer.officer_name".into(), IssueCode::Required),
            ("contact.place".into(), IssueCode::Required),
            ("contact.detection".into(), IssueCode::Required),
            ("person.name".into(), IssueCode::Required),
            ("exploitation.types".into(), IssueCode::Required),
        ]
    );
}

#[test]
fn officer_contact_and_free_texts_are_optional() {
    let mut r = adult();
    r.referrer.officer_contact = String::new();
    r.contact.circumstances = String::new();
    r.person.legal_status_note = String::new();
    r.person.languages.clear();
    r.places = ReferralPlaces::default();
    r.indicators = ReferralIndicators::default();
    r.needs = Needs::default();
    r.risks = Risks::default();
    assert_eq!(codes(&r), vec![]);
}

#[test]
fn every_urgency_and_guardian_status_is_accepted() {
    for urgency in [Urgency::Routine, Urgency::Urgent, Urgency::Immediate] {
        let mut r = adult();
        r.urgency = urgency;
        assert_eq!(codes(&r), vec![]);
    }
    for status in [
        GuardianStatus::Appointed,
        GuardianStatus::Requested,
        GuardianStatus::NotYetRequested,
        GuardianStatus::ParentOrLegalGuardianPresent,
    ] {
        let mut r = child();
        r.child.guardian_status = status;
        assert_eq!(codes(&r), vec![]);
    }
}

// ---------------------------------------------------------------- dates and ages

#[test]
fn contact_date_is_required_valid_and_not_in_the_future() {
    let mut r = adult();
    r.contact.date = String::new();
    assert_eq!(codes(&r), one("contact.date", IssueCode::Required));
    r.contact.date = "2026-02-30".into();
    assert_eq!(codes(&r), one("contact.date", IssueCode::InvalidDate));
    r.contact.date = "2026-11-29".into();
    assert_eq!(codes(&r), one("contact.date", IssueCode::InFuture));
    r.contact.date = "2026-11-28".into();
    assert_eq!(codes(&r), vec![]);
}

/// Complete on both paths, so that an age change does not bring in path issues.
fn either_path() -> Referral {
    let mut r = adult();
    r.child = child().child;
    r
}

#[test]
fn date_of_birth_is_valid_before_contact_and_at_most_120_years_back() {
    let mut r = either_path();
    r.person.date_of_birth = "1990-13-01".into();
    assert_eq!(
        codes(&r),
        one("person.date_of_birth", IssueCode::InvalidDate)
    );
    r.person.date_of_birth = "2026-11-28".into();
    assert_eq!(
        codes(&r),
        one("person.date_of_birth", IssueCode::AfterContactDate)
    );
    r.person.date_of_birth = "2027-01-01".into();
    assert_eq!(codes(&r), one("person.date_of_birth", IssueCode::InFuture));
    r.person.date_of_birth = "1905-11-27".into(); // 121 on the contact date
    let found = issues(&r);
    assert_eq!(
        codes(&r),
        one("person.date_of_birth", IssueCode::AgeOver120)
    );
    assert_eq!(param(&found[0], "max"), "120");
    r.person.date_of_birth = "1905-11-28".into(); // 120
    assert_eq!(codes(&r), vec![]);
}

#[test]
fn estimated_age_is_at_most_120() {
    let mut r = adult();
    r.person.date_of_birth = String::new();
    r.person.estimated_age = Some(121);
    assert_eq!(
        codes(&r),
        one("person.estimated_age", IssueCode::AgeOver120)
    );
    r.person.estimated_age = Some(120);
    assert_eq!(codes(&r), vec![]);
}

#[test]
fn estimate_more_than_five_years_from_date_of_birth_is_questioned() {
    // Born 1990-05-01: 36 on the contact date 2026-11-27.
    let mut r = adult();
    for fine in [31, 36, 41] {
        r.person.estimated_age = Some(fine);
        assert_eq!(codes(&r), vec![], "estimate {fine}");
    }
    for off in [30, 42, 0] {
        r.person.estimated_age = Some(off);
        let found = issues(&r);
        assert_eq!(found.len(), 1, "estimate {off}");
        assert_eq!(found[0].field, "person.estimated_age");
        assert_eq!(found[0].code, IssueCode::AgeMismatch);
        assert_eq!(param(&found[0], "age"), "36");
        assert_eq!(param(&found[0], "max"), "5");
    }
}

#[test]
fn no_age_mismatch_when_either_age_already_has_an_issue() {
    let mut r = adult();
    r.person.estimated_age = Some(500);
    assert_eq!(
        codes(&r),
        one("person.estimated_age", IssueCode::AgeOver120)
    );
    r.person.estimated_age = Some(10);
    r.person.date_of_birth = "1990-02-30".into();
    // An invalid date of birth leaves the estimate to decide the path: a child of 10.
    r.consent = Consent::default();
    r.child = child().child;
    assert_eq!(
        codes(&r),
        one("person.date_of_birth", IssueCode::InvalidDate)
    );
}

#[test]
fn age_mismatch_is_counted_on_today_when_the_contact_date_is_unusable() {
    let mut r = adult();
    r.contact.date = "soon".into();
    r.person.date_of_birth = "2000-11-28".into(); // 26 today
    r.person.estimated_age = Some(20);
    assert_eq!(
        codes(&r),
        vec![
            ("contact.date".into(), IssueCode::InvalidDate),
            ("person.estimated_age".into(), IssueCode::AgeMismatch),
        ]
    );
    assert_eq!(param(&issues(&r)[1], "age"), "26");
}

// ---------------------------------------------------------------- places

#[test]
fn place_dates_may_be_a_year_a_month_or_a_day() {
    let mut r = adult();
    for (from, to) in [
        ("2024", "2025"),
        ("2024-02", "2024-02"),
        ("2024-02-29", "2024-03"),
        ("2024-05-20", "2024-05"),
        ("2024", "2024-01-01"),
        (" 2024-06 ", ""),
        ("", "2026-11"),
        ("2026-11-28", "2026"),
    ] {
        r.places.exploitation = place("RS", "Novi Sad", from, to);
        assert_eq!(codes(&r), vec![], "{from}..{to}");
    }
}

#[test]
fn impossible_place_dates_are_invalid() {
    let mut r = adult();
    for bad in [
        "2025-13",
        "2025-00",
        "2023-02-29",
        "25",
        "2025-1",
        "2025-01-5",
        "2025/01",
        "May 2025",
        "2025-01-01-01",
        "+2025",
        "-2025",
    ] {
        r.places.recruitment = place("NP", "", bad, "");
        assert_eq!(
            codes(&r),
            one("places.recruitment.from", IssueCode::InvalidPartialDate),
            "{bad}"
        );
    }
}

#[test]
fn place_dates_are_not_in_the_future() {
    let mut r = adult();
    r.places.exploitation = place("RS", "", "2026-12", "2027");
    assert_eq!(
        codes(&r),
        vec![
            ("places.exploitation.from".into(), IssueCode::InFuture),
            ("places.exploitation.to".into(), IssueCode::InFuture),
        ]
    );
    r.places.exploitation = place("RS", "", "2026-11-29", "");
    assert_eq!(
        codes(&r),
        one("places.exploitation.from", IssueCode::InFuture)
    );
}

#[test]
fn place_end_is_not_before_its_start() {
    let mut r = adult();
    r.places.transit[1] = place("HU", "Szeged", "2025-04-12", "2025-04-10");
    assert_eq!(
        codes(&r),
        one("places.transit.1.to", IssueCode::EndBeforeStart)
    );
    r.places.transit[1] = place("HU", "Szeged", "2025-05", "2025-04");
    assert_eq!(
        codes(&r),
        one("places.transit.1.to", IssueCode::EndBeforeStart)
    );
    r.places.transit[1] = place("HU", "Szeged", "2025", "2024-12-31");
    assert_eq!(
        codes(&r),
        one("places.transit.1.to", IssueCode::EndBeforeStart)
    );
}

// ---------------------------------------------------------------- countries

#[test]
fn country_list_has_the_249_current_codes_once_each_in_order() {
    assert_eq!(COUNTRY_CODES.len(), 249);
    let unique: HashSet<&str> = COUNTRY_CODES.iter().copied().collect();
    assert_eq!(unique.len(), COUNTRY_CODES.len());
    assert!(COUNTRY_CODES.windows(2).all(|w| w[0] < w[1]), "sorted");
    assert!(COUNTRY_CODES
        .iter()
        .all(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())));
    for known in [
        "RS", "AF", "SY", "NP", "SS", "GB", "AX", "ME", "MK", "CW", "ZW", "AD",
    ] {
        assert!(is_country_code(known), "{known}");
    }
    // Withdrawn, user-assigned, not a code, or not in capitals.
    for unknown in ["YU", "CS", "SU", "XK", "UK", "EU", "rs", "SRB", "", " RS"] {
        assert!(!is_country_code(unknown), "{unknown}");
    }
}

#[test]
fn nationality_and_place_countries_must_be_iso_codes() {
    let mut r = adult();
    r.person.nationality = "Nepal".into();
    r.places.recruitment.country = "np".into();
    r.places.transit[0].country = "XK".into();
    r.places.exploitation.country = "SRB".into();
    assert_eq!(
        codes(&r),
        vec![
            ("person.nationality".into(), IssueCode::InvalidCountryCode),
            (
                "places.recruitment.country".into(),
                IssueCode::InvalidCountryCode
            ),
            (
                "places.transit.0.country".into(),
                IssueCode::InvalidCountryCode
            ),
            (
                "places.exploitation.country".into(),
                IssueCode::InvalidCountryCode
            ),
        ]
    );
}

#[test]
fn unknown_nationality_is_empty_and_stateless_has_none() {
    let mut r = adult();
    r.person.nationality = String::new();
    assert_eq!(codes(&r), vec![]);
    r.person.stateless = true;
    assert_eq!(codes(&r), vec![]);
    r.person.nationality = "SY".into();
    assert_eq!(
        codes(&r),
        one("person.nationality", IssueCode::NotApplicable)
    );
}

// ---------------------------------------------------------------- exploitation

#[test]
fn labour_sector_is_required_for_labour_types_only() {
    let mut r = adult();
    r.exploitation.types = vec![ExploitationType::ForcedLabour];
    assert_eq!(codes(&r), vec![]);
    r.exploitation.labour_sector = " ".into();
    assert_eq!(
        codes(&r),
        one("exploitation.labour_sector", IssueCode::Required)
    );
    r.exploitation.types = vec![
        ExploitationType::SexualExploitation,
        ExploitationType::LabourExploitation,
    ];
    assert_eq!(
        codes(&r),
        one("exploitation.labour_sector", IssueCode::Required)
    );

    r.exploitation.labour_sector = "Construction".into();
    r.exploitation.types = vec![
        ExploitationType::SexualExploitation,
        ExploitationType::CriminalActivities,
    ];
    assert_eq!(
        codes(&r),
        one("exploitation.labour_sector", IssueCode::NotApplicable)
    );
    r.exploitation.labour_sector = String::new();
    assert_eq!(codes(&r), vec![]);
}

#[test]
fn only_the_two_labour_types_ask_for_a_sector() {
    let labour: Vec<ExploitationType> = ALL_TYPES
        .iter()
        .copied()
        .filter(|t| t.is_labour())
        .collect();
    assert_eq!(
        labour,
        vec![
            ExploitationType::LabourExploitation,
            ExploitationType::ForcedLabour
        ]
    );
}

// ---------------------------------------------------------------- indicators

#[test]
fn observations_need_their_indicator_set_and_key() {
    let mut r = adult();
    r.indicators.indicator_set = String::new();
    r.indicators.observations.push(observation(" ", "note"));
    assert_eq!(
        codes(&r),
        vec![
            ("indicators.indicator_set".into(), IssueCode::Required),
            (
                "indicators.observations.1.indicator".into(),
                IssueCode::Required
            ),
        ]
    );
    r.indicators.observations.clear();
    assert_eq!(codes(&r), vec![]);
}

// ---------------------------------------------------------------- path, consent, child

#[test]
fn adult_needs_both_consents_and_the_language_they_were_explained_in() {
    let mut r = adult();
    r.consent = Consent::default();
    assert_eq!(
        codes(&r),
        vec![
            (
                "consent.consent_to_referral".into(),
                IssueCode::ConsentRequired
            ),
            (
                "consent.consent_to_data_processing".into(),
                IssueCode::ConsentRequired
            ),
            ("consent.consent_language".into(), IssueCode::Required),
        ]
    );
    r.consent.consent_to_referral = true;
    r.consent.consent_language = "ne".into();
    assert_eq!(
        codes(&r),
        one(
            "consent.consent_to_data_processing",
            IssueCode::ConsentRequired
        )
    );
    r.consent.consent_language = "Nepali".into();
    r.consent.consent_to_data_processing = true;
    assert_eq!(
        codes(&r),
        one("consent.consent_language", IssueCode::InvalidLanguageTag)
    );
}

#[test]
fn child_referral_does_not_depend_on_consent() {
    let mut r = child();
    r.consent = Consent::default();
    assert_eq!(codes(&r), vec![]);
    // Recorded anyway, it must still be well-formed.
    r.consent.consent_language = "ar\n".into();
    assert_eq!(
        codes(&r),
        one("consent.consent_language", IssueCode::ControlCharacters)
    );
}

#[test]
fn child_needs_views_social_work_centre_notified_and_named() {
    let mut r = child();
    r.child = ChildSafeguards::default();
    assert_eq!(
        codes(&r),
        vec![
            ("child.child_views".into(), IssueCode::Required),
            (
                "child.social_work_centre_notified".into(),
                IssueCode::MustBeConfirmed
            ),
            ("child.social_work_centre".into(), IssueCode::Required),
        ]
    );
}

#[test]
fn adult_does_not_need_child_safeguards() {
    let mut r = adult();
    r.child = ChildSafeguards::default();
    assert_eq!(codes(&r), vec![]);
}

#[test]
fn uncertain_or_unknown_age_takes_the_child_path_even_for_an_adult_estimate() {
    let mut r = adult();
    r.person.age_uncertain = true;
    let path = referral_path(&r, today());
    assert_eq!(
        (path.kind, path.reason),
        (AgePathKind::Child, AgePathReason::AgeUncertain)
    );
    assert_eq!(
        codes(&r),
        vec![
            ("child.child_views".into(), IssueCode::Required),
            (
                "child.social_work_centre_notified".into(),
                IssueCode::MustBeConfirmed
            ),
            ("child.social_work_centre".into(), IssueCode::Required),
        ]
    );

    let mut r = adult();
    r.person.date_of_birth = String::new();
    assert_eq!(referral_path(&r, today()).reason, AgePathReason::AgeUnknown);
    r.person.estimated_age = Some(30);
    let path = referral_path(&r, today());
    assert_eq!(
        (path.kind, path.reason),
        (AgePathKind::Adult, AgePathReason::AdultByEstimate)
    );
}

#[test]
fn path_is_counted_on_the_contact_date_or_today_when_that_is_unusable() {
    let mut r = child();
    r.person.date_of_birth = "2008-11-28".into();
    // 17 on the contact date 2026-11-27, although 18 today.
    let path = referral_path(&r, today());
    assert_eq!((path.kind, path.age), (AgePathKind::Child, Some(17)));
    assert_eq!(codes(&r), vec![]);
    for unusable in ["", "27.11.2026", "2026-11-29"] {
        r.contact.date = unusable.into();
        let path = referral_path(&r, today());
        assert_eq!(
            (path.kind, path.age),
            (AgePathKind::Adult, Some(18)),
            "{unusable:?}"
        );
    }
}

// ---------------------------------------------------------------- languages

#[test]
fn language_tags_are_checked_for_shape() {
    for good in [
        "ar",
        "fa",
        "rom",
        "sr-Latn",
        "sr-Cyrl-RS",
        "zh-Hans-CN",
        "en-GB",
        "x-klingon",
        "es-419",
    ] {
        assert!(is_language_tag(good), "{good}");
    }
    for bad in [
        "",
        "a",
        "Arabic language",
        "ar_SY",
        "sr-",
        "-sr",
        "x",
        "1a",
        "abcdefghi",
        "sr-Latinized",
        "čš",
    ] {
        assert!(!is_language_tag(bad), "{bad}");
    }
}

#[test]
fn spoken_languages_are_tags_without_blanks() {
    let mut r = adult();
    r.person.languages = vec![
        "ne".into(),
        String::new(),
        "Nepali language".into(),
        "x".repeat(36),
        "ar\t".into(),
    ];
    let found = issues(&r);
    assert_eq!(
        codes(&r),
        vec![
            ("person.languages.1".into(), IssueCode::Required),
            ("person.languages.2".into(), IssueCode::InvalidLanguageTag),
            ("person.languages.3".into(), IssueCode::TooLong),
            ("person.languages.4".into(), IssueCode::ControlCharacters),
        ]
    );
    assert_eq!(param(&found[2], "max"), "35");
}

// ---------------------------------------------------------------- lengths and characters

#[test]
fn short_texts_are_at_most_200_characters() {
    let mut r = adult();
    r.referrer.officer_name = "ž".repeat(MAX_SHORT_TEXT);
    r.child.social_work_centre = "ž".repeat(MAX_SHORT_TEXT);
    assert_eq!(codes(&r), vec![]);
    r.referrer.officer_name.push('ž');
    r.places.recruitment.locality = "x".repeat(MAX_SHORT_TEXT + 1);
    r.child.social_work_centre.push('x');
    let found = issues(&r);
    assert_eq!(
        codes(&r),
        vec![
            ("referrer.officer_name".into(), IssueCode::TooLong),
            ("places.recruitment.locality".into(), IssueCode::TooLong),
            ("child.social_work_centre".into(), IssueCode::TooLong),
        ]
    );
    assert!(found.iter().all(|i| param(i, "max") == "200"));
}

#[test]
fn notes_are_at_most_10000_characters() {
    let mut r = adult();
    r.indicators.narrative = "n".repeat(MAX_LONG_TEXT);
    r.contact.circumstances = "c".repeat(MAX_LONG_TEXT);
    assert_eq!(codes(&r), vec![]);
    r.contact.circumstances.push('c');
    r.person.legal_status_note = "l".repeat(MAX_LONG_TEXT + 1);
    r.indicators.observations[0].note = "o".repeat(MAX_LONG_TEXT + 1);
    r.indicators.narrative.push('n');
    r.needs.note = "n".repeat(MAX_LONG_TEXT + 1);
    r.risks.note = "r".repeat(MAX_LONG_TEXT + 1);
    r.child.child_views = "v".repeat(MAX_LONG_TEXT + 1);
    let found = issues(&r);
    assert_eq!(
        codes(&r),
        vec![
            ("contact.circumstances".into(), IssueCode::TooLong),
            ("person.legal_status_note".into(), IssueCode::TooLong),
            ("indicators.observations.0.note".into(), IssueCode::TooLong),
            ("indicators.narrative".into(), IssueCode::TooLong),
            ("needs.note".into(), IssueCode::TooLong),
            ("risks.note".into(), IssueCode::TooLong),
            ("child.child_views".into(), IssueCode::TooLong),
        ]
    );
    assert!(found.iter().all(|i| param(i, "max") == "10000"));
}

#[test]
fn lists_have_a_maximum_length() {
    let mut r = adult();
    r.places.transit = vec![place("HU", "", "", ""); MAX_TRANSIT_PLACES];
    r.person.languages = vec!["ar".into(); MAX_LANGUAGES];
    r.indicators.observations = vec![observation("EX.hours", ""); MAX_OBSERVATIONS];
    assert_eq!(codes(&r), vec![]);
    r.places.transit.push(place("HU", "", "", ""));
    r.person.languages.push("fa".into());
    r.indicators.observations.push(observation("EX.pay", ""));
    let found = issues(&r);
    assert_eq!(
        codes(&r),
        vec![
            ("person.languages".into(), IssueCode::TooMany),
            ("places.transit".into(), IssueCode::TooMany),
            ("indicators.observations".into(), IssueCode::TooMany),
        ]
    );
    assert_eq!(param(&found[0], "max"), "10");
    assert_eq!(param(&found[1], "max"), "20");
    assert_eq!(param(&found[2], "max"), "200");
}

#[test]
fn single_line_fields_refuse_line_breaks_and_control_characters() {
    let mut r = adult();
    r.referrer.officer_name = "Marija\nPetrović".into();
    r.contact.place = "Novi\tSad".into();
    r.person.name = "A.\u{0007}".into();
    r.places.transit[0].locality = "Dubai\r".into();
    r.exploitation.labour_sector = "\u{001b}[31mfarm".into();
    assert_eq!(
        codes(&r),
        vec![
            ("referrer.officer_name".into(), IssueCode::ControlCharacters),
            ("contact.place".into(), IssueCode::ControlCharacters),
            ("person.name".into(), IssueCode::ControlCharacters),
            (
                "places.transit.0.locality".into(),
                IssueCode::ControlCharacters
            ),
            (
                "exploitation.labour_sector".into(),
                IssueCode::ControlCharacters
            ),
        ]
    );
}

#[test]
fn notes_allow_line_breaks_and_tabs_but_no_other_control_characters() {
    let mut r = adult();
    r.needs.note = "line one\r\nline two\tok".into();
    r.child.child_views = "views\n".into();
    assert_eq!(codes(&r), vec![]);
    r.risks.note = "bell\u{0007}".into();
    r.indicators.observations[0].note = "nul\u{0000}".into();
    assert_eq!(
        codes(&r),
        vec![
            (
                "indicators.observations.0.note".into(),
                IssueCode::ControlCharacters
            ),
            ("risks.note".into(), IssueCode::ControlCharacters),
        ]
    );
}

// ---------------------------------------------------------------- order and contract

#[test]
fn issues_from_every_section_come_in_form_order() {
    let mut r = adult();
    r.consent.consent_to_referral = false;
    r.risks.note = "\u{0000}".into();
    r.exploitation.types = vec![ExploitationType::Pornography];
    r.places.exploitation.to = "2024".into();
    r.places.recruitment.country = "ZZ".into();
    r.person.nationality = "ZZ".into();
    r.contact.detection = None;
    r.referrer.officer_name = String::new();
    let fields: Vec<String> = issues(&r).into_iter().map(|i| i.field).collect();
    assert_eq!(
        fields,
        vec![
            "referrer.officer_name",
            "contact.detection",
            "person.nationality",
            "places.recruitment.country",
            "places.exploitation.to",
            "exploitation.labour_sector",
            "risks.note",
            "consent.consent_to_referral",
        ]
    );
}

#[test]
fn serialises_with_the_field_and_enum_names_of_the_contract() {
    let json = serde_json::to_value(child()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["contact"]["detection"], "inspection");
    assert_eq!(json["person"]["identity_documents"], "withheld_by_someone");
    assert_eq!(json["person"]["legal_status"], "regular_stay");
    assert_eq!(json["exploitation"]["types"][0], "begging");
    assert_eq!(json["urgency"], "urgent");
    assert_eq!(json["child"]["guardian_status"], "requested");
    assert_eq!(json["places"]["transit"][0]["from"], "2025-04-10");
    assert_eq!(json["screening_id"], serde_json::Value::Null);
    let back: Referral = serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, child());

    let mut blank = Referral::blank("b".into(), AgencyType::Ngo, today(), "now");
    blank.child.guardian_status = GuardianStatus::ParentOrLegalGuardianPresent;
    let json = serde_json::to_value(&blank).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(json["contact"]["detection"], serde_json::Value::Null);
    assert_eq!(
        json["child"]["guardian_status"],
        "parent_or_legal_guardian_present"
    );
    let codes = [
        (IssueCode::TooMany, "too_many"),
        (IssueCode::NotApplicable, "not_applicable"),
        (IssueCode::ConsentRequired, "consent_required"),
        (IssueCode::MustBeConfirmed, "must_be_confirmed"),
        (IssueCode::InvalidCountryCode, "invalid_country_code"),
        (IssueCode::InvalidLanguageTag, "invalid_language_tag"),
        (IssueCode::InvalidPartialDate, "invalid_partial_date"),
        (IssueCode::EndBeforeStart, "end_before_start"),
        (IssueCode::AgeMismatch, "age_mismatch"),
    ];
    for (code, name) in codes {
        assert_eq!(serde_json::to_value(code).unwrap_or_default(), name);
    }
}

// ---------------------------------------------------------------- property

const ALL_TYPES: [ExploitationType; 12] = [
    ExploitationType::LabourExploitation,
    ExploitationType::ForcedLabour,
    ExploitationType::CriminalActivities,
    ExploitationType::SexualExploitation,
    ExploitationType::Begging,
    ExploitationType::Pornography,
    ExploitationType::SlaveryOrSimilar,
    ExploitationType::OrganRemoval,
    ExploitationType::ArmedConflict,
    ExploitationType::ForcedMarriage,
    ExploitationType::IllegalAdoption,
    ExploitationType::Other,
];

const DETECTIONS: [DetectionMethod; 8] = [
    DetectionMethod::Inspection,
    DetectionMethod::Outreach,
    DetectionMethod::SelfReport,
    DetectionMethod::ThirdPartyReport,
    DetectionMethod::PoliceOperation,
    DetectionMethod::BorderCheck,
    DetectionMethod::AsylumProcedure,
    DetectionMethod::Other,
];

/// Every field path the validator may name for `r`, in form order.
fn known_paths(r: &Referral) -> Vec<String> {
    let mut paths: Vec<String> = [
        "referrer.officer_name",
        "referrer.officer_contact",
        "contact.date",
        "contact.place",
        "contact.circumstances",
        "contact.detection",
        "person.name",
        "person.date_of_birth",
        "person.estimated_age",
        "person.nationality",
        "person.languages",
    ]
    .map(String::from)
    .to_vec();
    paths.extend((0..r.person.languages.len()).map(|i| format!("person.languages.{i}")));
    paths.push("person.legal_status_note".into());
    let place = |paths: &mut Vec<String>, prefix: &str| {
        for part in ["country", "locality", "from", "to"] {
            paths.push(format!("{prefix}.{part}"));
        }
    };
    place(&mut paths, "places.recruitment");
    paths.push("places.transit".into());
    for i in 0..r.places.transit.len() {
        place(&mut paths, &format!("places.transit.{i}"));
    }
    place(&mut paths, "places.exploitation");
    paths.extend(
        [
            "exploitation.types",
            "exploitation.labour_sector",
            "indicators.indicator_set",
            "indicators.catalogue_version",
            "indicators.observations",
        ]
        .map(String::from),
    );
    for i in 0..r.indicators.observations.len() {
        paths.push(format!("indicators.observations.{i}.indicator"));
        paths.push(format!("indicators.observations.{i}.note"));
    }
    paths.extend(
        [
            "indicators.narrative",
            "needs.note",
            "risks.note",
            "consent.consent_to_referral",
            "consent.consent_to_data_processing",
            "consent.consent_language",
            "child.child_views",
            "child.social_work_centre_notified",
            "child.social_work_centre",
        ]
        .map(String::from),
    );
    paths
}

/// Any text, including control characters, mixed with values shaped like dates, codes and tags
/// so that the deeper rules run too.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        "[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?",
        "(19|20)[0-9]{2}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]))?",
        "[A-Z]{2}",
        "[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,2}",
        Just(String::new()),
        (200usize..202).prop_map(|n| "é".repeat(n)),
    ]
}

fn place_strategy() -> impl Strategy<Value = Place> {
    (text(), text(), text(), text()).prop_map(|(country, locality, from, to)| Place {
        country,
        locality,
        from,
        to,
    })
}

prop_compose! {
    fn referral()(
        texts in proptest::collection::vec(text(), 20),
        flags in proptest::collection::vec(any::<bool>(), 32),
        estimated_age in proptest::option::of(prop_oneof![0u32..130, any::<u32>()]),
        detection in 0usize..=DETECTIONS.len(),
        languages in proptest::collection::vec(text(), 0..13),
        fixed_places in proptest::collection::vec(place_strategy(), 2),
        transit in proptest::collection::vec(place_strategy(), 0..23),
        observations in proptest::collection::vec((text(), text()), 0..4),
    ) -> Referral {
        let t = |i: usize| texts[i].clone();
        let mut r = Referral::blank(t(0), AgencyType::Other, today(), &t(1));
        r.referrer.officer_name = t(2);
        r.referrer.officer_contact = t(3);
        r.contact.date = t(4);
        r.contact.place = t(5);
        r.contact.circumstances = t(6);
        r.contact.detection = DETECTIONS.get(detection).copied();
        r.person.name = t(7);
        r.person.date_of_birth = t(8);
        r.person.estimated_age = estimated_age;
        r.person.age_uncertain = flags[0];
        r.person.nationality = t(9);
        r.person.stateless = flags[1];
        r.person.languages = languages;
        r.person.legal_status_note = t(10);
        r.places.recruitment = fixed_places[0].clone();
        r.places.transit = transit;
        r.places.exploitation = fixed_places[1].clone();
        r.exploitation.types = ALL_TYPES.iter().zip(&flags[2..14]).filter(|(_, on)| **on).map(|(t, _)| *t).collect();
        r.exploitation.labour_sector = t(11);
        r.indicators.indicator_set = t(12);
        r.indicators.catalogue_version = t(13);
        r.indicators.observations = observations
            .into_iter()
            .map(|(indicator, note)| Observation { indicator, learnt: Learnt::Observed, note })
            .collect();
        r.indicators.narrative = t(14);
        r.needs.note = t(15);
        r.risks.note = t(16);
        r.consent.consent_to_referral = flags[14];
        r.consent.consent_to_data_processing = flags[15];
        r.consent.consent_language = t(17);
        r.child.child_views = t(18);
        r.child.social_work_centre_notified = flags[16];
        r.child.social_work_centre = t(19);
        r
    }
}

proptest! {
    #[test]
    fn validator_never_panics_and_names_only_known_fields_in_form_order(r in referral()) {
        let found = validate_referral(&r, today());
        let _ = referral_path(&r, today());
        let known = known_paths(&r);
        let mut last = 0;
        for issue in &found {
            let position = known.iter().position(|p| *p == issue.field);
            prop_assert!(position.is_some(), "unknown field {:?}", issue.field);
            let position = position.unwrap_or_default();
            prop_assert!(position >= last, "{:?} out of form order", issue.field);
            last = position;
        }
    }
}
