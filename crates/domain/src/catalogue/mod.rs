//! The indicator catalogue: its data model, the loader that validates it, and the catalogue
//! that ships inside the application (`crates/domain/catalogue/catalogue.json`).

mod model;
mod validate;

pub use model::*;

use crate::data_file::malformed;
use crate::error::CatalogueError;

/// The catalogue the application ships with, as published in the repository.
pub const BUILT_IN_JSON: &str = include_str!("../../catalogue/catalogue.json");

/// Parses and validates a catalogue. Every rule the engine relies on is checked here, so the
/// assessment never meets a dangling reference.
pub fn load(json: &str) -> Result<Catalogue, CatalogueError> {
    let catalogue: Catalogue =
        serde_json::from_str(json).map_err(|error| CatalogueError::from(malformed(&error)))?;
    validate::check(&catalogue)?;
    Ok(catalogue)
}

/// The built-in catalogue. It is validated by a unit test, so failing here means the binary was
/// built from a broken repository.
pub fn built_in() -> Result<Catalogue, CatalogueError> {
    load(BUILT_IN_JSON)
}

#[cfg(test)]
mod tests;
