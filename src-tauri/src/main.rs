//! First Contact desktop shell: opens the window, owns the one `App`, and forwards each UI
//! command to it. No application logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod command_names;
#[cfg(test)]
mod command_types;
mod commands;
mod events;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use first_contact_app::{idle_lock, start_idle_lock, start_sync, App, AppConfig, SystemClock};
use first_contact_sync::{LoopSettings, Timeouts};
use tauri::Manager;

/// Overrides the data folder (tests, or a deployment that keeps data on an encrypted volume).
const DATA_DIR_VARIABLE: &str = "FIRST_CONTACT_DATA_DIR";
/// Overrides where the Center's public key is read from (default: `center.pub` in the data folder).
const CENTER_KEY_VARIABLE: &str = "FIRST_CONTACT_CENTER_KEY_FILE";
/// Seconds between syncs when all is well (default 60).
const SYNC_INTERVAL_VARIABLE: &str = "FIRST_CONTACT_SYNC_INTERVAL_SECONDS";
/// The longest wait between retries after failures (default 300 seconds).
const RETRY_CAP_VARIABLE: &str = "FIRST_CONTACT_SYNC_MAX_RETRY_SECONDS";
/// The webview's own files, inside the data folder.
const WEBVIEW_FOLDER: &str = "webview";
/// Days the sealed bytes of a delivered referral stay on the laptop (default 0: deleted at once).
const RETENTION_VARIABLE: &str = "FIRST_CONTACT_SEALED_RETENTION_DAYS";

fn seconds_from_env(name: &str) -> Option<Duration> {
    std::env::var(name)
        .ok()
        .and_then(|value| value.trim().parse::<u64>().ok())
        .filter(|seconds| *seconds > 0)
        .map(Duration::from_secs)
}

fn main() -> anyhow::Result<()> {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_VARIABLE) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            // WebKit keeps its own storage (caches, HSTS, local storage) in the webview's data
            // folder; without this it goes to the platform's app-data folder, outside the folder
            // the worker (or a deployment on an encrypted volume) chose for everything.
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
                .title("First Contact")
                .inner_size(1366.0, 768.0)
                .min_inner_size(800.0, 600.0)
                .data_directory(data_dir.join(WEBVIEW_FOLDER))
                .build()?;
            let mut config = AppConfig::new(data_dir);
            if let Some(file) = std::env::var_os(CENTER_KEY_VARIABLE) {
                config.center_key_file = PathBuf::from(file);
            }
            if let Some(days) = std::env::var(RETENTION_VARIABLE)
                .ok()
                .and_then(|value| value.trim().parse::<i64>().ok())
            {
                config.sealed_retention = chrono::Duration::days(days.max(0));
            }
            let opened = Arc::new(Mutex::new(App::open(config, Box::new(SystemClock))?));
            let mut settings = LoopSettings::default();
            if let Some(idle) = seconds_from_env(SYNC_INTERVAL_VARIABLE) {
                settings.idle = idle;
            }
            if let Some(cap) = seconds_from_env(RETRY_CAP_VARIABLE) {
                settings.max_retry = cap;
                settings.first_retry = settings.first_retry.min(cap);
            }
            let shared = Arc::clone(&opened);
            let handle = app.handle().clone();
            let sync = tauri::async_runtime::block_on(async move {
                let sync = start_sync(Arc::clone(&shared), settings, Timeouts::default());
                // Locks on time even when the window sends nothing; the loop then pauses and
                // the window hides what it shows.
                let paused = sync.clone();
                let told = handle.clone();
                start_idle_lock(&shared, idle_lock::CHECK_EVERY, move || {
                    paused.wake();
                    events::locked(&told);
                });
                let mut changes = sync.watch();
                tauri::async_runtime::spawn(async move {
                    while changes.changed().await.is_ok() {
                        let status = changes.borrow_and_update().clone();
                        events::sync_status(&handle, &status);
                    }
                });
                sync
            });
            app.manage(opened);
            app.manage(sync);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::create_profile,
            commands::unlock,
            commands::lock,
            commands::record_activity,
            commands::change_passphrase,
            commands::new_recovery_code,
            commands::recover,
            commands::rekey,
            commands::set_language,
            commands::set_idle_lock_minutes,
            commands::catalogue,
            commands::directory_info,
            commands::search_directory,
            commands::who_to_call,
            commands::preview_notification,
            commands::send_notification,
            commands::list_screenings,
            commands::new_screening,
            commands::open_screening,
            commands::save_screening,
            commands::assess_screening,
            commands::new_referral,
            commands::open_referral,
            commands::save_referral,
            commands::list_referral_drafts,
            commands::delete_referral_draft,
            commands::delete_screening,
            commands::screening_retention,
            commands::set_screening_retention_days,
            commands::finalise_referral,
            commands::outbox,
            commands::sync_status,
            commands::sync_now,
            commands::enrollment,
            commands::enroll,
            commands::tidy_enrollment_code,
            commands::request_reconsideration,
        ])
        .run(tauri::generate_context!())
        .context("the First Contact window could not run")
}

#[cfg(test)]
mod access_list {
    use super::command_names::COMMANDS;

    /// Listening to events and ending a listener: the only core permissions the window has.
    const EVENT_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

    /// The permission Tauri generates for a command.
    fn permission(command: &str) -> String {
        format!("allow-{}", command.replace('_', "-"))
    }

    #[test]
    fn the_main_window_is_granted_exactly_the_declared_commands() {
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/main.json"))
                .unwrap_or_else(|e| panic!("capabilities/main.json: {e}"));
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("no permissions"))
            .iter()
            .map(|p| p.as_str().unwrap_or_default().to_owned())
            .collect();
        let mut declared: Vec<String> = COMMANDS.iter().map(|c| permission(c)).collect();
        // The window listens to the backend's events (events.rs) instead of polling.
        declared.extend(EVENT_PERMISSIONS.iter().map(|p| (*p).to_owned()));
        granted.sort();
        declared.sort();
        assert_eq!(granted, declared);
    }

    #[test]
    fn every_handled_command_is_declared_and_nothing_else() {
        let source = include_str!("main.rs");
        let start = source
            .find("generate_handler![")
            .unwrap_or_else(|| panic!("no handler list"));
        let list = &source[start..];
        let list = &list[..list.find(']').unwrap_or(list.len())];
        let mut handled: Vec<&str> = list
            .split("commands::")
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| c == ',' || c.is_whitespace())
                    .next()
                    .unwrap_or("")
            })
            .collect();
        let mut declared = COMMANDS.to_vec();
        handled.sort_unstable();
        declared.sort_unstable();
        assert_eq!(handled, declared);
    }
}
