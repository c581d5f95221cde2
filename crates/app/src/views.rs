//! What crosses to the UI (besides domain types): inputs and views of the API. TypeScript
//! versions are generated into `ui/src/lib/bindings/` by `cargo test`.

use first_contact_domain::referral::{JourneyState, Referral, Urgency};
use first_contact_domain::{AgePath, AgePathKind, AgencyType, FieldIssue, Language, Screening};
use first_contact_protocol::api::feedback::DecisionOutcome;
use first_contact_store::Passphrase;
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

/// A change of passphrase: the current one, and the new one twice. Only read from the UI.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct PassphraseChange {
    #[ts(type = "string")]
    pub current: Passphrase,
    #[ts(type = "string")]
    pub new: Passphrase,
    #[ts(type = "string")]
    pub confirmation: Passphrase,
}

impl std::fmt::Debug for PassphraseChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PassphraseChange").finish_non_exhaustive()
    }
}

/// Only read from the UI, never sent back: the passphrases stay in memory that is wiped.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct NewProfile {
    pub display_name: String,
    pub agency: AgencyType,
    #[ts(type = "string")]
    pub passphrase: Passphrase,
    #[ts(type = "string")]
    pub passphrase_confirmation: Passphrase,
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

/// A page of the screenings list: its rows, how many match in all, and where the next page
/// starts (none after the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScreeningPage {
    pub rows: Vec<ScreeningSummary>,
    pub total: u32,
    pub next_offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReferralView {
    pub referral: Referral,
    /// Adult (consent required) or child (safeguards required), and why.
    pub path: AgePath,
    pub issues: Vec<FieldIssue>,
    /// What else has come of the screening this draft was started from: a screening is meant
    /// to be referred once, so the editor warns before a second referral goes out.
    pub same_screening: SameScreening,
}

/// Referrals already finalised, and other drafts open, from the same screening as a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SameScreening {
    /// Oldest first.
    pub finalised: Vec<EarlierReferral>,
    /// Ids of the other drafts, most recently changed first.
    pub other_drafts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EarlierReferral {
    pub id: String,
    /// The laptop's reference (`FC-…`), as the Referrals page shows it.
    pub reference: String,
    pub finalised_at: String,
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

/// A finalised referral as the laptop still knows it: no name, no content, and its journey:
/// queued → delivered (the Center's reference) → decisions, and any reconsideration requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxEntry {
    pub id: String,
    pub reference: String,
    pub finalised_at: String,
    pub urgency: Urgency,
    pub path: AgePathKind,
    pub catalogue_version: String,
    /// Queued, delivered, decided or needs attention.
    pub state: JourneyState,
    pub attempts: u32,
    pub center_reference: Option<String>,
    pub delivered_at: Option<String>,
    /// Why the Center refused it (e.g. `conflict`); it is kept and no longer sent.
    pub attention: Option<String>,
    pub decisions: Vec<DecisionView>,
    pub reconsiderations: Vec<ReconsiderationEntry>,
    /// After a decision other than identified, while no request about it is open.
    pub can_request_reconsideration: bool,
    /// The Center has it: it gave a reference, or a decision came back.
    pub delivered: bool,
    /// What it waits for next; none when nothing, or when it needs the worker's attention.
    pub waiting_for: Option<Waiting>,
}

/// What a finalised referral waits for next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Waiting {
    Delivery,
    Decision,
    /// The answer to an open reconsideration request.
    Answer,
}

/// A page of the outbox: its referrals, how many there are in all, and where the next page
/// starts (none after the last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OutboxPage {
    pub entries: Vec<OutboxEntry>,
    pub total: u32,
    pub next_offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecisionView {
    pub decision_id: String,
    pub outcome: DecisionOutcome,
    pub reasons: String,
    pub criteria_version: String,
    pub decided_at: String,
    /// The reconsideration request this decision answers.
    pub answers: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReconsiderationEntry {
    pub id: String,
    pub reference: String,
    pub requested_at: String,
    /// Queued, delivered, answered or needs attention.
    pub state: JourneyState,
    /// No decision answers it yet.
    pub open: bool,
    pub center_reference: Option<String>,
    pub delivered_at: Option<String>,
    pub attention: Option<String>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReconsiderationInput {
    pub referral_id: String,
    pub grounds: String,
    pub new_information: String,
}

impl std::fmt::Debug for ReconsiderationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReconsiderationInput")
            .field("referral_id", &self.referral_id)
            .finish_non_exhaustive()
    }
}

/// What the worker enters to enroll: the address and code, or the text of an enrollment file.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrollInput {
    pub center_address: String,
    pub code: String,
    /// If set, the address and code are read from this enrollment file's text instead.
    pub enrollment_file: Option<String>,
}

/// What the worker confirms when enrolling: who they are (the passphrase, since enrolling
/// decides where every later referral goes), and, when the Center differs from the one this
/// laptop trusts, the new Center's fingerprint as it was shown to them.
#[derive(Clone, Deserialize, TS)]
#[ts(export)]
pub struct EnrollApproval {
    #[ts(type = "string")]
    pub passphrase: Passphrase,
    pub accept_center: Option<String>,
}

impl std::fmt::Debug for EnrollApproval {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollApproval")
            .field("accept_center", &self.accept_center)
            .finish_non_exhaustive()
    }
}

impl std::fmt::Debug for EnrollInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollInput")
            .field("center_address", &self.center_address)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnrollmentView {
    pub center_address: String,
    pub center_name: String,
    pub device_id: String,
    pub agency: String,
    pub officer: String,
    pub enrolled_at: String,
    /// The Center refused this device's credential: enroll again.
    pub refused: bool,
    /// Versions of the catalogue and directory the Center published, verified.
    pub catalogue_version: Option<String>,
    pub directory_version: Option<String>,
}
