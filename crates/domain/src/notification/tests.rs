//! The notification's whitelist: exactly the listed fields, nothing identifying accepted, and
//! each rule refused at its field.

use serde_json::{json, Value};

use super::*;

fn valid() -> Value {
    json!({
        "sex": "female",
        "age_group": "25_34",
        "nationality": "UA",
        "stateless": false,
        "exploitation_types": ["labour_exploitation"],
        "labour_sector": "agriculture",
        "municipality": "kikinda",
        "agency": "labour_inspection",
        "screening_outcome": "indicators_present",
        "catalogue_version": "2026.11.0"
    })
}

#[test]
fn a_notification_has_exactly_the_whitelisted_fields() {
    let parsed = parse_notification(&valid().to_string()).unwrap_or_else(|e| panic!("{e}"));
    let serialised = serde_json::to_value(&parsed).unwrap_or(Value::Null);
    let mut fields: Vec<&str> = serialised
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default();
    fields.sort_unstable();
    let mut whitelist = NOTIFICATION_FIELDS.to_vec();
    whitelist.sort_unstable();
    assert_eq!(fields, whitelist);
    assert_eq!(serialised, valid(), "a field changed on the way through");
}

#[test]
fn identifying_fields_are_refused_whatever_they_hold() {
    for field in [
        "name",
        "alias",
        "date_of_birth",
        "estimated_age",
        "narrative",
        "place",
        "address",
        "officer_name",
        "phone",
    ] {
        let mut with_more = valid();
        with_more[field] = json!("Marija");
        let refused = parse_notification(&with_more.to_string());
        let error = refused
            .err()
            .unwrap_or_else(|| panic!("`{field}` was accepted"));
        assert!(
            error.problem.contains("unknown field") && error.problem.contains(field),
            "{field}: {error}"
        );
    }
}

#[test]
fn each_rule_is_refused_at_its_field() {
    let cases = [
        ("nationality", json!("Ukraine"), "nationality"),
        ("stateless", json!(true), "nationality"),
        (
            "exploitation_types",
            json!(["begging", "begging"]),
            "exploitation_types",
        ),
        ("exploitation_types", json!(["begging"]), "labour_sector"),
        ("municipality", json!("Kikinda, Trg 5"), "municipality"),
        ("catalogue_version", json!(" "), "catalogue_version"),
    ];
    for (field, value, place) in cases {
        let mut broken = valid();
        broken[field] = value.clone();
        let error = parse_notification(&broken.to_string())
            .err()
            .unwrap_or_else(|| panic!("{field} = {value} was accepted"));
        assert_eq!(error.field, place, "{field} = {value}: {error}");
    }
    // A labour sector is a listed sector, never free text (an employer's name).
    let mut free_text = valid();
    free_text["labour_sector"] = json!("Petrović farm");
    assert!(parse_notification(&free_text.to_string()).is_err());
    // Age is a group: a child's age has none, and an exact age is not a group.
    let mut exact = valid();
    exact["age_group"] = json!(29);
    assert!(parse_notification(&exact.to_string()).is_err());
}

#[test]
fn only_an_adult_age_has_a_group() {
    assert_eq!(AgeGroup::of_adult(17), None);
    assert_eq!(AgeGroup::of_adult(18), Some(AgeGroup::From18To24));
    assert_eq!(AgeGroup::of_adult(24), Some(AgeGroup::From18To24));
    assert_eq!(AgeGroup::of_adult(25), Some(AgeGroup::From25To34));
    assert_eq!(AgeGroup::of_adult(49), Some(AgeGroup::From35To49));
    assert_eq!(AgeGroup::of_adult(50), Some(AgeGroup::From50));
}
