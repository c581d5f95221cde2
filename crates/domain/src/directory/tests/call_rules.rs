//! "Who to call now", as a table: for each case, the rules of the built-in directory that
//! apply and the services each suggests, in a directory with local services added; then the
//! place found in what the worker wrote, and the rules' own checks.

use serde_json::{json, Value};

use super::*;

/// A service of the test directory: `area` is `national`, or `scope:id`.
fn entry(id: &str, category: &str, audiences: Value, area: &str) -> Value {
    let area = match area.split_once(':') {
        None => json!({"scope": "national"}),
        Some((scope, id)) => json!({"scope": scope, "ids": [id]}),
    };
    json!({
        "id": id,
        "name": {"en": format!("Service {id}"), "sr-Latn": format!("Služba {id}")},
        "description": {"en": "Help.", "sr-Latn": "Pomoć."},
        "categories": [category],
        "audiences": audiences,
        "area": area,
        "phones": [{"number": "0230 123 456", "free_of_charge": null,
                    "hours": {"kind": "always"}, "languages": [], "note": null}],
        "address": null,
        "sensitivity": "workers_only",
        "source": {"name": "A test", "url": null, "as_of": null, "verified_on": null}
    })
}

fn index() -> DirectoryIndex {
    let mut directory = built_in_value();
    if let Some(organizations) = directory["organizations"].as_array_mut() {
        organizations.push(json!({
            "id": "local", "name": {"en": "Local", "sr-Latn": "Lokalno"}, "url": null,
            "services": [
                entry("csw-kikinda", "social_work_centre", json!(["everyone"]), "municipalities:kikinda"),
                entry("csw-subotica", "social_work_centre", json!(["everyone"]), "municipalities:subotica"),
                entry("women-shelter-banat", "shelter", json!(["women"]), "districts:severnobanatski"),
                entry("children-shelter", "shelter", json!(["children"]), "national"),
                entry("legal-aid-foreigners", "legal_aid", json!(["foreigners"]), "national"),
                entry("interpreters", "interpreting", json!(["everyone"]), "national"),
                // For everyone, so not one of the children's lines the child rule asks for.
                entry("family-line", "child_protection", json!(["everyone"]), "national"),
                entry("asylum-office", "asylum", json!(["asylum_seekers"]), "national"),
            ]
        }));
    }
    DirectoryIndex::new(load(&directory.to_string()).unwrap_or_else(|e| panic!("{e}")))
}

fn case(facts: &[CaseFact], indicators: &[&str]) -> CaseFacts {
    CaseFacts::new(
        facts.to_vec(),
        indicators.iter().map(|key| (*key).to_owned()).collect(),
        String::new(),
    )
}

/// Per rule that applies: its id, and per kind of help the services suggested.
fn suggested(case: &CaseFacts, municipality: Option<&str>) -> Vec<(String, Vec<Vec<String>>)> {
    who_to_call(&index(), case, municipality, at("2026-12-04", "02:00"))
        .into_iter()
        .map(|advice| {
            let calls = advice
                .calls
                .iter()
                .map(|call| {
                    call.services
                        .iter()
                        .map(|hit| hit.service.id.clone())
                        .collect()
                })
                .collect();
            (advice.rule, calls)
        })
        .collect()
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|id| (*id).to_owned()).collect()
}

#[test]
fn each_case_gets_the_rules_that_apply_and_the_services_for_its_group_and_place() {
    use CaseFact::*;
    let sos = ids(&["astra-sos-line"]);
    // At 02:00 on a Friday ASTRA's line is closed and the children's line open: open first.
    let children_sos = ids(&["nadel-116111", "astra-sos-line"]);
    type Row = (
        &'static str,
        CaseFacts,
        Option<&'static str>,
        Vec<(&'static str, Vec<Vec<String>>)>,
    );
    let table: Vec<Row> = vec![
        (
            "an adult man, nothing else recorded: only the SOS line",
            case(&[Adult, Male], &[]),
            None,
            vec![("advice-on-trafficking", vec![sos.clone()])],
        ),
        (
            "a child in Kikinda: its own Centre for Social Work, the children's lines",
            case(&[Child], &[]),
            Some("kikinda"),
            vec![
                (
                    "child",
                    vec![
                        ids(&["csw-kikinda"]),
                        ids(&["astra-missing-children", "nadel-116111"]),
                    ],
                ),
                ("advice-on-trafficking", vec![children_sos.clone()]),
            ],
        ),
        (
            "a child, place unknown: no Centre for Social Work is guessed",
            case(&[Child], &[]),
            None,
            vec![
                (
                    "child",
                    vec![vec![], ids(&["astra-missing-children", "nadel-116111"])],
                ),
                ("advice-on-trafficking", vec![children_sos.clone()]),
            ],
        ),
        (
            "violence observed: the police, whatever else",
            case(&[Adult], &["CD.threats-violence"]),
            None,
            vec![
                ("immediate-danger", vec![ids(&["police-192"])]),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
        (
            "an injury observed, and a recorded risk: doctor and police",
            case(&[Adult, RiskToPerson], &["GEN.injuries"]),
            None,
            vec![
                ("immediate-danger", vec![ids(&["police-192"])]),
                ("injury-or-illness", vec![ids(&["emergency-medical-194"])]),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
        (
            "a woman in Kikinda with no place to sleep: the women's shelter of her district",
            case(&[Adult, Female], &["DOM.no-place-to-sleep"]),
            Some("kikinda"),
            vec![
                ("no-place-to-sleep", vec![ids(&["women-shelter-banat"])]),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
        (
            "a man needing shelter in Kikinda: neither the women's nor the children's",
            case(&[Adult, Male, ShelterNeed], &[]),
            Some("kikinda"),
            vec![
                ("no-place-to-sleep", vec![vec![]]),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
        (
            "a foreign asylum seeker: interpreting, legal aid, the asylum office",
            case(&[Adult, ForeignNational, AsylumSeeker], &[]),
            None,
            vec![
                (
                    "foreign-national",
                    vec![ids(&["interpreters"]), ids(&["legal-aid-foreigners"])],
                ),
                (
                    "asylum-seeker",
                    vec![ids(&["asylum-office"]), ids(&["legal-aid-foreigners"])],
                ),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
        (
            "a Serbian adult with an interpreter: interpreting, but legal aid for foreigners is not hers",
            case(&[Adult, Interpreter], &[]),
            None,
            vec![
                ("foreign-national", vec![ids(&["interpreters"]), vec![]]),
                ("advice-on-trafficking", vec![sos.clone()]),
            ],
        ),
    ];
    for (what, facts, municipality, expected) in table {
        let expected: Vec<(String, Vec<Vec<String>>)> = expected
            .into_iter()
            .map(|(rule, calls)| (rule.to_owned(), calls))
            .collect();
        assert_eq!(suggested(&facts, municipality), expected, "{what}");
    }
}

#[test]
fn a_rule_says_what_made_it_apply_and_when_a_place_would_add_more() {
    let index = index();
    let facts = case(
        &[CaseFact::Adult, CaseFact::Female, CaseFact::SafetyNeed],
        &["GEN.violence-threats", "GEN.injuries"],
    );
    let advice = who_to_call(&index, &facts, None, at("2026-12-04", "02:00"));
    let danger = advice.iter().find(|a| a.rule == "immediate-danger");
    assert_eq!(
        danger.map(|a| a.because.clone()),
        Some(vec![
            Because::Fact(CaseFact::SafetyNeed),
            Because::Indicator("GEN.violence-threats".into()),
        ])
    );

    // A woman with no place to sleep, place unknown: the district's shelter is not offered,
    // and the worker is told a municipality would find local services.
    let shelter = case(
        &[CaseFact::Adult, CaseFact::Female, CaseFact::ShelterNeed],
        &[],
    );
    let advice = who_to_call(&index, &shelter, None, at("2026-12-04", "02:00"));
    let call = advice
        .iter()
        .find(|a| a.rule == "no-place-to-sleep")
        .map(|a| a.calls[0].clone());
    assert_eq!(call.as_ref().map(|c| c.total), Some(0));
    assert_eq!(call.map(|c| c.needs_municipality), Some(true));
    let child = who_to_call(
        &index,
        &case(&[CaseFact::Child], &[]),
        None,
        at("2026-12-04", "02:00"),
    );
    assert_eq!(
        child[0]
            .calls
            .iter()
            .map(|c| c.needs_municipality)
            .collect::<Vec<_>>(),
        vec![true, false],
        "the Centre for Social Work needs the place; the national children's lines do not"
    );
}

#[test]
fn the_municipality_is_found_in_the_place_as_written_in_either_script() {
    let index = index();
    let found = |place: &str| index.municipality_in(place).map(|m| m.id.clone());
    assert_eq!(found("Kikinda, bus station"), Some("kikinda".into()));
    assert_eq!(found("Кикинда, аутобуска станица"), Some("kikinda".into()));
    assert_eq!(found("reception centre, NOVI SAD"), Some("novi-sad".into()));
    // Whole words only, and no guessing at declined forms.
    assert_eq!(found("Kikindaputevi d.o.o."), None);
    assert_eq!(found("u Kikindi"), None);
    assert_eq!(found(""), None);
}

#[test]
fn broken_rules_are_refused_at_the_place() {
    let rule = "/who_to_call/rules/0";
    let cases: Vec<(String, Value, &str, &str)> = vec![
        (
            "/who_to_call/id".into(),
            json!("Who To Call"),
            "who_to_call.id",
            "identifier",
        ),
        (
            "/who_to_call/description/en".into(),
            json!(""),
            "who_to_call.description",
            "en",
        ),
        (
            "/who_to_call/rules/1/id".into(),
            json!("immediate-danger"),
            "who_to_call.rules",
            "appears twice",
        ),
        (
            format!("{rule}/why/sr-Latn"),
            json!(" "),
            "who_to_call.rules[0].why",
            "sr-Latn",
        ),
        (
            format!("{rule}/call"),
            json!([]),
            "who_to_call.rules[0].call",
            "at least one",
        ),
        (
            "/who_to_call/rules/1/call/1/only_for".into(),
            json!(["everyone"]),
            "who_to_call.rules[1].call[1].only_for",
            "everyone",
        ),
        (
            "/who_to_call/rules/1/call/1/only_for".into(),
            json!(["women", "women"]),
            "who_to_call.rules[1].call[1].only_for",
            "twice",
        ),
        (
            format!("{rule}/when"),
            json!({"any": []}),
            "who_to_call.rules[0].when.any",
            "at least one",
        ),
        (
            format!("{rule}/when"),
            json!({"all": [{"fact": "child"}, {"indicator": []}]}),
            "who_to_call.rules[0].when.all[1].indicator",
            "at least one",
        ),
        (
            format!("{rule}/when"),
            json!({"any": [{"indicator": ["injuries"]}]}),
            "who_to_call.rules[0].when.any[0].indicator[0]",
            "not an indicator key",
        ),
    ];
    refused_at(cases);
    // A fact the rules do not know is refused by the parser, with its line.
    let unknown = with(&format!("{rule}/when"), json!({"fact": "dangerous"}));
    assert!(refused(&unknown).place.starts_with("line "));
}

#[test]
fn a_referral_gives_the_facts_it_records() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default();
    let blank = crate::Referral::blank(
        "r".into(),
        crate::screening::AgencyType::Ngo,
        today,
        "2026-12-04T02:00:00Z",
    );
    let facts = |change: &dyn Fn(&mut crate::Referral)| {
        let mut referral = blank.clone();
        change(&mut referral);
        CaseFacts::of_referral(&referral, crate::AgePathKind::Adult).facts
    };
    use CaseFact::*;
    assert_eq!(facts(&|_| {}), vec![Adult]);
    assert_eq!(facts(&|r| r.person.nationality = "RS".into()), vec![Adult]);
    assert_eq!(
        facts(&|r| r.person.nationality = "AF".into()),
        vec![Adult, ForeignNational]
    );
    assert_eq!(
        facts(&|r| r.person.stateless = true),
        vec![Adult, ForeignNational]
    );
    assert_eq!(
        facts(&|r| r.person.languages = vec!["fa".into()]),
        vec![Adult, Interpreter]
    );
    assert_eq!(
        facts(&|r| r.person.languages = vec!["sr-Latn".into(), "fa".into()]),
        vec![Adult]
    );
    assert_eq!(
        facts(&|r| {
            r.person.sex = crate::Sex::Female;
            r.person.legal_status = crate::referral::LegalStatus::AsylumSeeker;
            r.needs.medical = true;
            r.needs.shelter = true;
            r.risks.to_person = true;
            r.urgency = crate::referral::Urgency::Immediate;
        }),
        vec![
            Adult,
            Female,
            AsylumSeeker,
            MedicalNeed,
            ShelterNeed,
            RiskToPerson,
            ImmediateUrgency
        ]
    );
}
