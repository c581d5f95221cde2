//! Screening operations: create, autosave, list (a page at a time), open, assess.

use chrono::NaiveDate;
use first_contact_domain::age::reference_date;
use first_contact_domain::catalogue::Population;
use first_contact_domain::{
    age_path, assess, validate_screening, AgePath, AgePathKind, Assessment, AssessmentInput,
    Catalogue, PersonBasics, Screening, ScreeningContext,
};
use first_contact_store::screening_summaries as summaries;
use first_contact_store::screenings as table;

use crate::error::AppError;
use crate::views::{ScreeningPage, ScreeningSummary, ScreeningView};
use crate::App;

/// How many screenings a page of the list holds.
pub const SCREENINGS_PAGE: u32 = 50;

/// A screening larger than this did not come from typing: refuse it whole.
pub const MAX_SCREENING_BYTES: usize = 512 * 1024;

impl App {
    pub fn new_screening(&mut self) -> Result<ScreeningView, AppError> {
        let now = self.clock.now();
        let today = now.date_naive();
        let agency = self.session()?.profile.agency;
        let person = PersonBasics::default();
        let path = path_on(&person, "", today);
        let mut screening = Screening {
            id: uuid::Uuid::now_v7().to_string(),
            created_at: now.to_rfc3339(),
            updated_at: now.to_rfc3339(),
            context: ScreeningContext {
                agency,
                contact_date: today.format("%Y-%m-%d").to_string(),
                ..ScreeningContext::default()
            },
            person,
            indicator_set: String::new(),
            observations: vec![],
            child_act: None,
        };
        screening.indicator_set = applicable_sets(&self.catalogue, path.kind)
            .into_iter()
            .next()
            .unwrap_or_default();
        table::save(&self.session()?.connection, &screening)?;
        Ok(self.view(screening, today))
    }

    pub fn open_screening(&mut self, id: &str) -> Result<ScreeningView, AppError> {
        let screening = table::get(&self.session()?.connection, id)?;
        Ok(self.view(screening, self.clock.now().date_naive()))
    }

    /// Autosave: stores the screening as typed (issues do not block saving), keeping its
    /// creation time, and moves it to an indicator set that fits its age path if needed.
    pub fn save_screening(&mut self, mut screening: Screening) -> Result<ScreeningView, AppError> {
        let size = serde_json::to_vec(&screening)
            .map(|b| b.len())
            .unwrap_or(usize::MAX);
        if size > MAX_SCREENING_BYTES {
            return Err(AppError::InvalidInput {
                field: "screening".into(),
            });
        }
        let now = self.clock.now();
        let today = now.date_naive();
        let stored = table::get(&self.session()?.connection, &screening.id)?;
        screening.created_at = stored.created_at;
        screening.updated_at = now.to_rfc3339();
        let path = path_on(&screening.person, &screening.context.contact_date, today);
        let sets = applicable_sets(&self.catalogue, path.kind);
        if !sets.contains(&screening.indicator_set) {
            screening.indicator_set = sets.into_iter().next().unwrap_or_default();
        }
        table::save(&self.session()?.connection, &screening)?;
        Ok(self.view(screening, today))
    }

    /// Screenings, most recently changed first, whose alias, place or contact date contain
    /// every word of `query` (case-insensitive).
    /// One page of the screenings whose alias, place or contact date contain every word of
    /// `query`, newest change first, from `offset` on. Reads only the list's summary rows.
    pub fn list_screenings(&mut self, query: &str, offset: u32) -> Result<ScreeningPage, AppError> {
        let today = self.clock.now().date_naive();
        let page = summaries::page(&self.session()?.connection, query, offset, SCREENINGS_PAGE)?;
        let shown = offset.saturating_add(u32::try_from(page.rows.len()).unwrap_or(u32::MAX));
        Ok(ScreeningPage {
            rows: page
                .rows
                .into_iter()
                .map(|row| {
                    let basics = PersonBasics {
                        date_of_birth: row.date_of_birth,
                        estimated_age: row.estimated_age,
                        age_uncertain: row.age_uncertain,
                        ..PersonBasics::default()
                    };
                    ScreeningSummary {
                        path: path_on(&basics, &row.contact_date, today).kind,
                        observed_count: row.observed_count,
                        id: row.id,
                        alias: row.alias,
                        place: row.place,
                        contact_date: row.contact_date,
                        updated_at: row.updated_at,
                        indicator_set: row.indicator_set,
                    }
                })
                .collect(),
            total: page.total,
            next_offset: (shown < page.total).then_some(shown),
        })
    }

    pub fn assess_screening(&mut self, id: &str) -> Result<Assessment, AppError> {
        let screening = table::get(&self.session()?.connection, id)?;
        let today = self.clock.now().date_naive();
        let path = path_on(&screening.person, &screening.context.contact_date, today);
        Ok(assess(
            &self.catalogue,
            &AssessmentInput::of(&screening, path.kind),
        )?)
    }

    fn view(&self, screening: Screening, today: NaiveDate) -> ScreeningView {
        let path = path_on(&screening.person, &screening.context.contact_date, today);
        ScreeningView {
            issues: validate_screening(&screening, today),
            applicable_sets: applicable_sets(&self.catalogue, path.kind),
            path,
            screening,
        }
    }
}

/// The age path on the contact date, or today if that date is missing, invalid or future.
pub(crate) fn path_on(person: &PersonBasics, contact_date: &str, today: NaiveDate) -> AgePath {
    age_path(person, reference_date(contact_date, today))
}

/// Sets that fit the path: those for exactly this population first (labour lists before the
/// general checklist), then those for anyone.
fn applicable_sets(catalogue: &Catalogue, path: AgePathKind) -> Vec<String> {
    let population = match path {
        AgePathKind::Adult => Population::Adult,
        AgePathKind::Child => Population::Child,
    };
    let exact = catalogue.sets.iter().filter(|s| s.population == population);
    let any = catalogue
        .sets
        .iter()
        .filter(|s| s.population == Population::Any);
    exact.chain(any).map(|s| s.id.clone()).collect()
}
