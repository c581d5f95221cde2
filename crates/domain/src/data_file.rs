//! What the loaders of the published data files (the indicator catalogue, the help directory)
//! share: a problem found at a place in the file, and the checks both make. Each file's error
//! type is made from a [`Problem`], so a refusal always names the place.

use std::collections::HashSet;

use crate::text::Text;

/// A problem at `place`: a JSON path such as `organizations[0].services[2].phones[0].number`,
/// or a line and column for malformed JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub place: String,
    pub problem: String,
}

pub(crate) type Checked = Result<(), Problem>;

pub(crate) fn problem(place: impl Into<String>, problem: impl Into<String>) -> Problem {
    Problem {
        place: place.into(),
        problem: problem.into(),
    }
}

/// The place of a JSON syntax or shape error.
pub(crate) fn malformed(error: &serde_json::Error) -> Problem {
    problem(
        format!("line {}, column {}", error.line(), error.column()),
        error.to_string(),
    )
}

pub(crate) fn text(place: &str, value: &Text) -> Checked {
    if value.is_complete() {
        Ok(())
    } else {
        Err(problem(
            place,
            "every text needs non-empty `en` and `sr-Latn`",
        ))
    }
}

pub(crate) fn non_empty(place: &str, value: &str) -> Checked {
    if value.trim().is_empty() {
        Err(problem(place, "must not be empty"))
    } else {
        Ok(())
    }
}

/// Lower-case identifiers: `a-z`, `0-9`, `-`.
pub(crate) fn identifier(place: &str, value: &str) -> Checked {
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(problem(
            place,
            format!("`{value}` is not an identifier (a-z, 0-9, -)"),
        ))
    }
}

pub(crate) fn unique<'a>(place: &str, ids: impl Iterator<Item = &'a String>) -> Checked {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(problem(place, format!("`{id}` appears twice")));
        }
    }
    Ok(())
}
