//! The referral to the Center (DOMAIN.md §3): its data model, the two ways a draft starts, the
//! age path that decides between the adult consent and the child safeguards, and its validation.

mod countries;
mod form_fields;
mod journey;
mod model;
mod validate;

pub use countries::{is_country_code, COUNTRY_CODES};
pub use form_fields::{
    field_paths, labour_types, list_length, FieldShown, FormField, LIST_INDEX, REFERRAL_FIELDS,
};
pub use journey::JourneyState;
pub use model::*;
pub(crate) use validate::parse_partial_date;
pub use validate::{
    is_language_tag, validate_referral, MAX_AGE_DIFFERENCE, MAX_LANGUAGES, MAX_OBSERVATIONS,
    MAX_TRANSIT_PLACES,
};

use chrono::NaiveDate;

use crate::age::{age_path, reference_date, AgePath};
use crate::screening::PersonBasics;

/// The path of the referral, with its reason: the same presumption of childhood as a screening,
/// counted on the contact date (or today when that date is missing, invalid or in the future).
pub fn referral_path(referral: &Referral, today: NaiveDate) -> AgePath {
    let person = &referral.person;
    let basics = PersonBasics {
        date_of_birth: person.date_of_birth.clone(),
        estimated_age: person.estimated_age,
        age_uncertain: person.age_uncertain,
        ..PersonBasics::default()
    };
    age_path(&basics, reference_date(&referral.contact.date, today))
}

#[cfg(test)]
mod tests;
