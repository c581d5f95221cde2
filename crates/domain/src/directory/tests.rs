//! Loader tests: the built-in directory is valid and holds the national lines DOMAIN.md names,
//! unverified and saying so; a copy broken against each rule is refused with the place of the
//! problem; the hours and the freshness read as a worker would read them.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::*;

fn built_in_value() -> Value {
    serde_json::from_str(BUILT_IN_JSON).unwrap_or(Value::Null)
}

fn built_in_directory() -> Directory {
    built_in().unwrap_or_else(|e| panic!("{e}"))
}

/// The built-in directory with the value at `pointer` replaced.
fn with(pointer: &str, value: Value) -> Value {
    let mut directory = built_in_value();
    *directory
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("the built-in directory has no {pointer}")) = value;
    directory
}

fn refused(value: &Value) -> DirectoryError {
    match load(&value.to_string()) {
        Ok(_) => panic!("a broken directory was accepted"),
        Err(error) => error,
    }
}

fn service<'d>(directory: &'d Directory, id: &str) -> &'d Service {
    directory
        .services()
        .map(|(_, service)| service)
        .find(|service| service.id == id)
        .unwrap_or_else(|| panic!("the built-in directory lacks {id}"))
}

fn at(day: &str, time: &str) -> chrono::NaiveDateTime {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .and_then(|d| chrono::NaiveTime::parse_from_str(time, "%H:%M").map(|t| d.and_time(t)))
        .unwrap_or_else(|e| panic!("{day} {time}: {e}"))
}

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
    for (pointer, value, place, word) in cases {
        let error = refused(&with(&pointer, value.clone()));
        assert_eq!(error.place, place, "{pointer} = {value}: {error}");
        assert!(
            error.problem.contains(word),
            "{pointer} = {value}: `{}` lacks `{word}`",
            error.problem
        );
    }
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

#[test]
fn hours_answer_from_opening_to_closing_on_their_days_only() {
    let hours = Hours::Weekly {
        slots: vec![
            OpeningSlot {
                days: vec![Weekday::Mon, Weekday::Tue],
                opens: "09:00".into(),
                closes: "17:00".into(),
            },
            OpeningSlot {
                days: vec![Weekday::Sat],
                opens: "20:00".into(),
                closes: "24:00".into(),
            },
        ],
    };
    // 2026-11-30 is a Monday.
    let cases = [
        ("2026-11-30", "08:59", false),
        ("2026-11-30", "09:00", true),
        ("2026-11-30", "16:59", true),
        ("2026-11-30", "17:00", false),
        ("2026-12-01", "12:00", true),
        ("2026-12-02", "12:00", false),
        ("2026-12-05", "19:59", false),
        ("2026-12-05", "23:59", true),
        ("2026-12-06", "00:00", false),
    ];
    for (day, time, open) in cases {
        assert_eq!(open_at(&hours, at(day, time)), open, "{day} {time}");
    }
    assert!(open_at(&Hours::Always, at("2026-12-06", "03:00")));
}

#[test]
fn an_entry_is_fresh_for_a_year_after_it_was_verified() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap_or_default();
    let source = |verified_on: Option<&str>| Source {
        name: "A test".into(),
        url: None,
        as_of: None,
        verified_on: verified_on.map(str::to_owned),
    };
    assert_eq!(freshness(&source(None), today), Freshness::Unverified);
    assert_eq!(
        freshness(&source(Some("2026-12-03")), today),
        Freshness::Verified { days: 0 }
    );
    assert_eq!(
        freshness(&source(Some("2025-12-03")), today),
        Freshness::Verified { days: 365 }
    );
    assert_eq!(
        freshness(&source(Some("2025-12-02")), today),
        Freshness::Stale { days: 366 }
    );
}

/// The built-in directory with three local services added: one for a municipality (Kikinda),
/// one for its district (North Banat) and one for a municipality elsewhere (Subotica).
fn with_local_services() -> DirectoryIndex {
    let local = |id: &str, scope: &str, area: &str, category: &str, languages: Value| {
        json!({
            "id": id,
            "name": {"en": format!("Local service {id}"), "sr-Latn": format!("Lokalna služba {id}")},
            "description": {"en": "Help nearby.", "sr-Latn": "Pomoć u blizini."},
            "categories": [category],
            "audiences": ["foreigners"],
            "area": {"scope": scope, "ids": [area]},
            "phones": [{"number": "0230 123 456", "free_of_charge": false,
                        "hours": {"kind": "weekly", "slots": [
                            {"days": ["sat", "sun"], "opens": "10:00", "closes": "14:00"}]},
                        "languages": languages, "note": null}],
            "address": null,
            "sensitivity": "public",
            "source": {"name": "A test", "url": null, "as_of": "2026", "verified_on": "2026-11-30"}
        })
    };
    let mut directory = built_in_value();
    if let Some(organizations) = directory["organizations"].as_array_mut() {
        organizations.push(json!({
            "id": "local", "name": {"en": "Local", "sr-Latn": "Lokalno"}, "url": null,
            "services": [
                local("in-kikinda", "municipalities", "kikinda", "legal_aid", json!(["sr", "hu"])),
                local("in-north-banat", "districts", "severnobanatski", "interpreting", json!(["ar"])),
                local("in-subotica", "municipalities", "subotica", "legal_aid", json!(["sr-Latn"])),
            ]
        }));
    }
    DirectoryIndex::new(load(&directory.to_string()).unwrap_or_else(|e| panic!("{e}")))
}

fn found(
    index: &DirectoryIndex,
    query: &DirectoryQuery,
    now: chrono::NaiveDateTime,
) -> Vec<String> {
    index
        .search(query, now, usize::MAX)
        .0
        .into_iter()
        .map(|hit| hit.service.id)
        .collect()
}

fn words(text: &str) -> DirectoryQuery {
    DirectoryQuery {
        text: text.into(),
        ..DirectoryQuery::default()
    }
}

#[test]
fn words_are_found_in_either_script_any_case_and_without_diacritics() {
    let index = DirectoryIndex::new(built_in_directory());
    let wednesday = at("2026-12-02", "10:00");
    for text in [
        "дечја линија",
        "DEČJA linija",
        "decja",
        "Children's helpline",
    ] {
        assert_eq!(
            found(&index, &words(text), wednesday),
            ["nadel-116111"],
            "{text}"
        );
    }
    // Numbers with or without their spaces, in part.
    assert_eq!(
        found(&index, &words("116"), wednesday),
        ["astra-missing-children", "nadel-116111"]
    );
    assert_eq!(
        found(&index, &words("0800101201"), wednesday),
        ["astra-sos-line"]
    );
    assert_eq!(
        found(&index, &words("785 0000"), wednesday),
        ["astra-sos-line"]
    );
    // Every word must be found.
    assert!(found(&index, &words("decja policija"), wednesday).is_empty());
}

#[test]
fn a_municipality_finds_national_district_and_its_own_services_only() {
    let index = with_local_services();
    let saturday_noon = at("2026-12-05", "12:00");
    let in_kikinda = DirectoryQuery {
        municipality: Some("kikinda".into()),
        category: Some(Category::LegalAid),
        ..DirectoryQuery::default()
    };
    assert_eq!(found(&index, &in_kikinda, saturday_noon), ["in-kikinda"]);
    let interpreting = DirectoryQuery {
        category: Some(Category::Interpreting),
        ..in_kikinda.clone()
    };
    assert_eq!(
        found(&index, &interpreting, saturday_noon),
        ["in-north-banat"]
    );
    let anything = DirectoryQuery {
        category: None,
        ..in_kikinda.clone()
    };
    let ids = found(&index, &anything, saturday_noon);
    assert!(ids.contains(&"police-192".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"in-subotica".to_owned()), "{ids:?}");
    // The area's names are searchable too.
    assert_eq!(
        found(&index, &words("subotica"), saturday_noon),
        ["in-subotica"]
    );
}

#[test]
fn filters_for_audience_language_and_hours_hold_together() {
    let index = with_local_services();
    let saturday_noon = at("2026-12-05", "12:00");
    let children = DirectoryQuery {
        audience: Some(Audience::Children),
        ..DirectoryQuery::default()
    };
    let ids = found(&index, &children, saturday_noon);
    // Children's lines, and lines for everyone; not the services for foreigners only.
    assert!(ids.contains(&"nadel-116111".to_owned()), "{ids:?}");
    assert!(ids.contains(&"police-192".to_owned()), "{ids:?}");
    assert!(!ids.iter().any(|id| id.starts_with("in-")), "{ids:?}");

    // A language by its primary tag: `sr` finds the `sr-Latn` line too.
    let serbian = DirectoryQuery {
        language: Some("sr".into()),
        ..DirectoryQuery::default()
    };
    assert_eq!(
        found(&index, &serbian, saturday_noon),
        ["in-kikinda", "in-subotica"]
    );

    // Open now: on a Saturday at noon the weekend lines and the 24/7 ones, not ASTRA's
    // working-day line; at 15:00 the weekend lines have closed.
    let open = DirectoryQuery {
        open_now: true,
        ..DirectoryQuery::default()
    };
    let ids = found(&index, &open, saturday_noon);
    assert!(ids.contains(&"in-kikinda".to_owned()), "{ids:?}");
    assert!(!ids.contains(&"astra-sos-line".to_owned()), "{ids:?}");
    let ids = found(&index, &open, at("2026-12-05", "15:00"));
    assert!(!ids.contains(&"in-kikinda".to_owned()), "{ids:?}");
    assert!(ids.contains(&"nadel-116111".to_owned()), "{ids:?}");

    let always = DirectoryQuery {
        always_open: true,
        ..DirectoryQuery::default()
    };
    let ids = found(&index, &always, saturday_noon);
    assert!(!ids.iter().any(|id| id.starts_with("in-")), "{ids:?}");
    assert!(!ids.contains(&"astra-sos-line".to_owned()), "{ids:?}");
}

#[test]
fn what_is_open_now_comes_first_with_each_lines_state() {
    let index = DirectoryIndex::new(built_in_directory());
    let saturday = at("2026-12-05", "10:00");
    let (hits, total) = index.search(&DirectoryQuery::default(), saturday, usize::MAX);
    assert_eq!(total, hits.len());
    let first_closed = hits.iter().position(|hit| !hit.open_now);
    assert_eq!(
        first_closed.map(|i| hits[i].service.id.as_str()),
        Some("astra-sos-line")
    );
    assert!(hits[first_closed.unwrap_or_default()..]
        .iter()
        .all(|hit| !hit.open_now));
    let sos = &hits[first_closed.unwrap_or_default()];
    assert_eq!(sos.lines_open, [false, false]);
    assert_eq!(sos.freshness, Freshness::Unverified);
    let (weekday, _) = index.search(&words("ASTRA SOS"), at("2026-12-04", "10:00"), 1);
    assert_eq!(
        weekday.first().map(|hit| hit.lines_open.clone()),
        Some(vec![true, true])
    );
    // The limit cuts what is answered, not the count.
    let (first_two, count) = index.search(&DirectoryQuery::default(), saturday, 2);
    assert_eq!((first_two.len(), count), (2, total));
    assert!(first_two.iter().all(|hit| hit.open_now));
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
