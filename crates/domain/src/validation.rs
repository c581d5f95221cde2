//! Field-level validation: the issue type, the screening validator, and the rules every form
//! shares (required text, lengths, control characters, dates, ages), which the referral validator
//! reuses. Problems are data (a field path, a code the UI localises as `issues.<code>`,
//! parameters), never formatted sentences. A record with issues is still saved: the worker's
//! typing is never thrown away.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::age::{parse_date, reference_date, years_between};
use crate::screening::Screening;

pub const MAX_SHORT_TEXT: usize = 200;
pub const MAX_NOTE: usize = 2_000;
/// Referral notes, narrative and circumstances.
pub const MAX_LONG_TEXT: usize = 10_000;
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
    /// A list has more entries than allowed (`max`).
    TooMany,
    /// The field is filled in but does not apply to the other answers.
    NotApplicable,
    /// An adult's consent is not recorded.
    ConsentRequired,
    /// A step the path requires is not confirmed as done.
    MustBeConfirmed,
    InvalidCountryCode,
    InvalidLanguageTag,
    /// Not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    InvalidPartialDate,
    /// An end date before its start date.
    EndBeforeStart,
    /// The estimated age and the date of birth disagree by more than `max` years (`age` is the
    /// age by date of birth).
    AgeMismatch,
}

impl FieldIssue {
    pub(crate) fn new(field: impl Into<String>, code: IssueCode) -> Self {
        Self {
            field: field.into(),
            code,
            params: BTreeMap::new(),
        }
    }

    pub(crate) fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.into(), value.to_string());
        self
    }
}

/// Every problem with the screening as of `today`, in form order.
pub fn validate_screening(screening: &Screening, today: NaiveDate) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let context = &screening.context;
    let person = &screening.person;

    required_text(
        &mut issues,
        "context.place",
        &context.place,
        MAX_SHORT_TEXT,
        Lines::One,
    );
    contact_date(
        &mut issues,
        "context.contact_date",
        &context.contact_date,
        today,
    );
    optional_text(
        &mut issues,
        "context.interview_language",
        &context.interview_language,
        MAX_LANGUAGE_TAG,
        Lines::One,
    );

    required_text(
        &mut issues,
        "person.alias",
        &person.alias,
        MAX_SHORT_TEXT,
        Lines::One,
    );
    let reference = reference_date(&context.contact_date, today);
    date_of_birth(
        &mut issues,
        "person.date_of_birth",
        &person.date_of_birth,
        reference,
        today,
    );
    estimated_age(&mut issues, "person.estimated_age", person.estimated_age);

    for observation in &screening.observations {
        optional_text(
            &mut issues,
            &format!("observations.{}.note", observation.indicator),
            &observation.note,
            MAX_NOTE,
            Lines::Many,
        );
    }
    issues
}

/// Whether a text field may hold line breaks and tabs (a note) or not (a single-line input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lines {
    One,
    Many,
}

/// Text that must not be blank, then [`optional_text`].
pub(crate) fn required_text(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: &str,
    max: usize,
    lines: Lines,
) {
    if value.trim().is_empty() {
        issues.push(FieldIssue::new(field, IssueCode::Required));
    } else {
        optional_text(issues, field, value, max, lines);
    }
}

/// At most `max` characters and no control characters, except line breaks and tabs in a note.
pub(crate) fn optional_text(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: &str,
    max: usize,
    lines: Lines,
) {
    if value.chars().count() > max {
        issues.push(FieldIssue::new(field, IssueCode::TooLong).with("max", max));
    }
    // Tabs and line breaks are fine in a note; anywhere else control characters come from a bad
    // paste.
    let allowed = |c: char| lines == Lines::Many && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| c.is_control() && !allowed(c)) {
        issues.push(FieldIssue::new(field, IssueCode::ControlCharacters));
    }
}

/// A list of at most `max` entries.
pub(crate) fn list_length(issues: &mut Vec<FieldIssue>, field: &str, len: usize, max: usize) {
    if len > max {
        issues.push(FieldIssue::new(field, IssueCode::TooMany).with("max", max));
    }
}

/// A `YYYY-MM-DD` date, or blank when not `required`.
pub(crate) fn date_field(
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

/// The required contact date, not after `today`.
pub(crate) fn contact_date(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: &str,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let contact = date_field(issues, field, value, true);
    if contact.is_some_and(|contact| contact > today) {
        issues.push(FieldIssue::new(field, IssueCode::InFuture));
    }
    contact
}

/// An optional date of birth: not in the future, not after the contact (`reference`), an age of
/// at most 120 on the reference date. Returns that age when the date has no issue.
pub(crate) fn date_of_birth(
    issues: &mut Vec<FieldIssue>,
    field: &str,
    value: &str,
    reference: NaiveDate,
    today: NaiveDate,
) -> Option<u32> {
    let born = date_field(issues, field, value, false)?;
    if born > today {
        issues.push(FieldIssue::new(field, IssueCode::InFuture));
        return None;
    }
    if born > reference {
        issues.push(FieldIssue::new(field, IssueCode::AfterContactDate));
        return None;
    }
    let age = years_between(born, reference)?;
    if age > MAX_AGE {
        issues.push(FieldIssue::new(field, IssueCode::AgeOver120).with("max", MAX_AGE));
        return None;
    }
    Some(age)
}

/// An optional estimated age of at most 120. Returns `false` when it has an issue.
pub(crate) fn estimated_age(issues: &mut Vec<FieldIssue>, field: &str, value: Option<u32>) -> bool {
    if value.is_some_and(|age| age > MAX_AGE) {
        issues.push(FieldIssue::new(field, IssueCode::AgeOver120).with("max", MAX_AGE));
        return false;
    }
    true
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
            child_act: None,
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
    fn line_breaks_are_refused_in_single_line_fields_only() {
        let mut s = valid();
        s.context.place = "Novi\nSad".into();
        s.context.interview_language = "ar\t".into();
        s.observations.push(Observation {
            indicator: "EX.hours".into(),
            learnt: Default::default(),
            note: "line one\r\nline two".into(),
        });
        assert_eq!(
            codes(&s),
            vec![
                ("context.place".into(), IssueCode::ControlCharacters),
                (
                    "context.interview_language".into(),
                    IssueCode::ControlCharacters
                ),
            ]
        );
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
