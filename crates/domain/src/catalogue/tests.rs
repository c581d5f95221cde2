//! Loader tests: the built-in catalogue is valid and says what DOMAIN.md says; damaged or
//! tampered copies are refused with the place of the problem.

use serde_json::Value;

use super::*;

fn built_in_value() -> Value {
    serde_json::from_str(BUILT_IN_JSON).unwrap_or(Value::Null)
}

fn refused(value: &Value) -> CatalogueError {
    match load(&value.to_string()) {
        Ok(_) => panic!("a tampered catalogue was accepted"),
        Err(error) => error,
    }
}

fn set<'c>(catalogue: &'c Catalogue, id: &str) -> &'c IndicatorSet {
    catalogue
        .set(id)
        .unwrap_or_else(|| panic!("built-in catalogue lacks {id}"))
}

#[test]
fn built_in_catalogue_is_valid() {
    if let Err(error) = built_in() {
        panic!("{error}");
    }
}

#[test]
fn adults_labour_has_the_67_ilo_indicators_by_dimension() {
    let catalogue = built_in().unwrap_or_else(|e| panic!("{e}"));
    for id in ["ilo-adults-labour", "ilo-children-labour"] {
        let counts: Vec<(String, usize)> = set(&catalogue, id)
            .dimensions
            .iter()
            .map(|d| (d.key.clone(), d.indicators.len()))
            .collect();
        let expected = [
            ("DR", 10),
            ("CR", 10),
            ("AVR", 16),
            ("EX", 9),
            ("CD", 15),
            ("AVD", 7),
        ];
        let expected: Vec<(String, usize)> = expected
            .iter()
            .map(|(k, n)| ((*k).to_owned(), *n))
            .collect();
        assert_eq!(counts, expected, "{id}");
    }
}

#[test]
fn adults_labour_strength_tiers_match_domain_notes() {
    let catalogue = built_in().unwrap_or_else(|e| panic!("{e}"));
    let adults = set(&catalogue, "ilo-adults-labour");
    let tally = |dimension: &str, strength: Strength| {
        adults
            .indicators()
            .filter(|(d, i)| d.key == dimension && i.strength == strength)
            .count()
    };
    // DOMAIN.md §1: DR 1 strong, 8 medium, 1 weak; EX 1 strong, 7 medium, 1 weak;
    // CD 4 strong, 10 medium, 1 weak; CR 1 strong, 9 medium; AVD 5 medium, 2 weak.
    assert_eq!(
        (
            tally("DR", Strength::Strong),
            tally("DR", Strength::Medium),
            tally("DR", Strength::Weak)
        ),
        (1, 8, 1)
    );
    assert_eq!(
        (
            tally("EX", Strength::Strong),
            tally("EX", Strength::Medium),
            tally("EX", Strength::Weak)
        ),
        (1, 7, 1)
    );
    assert_eq!(
        (
            tally("CD", Strength::Strong),
            tally("CD", Strength::Medium),
            tally("CD", Strength::Weak)
        ),
        (4, 10, 1)
    );
    assert_eq!(
        (tally("CR", Strength::Strong), tally("CR", Strength::Medium)),
        (1, 9)
    );
    assert_eq!(
        (tally("AVD", Strength::Medium), tally("AVD", Strength::Weak)),
        (5, 2)
    );
}

#[test]
fn ilo_sets_share_indicator_keys_and_children_have_no_weak_tier() {
    let catalogue = built_in().unwrap_or_else(|e| panic!("{e}"));
    let keys = |id| {
        set(&catalogue, id)
            .indicators()
            .map(|(_, i)| i.key.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys("ilo-adults-labour"), keys("ilo-children-labour"));
    assert!(set(&catalogue, "ilo-children-labour")
        .indicators()
        .all(|(_, i)| i.strength != Strength::Weak));
}

#[test]
fn unweighted_checklist_has_no_rule_and_unknown_strengths() {
    let catalogue = built_in().unwrap_or_else(|e| panic!("{e}"));
    let general = set(&catalogue, "unodc-general");
    assert_eq!(general.element_rule, None);
    assert!(general
        .indicators()
        .all(|(_, i)| i.strength == Strength::Unknown));
}

#[test]
fn malformed_json_names_line_and_column() {
    let error = match load("{\n  \"format\": 1,\n  oops\n}") {
        Ok(_) => panic!("accepted"),
        Err(e) => e,
    };
    assert_eq!(error.place, "line 3, column 3");
}

#[test]
fn unknown_field_is_refused() {
    let mut value = built_in_value();
    value["sets"][0]["dimensions"][0]["indicators"][0]["weight"] = Value::from(3);
    let error = refused(&value);
    assert!(error.problem.contains("unknown field `weight`"), "{error}");
}

#[test]
fn tampered_strength_is_refused() {
    let mut value = built_in_value();
    value["sets"][0]["dimensions"][0]["indicators"][0]["strength"] = Value::from("very strong");
    assert!(refused(&value).problem.contains("unknown variant"));
}

#[test]
fn unknown_strength_in_a_weighted_set_is_refused_with_its_place() {
    let mut value = built_in_value();
    value["sets"][0]["dimensions"][1]["indicators"][2]["strength"] = Value::from("unknown");
    assert_eq!(refused(&value).place, "sets[0].element_rule");
}

#[test]
fn duplicate_indicator_key_is_refused() {
    let mut value = built_in_value();
    let first = value["sets"][0]["dimensions"][0]["indicators"][0]["key"].clone();
    value["sets"][0]["dimensions"][0]["indicators"][1]["key"] = first;
    assert_eq!(refused(&value).place, "sets[0].dimensions");
}

#[test]
fn indicator_key_outside_its_dimension_is_refused() {
    let mut value = built_in_value();
    value["sets"][0]["dimensions"][0]["indicators"][0]["key"] = Value::from("EX.hours-moved");
    assert_eq!(
        refused(&value).place,
        "sets[0].dimensions[0].indicators[0].key"
    );
}

#[test]
fn missing_translation_is_refused() {
    let mut value = built_in_value();
    value["sets"][0]["dimensions"][2]["indicators"][3]["label"]["sr-Latn"] = Value::from(" ");
    assert_eq!(
        refused(&value).place,
        "sets[0].dimensions[2].indicators[3].label"
    );
}

#[test]
fn dangling_rule_reference_is_refused() {
    let mut value = built_in_value();
    value["sets"][0]["combination_rules"]["child"] = Value::from("no-such-rule");
    assert_eq!(refused(&value).place, "sets[0].combination_rules.child");
}

#[test]
fn a_set_with_an_element_rule_needs_rules_for_both_paths() {
    let mut value = built_in_value();
    value["sets"][1]["combination_rules"] = Value::Null;
    assert_eq!(refused(&value).place, "sets[1].element_rule");
    let mut value = built_in_value();
    value["sets"][1]["combination_rules"] = serde_json::json!({"child": "children-act-purpose"});
    assert!(refused(&value).place.starts_with("line "));
}

#[test]
fn the_adults_rule_cannot_be_one_that_asks_the_act_question() {
    let mut value = built_in_value();
    value["sets"][0]["combination_rules"]["adult"] = Value::from("children-act-purpose");
    let error = refused(&value);
    assert_eq!(error.place, "sets[0].combination_rules.adult");
    assert!(error.problem.contains("act"), "{}", error.problem);
}

#[test]
fn observed_parts_must_name_keys_the_set_has() {
    let child_rule = |value: &mut Value| -> usize {
        let rules = value["combination_rules"].as_array().map_or(0, Vec::len);
        (0..rules)
            .find(|i| value["combination_rules"][*i]["id"] == "children-act-purpose")
            .unwrap_or_else(|| panic!("no child rule"))
    };
    let mut value = built_in_value();
    let i = child_rule(&mut value);
    value["combination_rules"][i]["duty_of_care"] =
        serde_json::json!({"observed": ["EX.no-such-indicator"]});
    let error = refused(&value);
    assert_eq!(error.place, "sets[0].combination_rules.child");
    assert!(error.problem.contains("EX.no-such-indicator"));

    let mut value = built_in_value();
    let i = child_rule(&mut value);
    value["combination_rules"][i]["expression"] = serde_json::json!({"observed": []});
    assert_eq!(
        refused(&value).place,
        format!("combination_rules[{i}].expression.observed")
    );

    let mut value = built_in_value();
    let i = child_rule(&mut value);
    value["combination_rules"][i]["expression"] = serde_json::json!({"act": ["yes", "yes"]});
    assert_eq!(
        refused(&value).place,
        format!("combination_rules[{i}].expression.act")
    );
}

/// Where the two readings of the children's list disagree, the stronger one is used and the
/// indicator says so (issue: err toward referring a child).
#[test]
fn children_take_the_reading_that_errs_toward_referral() {
    let catalogue = built_in().unwrap_or_else(|e| panic!("{e}"));
    let children = set(&catalogue, "ilo-children-labour");
    let strength = |key: &str| {
        children
            .indicator(key)
            .map(|(_, i)| i.strength)
            .unwrap_or_else(|| panic!("no {key}"))
    };
    for key in [
        "CD.threats-violence",
        "CD.forced-tasks",
        "CD.illicit-activities",
        "CD.strong-influence",
        "CR.threat-denounce",
        "CR.threat-inform-family",
        "CR.family-violence",
    ] {
        assert_eq!(strength(key), Strength::Strong, "{key}");
        let provenance = children
            .indicator(key)
            .and_then(|(_, i)| i.provenance.as_ref())
            .map(|p| p.en.clone())
            .unwrap_or_default();
        assert!(provenance.contains("reproduction"), "{key}: {provenance}");
    }
    // Listed by one reading only: kept.
    for key in ["AVR.false-info-law", "EX.social-protection"] {
        assert!(children.indicator(key).is_some(), "{key}");
    }
}

#[test]
fn overlapping_requirements_in_a_clause_are_refused() {
    let mut value = built_in_value();
    value["element_rules"][0]["clauses"][1]["requires"][1]["strengths"] =
        serde_json::json!(["strong", "medium"]);
    assert_eq!(
        refused(&value).place,
        "element_rules[0].clauses[1].requires[1].strengths"
    );
}

#[test]
fn unsupported_format_is_refused() {
    let mut value = built_in_value();
    value["format"] = Value::from(2);
    assert_eq!(refused(&value).place, "format");
}
