//! Errors of the pure domain: an invalid catalogue or directory, an assessment that cannot be
//! made.

use thiserror::Error;

use crate::data_file::Problem;

/// Why a catalogue was refused. `place` names the spot in the file (a JSON path such as
/// `sets[0].dimensions[2].indicators[4].key`, or a line and column for malformed JSON).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid catalogue at {place}: {problem}")]
pub struct CatalogueError {
    pub place: String,
    pub problem: String,
}

impl From<Problem> for CatalogueError {
    fn from(Problem { place, problem }: Problem) -> Self {
        Self { place, problem }
    }
}

/// Why a help directory was refused; `place` as for the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid directory at {place}: {problem}")]
pub struct DirectoryError {
    pub place: String,
    pub problem: String,
}

impl From<Problem> for DirectoryError {
    fn from(Problem { place, problem }: Problem) -> Self {
        Self { place, problem }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AssessmentError {
    #[error("the catalogue has no indicator set `{0}`")]
    UnknownSet(String),
}

/// Why an anonymous notification was refused: the field and the problem. A field outside the
/// whitelist (a name, a date of birth) is refused by the parser, with its place.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid anonymous notification at {field}: {problem}")]
pub struct NotificationError {
    pub field: String,
    pub problem: String,
}

impl From<Problem> for NotificationError {
    fn from(Problem { place, problem }: Problem) -> Self {
        Self {
            field: place,
            problem,
        }
    }
}
