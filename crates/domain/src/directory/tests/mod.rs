//! Tests of the help directory: the loader (the built-in directory, and a copy broken against
//! each rule) in `loader.rs`; hours, freshness and the search in `search.rs`;
//! the "who to call now" rules in `call_rules.rs`.

use chrono::NaiveDate;
use serde_json::Value;

use super::*;

mod call_rules;
mod loader;
mod search;

pub(super) fn built_in_value() -> Value {
    serde_json::from_str(BUILT_IN_JSON).unwrap_or(Value::Null)
}

pub(super) fn built_in_directory() -> Directory {
    built_in().unwrap_or_else(|e| panic!("{e}"))
}

/// The built-in directory with the value at `pointer` replaced.
pub(super) fn with(pointer: &str, value: Value) -> Value {
    let mut directory = built_in_value();
    *directory
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("the built-in directory has no {pointer}")) = value;
    directory
}

pub(super) fn refused(value: &Value) -> DirectoryError {
    match load(&value.to_string()) {
        Ok(_) => panic!("a broken directory was accepted"),
        Err(error) => error,
    }
}

/// Each case, `(pointer, value, place, word)`, is the built-in directory with the value at
/// `pointer` replaced, refused at `place` with `word` in the problem.
pub(super) fn refused_at(cases: Vec<(String, Value, &str, &str)>) {
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

pub(super) fn service<'d>(directory: &'d Directory, id: &str) -> &'d Service {
    directory
        .services()
        .map(|(_, service)| service)
        .find(|service| service.id == id)
        .unwrap_or_else(|| panic!("the built-in directory lacks {id}"))
}

pub(super) fn at(day: &str, time: &str) -> chrono::NaiveDateTime {
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .and_then(|d| chrono::NaiveTime::parse_from_str(time, "%H:%M").map(|t| d.and_time(t)))
        .unwrap_or_else(|e| panic!("{day} {time}: {e}"))
}
