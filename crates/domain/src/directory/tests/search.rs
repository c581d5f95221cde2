//! Hours, freshness and the search, read as a worker would read them: when a line answers,
//! how recent an entry is, and what a query finds in which order.

use chrono::NaiveDate;
use serde_json::{json, Value};

use super::*;

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
