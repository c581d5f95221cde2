//! One-line adapters from Tauri commands onto `first_contact_app::App`.

use std::sync::MutexGuard;

use first_contact_app::recovery::{Recovery, RecoveryCodeView};
use first_contact_app::retention::ScreeningRetention;
use first_contact_app::{
    ApiError, App, AppError, AppStatus, EnrollApproval, EnrollInput, EnrollmentView, NewProfile,
    OutboxEntry, Passphrase, PassphraseChange, ReconsiderationInput, ReferralDraftSummary,
    ReferralView, ScreeningSummary, ScreeningView, SharedApp,
};
use first_contact_domain::{Assessment, Catalogue, Language, Profile, Referral, Screening};
use first_contact_sync::{SyncHandle, SyncStatus, Timeouts};
use tauri::State;

type Shared<'a> = State<'a, SharedApp>;
type Sync<'a> = State<'a, SyncHandle>;
type Reply<T> = Result<T, ApiError>;

/// A panic in another command must not lock the worker out of saved data: keep going with the
/// state as it is (every write is a completed transaction or none).
fn app<'a>(state: &'a Shared<'_>) -> MutexGuard<'a, App> {
    state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn reply<T>(result: Result<T, AppError>) -> Reply<T> {
    result.map_err(ApiError::from)
}

#[tauri::command]
pub fn app_status(state: Shared<'_>) -> AppStatus {
    app(&state).status()
}

#[tauri::command]
pub fn create_profile(state: Shared<'_>, sync: Sync<'_>, input: NewProfile) -> Reply<Profile> {
    let profile = reply(app(&state).create_profile(input))?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub fn unlock(state: Shared<'_>, sync: Sync<'_>, passphrase: Passphrase) -> Reply<Profile> {
    let profile = reply(app(&state).unlock(passphrase))?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub fn lock(state: Shared<'_>, sync: Sync<'_>) {
    app(&state).lock();
    sync.wake();
}

#[tauri::command]
pub fn new_recovery_code(state: Shared<'_>, passphrase: Passphrase) -> Reply<RecoveryCodeView> {
    reply(app(&state).new_recovery_code(&passphrase))
}

#[tauri::command]
pub fn recover(state: Shared<'_>, sync: Sync<'_>, recovery: Recovery) -> Reply<Profile> {
    let profile = reply(app(&state).recover(&recovery))?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub fn rekey(state: Shared<'_>, passphrase: Passphrase) -> Reply<()> {
    reply(app(&state).rekey(&passphrase))
}

#[tauri::command]
pub fn change_passphrase(state: Shared<'_>, change: PassphraseChange) -> Reply<()> {
    reply(app(&state).change_passphrase(&change))
}

#[tauri::command]
pub fn record_activity(state: Shared<'_>) -> Reply<()> {
    reply(app(&state).record_activity())
}

#[tauri::command]
pub fn set_language(state: Shared<'_>, language: Language) -> Reply<AppStatus> {
    reply(app(&state).set_language(language))
}

#[tauri::command]
pub fn set_idle_lock_minutes(state: Shared<'_>, minutes: u32) -> Reply<AppStatus> {
    reply(app(&state).set_idle_lock_minutes(minutes))
}

#[tauri::command]
pub fn catalogue(state: Shared<'_>) -> Catalogue {
    app(&state).catalogue().clone()
}

#[tauri::command]
pub fn list_screenings(state: Shared<'_>, query: String) -> Reply<Vec<ScreeningSummary>> {
    reply(app(&state).list_screenings(&query))
}

#[tauri::command]
pub fn new_screening(state: Shared<'_>) -> Reply<ScreeningView> {
    reply(app(&state).new_screening())
}

#[tauri::command]
pub fn open_screening(state: Shared<'_>, id: String) -> Reply<ScreeningView> {
    reply(app(&state).open_screening(&id))
}

#[tauri::command]
pub fn save_screening(state: Shared<'_>, screening: Screening) -> Reply<ScreeningView> {
    reply(app(&state).save_screening(screening))
}

#[tauri::command]
pub fn assess_screening(state: Shared<'_>, id: String) -> Reply<Assessment> {
    reply(app(&state).assess_screening(&id))
}

#[tauri::command]
pub fn new_referral(state: Shared<'_>, from_screening: Option<String>) -> Reply<ReferralView> {
    reply(app(&state).new_referral(from_screening.as_deref()))
}

#[tauri::command]
pub fn open_referral(state: Shared<'_>, id: String) -> Reply<ReferralView> {
    reply(app(&state).open_referral(&id))
}

#[tauri::command]
pub fn save_referral(state: Shared<'_>, referral: Referral) -> Reply<ReferralView> {
    reply(app(&state).save_referral(referral))
}

#[tauri::command]
pub fn list_referral_drafts(state: Shared<'_>) -> Reply<Vec<ReferralDraftSummary>> {
    reply(app(&state).list_referral_drafts())
}

#[tauri::command]
pub fn delete_screening(state: Shared<'_>, id: String) -> Reply<()> {
    reply(app(&state).delete_screening(&id))
}

#[tauri::command]
pub fn screening_retention(state: Shared<'_>) -> Reply<ScreeningRetention> {
    reply(app(&state).screening_retention())
}

#[tauri::command]
pub fn set_screening_retention_days(state: Shared<'_>, days: u32) -> Reply<ScreeningRetention> {
    reply(app(&state).set_screening_retention_days(days))
}

#[tauri::command]
pub fn delete_referral_draft(state: Shared<'_>, id: String) -> Reply<()> {
    reply(app(&state).delete_referral_draft(&id))
}

#[tauri::command]
pub fn finalise_referral(state: Shared<'_>, sync: Sync<'_>, id: String) -> Reply<OutboxEntry> {
    let entry = reply(app(&state).finalise_referral(&id))?;
    sync.wake();
    Ok(entry)
}

#[tauri::command]
pub fn outbox(state: Shared<'_>) -> Reply<Vec<OutboxEntry>> {
    reply(app(&state).outbox())
}

#[tauri::command]
pub fn sync_status(state: Shared<'_>, sync: Sync<'_>) -> Reply<SyncStatus> {
    reply(app(&state).still_unlocked())?;
    Ok(sync.status())
}

#[tauri::command]
pub fn sync_now(sync: Sync<'_>) {
    sync.wake();
}

#[tauri::command]
pub fn enrollment(state: Shared<'_>) -> Reply<Option<EnrollmentView>> {
    reply(app(&state).enrollment())
}

#[tauri::command]
pub async fn enroll(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: EnrollInput,
    approval: EnrollApproval,
) -> Reply<EnrollmentView> {
    let device_name = format!("First Contact ({})", std::env::consts::OS);
    let shared: SharedApp = (*state).clone();
    let enrolled = first_contact_app::enroll(
        &shared,
        &input,
        &approval,
        &device_name,
        Timeouts::default(),
    );
    let view = reply(enrolled.await)?;
    sync.wake();
    Ok(view)
}

#[tauri::command]
pub fn request_reconsideration(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: ReconsiderationInput,
) -> Reply<OutboxEntry> {
    let entry = reply(app(&state).request_reconsideration(&input))?;
    sync.wake();
    Ok(entry)
}
