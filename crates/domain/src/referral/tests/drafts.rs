//! Complete and blank drafts, from a screening, and required fields.

use super::*;

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
        child_act: Some(crate::screening::ChildAct::Yes),
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
    assert_eq!(
        r.child,
        ChildSafeguards {
            act: Some(crate::screening::ChildAct::Yes),
            ..ChildSafeguards::default()
        }
    );

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
