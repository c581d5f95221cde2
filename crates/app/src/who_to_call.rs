//! "Who to call now" for a screening or a referral draft: the case's facts as the directory's
//! rules read them, the municipality (chosen by the worker, or found in the place they wrote),
//! and the rules that apply with the services to call at the laptop's local time.

use first_contact_domain::directory::{
    who_to_call, CallAdvice, CallRules, CaseFacts, Municipality,
};
use first_contact_domain::referral_path;
use first_contact_store::{referral_drafts, screenings};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::screenings::path_on;
use crate::App;

/// The case to suggest for: a stored screening or referral draft (the UI saves first).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
#[ts(export)]
pub enum CaseRef {
    Screening(String),
    Referral(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct WhoToCallQuery {
    pub case: CaseRef,
    /// A municipality id of the directory; none: the one named in the case's place, if any.
    pub municipality: Option<String>,
}

/// Where the municipality the suggestions are for came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MunicipalityFrom {
    Chosen,
    /// Found in the place of the contact as the worker wrote it.
    Place,
    /// Not chosen, and not found in the place.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WhoToCall {
    /// Every rule, so the worker can read why others do not apply.
    pub rules: CallRules,
    /// What the rules could read about the case.
    pub facts: CaseFacts,
    pub municipality: Option<Municipality>,
    pub municipality_from: MunicipalityFrom,
    /// The rules that apply, in the directory's order.
    pub advice: Vec<CallAdvice>,
    /// The local time "open now" was judged at, `HH:MM`.
    pub judged_at: String,
}

impl App {
    /// Needs an unlocked session: the case is stored encrypted, and a Center's directory holds
    /// entries for workers only.
    pub fn who_to_call(&mut self, query: &WhoToCallQuery) -> Result<WhoToCall, AppError> {
        let now = self.clock.now();
        let today = now.date_naive();
        let connection = &self.session()?.connection;
        let facts = match &query.case {
            CaseRef::Screening(id) => {
                let screening = screenings::get(connection, id)?;
                let path = path_on(&screening.person, &screening.context.contact_date, today);
                CaseFacts::of_screening(&screening, path.kind)
            }
            CaseRef::Referral(id) => {
                let draft = referral_drafts::get(connection, id)?;
                CaseFacts::of_referral(&draft, referral_path(&draft, today).kind)
            }
        };
        let index = &self.directory.index;
        let chosen = query.municipality.as_deref().and_then(|id| {
            index
                .directory()
                .districts
                .iter()
                .flat_map(|district| &district.municipalities)
                .find(|municipality| municipality.id == id)
        });
        // A chosen id the directory no longer lists (the Center's new directory renamed it)
        // falls back to the place, as if none were chosen.
        let (municipality, municipality_from) = match chosen {
            Some(municipality) => (Some(municipality), MunicipalityFrom::Chosen),
            None => match index.municipality_in(&facts.place) {
                Some(municipality) => (Some(municipality), MunicipalityFrom::Place),
                None => (None, MunicipalityFrom::Unknown),
            },
        };
        let local = now.naive_local();
        let advice = who_to_call(index, &facts, municipality.map(|m| m.id.as_str()), local);
        Ok(WhoToCall {
            rules: index.directory().who_to_call.clone(),
            municipality: municipality.cloned(),
            municipality_from,
            advice,
            facts,
            judged_at: local.format("%H:%M").to_string(),
        })
    }
}
