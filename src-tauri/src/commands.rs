//! One-line adapters from Tauri commands onto `first_contact_app::App`. Every command that
//! touches the app is `async` and runs its work on the blocking pool ([`run_blocking`]): a
//! command without `async` would run on the window's own thread, and unlocking (Argon2id),
//! finalising (a SQLCipher commit) or a slow disk would freeze typing.

use first_contact_app::recovery::{Recovery, RecoveryCodeView};
use first_contact_app::retention::ScreeningRetention;
use first_contact_app::{
    run_blocking, ApiError, App, AppError, AppStatus, DirectoryInfo, DirectorySearch,
    EnrollApproval, EnrollInput, EnrollmentView, NewProfile, OutboxEntry, OutboxPage, Passphrase,
    PassphraseChange, ReconsiderationInput, ReferralDraftSummary, ReferralView, ScreeningPage,
    ScreeningView, SharedApp, WhoToCall, WhoToCallQuery,
};
use first_contact_app::{NotificationInput, NotificationPreview};
use first_contact_domain::directory::DirectoryQuery;
use first_contact_domain::{Assessment, Catalogue, Language, Profile, Referral, Screening};
use first_contact_sync::{SyncHandle, SyncStatus, Timeouts};
use tauri::State;

type Shared<'a> = State<'a, SharedApp>;
type Sync<'a> = State<'a, SyncHandle>;
type Reply<T> = Result<T, ApiError>;

/// Runs `work` on the app off the window's thread.
async fn on<T, F>(state: &Shared<'_>, work: F) -> Reply<T>
where
    T: Send + 'static,
    F: FnOnce(&mut App) -> Result<T, AppError> + Send + 'static,
{
    run_blocking(state.inner(), work)
        .await
        .map_err(ApiError::from)
}

#[tauri::command]
pub async fn app_status(state: Shared<'_>) -> Reply<AppStatus> {
    on(&state, |app| Ok(app.status())).await
}

#[tauri::command]
pub async fn create_profile(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: NewProfile,
) -> Reply<Profile> {
    let profile = on(&state, move |app| app.create_profile(input)).await?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub async fn unlock(state: Shared<'_>, sync: Sync<'_>, passphrase: Passphrase) -> Reply<Profile> {
    let profile = on(&state, move |app| app.unlock(passphrase)).await?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub async fn lock(state: Shared<'_>, sync: Sync<'_>) -> Reply<()> {
    on(&state, |app| {
        app.lock();
        Ok(())
    })
    .await?;
    sync.wake();
    Ok(())
}

#[tauri::command]
pub async fn new_recovery_code(
    state: Shared<'_>,
    passphrase: Passphrase,
) -> Reply<RecoveryCodeView> {
    on(&state, move |app| app.new_recovery_code(&passphrase)).await
}

#[tauri::command]
pub async fn recover(state: Shared<'_>, sync: Sync<'_>, recovery: Recovery) -> Reply<Profile> {
    let profile = on(&state, move |app| app.recover(&recovery)).await?;
    sync.wake();
    Ok(profile)
}

#[tauri::command]
pub async fn rekey(state: Shared<'_>, passphrase: Passphrase) -> Reply<()> {
    on(&state, move |app| app.rekey(&passphrase)).await
}

#[tauri::command]
pub async fn change_passphrase(state: Shared<'_>, change: PassphraseChange) -> Reply<()> {
    on(&state, move |app| app.change_passphrase(&change)).await
}

#[tauri::command]
pub async fn record_activity(state: Shared<'_>) -> Reply<()> {
    on(&state, |app| app.record_activity()).await
}

#[tauri::command]
pub async fn set_language(state: Shared<'_>, language: Language) -> Reply<AppStatus> {
    on(&state, move |app| app.set_language(language)).await
}

#[tauri::command]
pub async fn set_idle_lock_minutes(state: Shared<'_>, minutes: u32) -> Reply<AppStatus> {
    on(&state, move |app| app.set_idle_lock_minutes(minutes)).await
}

#[tauri::command]
pub async fn catalogue(state: Shared<'_>) -> Reply<Catalogue> {
    on(&state, |app| Ok(app.catalogue().clone())).await
}

#[tauri::command]
pub async fn directory_info(state: Shared<'_>) -> Reply<DirectoryInfo> {
    on(&state, |app| Ok(app.directory_info())).await
}

#[tauri::command]
pub async fn search_directory(state: Shared<'_>, query: DirectoryQuery) -> Reply<DirectorySearch> {
    on(&state, move |app| app.search_directory(&query)).await
}

#[tauri::command]
pub async fn who_to_call(state: Shared<'_>, query: WhoToCallQuery) -> Reply<WhoToCall> {
    on(&state, move |app| app.who_to_call(&query)).await
}

#[tauri::command]
pub async fn preview_notification(
    state: Shared<'_>,
    input: NotificationInput,
) -> Reply<NotificationPreview> {
    on(&state, move |app| app.preview_notification(&input)).await
}

#[tauri::command]
pub async fn send_notification(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: NotificationInput,
) -> Reply<OutboxEntry> {
    let entry = on(&state, move |app| app.send_notification(&input)).await?;
    sync.wake();
    Ok(entry)
}

#[tauri::command]
pub async fn list_screenings(
    state: Shared<'_>,
    query: String,
    offset: u32,
) -> Reply<ScreeningPage> {
    on(&state, move |app| app.list_screenings(&query, offset)).await
}

#[tauri::command]
pub async fn new_screening(state: Shared<'_>) -> Reply<ScreeningView> {
    on(&state, |app| app.new_screening()).await
}

#[tauri::command]
pub async fn open_screening(state: Shared<'_>, id: String) -> Reply<ScreeningView> {
    on(&state, move |app| app.open_screening(&id)).await
}

#[tauri::command]
pub async fn save_screening(state: Shared<'_>, screening: Screening) -> Reply<ScreeningView> {
    on(&state, move |app| app.save_screening(screening)).await
}

#[tauri::command]
pub async fn assess_screening(state: Shared<'_>, id: String) -> Reply<Assessment> {
    on(&state, move |app| app.assess_screening(&id)).await
}

#[tauri::command]
pub async fn new_referral(
    state: Shared<'_>,
    from_screening: Option<String>,
) -> Reply<ReferralView> {
    on(&state, move |app| {
        app.new_referral(from_screening.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn open_referral(state: Shared<'_>, id: String) -> Reply<ReferralView> {
    on(&state, move |app| app.open_referral(&id)).await
}

#[tauri::command]
pub async fn save_referral(state: Shared<'_>, referral: Referral) -> Reply<ReferralView> {
    on(&state, move |app| app.save_referral(referral)).await
}

#[tauri::command]
pub async fn list_referral_drafts(state: Shared<'_>) -> Reply<Vec<ReferralDraftSummary>> {
    on(&state, |app| app.list_referral_drafts()).await
}

#[tauri::command]
pub async fn delete_screening(state: Shared<'_>, id: String) -> Reply<()> {
    on(&state, move |app| app.delete_screening(&id)).await
}

#[tauri::command]
pub async fn screening_retention(state: Shared<'_>) -> Reply<ScreeningRetention> {
    on(&state, |app| app.screening_retention()).await
}

#[tauri::command]
pub async fn set_screening_retention_days(
    state: Shared<'_>,
    days: u32,
) -> Reply<ScreeningRetention> {
    on(&state, move |app| app.set_screening_retention_days(days)).await
}

#[tauri::command]
pub async fn delete_referral_draft(state: Shared<'_>, id: String) -> Reply<()> {
    on(&state, move |app| app.delete_referral_draft(&id)).await
}

#[tauri::command]
pub async fn finalise_referral(
    state: Shared<'_>,
    sync: Sync<'_>,
    id: String,
) -> Reply<OutboxEntry> {
    let entry = on(&state, move |app| app.finalise_referral(&id)).await?;
    sync.wake();
    Ok(entry)
}

#[tauri::command]
pub async fn outbox(state: Shared<'_>, offset: u32) -> Reply<OutboxPage> {
    on(&state, move |app| app.outbox(offset)).await
}

#[tauri::command]
pub async fn sync_status(state: Shared<'_>, sync: Sync<'_>) -> Reply<SyncStatus> {
    on(&state, |app| app.still_unlocked()).await?;
    Ok(sync.status())
}

/// Only wakes the loop: nothing here touches the disk or the network.
#[tauri::command]
pub fn sync_now(sync: Sync<'_>) {
    sync.wake();
}

#[tauri::command]
pub async fn enrollment(state: Shared<'_>) -> Reply<Option<EnrollmentView>> {
    on(&state, |app| app.enrollment()).await
}

/// The enrollment code as the worker typed it, in its printed form, or why it is not one.
/// Pure computation: it runs where it is called.
#[tauri::command]
pub fn tidy_enrollment_code(code: String) -> Reply<String> {
    first_contact_app::tidy_enrollment_code(&code).map_err(ApiError::from)
}

#[tauri::command]
pub async fn enroll(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: EnrollInput,
    approval: EnrollApproval,
) -> Reply<EnrollmentView> {
    let device_name = format!("First Contact ({})", std::env::consts::OS);
    let enrolled = first_contact_app::enroll(
        state.inner(),
        &input,
        &approval,
        &device_name,
        Timeouts::default(),
    );
    let view = enrolled.await.map_err(ApiError::from)?;
    sync.wake();
    Ok(view)
}

#[tauri::command]
pub async fn request_reconsideration(
    state: Shared<'_>,
    sync: Sync<'_>,
    input: ReconsiderationInput,
) -> Reply<OutboxEntry> {
    let entry = on(&state, move |app| app.request_reconsideration(&input)).await?;
    sync.wake();
    Ok(entry)
}
