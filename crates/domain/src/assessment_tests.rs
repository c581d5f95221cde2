//! Tests of the assessment engine on a synthetic catalogue whose element and combination rules
//! are those of the ILO adults list, so each clause can be hit exactly.

use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::catalogue::load;

const DIMENSIONS: [&str; 6] = ["DR", "CR", "AVR", "EX", "CD", "AVD"];
/// Slugs and strengths of the indicators every synthetic dimension has.
const INDICATORS: [(&str, &str); 7] = [
    ("s1", "strong"),
    ("s2", "strong"),
    ("m1", "medium"),
    ("m2", "medium"),
    ("m3", "medium"),
    ("w1", "weak"),
    ("w2", "weak"),
];

fn text(s: &str) -> serde_json::Value {
    json!({"en": s, "sr-Latn": s})
}

fn catalogue() -> Catalogue {
    let dimensions: Vec<_> = DIMENSIONS
        .iter()
        .map(|d| {
            json!({"key": d, "title": text(d), "description": text(d),
              "indicators": INDICATORS.iter().map(|(slug, strength)| json!({
                "key": format!("{d}.{slug}"), "strength": strength, "label": text(slug),
                "explanation": text(slug), "provenance": null})).collect::<Vec<_>>()})
        })
        .collect();
    let unweighted: Vec<_> = ["GEN"]
        .iter()
        .map(|d| {
            json!({"key": d, "title": text(d), "description": text(d),
          "indicators": [{"key": "GEN.fear", "strength": "unknown", "label": text("fear"),
            "explanation": text("fear"), "provenance": null}]})
        })
        .collect();
    let req = |count: u32, strengths: &[&str]| json!({"count": count, "strengths": strengths});
    // The shape of the built-in child rule: EX or CD present, or one exploitation sign observed
    // (any EX indicator, or the CD indicator `m3`).
    let exploitation = json!({"any": [{"dimension": "EX"}, {"dimension": "CD"},
        {"observed": ["EX", "CD.m3"]}]});
    let rules = json!({"adult": "adults", "child": "children"});
    let value = json!({
      "format": 1, "id": "test", "version": "t1", "published": "2026-11-28", "notes": text("n"),
      "element_rules": [{"id": "ilo-element-2009", "title": text("e"), "description": text("e"),
        "certainty": "moderate", "clauses": [
          {"id": "two-strong", "label": text("2S"), "requires": [req(2, &["strong"])]},
          {"id": "strong-and-other", "label": text("S+MW"),
           "requires": [req(1, &["strong"]), req(1, &["medium", "weak"])]},
          {"id": "three-medium", "label": text("3M"), "requires": [req(3, &["medium"])]},
          {"id": "two-medium-one-weak", "label": text("2M+W"),
           "requires": [req(2, &["medium"]), req(1, &["weak"])]}]}],
      "combination_rules": [
        {"id": "adults", "title": text("a"), "description": text("a"), "certainty": "unverified",
         "expression": {"all": [{"any": [{"dimension": "DR"}, {"dimension": "CR"}, {"dimension": "AVR"}]},
           {"dimension": "EX"}, {"any": [{"dimension": "CD"}, {"dimension": "AVD"}]}]},
         "duty_of_care": null},
        {"id": "children", "title": text("c"), "description": text("c"), "certainty": "unverified",
         "expression": {"all": [{"act": ["yes", "not_known"]}, exploitation.clone()]},
         "duty_of_care": exploitation}],
      "sets": [
        {"id": "adults", "version": "1", "title": text("A"), "source": text("s"), "provenance": text("p"),
         "certainty": "moderate", "population": "adult", "exploitation": "labour",
         "element_rule": "ilo-element-2009", "combination_rules": rules, "dimensions": dimensions},
        {"id": "children", "version": "1", "title": text("C"), "source": text("s"), "provenance": text("p"),
         "certainty": "unverified", "population": "child", "exploitation": "labour",
         "element_rule": "ilo-element-2009", "combination_rules": rules, "dimensions": dimensions},
        {"id": "general", "version": "1", "title": text("G"), "source": text("s"), "provenance": text("p"),
         "certainty": "unweighted", "population": "any", "exploitation": "general",
         "element_rule": null, "combination_rules": null, "dimensions": unweighted}],
      "excluded": []
    });
    match load(&value.to_string()) {
        Ok(catalogue) => catalogue,
        Err(error) => panic!("test catalogue invalid: {error}"),
    }
}

fn observe(keys: &[&str]) -> Vec<Observation> {
    keys.iter()
        .map(|k| Observation {
            indicator: (*k).into(),
            learnt: Learnt::Disclosed,
            note: String::new(),
        })
        .collect()
}

fn run(set: &str, keys: &[&str]) -> Assessment {
    run_on(set, AgePathKind::Adult, None, keys)
}

fn run_on(set: &str, path: AgePathKind, child_act: Option<ChildAct>, keys: &[&str]) -> Assessment {
    let observations = observe(keys);
    let input = AssessmentInput {
        set_id: set,
        path,
        child_act,
        observations: &observations,
    };
    match assess(&catalogue(), &input) {
        Ok(a) => a,
        Err(e) => panic!("{e}"),
    }
}

fn dimension<'a>(a: &'a Assessment, key: &str) -> &'a DimensionResult {
    a.dimensions
        .iter()
        .find(|d| d.key == key)
        .unwrap_or_else(|| panic!("no dimension {key}"))
}

fn clause_of(keys: &[&str]) -> Option<String> {
    dimension(&run("adults", keys), "EX").clause.clone()
}

#[test]
fn two_strong_is_positive_by_the_first_clause() {
    assert_eq!(
        clause_of(&["EX.s1", "EX.s2"]).as_deref(),
        Some("two-strong")
    );
}

#[test]
fn one_strong_alone_is_not_positive() {
    let a = run("adults", &["EX.s1"]);
    assert_eq!(dimension(&a, "EX").positive, Some(false));
    assert_eq!(dimension(&a, "EX").clause, None);
}

#[test]
fn one_strong_and_one_medium_or_one_weak() {
    assert_eq!(
        clause_of(&["EX.s1", "EX.m1"]).as_deref(),
        Some("strong-and-other")
    );
    assert_eq!(
        clause_of(&["EX.s1", "EX.w1"]).as_deref(),
        Some("strong-and-other")
    );
}

#[test]
fn three_medium_but_not_two() {
    assert_eq!(
        clause_of(&["EX.m1", "EX.m2", "EX.m3"]).as_deref(),
        Some("three-medium")
    );
    assert_eq!(clause_of(&["EX.m1", "EX.m2"]), None);
}

#[test]
fn two_medium_and_one_weak_but_not_one_medium_and_two_weak() {
    assert_eq!(
        clause_of(&["EX.m1", "EX.m2", "EX.w1"]).as_deref(),
        Some("two-medium-one-weak")
    );
    assert_eq!(clause_of(&["EX.m1", "EX.w1", "EX.w2"]), None);
    assert_eq!(clause_of(&["EX.w1", "EX.w2"]), None);
}

#[test]
fn an_indicator_observed_twice_counts_once() {
    assert_eq!(clause_of(&["EX.s1", "EX.s1"]), None);
}

#[test]
fn adults_rule_needs_recruitment_exploitation_and_destination() {
    let full = [
        "DR.s1", "DR.s2", "EX.s1", "EX.s2", "AVD.m1", "AVD.m2", "AVD.w1",
    ];
    let a = run("adults", &full);
    assert_eq!(a.verdict, Verdict::IndicatorsPresent);
    let trace = &a.combination.as_ref().map(|c| c.trace.clone());
    assert_eq!(trace.as_ref().map(|t| t.children.len()), Some(3));

    for missing in ["DR", "EX", "AVD"] {
        let partial: Vec<&str> = full
            .iter()
            .copied()
            .filter(|k| !k.starts_with(&format!("{missing}.")))
            .collect();
        assert_eq!(
            run("adults", &partial).verdict,
            Verdict::NotEnoughIndicators,
            "without {missing}"
        );
    }
}

#[test]
fn any_of_the_recruitment_dimensions_will_do() {
    for recruitment in ["DR", "CR", "AVR"] {
        let keys = [
            format!("{recruitment}.s1"),
            format!("{recruitment}.m1"),
            "EX.s1".into(),
            "EX.s2".into(),
            "CD.s1".into(),
            "CD.s2".into(),
        ];
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        assert_eq!(run("adults", &keys).verdict, Verdict::IndicatorsPresent);
    }
}

#[test]
fn unweighted_set_lists_observations_without_verdict() {
    let a = run("general", &["GEN.fear", "EX.s1"]);
    assert_eq!(a.verdict, Verdict::NoRule);
    assert_eq!(a.combination, None);
    assert_eq!(dimension(&a, "GEN").positive, None);
    assert_eq!(dimension(&a, "GEN").counts.unknown, 1);
    assert_eq!(a.ignored_observations, 1);
}

#[test]
fn unknown_set_is_an_error() {
    let input = AssessmentInput {
        set_id: "nope",
        path: AgePathKind::Adult,
        child_act: None,
        observations: &[],
    };
    let error = assess(&catalogue(), &input);
    assert_eq!(error, Err(AssessmentError::UnknownSet("nope".into())));
}

#[path = "assessment_child_tests.rs"]
mod child;

fn all_keys() -> Vec<String> {
    DIMENSIONS
        .iter()
        .flat_map(|d| INDICATORS.iter().map(move |(s, _)| format!("{d}.{s}")))
        .collect()
}

proptest! {
    #[test]
    fn adding_an_observation_never_turns_a_positive_dimension_negative(
        picks in proptest::collection::vec(any::<bool>(), 42),
        extra in 0usize..42,
    ) {
        let keys = all_keys();
        let chosen: Vec<&str> = keys.iter().zip(&picks).filter(|(_, p)| **p).map(|(k, _)| k.as_str()).collect();
        let mut more = chosen.clone();
        more.push(&keys[extra]);
        let before = run("adults", &chosen);
        let after = run("adults", &more);
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert!(!(b.positive == Some(true) && a.positive != Some(true)), "{} turned negative", b.key);
        }
        prop_assert!(!(before.verdict == Verdict::IndicatorsPresent && after.verdict != Verdict::IndicatorsPresent));
    }

    #[test]
    fn assessment_is_deterministic_and_order_independent(
        picks in proptest::collection::vec(any::<bool>(), 42),
    ) {
        let keys = all_keys();
        let chosen: Vec<&str> = keys.iter().zip(&picks).filter(|(_, p)| **p).map(|(k, _)| k.as_str()).collect();
        let reversed: Vec<&str> = chosen.iter().rev().copied().collect();
        let a = run("adults", &chosen);
        let b = run("adults", &reversed);
        prop_assert_eq!(a.verdict, b.verdict);
        for (x, y) in a.dimensions.iter().zip(&b.dimensions) {
            prop_assert_eq!(x.positive, y.positive);
            prop_assert_eq!(&x.clause, &y.clause);
            prop_assert_eq!(x.counts, y.counts);
        }
    }
}
