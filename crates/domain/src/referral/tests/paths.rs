//! Indicators, the age path with consent or child safeguards, and languages.

use super::*;

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
