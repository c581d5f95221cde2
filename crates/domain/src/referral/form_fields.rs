//! The referral form's field paths — the names `FieldIssue.field` uses — in form order, each
//! with when the form shows its input. This is the one list: the validator is checked against
//! it, and the UI reads it (exported next to the generated types) to decide which issues sit
//! next to an input and which are listed at the top of the form.

use serde::Serialize;
use ts_rs::TS;

use super::model::{ExploitationType, Referral};

/// Where a path has a list index, it is written as this part (`places.transit.*.country`).
pub const LIST_INDEX: &str = "*";

/// When the form shows a field's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FieldShown {
    Always,
    /// While a labour type is ticked, or the sector still holds text (so it can be cleared).
    LabourSector,
    /// On the adult path only (the consent).
    AdultPath,
    /// On the child path only (the child safeguards).
    ChildPath,
}

/// One input of the referral form. A path with a [`LIST_INDEX`] part stands for each entry the
/// list before it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FormField {
    #[ts(type = "string")]
    pub path: &'static str,
    pub shown: FieldShown,
}

const fn always(path: &'static str) -> FormField {
    FormField {
        path,
        shown: FieldShown::Always,
    }
}

const fn shown(path: &'static str, shown: FieldShown) -> FormField {
    FormField { path, shown }
}

/// Every input of the referral form, in form order.
pub const REFERRAL_FIELDS: &[FormField] = &[
    always("referrer.agency"),
    always("referrer.officer_name"),
    always("referrer.officer_contact"),
    always("contact.date"),
    always("contact.place"),
    always("contact.circumstances"),
    always("contact.detection"),
    always("person.name"),
    always("person.sex"),
    always("person.date_of_birth"),
    always("person.estimated_age"),
    always("person.age_uncertain"),
    always("person.nationality"),
    always("person.stateless"),
    always("person.languages"),
    always("person.languages.*"),
    always("person.interpreter_used"),
    always("person.identity_documents"),
    always("person.legal_status"),
    always("person.legal_status_note"),
    always("places.recruitment.country"),
    always("places.recruitment.locality"),
    always("places.recruitment.from"),
    always("places.recruitment.to"),
    always("places.transit"),
    always("places.transit.*.country"),
    always("places.transit.*.locality"),
    always("places.transit.*.from"),
    always("places.transit.*.to"),
    always("places.exploitation.country"),
    always("places.exploitation.locality"),
    always("places.exploitation.from"),
    always("places.exploitation.to"),
    always("exploitation.types"),
    shown("exploitation.labour_sector", FieldShown::LabourSector),
    always("indicators.indicator_set"),
    always("indicators.catalogue_version"),
    always("indicators.observations"),
    always("indicators.observations.*.indicator"),
    always("indicators.observations.*.note"),
    always("indicators.narrative"),
    always("needs.medical"),
    always("needs.shelter"),
    always("needs.food"),
    always("needs.safety"),
    always("needs.note"),
    always("risks.to_person"),
    always("risks.to_family"),
    always("risks.to_staff"),
    always("risks.note"),
    always("urgency"),
    shown("consent.consent_to_referral", FieldShown::AdultPath),
    shown("consent.consent_to_data_processing", FieldShown::AdultPath),
    shown("consent.consent_language", FieldShown::AdultPath),
    shown("child.child_views", FieldShown::ChildPath),
    shown("child.social_work_centre_notified", FieldShown::ChildPath),
    shown("child.social_work_centre", FieldShown::ChildPath),
    shown("child.guardian_status", FieldShown::ChildPath),
];

/// The types for which the form asks the labour sector, in form order.
pub fn labour_types() -> Vec<ExploitationType> {
    ExploitationType::ALL
        .into_iter()
        .filter(|t| t.is_labour())
        .collect()
}

/// How many entries the list at `prefix` (a path before a [`LIST_INDEX`]) holds in `referral`;
/// `None` for a prefix that is not a list of the referral.
pub fn list_length(referral: &Referral, prefix: &str) -> Option<usize> {
    match prefix {
        "person.languages" => Some(referral.person.languages.len()),
        "places.transit" => Some(referral.places.transit.len()),
        "indicators.observations" => Some(referral.indicators.observations.len()),
        _ => None,
    }
}

/// Every field path of the form for `referral`, in form order: each list's entries expanded
/// one after the other (all parts of entry 0, then of entry 1, …).
pub fn field_paths(referral: &Referral) -> Vec<String> {
    let mut paths = Vec::new();
    let mut fields = REFERRAL_FIELDS.iter().peekable();
    while let Some(field) = fields.next() {
        let Some((prefix, rest)) = split_at_index(field.path) else {
            paths.push(field.path.to_owned());
            continue;
        };
        // The run of fields that are parts of the same list entry.
        let mut parts = vec![rest];
        while let Some((next_prefix, next_rest)) =
            fields.peek().and_then(|f| split_at_index(f.path))
        {
            if next_prefix != prefix {
                break;
            }
            parts.push(next_rest);
            fields.next();
        }
        let length = list_length(referral, prefix).unwrap_or(0);
        for index in 0..length {
            for part in &parts {
                paths.push(format!("{prefix}.{index}{part}"));
            }
        }
    }
    paths
}

/// `"places.transit.*.country"` → `("places.transit", ".country")`; `None` without an index.
fn split_at_index(path: &str) -> Option<(&str, &str)> {
    let marker = format!(".{LIST_INDEX}");
    let at = path.find(&marker)?;
    Some((&path[..at], &path[at + marker.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::referral::model::Place;
    use crate::screening::{AgencyType, Learnt, Observation};

    fn one_of_each_list() -> Referral {
        let mut r = Referral::blank(
            "r".into(),
            AgencyType::Police,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            "",
        );
        r.person.languages = vec!["ar".into()];
        r.places.transit = vec![Place::default(), Place::default()];
        r.indicators.observations = vec![Observation {
            indicator: "a".into(),
            learnt: Learnt::Observed,
            note: String::new(),
        }];
        r
    }

    #[test]
    fn every_list_in_the_table_is_a_list_of_the_referral() {
        let r = one_of_each_list();
        for field in REFERRAL_FIELDS {
            if let Some((prefix, _)) = split_at_index(field.path) {
                assert!(list_length(&r, prefix).is_some(), "{}", field.path);
            }
        }
    }

    #[test]
    fn list_entries_expand_in_form_order() {
        let paths = field_paths(&one_of_each_list());
        let transit: Vec<&str> = paths
            .iter()
            .map(String::as_str)
            .filter(|p| p.starts_with("places.transit."))
            .collect();
        assert_eq!(
            transit,
            [
                "places.transit.0.country",
                "places.transit.0.locality",
                "places.transit.0.from",
                "places.transit.0.to",
                "places.transit.1.country",
                "places.transit.1.locality",
                "places.transit.1.from",
                "places.transit.1.to",
            ]
        );
        assert!(paths.contains(&"person.languages.0".to_owned()));
        assert!(!paths.contains(&"person.languages.1".to_owned()));
        assert!(!paths.iter().any(|p| p.contains(LIST_INDEX)));
    }

    #[test]
    fn the_labour_sector_is_asked_for_the_labour_types() {
        assert_eq!(
            labour_types(),
            [
                ExploitationType::LabourExploitation,
                ExploitationType::ForcedLabour
            ]
        );
    }

    /// The UI reads the form's fields, exploitation types and labour types from the file this
    /// writes next to the generated types (`make test` fails if the committed file differs).
    #[test]
    fn export_the_referral_form_for_the_ui() {
        let directory = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_else(|e| panic!("{e}"));
        let form = serde_json::json!({
            "list_index": LIST_INDEX,
            "exploitation_types": ExploitationType::ALL,
            "labour_types": labour_types(),
            "fields": REFERRAL_FIELDS,
        });
        let text = serde_json::to_string_pretty(&form).unwrap_or_else(|e| panic!("{e}")) + "\n";
        let path = std::path::Path::new(&directory).join("referralForm.json");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
