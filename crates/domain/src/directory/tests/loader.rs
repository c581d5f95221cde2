//! Loader tests: the built-in directory is valid and holds the national lines DOMAIN.md names,
//! unverified and saying so; a copy broken against each rule is refused with the place of the
//! problem; every category is offered.

use serde_json::{json, Value};

use super::*;

#[test]
fn built_in_directory_is_valid() {
    if let Err(error) = built_in() {
        panic!("{error}");
    }
}

#[test]
fn built_in_directory_holds_the_national_lines_with_their_hours() {
    let directory = built_in_directory();
    let numbers = |id: &str| -> Vec<String> {
        service(&directory, id)
            .phones
            .iter()
            .map(|phone| phone.number.clone())
            .collect()
    };
    assert_eq!(
        numbers("astra-sos-line"),
        ["+381 11 785 0000", "0800 101 201"]
    );
    assert_eq!(numbers("astra-missing-children"), ["116000"]);
    assert_eq!(numbers("nadel-116111"), ["116111"]);
    assert_eq!(numbers("police-192"), ["192"]);
    assert_eq!(numbers("emergency-medical-194"), ["194"]);
    assert_eq!(numbers("fire-rescue-193"), ["193"]);

    // ASTRA's line is a working-day, daytime line, not a 24-hour one; the children's lines are.
    let sos = &service(&directory, "astra-sos-line").phones[0].hours;
    assert!(
        open_at(sos, at("2026-12-02", "10:00")),
        "a Wednesday morning"
    );
    assert!(
        !open_at(sos, at("2026-12-02", "02:00")),
        "a Wednesday night"
    );
    assert!(!open_at(sos, at("2026-12-05", "10:00")), "a Saturday");
    for id in ["astra-missing-children", "nadel-116111", "police-192"] {
        assert_eq!(
            service(&directory, id).phones[0].hours,
            Hours::Always,
            "{id}"
        );
    }
}

#[test]
fn built_in_directory_invents_nothing() {
    let directory = built_in_directory();
    for (_, service) in directory.services() {
        // Nothing here was confirmed with the service, so nothing may claim to have been.
        assert_eq!(service.source.verified_on, None, "{}", service.id);
        assert!(!service.source.name.trim().is_empty(), "{}", service.id);
    }
    // The Center's number and the Centres for Social Work are said to be missing, not made up.
    let missing: Vec<&str> = directory
        .not_included
        .iter()
        .map(|text| text.en.as_str())
        .collect();
    assert!(missing
        .iter()
        .any(|text| text.contains("Center for the Protection")));
    assert!(missing
        .iter()
        .any(|text| text.contains("Centres for Social Work")));
    assert!(!directory
        .services()
        .any(|(_, s)| s.categories.contains(&Category::SocialWorkCentre)));
}

#[test]
fn built_in_directory_lists_serbias_districts_and_municipalities() {
    let directory = built_in_directory();
    assert_eq!(
        directory.districts.len(),
        25,
        "24 districts and the City of Belgrade"
    );
    let municipalities: usize = directory
        .districts
        .iter()
        .map(|district| district.municipalities.len())
        .sum();
    assert_eq!(
        municipalities, 161,
        "144 outside Belgrade and its 17 city municipalities"
    );
    let kikinda = directory.district_of("kikinda").map(|d| d.id.as_str());
    assert_eq!(kikinda, Some("severnobanatski"));
    let name = directory
        .district_of("novi-beograd")
        .map(|d| d.name.en.as_str());
    assert_eq!(name, Some("City of Belgrade"));
}

/// Each rule of the loader, broken once in a copy of the built-in directory: the place named
/// and a word of the problem.
#[test]
fn a_directory_broken_against_each_rule_is_refused_at_the_place() {
    let first_service = "/organizations/0/services/0";
    let first_phone = "/organizations/0/services/0/phones/0";
    let slot = "/organizations/0/services/0/phones/0/hours/slots/0";
    let cases: Vec<(String, Value, &str, &str)> = vec![
        ("/format".into(), json!(2), "format", "not supported"),
        ("/id".into(), json!("Help Directory"), "id", "identifier"),
        ("/version".into(), json!(" "), "version", "empty"),
        (
            "/published".into(),
            json!("3.12.2026"),
            "published",
            "YYYY-MM-DD",
        ),
        ("/notes/sr-Latn".into(), json!(""), "notes", "sr-Latn"),
        (
            "/not_included/0/en".into(),
            json!(""),
            "not_included[0]",
            "en",
        ),
        (
            "/districts/1/id".into(),
            json!("severnobacki"),
            "districts",
            "appears twice",
        ),
        (
            "/districts/1/municipalities/0/id".into(),
            json!("subotica"),
            "districts[].municipalities",
            "appears twice",
        ),
        (
            "/districts/0/municipalities".into(),
            json!([]),
            "districts[0].municipalities",
            "at least one",
        ),
        (
            "/districts/0/name/en".into(),
            json!(""),
            "districts[0].name",
            "en",
        ),
        (
            "/organizations".into(),
            json!([]),
            "organizations",
            "no service",
        ),
        (
            "/organizations/1/id".into(),
            json!("astra"),
            "organizations",
            "appears twice",
        ),
        (
            "/organizations/0/url".into(),
            json!("www.astra.rs"),
            "organizations[0].url",
            "web address",
        ),
        (
            "/organizations/1/services/0/id".into(),
            json!("astra-sos-line"),
            "organizations[].services",
            "appears twice",
        ),
        (
            format!("{first_service}/categories"),
            json!([]),
            "organizations[0].services[0].categories",
            "at least one",
        ),
        (
            format!("{first_service}/categories"),
            json!(["police", "police"]),
            "organizations[0].services[0].categories",
            "twice",
        ),
        (
            format!("{first_service}/audiences"),
            json!(["everyone", "children"]),
            "organizations[0].services[0].audiences",
            "stands alone",
        ),
        (
            format!("{first_service}/area"),
            json!({"scope": "municipalities", "ids": ["atlantis"]}),
            "organizations[0].services[0].area.ids[0]",
            "no municipality `atlantis`",
        ),
        (
            format!("{first_service}/area"),
            json!({"scope": "districts", "ids": ["kikinda"]}),
            "organizations[0].services[0].area.ids[0]",
            "no district",
        ),
        (
            format!("{first_service}/area"),
            json!({"scope": "districts", "ids": []}),
            "organizations[0].services[0].area.ids",
            "at least one",
        ),
        (
            format!("{first_service}/phones"),
            json!([]),
            "organizations[0].services[0].phones",
            "at least one",
        ),
        (
            format!("{first_phone}/number"),
            json!("011/785-0000"),
            "organizations[0].services[0].phones[0].number",
            "not a phone number",
        ),
        (
            format!("{first_phone}/number"),
            json!("19"),
            "organizations[0].services[0].phones[0].number",
            "3 to 15 digits",
        ),
        (
            format!("{first_phone}/number"),
            json!("+381  11 785 0000"),
            "organizations[0].services[0].phones[0].number",
            "one space",
        ),
        (
            format!("{first_phone}/languages"),
            json!(["sr", "serbian language"]),
            "organizations[0].services[0].phones[0].languages[1]",
            "language tag",
        ),
        (
            format!("{first_phone}/languages"),
            json!(["sr", "sr"]),
            "organizations[0].services[0].phones[0].languages",
            "appears twice",
        ),
        (
            format!("{first_phone}/hours/slots"),
            json!([]),
            "organizations[0].services[0].phones[0].hours.slots",
            "at least one slot",
        ),
        (
            format!("{slot}/days"),
            json!([]),
            "organizations[0].services[0].phones[0].hours.slots[0].days",
            "at least one",
        ),
        (
            format!("{slot}/opens"),
            json!("9:00"),
            "organizations[0].services[0].phones[0].hours.slots[0].opens",
            "HH:MM",
        ),
        (
            format!("{slot}/closes"),
            json!("24:30"),
            "organizations[0].services[0].phones[0].hours.slots[0].closes",
            "HH:MM",
        ),
        (
            format!("{slot}/closes"),
            json!("08:00"),
            "organizations[0].services[0].phones[0].hours.slots[0].closes",
            "closes after it opens",
        ),
        (
            format!("{first_service}/source/name"),
            json!(""),
            "organizations[0].services[0].source.name",
            "empty",
        ),
        (
            format!("{first_service}/source/as_of"),
            json!("spring 2022"),
            "organizations[0].services[0].source.as_of",
            "not a date",
        ),
        (
            format!("{first_service}/source/verified_on"),
            json!("2027-01-01"),
            "organizations[0].services[0].source.verified_on",
            "after the directory was published",
        ),
        (
            format!("{first_service}/address"),
            json!(""),
            "organizations[0].services[0].address",
            "empty",
        ),
    ];
    refused_at(cases);
}

#[test]
fn a_shelters_address_is_never_public() {
    let shelter = json!({
        "id": "shelter-one",
        "name": {"en": "A shelter", "sr-Latn": "Sigurna kuća"},
        "description": {"en": "Somewhere safe to sleep.", "sr-Latn": "Bezbedno mesto za spavanje."},
        "categories": ["shelter"],
        "audiences": ["women"],
        "area": {"scope": "municipalities", "ids": ["kikinda"]},
        "phones": [{"number": "0230 000 000", "free_of_charge": null, "hours": {"kind": "always"},
                    "languages": ["sr"], "note": null}],
        "address": "A street, Kikinda",
        "sensitivity": "public",
        "source": {"name": "A test", "url": null, "as_of": "2026", "verified_on": "2026-11-30"}
    });
    let mut directory = built_in_value();
    let services = directory
        .pointer_mut("/organizations/0/services")
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("no services"));
    services.push(shelter);
    let error = refused(&directory);
    assert_eq!(error.place, "organizations[0].services[2].sensitivity");
    assert!(error.problem.contains("workers only"), "{error}");

    *directory
        .pointer_mut("/organizations/0/services/2/sensitivity")
        .unwrap_or_else(|| panic!("no shelter")) = json!("workers_only");
    let loaded = load(&directory.to_string()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        service(&loaded, "shelter-one").sensitivity,
        Sensitivity::WorkersOnly
    );
}

#[test]
fn malformed_json_and_unknown_fields_are_refused_with_a_line() {
    let error = refused(&Value::String("not a directory".into()));
    assert!(error.place.starts_with("line 1"), "{error}");
    let mut extra = built_in_value();
    extra["organizations"][0]["services"][0]["secret"] = json!(true);
    let error = refused(&extra);
    assert!(error.problem.contains("secret"), "{error}");
}

/// `Category::ALL` is what the Help view offers: a new category that is not in it fails here
/// (the match has no wildcard, so it does not compile without a number either).
#[test]
fn every_category_is_offered_once() {
    fn number(category: Category) -> usize {
        match category {
            Category::SosHelpline => 0,
            Category::Police => 1,
            Category::EmergencyMedical => 2,
            Category::FireRescue => 3,
            Category::SocialWorkCentre => 4,
            Category::Shelter => 5,
            Category::LegalAid => 6,
            Category::Interpreting => 7,
            Category::LabourInspection => 8,
            Category::Asylum => 9,
            Category::ChildProtection => 10,
            Category::ReturnReintegration => 11,
        }
    }
    let offered: std::collections::BTreeSet<usize> =
        Category::ALL.into_iter().map(number).collect();
    assert_eq!(offered, (0..12).collect());
    fn group(audience: Audience) -> Option<usize> {
        match audience {
            Audience::Everyone => None,
            Audience::Children => Some(0),
            Audience::Adults => Some(1),
            Audience::Women => Some(2),
            Audience::Men => Some(3),
            Audience::Foreigners => Some(4),
            Audience::AsylumSeekers => Some(5),
        }
    }
    let groups: std::collections::BTreeSet<Option<usize>> =
        Audience::GROUPS.into_iter().map(group).collect();
    assert_eq!(groups, (0..6).map(Some).collect());
}
