//! Field-level validation of a referral, built on the shared rules of `crate::validation`. Field
//! paths follow the record (`person.date_of_birth`, `places.transit.1.country`); issues come in
//! form order. Which of consent and child safeguards is required follows the age path.

use chrono::{Days, Months, NaiveDate};

use super::countries::is_country_code;
use super::model::{Place, Referral};
use super::referral_path;
use crate::age::{reference_date, AgePathKind};
use crate::validation::{
    contact_date, date_of_birth, estimated_age, list_length, optional_text, required_text,
    FieldIssue, IssueCode, Lines, MAX_LANGUAGE_TAG, MAX_LONG_TEXT, MAX_SHORT_TEXT,
};

pub const MAX_TRANSIT_PLACES: usize = 20;
pub const MAX_LANGUAGES: usize = 10;
pub const MAX_OBSERVATIONS: usize = 200;
/// How far an estimated age may be from the age by date of birth without an issue.
pub const MAX_AGE_DIFFERENCE: u32 = 5;

type Issues = Vec<FieldIssue>;

/// Every problem with the referral as of `today`, in form order.
pub fn validate_referral(referral: &Referral, today: NaiveDate) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    let path = referral_path(referral, today).kind;
    referrer(&mut issues, referral);
    contact(&mut issues, referral, today);
    person(&mut issues, referral, today);
    places(&mut issues, referral, today);
    exploitation(&mut issues, referral);
    indicators(&mut issues, referral);
    needs_and_risks(&mut issues, referral);
    consent(&mut issues, referral, path);
    child(&mut issues, referral, path);
    issues
}

fn referrer(issues: &mut Issues, referral: &Referral) {
    let referrer = &referral.referrer;
    short(
        issues,
        "referrer.officer_name",
        &referrer.officer_name,
        true,
    );
    short(
        issues,
        "referrer.officer_contact",
        &referrer.officer_contact,
        false,
    );
}

fn contact(issues: &mut Issues, referral: &Referral, today: NaiveDate) {
    let contact = &referral.contact;
    contact_date(issues, "contact.date", &contact.date, today);
    short(issues, "contact.place", &contact.place, true);
    long(
        issues,
        "contact.circumstances",
        &contact.circumstances,
        false,
    );
    if contact.detection.is_none() {
        issues.push(FieldIssue::new("contact.detection", IssueCode::Required));
    }
}

fn person(issues: &mut Issues, referral: &Referral, today: NaiveDate) {
    let person = &referral.person;
    short(issues, "person.name", &person.name, true);

    let reference = reference_date(&referral.contact.date, today);
    let by_birth = date_of_birth(
        issues,
        "person.date_of_birth",
        &person.date_of_birth,
        reference,
        today,
    );
    let field = "person.estimated_age";
    if estimated_age(issues, field, person.estimated_age) {
        if let (Some(by_birth), Some(estimate)) = (by_birth, person.estimated_age) {
            if by_birth.abs_diff(estimate) > MAX_AGE_DIFFERENCE {
                issues.push(
                    FieldIssue::new(field, IssueCode::AgeMismatch)
                        .with("age", by_birth)
                        .with("max", MAX_AGE_DIFFERENCE),
                );
            }
        }
    }

    let field = "person.nationality";
    if !person.nationality.is_empty() {
        if person.stateless {
            issues.push(FieldIssue::new(field, IssueCode::NotApplicable));
        } else {
            country(issues, field, &person.nationality);
        }
    }

    list_length(
        issues,
        "person.languages",
        person.languages.len(),
        MAX_LANGUAGES,
    );
    for (i, tag) in person.languages.iter().enumerate() {
        language(issues, &format!("person.languages.{i}"), tag, true);
    }
    long(
        issues,
        "person.legal_status_note",
        &person.legal_status_note,
        false,
    );
}

fn places(issues: &mut Issues, referral: &Referral, today: NaiveDate) {
    let places = &referral.places;
    place(issues, "places.recruitment", &places.recruitment, today);
    list_length(
        issues,
        "places.transit",
        places.transit.len(),
        MAX_TRANSIT_PLACES,
    );
    for (i, transit) in places.transit.iter().enumerate() {
        place(issues, &format!("places.transit.{i}"), transit, today);
    }
    place(issues, "places.exploitation", &places.exploitation, today);
}

fn place(issues: &mut Issues, prefix: &str, place: &Place, today: NaiveDate) {
    if !place.country.is_empty() {
        country(issues, &format!("{prefix}.country"), &place.country);
    }
    short(
        issues,
        &format!("{prefix}.locality"),
        &place.locality,
        false,
    );
    let from = partial_date(issues, &format!("{prefix}.from"), &place.from, today);
    let to_field = format!("{prefix}.to");
    let to = partial_date(issues, &to_field, &place.to, today);
    if let (Some((from_start, _)), Some((_, to_end))) = (from, to) {
        if from_start > to_end {
            issues.push(FieldIssue::new(to_field, IssueCode::EndBeforeStart));
        }
    }
}

fn exploitation(issues: &mut Issues, referral: &Referral) {
    let exploitation = &referral.exploitation;
    if exploitation.types.is_empty() {
        issues.push(FieldIssue::new("exploitation.types", IssueCode::Required));
    }
    let field = "exploitation.labour_sector";
    if exploitation.types.iter().any(|t| t.is_labour()) {
        short(issues, field, &exploitation.labour_sector, true);
    } else if !exploitation.labour_sector.trim().is_empty() {
        issues.push(FieldIssue::new(field, IssueCode::NotApplicable));
    }
}

fn indicators(issues: &mut Issues, referral: &Referral) {
    let indicators = &referral.indicators;
    // An indicator key means nothing without the set it comes from.
    let observed = !indicators.observations.is_empty();
    short(
        issues,
        "indicators.indicator_set",
        &indicators.indicator_set,
        observed,
    );
    short(
        issues,
        "indicators.catalogue_version",
        &indicators.catalogue_version,
        false,
    );
    list_length(
        issues,
        "indicators.observations",
        indicators.observations.len(),
        MAX_OBSERVATIONS,
    );
    for (i, observation) in indicators.observations.iter().enumerate() {
        let prefix = format!("indicators.observations.{i}");
        short(
            issues,
            &format!("{prefix}.indicator"),
            &observation.indicator,
            true,
        );
        long(issues, &format!("{prefix}.note"), &observation.note, false);
    }
    long(issues, "indicators.narrative", &indicators.narrative, false);
}

fn needs_and_risks(issues: &mut Issues, referral: &Referral) {
    long(issues, "needs.note", &referral.needs.note, false);
    long(issues, "risks.note", &referral.risks.note, false);
}

/// An adult's referral needs both consents and the language they were explained in; a child's
/// does not depend on consent.
fn consent(issues: &mut Issues, referral: &Referral, path: AgePathKind) {
    let consent = &referral.consent;
    let adult = path == AgePathKind::Adult;
    if adult && !consent.consent_to_referral {
        issues.push(FieldIssue::new(
            "consent.consent_to_referral",
            IssueCode::ConsentRequired,
        ));
    }
    if adult && !consent.consent_to_data_processing {
        issues.push(FieldIssue::new(
            "consent.consent_to_data_processing",
            IssueCode::ConsentRequired,
        ));
    }
    language(
        issues,
        "consent.consent_language",
        &consent.consent_language,
        adult,
    );
}

/// A child's referral records the child's views, the Centre for Social Work notified (and which
/// one) and the guardian status (always set).
fn child(issues: &mut Issues, referral: &Referral, path: AgePathKind) {
    let child = &referral.child;
    let is_child = path == AgePathKind::Child;
    long(issues, "child.child_views", &child.child_views, is_child);
    if is_child && !child.social_work_centre_notified {
        issues.push(FieldIssue::new(
            "child.social_work_centre_notified",
            IssueCode::MustBeConfirmed,
        ));
    }
    short(
        issues,
        "child.social_work_centre",
        &child.social_work_centre,
        is_child,
    );
}

/// A single-line text of at most [`MAX_SHORT_TEXT`] characters.
fn short(issues: &mut Issues, field: &str, value: &str, required: bool) {
    text(issues, field, value, required, MAX_SHORT_TEXT, Lines::One);
}

/// A note of at most [`MAX_LONG_TEXT`] characters; line breaks and tabs allowed.
fn long(issues: &mut Issues, field: &str, value: &str, required: bool) {
    text(issues, field, value, required, MAX_LONG_TEXT, Lines::Many);
}

fn text(issues: &mut Issues, field: &str, value: &str, required: bool, max: usize, lines: Lines) {
    if required {
        required_text(issues, field, value, max, lines);
    } else {
        optional_text(issues, field, value, max, lines);
    }
}

fn country(issues: &mut Issues, field: &str, code: &str) {
    if !is_country_code(code) {
        issues.push(FieldIssue::new(field, IssueCode::InvalidCountryCode));
    }
}

/// A BCP-47 tag: length and characters first, then its shape.
fn language(issues: &mut Issues, field: &str, tag: &str, required: bool) {
    let before = issues.len();
    text(issues, field, tag, required, MAX_LANGUAGE_TAG, Lines::One);
    if issues.len() == before && !tag.is_empty() && !is_language_tag(tag) {
        issues.push(FieldIssue::new(field, IssueCode::InvalidLanguageTag));
    }
}

/// Whether `tag` is shaped like a BCP-47 language tag: a 2–3 letter ISO 639 language subtag (or
/// `x` / `i` followed by more subtags), then subtags of 1–8 letters or digits, separated by
/// hyphens. The 4–8 letter language subtags BCP-47 reserves are refused: none is registered, and
/// refusing them catches a language name typed instead of a code ("Arabic"). Whether each subtag
/// is registered is not checked.
pub fn is_language_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first = subtags.next().unwrap_or_default();
    let rest: Vec<&str> = subtags.collect();
    let subtag_ok =
        |s: &&str| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric());
    let first_ok = if first.eq_ignore_ascii_case("x") || first.eq_ignore_ascii_case("i") {
        !rest.is_empty()
    } else {
        (2..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    };
    first_ok && rest.iter().all(subtag_ok)
}

/// An optional date that may be partial (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), not in the future.
/// Returns the first and last day it can mean.
fn partial_date(
    issues: &mut Issues,
    field: &str,
    value: &str,
    today: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    if value.trim().is_empty() {
        return None;
    }
    let Some((start, end)) = parse_partial_date(value) else {
        issues.push(FieldIssue::new(field, IssueCode::InvalidPartialDate));
        return None;
    };
    if start > today {
        issues.push(FieldIssue::new(field, IssueCode::InFuture));
    }
    Some((start, end))
}

pub(crate) fn parse_partial_date(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let value = value.trim();
    let number = |part: &str, digits: usize| {
        (part.len() == digits && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = value.split('-').collect();
    let year = |part: &str| number(part, 4).and_then(|y| i32::try_from(y).ok());
    match parts.as_slice() {
        [y] => {
            let y = year(y)?;
            Some((
                NaiveDate::from_ymd_opt(y, 1, 1)?,
                NaiveDate::from_ymd_opt(y, 12, 31)?,
            ))
        }
        [y, m] => {
            let start = NaiveDate::from_ymd_opt(year(y)?, number(m, 2)?, 1)?;
            let next = start.checked_add_months(Months::new(1))?;
            Some((start, next.checked_sub_days(Days::new(1))?))
        }
        [y, m, d] => {
            let date = NaiveDate::from_ymd_opt(year(y)?, number(m, 2)?, number(d, 2)?)?;
            Some((date, date))
        }
        _ => None,
    }
}
