//! What crosses to the UI (besides domain types): inputs and views of the API. TypeScript
//! versions are generated into `ui/src/lib/bindings/` by `cargo test`.

use first_contact_domain::referral::{Referral, Urgency};
use first_contact_domain::{AgePath, AgePathKind, AgencyType, FieldIssue, Language, Screening};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::ApiError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub profile_exists: bool,
    pub unlocked: bool,
    pub language: Language,
    pub idle_lock_minutes: u32,
    /// Set when an installed catalogue update was refused and the built-in one is in use.
    pub catalogue_problem: Option<ApiError>,
    /// Set when the Center's key is missing or malformed: finalising is blocked until fixed.
    pub center_key_problem: Option<ApiError>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewProfile {
    pub display_name: String,
    pub agency: AgencyType,
    pub passphrase: String,
    pub passphrase_confirmation: String,
}

impl std::fmt::Debug for NewProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewProfile").finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningView {
    pub screening: Screening,
    pub path: AgePath,
    pub issues: Vec<FieldIssue>,
    /// Ids of the indicator sets that fit the age path, the default first.
    pub applicable_sets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningSummary {
    pub id: String,
    pub alias: String,
    pub place: String,
    pub contact_date: String,
    pub updated_at: String,
    pub path: AgePathKind,
    pub indicator_set: String,
    pub observed_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralView {
    pub referral: Referral,
    /// Adult (consent required) or child (safeguards required), and why.
    pub path: AgePath,
    pub issues: Vec<FieldIssue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralDraftSummary {
    pub id: String,
    pub name: String,
    pub contact_date: String,
    pub updated_at: String,
    pub path: AgePathKind,
    pub urgency: Urgency,
    pub issue_count: u32,
}

/// A finalised referral as the laptop still knows it: no name, no content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxEntry {
    pub id: String,
    pub reference: String,
    pub finalised_at: String,
    pub urgency: String,
    pub path: String,
    pub catalogue_version: String,
    pub state: String,
    pub attempts: u32,
}
