//! Finding services: the Help view's search and filters. The searchable text of every service
//! is folded once, when the index is built, so that a search only compares: any case, Serbian
//! in either script, with or without diacritics (`дечја`, `decja` and `dečja` find the same),
//! and numbers with or without their spaces.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::hours::{freshness, open_at, Freshness};
use super::model::*;
use crate::text::Text;

/// What the worker asks for. Every filter that is set must hold; words must all be found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DirectoryQuery {
    /// Words to find in the names, descriptions, numbers and areas of a service.
    pub text: String,
    /// A municipality id: national services, and those of its district or of it.
    pub municipality: Option<String>,
    pub category: Option<Category>,
    /// Services for this group (or for everyone).
    pub audience: Option<Audience>,
    /// A language spoken on at least one of the service's lines (BCP-47 primary tag).
    pub language: Option<String>,
    /// At least one line answers now.
    pub open_now: bool,
    /// At least one line answers day and night, every day.
    pub always_open: bool,
}

/// A service found, with what the worker needs to judge it at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ServiceHit {
    pub organization_name: Text,
    pub service: Service,
    /// At least one of its lines answers at the time of the search.
    pub open_now: bool,
    /// Per line, in the order of `service.phones`: whether it answers now.
    pub lines_open: Vec<bool>,
    pub freshness: Freshness,
    /// The names of the municipalities or districts it serves (empty when national).
    pub area_names: Vec<Text>,
}

/// A directory with the searchable text of each service folded in advance.
#[derive(Debug, Clone)]
pub struct DirectoryIndex {
    directory: Directory,
    /// Per service, in [`Directory::services`] order: its folded text and its area names.
    entries: Vec<(String, Vec<Text>)>,
}

impl DirectoryIndex {
    pub fn new(directory: Directory) -> Self {
        let entries = directory
            .services()
            .map(|(organization, service)| {
                let area_names = area_names(&directory, &service.area);
                let mut text = String::new();
                for part in [&organization.name, &service.name, &service.description]
                    .into_iter()
                    .chain(&area_names)
                {
                    text.push_str(&fold(&part.en));
                    text.push(' ');
                    text.push_str(&fold(&part.sr_latn));
                    text.push(' ');
                }
                for phone in &service.phones {
                    text.push_str(&phone.number.replace(' ', ""));
                    text.push(' ');
                }
                (text, area_names)
            })
            .collect();
        Self { directory, entries }
    }

    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// The first `limit` services that answer `query` at local time `now` (those with a line
    /// open now first, otherwise in the directory's order), and how many answer in all.
    pub fn search(
        &self,
        query: &DirectoryQuery,
        now: NaiveDateTime,
        limit: usize,
    ) -> (Vec<ServiceHit>, usize) {
        let words: Vec<String> = fold(&query.text)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let district = query
            .municipality
            .as_deref()
            .and_then(|id| self.directory.district_of(id))
            .map(|district| district.id.as_str());
        let today: NaiveDate = now.date();
        let mut found: Vec<_> = self
            .directory
            .services()
            .zip(&self.entries)
            .filter(|((_, service), (text, _))| {
                words.iter().all(|word| text.contains(word.as_str()))
                    && query
                        .municipality
                        .as_deref()
                        .is_none_or(|id| serves(&service.area, id, district))
                    && query
                        .category
                        .is_none_or(|category| service.categories.contains(&category))
                    && query.audience.is_none_or(|audience| {
                        service.audiences.contains(&audience)
                            || service.audiences.contains(&Audience::Everyone)
                    })
                    && query.language.as_deref().is_none_or(|language| {
                        service.phones.iter().any(|phone| speaks(phone, language))
                    })
                    && (!query.always_open
                        || service.phones.iter().any(|p| p.hours == Hours::Always))
            })
            .map(|((organization, service), (_, names))| {
                let lines_open: Vec<bool> = service
                    .phones
                    .iter()
                    .map(|p| open_at(&p.hours, now))
                    .collect();
                (organization, service, names, lines_open)
            })
            .filter(|(_, _, _, lines_open)| !query.open_now || lines_open.contains(&true))
            .collect();
        found.sort_by_key(|(_, _, _, lines_open)| !lines_open.contains(&true));
        let total = found.len();
        // Only what is shown is copied out of the index.
        let hits = found
            .into_iter()
            .take(limit)
            .map(|(organization, service, names, lines_open)| ServiceHit {
                organization_name: organization.name.clone(),
                open_now: lines_open.contains(&true),
                lines_open,
                freshness: freshness(&service.source, today),
                area_names: names.clone(),
                service: service.clone(),
            })
            .collect();
        (hits, total)
    }
}

impl DirectoryIndex {
    /// The municipality named in a place as the worker wrote it ("Kikinda, bus station",
    /// "Кикинда, аутобуска станица"): the name as listed, in either script, as whole words. A
    /// declined form ("u Kikindi") is not recognised — guessing at endings would find "Bor" in
    /// "borba" — so the worker picks the municipality then. The longest name found wins.
    pub fn municipality_in(&self, place: &str) -> Option<&Municipality> {
        let place = fold(place);
        self.directory
            .districts
            .iter()
            .flat_map(|district| &district.municipalities)
            .filter_map(|municipality| {
                [&municipality.name.en, &municipality.name.sr_latn]
                    .into_iter()
                    .map(|name| fold(name))
                    .filter(|name| contains_words(&place, name))
                    .map(|name| name.len())
                    .max()
                    .map(|length| (length, municipality))
            })
            .max_by_key(|(length, _)| *length)
            .map(|(_, municipality)| municipality)
    }
}

/// `words` occurs in `text` with no letter or digit right before or after it.
fn contains_words(text: &str, words: &str) -> bool {
    if words.is_empty() {
        return false;
    }
    text.match_indices(words).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn serves(area: &ServiceArea, municipality: &str, district: Option<&str>) -> bool {
    match area {
        ServiceArea::National => true,
        ServiceArea::Districts(ids) => district.is_some_and(|d| ids.iter().any(|id| id == d)),
        ServiceArea::Municipalities(ids) => ids.iter().any(|id| id == municipality),
    }
}

fn speaks(phone: &Phone, language: &str) -> bool {
    phone.languages.iter().any(|spoken| {
        let primary = spoken.split('-').next().unwrap_or_default();
        primary.eq_ignore_ascii_case(language)
    })
}

fn area_names(directory: &Directory, area: &ServiceArea) -> Vec<Text> {
    match area {
        ServiceArea::National => Vec::new(),
        ServiceArea::Districts(ids) => directory
            .districts
            .iter()
            .filter(|district| ids.contains(&district.id))
            .map(|district| district.name.clone())
            .collect(),
        ServiceArea::Municipalities(ids) => directory
            .districts
            .iter()
            .flat_map(|district| &district.municipalities)
            .filter(|municipality| ids.contains(&municipality.id))
            .map(|municipality| municipality.name.clone())
            .collect(),
    }
}

/// Lower case, Serbian Cyrillic written in Latin, and Serbian diacritics dropped (`đ` and `ђ`
/// as `dj`, `dž` and `џ` as `dz`).
pub(super) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'ђ' | 'đ' => "dj",
            'е' => "e",
            'ж' | 'ž' | 'з' => "z",
            'и' => "i",
            'ј' => "j",
            'к' => "k",
            'л' => "l",
            'љ' => "lj",
            'м' => "m",
            'н' => "n",
            'њ' => "nj",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' | 'š' | 'ш' => "s",
            'т' => "t",
            'ћ' | 'ч' | 'ц' | 'č' | 'ć' => "c",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'џ' => "dz",
            _ => {
                folded.push(c);
                continue;
            }
        };
        folded.push_str(latin);
    }
    folded
}
