//! First Contact desktop shell: opens the window, owns the one `App`, and forwards each UI
//! command to it. No application logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::Context;
use first_contact_app::{App, AppConfig, SystemClock};
use tauri::Manager;

/// Overrides the data folder (tests, or a deployment that keeps data on an encrypted volume).
const DATA_DIR_VARIABLE: &str = "FIRST_CONTACT_DATA_DIR";
/// Overrides where the Center's public key is read from (default: `center.pub` in the data folder).
const CENTER_KEY_VARIABLE: &str = "FIRST_CONTACT_CENTER_KEY_FILE";

fn main() -> anyhow::Result<()> {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = match std::env::var_os(DATA_DIR_VARIABLE) {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let mut config = AppConfig::new(data_dir);
            if let Some(file) = std::env::var_os(CENTER_KEY_VARIABLE) {
                config.center_key_file = PathBuf::from(file);
            }
            let opened = App::open(config, Box::new(SystemClock))?;
            app.manage(Mutex::new(opened));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::create_profile,
            commands::unlock,
            commands::lock,
            commands::record_activity,
            commands::set_language,
            commands::set_idle_lock_minutes,
            commands::catalogue,
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
            commands::finalise_referral,
            commands::outbox,
        ])
        .run(tauri::generate_context!())
        .context("the First Contact window could not run")
}
