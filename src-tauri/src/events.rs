//! What the backend tells the window without being asked: the sync status whenever it changes,
//! and that the app locked itself (idle time, a suspend). The window listens instead of polling.
//! Each event's name and payload are declared once here; the command_types test writes them
//! into the generated TypeScript contract, so the UI listens by the same names and types.

use first_contact_sync::SyncStatus;
use tauri::{AppHandle, Emitter};

/// An event the window can listen to: its name and the TypeScript type of its payload.
pub struct Event {
    pub name: &'static str,
    /// Read only by the generator of the TypeScript contract (a test).
    #[cfg_attr(not(test), expect(dead_code))]
    pub payload: &'static str,
}

pub const SYNC_STATUS: Event = Event {
    name: "sync-status",
    payload: "SyncStatus",
};

pub const LOCKED: Event = Event {
    name: "locked",
    payload: "null",
};

#[cfg(test)]
pub const ALL: &[Event] = &[SYNC_STATUS, LOCKED];

/// The sync status changed. A window that is not listening yet asks `sync_status` once.
pub fn sync_status(handle: &AppHandle, status: &SyncStatus) {
    // Fails only when the window is gone: nobody is left to tell.
    let _ = handle.emit(SYNC_STATUS.name, status);
}

/// The backend locked on its own: the window hides what it shows at once.
pub fn locked(handle: &AppHandle) {
    let _ = handle.emit(LOCKED.name, ());
}
