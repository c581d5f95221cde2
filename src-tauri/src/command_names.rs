//! The names of the commands the window may call. `build.rs` includes this file to declare them
//! (so Tauri generates an `allow-<command>` permission for each and enforces the access list on
//! the app's own commands); `capabilities/main.json` grants exactly these to the main window, and
//! a test keeps this list, the handler list in `main.rs` and the capability file equal.

pub const COMMANDS: &[&str] = &[
    "app_status",
    "create_profile",
    "unlock",
    "lock",
    "record_activity",
    "change_passphrase",
    "new_recovery_code",
    "recover",
    "rekey",
    "set_language",
    "set_idle_lock_minutes",
    "catalogue",
    "list_screenings",
    "new_screening",
    "open_screening",
    "save_screening",
    "assess_screening",
    "new_referral",
    "open_referral",
    "save_referral",
    "list_referral_drafts",
    "delete_referral_draft",
    "delete_screening",
    "screening_retention",
    "set_screening_retention_days",
    "finalise_referral",
    "outbox",
    "sync_status",
    "sync_now",
    "enrollment",
    "enroll",
    "request_reconsideration",
];
