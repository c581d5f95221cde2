//! Field-level validation of a screening. Problems are data (a field path, a code the UI
//! localises as `issues.<code>`, parameters), never formatted sentences. A screening with issues
//! is still saved: the worker's typing is never thrown away.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::age::{parse_date, years_between};
use crate::screening::Screening;

pub const MAX_SHORT_TEXT: usize = 200;
pub const MAX_NOTE: usize = 2_000;
pub const MAX_LANGUAGE_TAG: usize = 35;
pub const MAX_AGE: u32 = 120;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldIssue {
    pub field: String,
    pub code: IssueCode,
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum IssueCode {
    Required,
    InvalidDate,
    InFuture,
    #[serde(rename = "age_over_120")]
    AgeOver120,
    AfterContactDate,
    TooLong,
    ControlCharacters,
}

impl FieldIssue {
    fn new(field: impl Into<String>, code: IssueCode) -> Self {
        Self {
            field: field.into(),
            code,
            params: BTreeMap::new(),
        }
    }

    fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.into(), value.to_string());
        self
    }
}

/// Every problem with the screening as of `today`, in form order.
pub fn validate_screening(screening: &Screening, today: NaiveDate) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let context = &screening.context;
    let person = &screening.person;

    required_text(&mut issues, "context.place", &context.place, MAX_SHORT_TEXT);
    let contact = date_field(
        &mut issues,
        "context.contact_date",
        &context.contact_date,
        true,
    );
    if let Some(contact) = contact {
        if contact > today {
            issues.push(FieldIssue::new("context.contact_date", IssueCode::InFuture));
        }
    }
    optional_text(
        &mut issues,
        "context.interview_language",
        &context.interview_language,
        MAX_LANGUAGE_TAG,
    );

    required_text(&mut issues, "person.alias", &person.alias, MAX_SHORT_TEXT);
    let reference = contact.filter(|c| *c <= today).unwrap_or(today);
    if let Some(born) = date_field(
        &mut issues,
        "person.date_of_birth",
        &person.date_of_birth,
        false,
    ) {
        let field = "person.date_of_birth";
        if born > today {
            issues.push(FieldIssue::new(field, IssueCode::InFuture));
        } else if born > reference {
            issues.push(FieldIssue::new(field, IssueCode::AfterContactDate));
        } else if years_between(born, reference).is_some_and(|age| age > MAX_AGE) {
            issues.push(FieldIssue::new(field, IssueCode::AgeOver120).with("max", MAX_AGE));
        }
    }
    if person.estimated_age.is_some_and(|age| age > MAX_AGE) {
        issues.push(
            FieldIssue::new("person.estimated_age", IssueCode::AgeOver120).with("max", MAX_AGE),
        );
    }

    for observation in &screening.observations {
        optional_text(
            &mut issues,
            &format!("observations.{}.note", observation.indicator),
            &observation.note,
            MAX_NOTE,
        );
    }
    issues
}

fn required_text(issues: &mut Vec<FieldIssue>, field: &str, value: &str, max: usize) {
    if value.trim().is_empty() {
        issues.push(FieldIssue::new(field, IssueCode::Required));
    } else {
        optional_text(issues, field, value, max);
    }
}

fn optional_text(issues: &mut Vec<FieldIssue>, field: &str, value: &str, max: usize) {
    if value.chars().count() > max {
        issues.push(FieldIssue::new(field, IssueCode::TooLong).with("max", max));
    }
    // Tabs and line breaks are fine in a note; other control characters come from a bad paste.
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        issues.push(FieldIssue::new(field, IssueCode::ControlCharacters));
    }
}

fn date_field(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: &str,
    required: bool,
) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        if required {
            issues.push(FieldIssue::new(field, IssueCode::Required));
        }
        return None;
    }
    let parsed = parse_date(value);
    if parsed.is_none() {
        issues.push(FieldIssue::new(field, IssueCode::InvalidDate));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::{Observation, PersonBasics, ScreeningContext};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
    }

    fn valid() -> Screening {
        Screening {
            id: "s".into(),
            created_at: String::new(),
            updated_at: String::new(),
            context: ScreeningContext {
                place: "Subotica".into(),
                contact_date: "2026-11-27".into(),
                interview_language: "ar".into(),
                ..ScreeningContext::default()
            },
            person: PersonBasics {
                alias: "A.".into(),
                date_of_birth: "1990-05-01".into(),
                ..PersonBasics::default()
            },
            indicator_set: "ilo-adults-labour".into(),
            observations: vec![],
        }
    }

    fn codes(s: &Screening) -> Vec<(String, IssueCode)> {
        validate_screening(s, today())
            .into_iter()
            .map(|i| (i.field, i.code))
            .collect()
    }

    #[test]
    fn a_complete_screening_has_no_issues() {
        assert!(codes(&valid()).is_empty());
    }

    #[test]
    fn empty_required_fields_are_named() {
        let mut s = valid();
        s.context.place = "  ".into();
        s.context.contact_date = String::new();
        s.person.alias = String::new();
        assert_eq!(
            codes(&s),
            vec![
                ("context.place".into(), IssueCode::Required),
                ("context.contact_date".into(), IssueCode::Required),
                ("person.alias".into(), IssueCode::Required),
            ]
        );
    }

    #[test]
    fn impossible_date_of_birth_is_invalid() {
        let mut s = valid();
        s.person.date_of_birth = "2001-02-30".into();
        assert_eq!(
            codes(&s),
            vec![("person.date_of_birth".into(), IssueCode::InvalidDate)]
        );
    }

    #[test]
    fn future_contact_date_is_refused() {
        let mut s = valid();
        s.context.contact_date = "2026-11-29".into();
        assert_eq!(
            codes(&s),
            vec![("context.contact_date".into(), IssueCode::InFuture)]
        );
    }

    #[test]
    fn date_of_birth_after_contact_or_in_future() {
        let mut s = valid();
        s.person.date_of_birth = "2026-11-28".into();
        assert_eq!(
            codes(&s),
            vec![("person.date_of_birth".into(), IssueCode::AfterContactDate)]
        );
        s.person.date_of_birth = "2027-01-01".into();
        assert_eq!(
            codes(&s),
            vec![("person.date_of_birth".into(), IssueCode::InFuture)]
        );
    }

    #[test]
    fn ages_over_120_are_refused_and_120_is_accepted() {
        let mut s = valid();
        s.person.estimated_age = Some(121);
        s.person.date_of_birth = "1905-11-26".into();
        assert_eq!(
            codes(&s),
            vec![
                ("person.date_of_birth".into(), IssueCode::AgeOver120),
                ("person.estimated_age".into(), IssueCode::AgeOver120),
            ]
        );
        s.person.estimated_age = Some(120);
        s.person.date_of_birth = "1906-11-27".into();
        assert!(codes(&s).is_empty());
    }

    #[test]
    fn long_text_and_control_characters_are_reported() {
        let mut s = valid();
        s.person.alias = "x".repeat(MAX_SHORT_TEXT + 1);
        s.context.place = "Novi\u{0007}Sad".into();
        s.observations.push(Observation {
            indicator: "EX.hours".into(),
            learnt: Default::default(),
            note: "line one\nline two\tok".into(),
        });
        assert_eq!(
            codes(&s),
            vec![
                ("context.place".into(), IssueCode::ControlCharacters),
                ("person.alias".into(), IssueCode::TooLong),
            ]
        );
    }
}
