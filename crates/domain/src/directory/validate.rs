//! Structural checks of a parsed help directory. Each failure names the place in the file.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::hours::clock_time;
use super::model::*;
use crate::data_file::{identifier, non_empty, problem, text, unique, Checked};
use crate::referral::is_language_tag;

/// The longest a number may be, counting digits only (E.164 allows 15; a little room for
/// extensions written without a separator is not worth the risk of a typo passing).
const MAX_NUMBER_DIGITS: usize = 15;

pub(super) fn check(directory: &Directory) -> Checked {
    if directory.format != SUPPORTED_FORMAT {
        return Err(problem(
            "format",
            format!(
                "format {} is not supported (expected {SUPPORTED_FORMAT})",
                directory.format
            ),
        ));
    }
    identifier("id", &directory.id)?;
    non_empty("version", &directory.version)?;
    full_date("published", &directory.published)?;
    text("notes", &directory.notes)?;
    for (i, missing) in directory.not_included.iter().enumerate() {
        text(&format!("not_included[{i}]"), missing)?;
    }
    let places = districts(directory)?;

    unique(
        "organizations",
        directory.organizations.iter().map(|o| &o.id),
    )?;
    unique(
        "organizations[].services",
        directory.services().map(|(_, service)| &service.id),
    )?;
    if directory.services().next().is_none() {
        return Err(problem("organizations", "the directory lists no service"));
    }
    for (i, organization) in directory.organizations.iter().enumerate() {
        let place = format!("organizations[{i}]");
        identifier(&format!("{place}.id"), &organization.id)?;
        text(&format!("{place}.name"), &organization.name)?;
        if let Some(url) = &organization.url {
            web_address(&format!("{place}.url"), url)?;
        }
        for (j, entry) in organization.services.iter().enumerate() {
            service(
                &format!("{place}.services[{j}]"),
                entry,
                &places,
                &directory.published,
            )?;
        }
    }
    super::call_rules::check(&directory.who_to_call)
}

/// The district and municipality ids services may name.
struct Places<'d> {
    districts: HashSet<&'d str>,
    municipalities: HashSet<&'d str>,
}

fn districts(directory: &Directory) -> Result<Places<'_>, crate::data_file::Problem> {
    unique("districts", directory.districts.iter().map(|d| &d.id))?;
    unique(
        "districts[].municipalities",
        directory
            .districts
            .iter()
            .flat_map(|d| d.municipalities.iter().map(|m| &m.id)),
    )?;
    for (i, district) in directory.districts.iter().enumerate() {
        let place = format!("districts[{i}]");
        identifier(&format!("{place}.id"), &district.id)?;
        text(&format!("{place}.name"), &district.name)?;
        if district.municipalities.is_empty() {
            return Err(problem(
                format!("{place}.municipalities"),
                "a district has at least one municipality",
            ));
        }
        for (j, municipality) in district.municipalities.iter().enumerate() {
            let place = format!("{place}.municipalities[{j}]");
            identifier(&format!("{place}.id"), &municipality.id)?;
            text(&format!("{place}.name"), &municipality.name)?;
        }
    }
    Ok(Places {
        districts: directory.districts.iter().map(|d| d.id.as_str()).collect(),
        municipalities: directory
            .districts
            .iter()
            .flat_map(|d| d.municipalities.iter().map(|m| m.id.as_str()))
            .collect(),
    })
}

fn service(place: &str, service: &Service, places: &Places<'_>, published: &str) -> Checked {
    identifier(&format!("{place}.id"), &service.id)?;
    text(&format!("{place}.name"), &service.name)?;
    text(&format!("{place}.description"), &service.description)?;
    listed_once(&format!("{place}.categories"), &service.categories)?;
    listed_once(&format!("{place}.audiences"), &service.audiences)?;
    if service.audiences.contains(&Audience::Everyone) && service.audiences.len() > 1 {
        return Err(problem(
            format!("{place}.audiences"),
            "`everyone` stands alone",
        ));
    }
    area(&format!("{place}.area"), &service.area, places)?;
    if service.phones.is_empty() {
        return Err(problem(
            format!("{place}.phones"),
            "a service has at least one phone number",
        ));
    }
    for (i, phone) in service.phones.iter().enumerate() {
        self::phone(&format!("{place}.phones[{i}]"), phone)?;
    }
    if let Some(address) = &service.address {
        non_empty(&format!("{place}.address"), address)?;
        if service.categories.contains(&Category::Shelter)
            && service.sensitivity == Sensitivity::Public
        {
            return Err(problem(
                format!("{place}.sensitivity"),
                "a shelter's address is for workers only (`workers_only`)",
            ));
        }
    }
    source(&format!("{place}.source"), &service.source, published)
}

fn listed_once<T: PartialEq + std::fmt::Debug>(place: &str, values: &[T]) -> Checked {
    if values.is_empty() {
        return Err(problem(place, "must name at least one"));
    }
    for (i, value) in values.iter().enumerate() {
        if values[..i].contains(value) {
            return Err(problem(place, format!("{value:?} appears twice")));
        }
    }
    Ok(())
}

fn area(place: &str, area: &ServiceArea, places: &Places<'_>) -> Checked {
    let (ids, known, what) = match area {
        ServiceArea::National => return Ok(()),
        ServiceArea::Districts(ids) => (ids, &places.districts, "district"),
        ServiceArea::Municipalities(ids) => (ids, &places.municipalities, "municipality"),
    };
    if ids.is_empty() {
        return Err(problem(
            format!("{place}.ids"),
            format!("name at least one {what}, or make the area national"),
        ));
    }
    unique(&format!("{place}.ids"), ids.iter())?;
    for (i, id) in ids.iter().enumerate() {
        if !known.contains(id.as_str()) {
            return Err(problem(
                format!("{place}.ids[{i}]"),
                format!("no {what} `{id}` in the directory's districts"),
            ));
        }
    }
    Ok(())
}

fn phone(place: &str, phone: &Phone) -> Checked {
    number(&format!("{place}.number"), &phone.number)?;
    hours(&format!("{place}.hours"), &phone.hours)?;
    for (i, language) in phone.languages.iter().enumerate() {
        if !is_language_tag(language) {
            return Err(problem(
                format!("{place}.languages[{i}]"),
                format!("`{language}` is not a language tag (BCP 47, e.g. `sr`, `en`, `ar`)"),
            ));
        }
    }
    unique(&format!("{place}.languages"), phone.languages.iter())?;
    if let Some(note) = &phone.note {
        text(&format!("{place}.note"), note)?;
    }
    Ok(())
}

/// A number as dialled: an optional leading `+`, then digits in groups separated by single
/// spaces. Three digits at the least (`192`).
fn number(place: &str, number: &str) -> Checked {
    let digits = number.strip_prefix('+').unwrap_or(number);
    let well_formed = !digits.is_empty()
        && digits
            .split(' ')
            .all(|group| !group.is_empty() && group.bytes().all(|b| b.is_ascii_digit()));
    let count = digits.bytes().filter(u8::is_ascii_digit).count();
    if well_formed && (3..=MAX_NUMBER_DIGITS).contains(&count) {
        Ok(())
    } else {
        Err(problem(
            place,
            format!(
                "`{number}` is not a phone number (digits in groups separated by one space, \
                 an optional leading +, 3 to {MAX_NUMBER_DIGITS} digits)"
            ),
        ))
    }
}

fn hours(place: &str, hours: &Hours) -> Checked {
    let Hours::Weekly { slots } = hours else {
        return Ok(());
    };
    if slots.is_empty() {
        return Err(problem(
            format!("{place}.slots"),
            "weekly hours name at least one slot (a line that always answers is `always`)",
        ));
    }
    for (i, slot) in slots.iter().enumerate() {
        let place = format!("{place}.slots[{i}]");
        listed_once(&format!("{place}.days"), &slot.days)?;
        let opens = clock_time(&slot.opens).ok_or_else(|| {
            problem(
                format!("{place}.opens"),
                format!("`{}` is not a time (HH:MM)", slot.opens),
            )
        })?;
        let closes = clock_time(&slot.closes).ok_or_else(|| {
            problem(
                format!("{place}.closes"),
                format!(
                    "`{}` is not a time (HH:MM, 24:00 for midnight)",
                    slot.closes
                ),
            )
        })?;
        if closes <= opens {
            return Err(problem(
                format!("{place}.closes"),
                "closes after it opens (a night line is two slots, or `always`)",
            ));
        }
    }
    Ok(())
}

fn source(place: &str, source: &Source, published: &str) -> Checked {
    non_empty(&format!("{place}.name"), &source.name)?;
    if let Some(url) = &source.url {
        web_address(&format!("{place}.url"), url)?;
    }
    if let Some(as_of) = &source.as_of {
        if crate::referral::parse_partial_date(as_of).is_none() {
            return Err(problem(
                format!("{place}.as_of"),
                format!("`{as_of}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            ));
        }
    }
    if let Some(verified) = &source.verified_on {
        let day = full_date(&format!("{place}.verified_on"), verified)?;
        let published = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        if published.is_some_and(|published| day > published) {
            return Err(problem(
                format!("{place}.verified_on"),
                "verified after the directory was published",
            ));
        }
    }
    Ok(())
}

fn full_date(place: &str, value: &str) -> Result<NaiveDate, crate::data_file::Problem> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| problem(place, format!("`{value}` is not a date (YYYY-MM-DD)")))
}

fn web_address(place: &str, url: &str) -> Checked {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(()),
        _ => Err(problem(
            place,
            format!("`{url}` is not a web address (https://…)"),
        )),
    }
}
