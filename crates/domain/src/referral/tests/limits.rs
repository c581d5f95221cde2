//! Lengths, characters, and the order and contract of issues.

use super::*;

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
