//! Errors of the pure domain: an invalid catalogue, an assessment that cannot be made.

use thiserror::Error;

/// Why a catalogue was refused. `place` names the spot in the file (a JSON path such as
/// `sets[0].dimensions[2].indicators[4].key`, or a line and column for malformed JSON).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid catalogue at {place}: {problem}")]
pub struct CatalogueError {
    pub place: String,
    pub problem: String,
}

impl CatalogueError {
    pub(crate) fn at(place: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            place: place.into(),
            problem: problem.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssessmentError {
    #[error("the catalogue has no indicator set `{0}`")]
    UnknownSet(String),
}
