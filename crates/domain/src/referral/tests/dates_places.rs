//! Dates and ages, places, countries and exploitation types.

use super::*;

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

/// The UI's country picker offers the backend's own list: this writes it next to the generated
/// types, where the UI reads it (`make test` fails if the committed file differs).
#[test]
fn export_the_country_codes_for_the_ui() {
    let directory = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|e| panic!("{e}"));
    let text = serde_json::to_string_pretty(COUNTRY_CODES).unwrap_or_else(|e| panic!("{e}")) + "\n";
    let path = std::path::Path::new(&directory).join("countryCodes.json");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
