//! The age path of a screening: adult, or child under the presumption of childhood. When age is
//! uncertain or unknown the person is presumed to be a child (PRODUCT.md, domain rules).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::screening::PersonBasics;

pub const AGE_OF_MAJORITY: u32 = 18;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgePathKind {
    Adult,
    Child,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AgePathReason {
    #[serde(rename = "under_18")]
    Under18,
    AgeUncertain,
    AgeUnknown,
    AdultByDateOfBirth,
    AdultByEstimate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgePath {
    pub kind: AgePathKind,
    pub reason: AgePathReason,
    pub age: Option<u32>,
}

/// Parses a `YYYY-MM-DD` date as typed in a form; anything else is `None`.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// The date ages are counted on: the contact date, or today when that date is missing, invalid
/// or in the future.
pub fn reference_date(contact_date: &str, today: NaiveDate) -> NaiveDate {
    parse_date(contact_date)
        .filter(|date| *date <= today)
        .unwrap_or(today)
}

/// Whole years from `born` to `on`, or `None` if `born` is after `on`.
pub fn years_between(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    if born > on {
        return None;
    }
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

/// The path on the date `on` (the contact date, or today when none is given).
pub fn age_path(person: &PersonBasics, on: NaiveDate) -> AgePath {
    let age = parse_date(&person.date_of_birth)
        .and_then(|born| years_between(born, on))
        .map(|years| (years, AgePathReason::AdultByDateOfBirth))
        .or_else(|| {
            person
                .estimated_age
                .map(|years| (years, AgePathReason::AdultByEstimate))
        });
    let child = |reason, age| AgePath {
        kind: AgePathKind::Child,
        reason,
        age,
    };
    match age {
        _ if person.age_uncertain => child(AgePathReason::AgeUncertain, age.map(|(a, _)| a)),
        None => child(AgePathReason::AgeUnknown, None),
        Some((years, _)) if years < AGE_OF_MAJORITY => child(AgePathReason::Under18, Some(years)),
        Some((years, reason)) => AgePath {
            kind: AgePathKind::Adult,
            reason,
            age: Some(years),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        parse_date(s).unwrap_or_else(|| panic!("bad test date {s}"))
    }

    fn person(dob: &str, estimate: Option<u32>, uncertain: bool) -> PersonBasics {
        PersonBasics {
            date_of_birth: dob.into(),
            estimated_age: estimate,
            age_uncertain: uncertain,
            ..PersonBasics::default()
        }
    }

    #[test]
    fn eighteenth_birthday_makes_an_adult_and_the_day_before_does_not() {
        let born = person("2008-06-15", None, false);
        assert_eq!(age_path(&born, date("2026-06-14")).kind, AgePathKind::Child);
        let on_birthday = age_path(&born, date("2026-06-15"));
        assert_eq!(on_birthday.kind, AgePathKind::Adult);
        assert_eq!(on_birthday.reason, AgePathReason::AdultByDateOfBirth);
        assert_eq!(on_birthday.age, Some(18));
    }

    #[test]
    fn unknown_age_is_presumed_child() {
        let path = age_path(&person("", None, false), date("2026-01-01"));
        assert_eq!(path.kind, AgePathKind::Child);
        assert_eq!(path.reason, AgePathReason::AgeUnknown);
    }

    #[test]
    fn uncertain_age_is_child_even_when_estimated_adult() {
        let path = age_path(&person("", Some(30), true), date("2026-01-01"));
        assert_eq!(path.kind, AgePathKind::Child);
        assert_eq!(path.reason, AgePathReason::AgeUncertain);
        assert_eq!(path.age, Some(30));
    }

    #[test]
    fn estimate_decides_when_no_date_of_birth() {
        let adult = age_path(&person("", Some(25), false), date("2026-01-01"));
        assert_eq!(adult.kind, AgePathKind::Adult);
        assert_eq!(adult.reason, AgePathReason::AdultByEstimate);
        let minor = age_path(&person("", Some(17), false), date("2026-01-01"));
        assert_eq!(minor.reason, AgePathReason::Under18);
    }

    #[test]
    fn date_of_birth_wins_over_estimate() {
        let path = age_path(&person("2015-01-01", Some(30), false), date("2026-01-01"));
        assert_eq!(path.kind, AgePathKind::Child);
        assert_eq!(path.age, Some(11));
    }

    #[test]
    fn impossible_or_future_date_of_birth_falls_back_to_estimate_or_child() {
        let impossible = age_path(&person("2001-02-30", None, false), date("2026-01-01"));
        assert_eq!(impossible.reason, AgePathReason::AgeUnknown);
        let future = age_path(&person("2030-01-01", Some(40), false), date("2026-01-01"));
        assert_eq!(future.reason, AgePathReason::AdultByEstimate);
    }

    #[test]
    fn ages_are_counted_on_the_contact_date_unless_it_is_unusable() {
        let today = date("2026-11-28");
        assert_eq!(reference_date("2026-11-20", today), date("2026-11-20"));
        assert_eq!(reference_date(" 2026-11-28 ", today), today);
        for unusable in ["", "2026-11-29", "20.11.2026", "2026-02-30"] {
            assert_eq!(reference_date(unusable, today), today, "{unusable:?}");
        }
    }

    #[test]
    fn leap_day_birthday_counts_on_first_of_march() {
        let born = person("2008-02-29", None, false);
        assert_eq!(age_path(&born, date("2026-02-28")).age, Some(17));
        assert_eq!(age_path(&born, date("2026-03-01")).age, Some(18));
    }
}
