//! The Help view's side of the app: what the directory in use is (its version, where it came
//! from, what it leaves out, the places and languages to filter by) and the search over it at
//! the laptop's local time.

use first_contact_domain::directory::{
    Audience, Category, DirectoryQuery, District, ServiceHit, STALE_AFTER_DAYS,
};
use first_contact_domain::Text;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ApiError, AppError};
use crate::App;

/// The most hits one search answers; a worker narrows the search rather than scroll further.
pub const MAX_HITS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DirectoryInfo {
    pub version: String,
    pub published: String,
    /// The Center's signed directory; otherwise the one built into the app.
    pub from_center: bool,
    pub notes: Text,
    pub not_included: Vec<Text>,
    pub districts: Vec<District>,
    /// The kinds of help and the groups to filter by, in the order offered.
    pub categories: Vec<Category>,
    pub audiences: Vec<Audience>,
    /// The languages spoken on at least one line, as given (BCP-47), in order of first mention.
    pub languages: Vec<String>,
    /// Why the Center's latest directory is not the one in use.
    pub problem: Option<ApiError>,
    /// After how many days since its verification an entry is shown as out of date.
    pub stale_after_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DirectorySearch {
    /// At most [`MAX_HITS`], those with a line open now first.
    pub hits: Vec<ServiceHit>,
    /// How many services answer the query in all.
    pub total: usize,
    /// The local time "open now" was judged at, `HH:MM`.
    pub judged_at: String,
}

impl App {
    pub fn directory_info(&self) -> DirectoryInfo {
        let directory = self.directory.index.directory();
        let mut languages: Vec<String> = Vec::new();
        for (_, service) in directory.services() {
            for language in service.phones.iter().flat_map(|phone| &phone.languages) {
                if !languages.contains(language) {
                    languages.push(language.clone());
                }
            }
        }
        DirectoryInfo {
            version: directory.version.clone(),
            published: directory.published.clone(),
            from_center: self.directory.from_center,
            notes: directory.notes.clone(),
            not_included: directory.not_included.clone(),
            districts: directory.districts.clone(),
            categories: Category::ALL.to_vec(),
            audiences: Audience::GROUPS.to_vec(),
            languages,
            problem: self.directory_problem.clone(),
            stale_after_days: STALE_AFTER_DAYS,
        }
    }

    /// The services answering `query` now. Needs an unlocked session: a Center's directory
    /// holds entries for workers only (a shelter's address).
    pub fn search_directory(
        &mut self,
        query: &DirectoryQuery,
    ) -> Result<DirectorySearch, AppError> {
        self.session()?;
        let now = self.clock.now().naive_local();
        let (hits, total) = self.directory.index.search(query, now, MAX_HITS);
        Ok(DirectorySearch {
            hits,
            total,
            judged_at: now.format("%H:%M").to_string(),
        })
    }
}
