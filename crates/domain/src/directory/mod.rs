//! The help directory: SOS lines and support services, their phones, hours, areas and who they
//! are for (after Open Referral HSDS); the loader that validates it; when a line answers, how
//! fresh an entry is, the search over it, and the "who to call now" rules it carries; and the directory that ships inside the application
//! (`crates/domain/directory/directory.json`, described in docs/directory.md).

mod call_rules;
mod case_facts;
mod hours;
mod model;
mod search;
mod validate;

pub use call_rules::{
    who_to_call, Because, CallAdvice, CallFor, CallRule, CallRules, CallSuggestion, CaseCondition,
    MAX_SERVICES_PER_CALL,
};
pub use case_facts::{CaseFact, CaseFacts};
pub use hours::{freshness, open_at, Freshness, STALE_AFTER_DAYS};
pub use model::*;
pub use search::{DirectoryIndex, DirectoryQuery, ServiceHit};

use crate::data_file::malformed;
use crate::error::DirectoryError;

/// The directory the application ships with, as published in the repository.
pub const BUILT_IN_JSON: &str = include_str!("../../directory/directory.json");

/// Parses and validates a directory, naming the place of the first problem.
pub fn load(json: &str) -> Result<Directory, DirectoryError> {
    let directory: Directory =
        serde_json::from_str(json).map_err(|error| DirectoryError::from(malformed(&error)))?;
    validate::check(&directory)?;
    Ok(directory)
}

/// The built-in directory. It is validated by a unit test, so failing here means the binary
/// was built from a broken repository.
pub fn built_in() -> Result<Directory, DirectoryError> {
    load(BUILT_IN_JSON)
}

#[cfg(test)]
mod tests;
