//! The validator never panics and names only known fields, in form order.

use super::*;

// ---------------------------------------------------------------- property

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
        let known = field_paths(&r);
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
