//! The one `App` of a running program as the window's commands, the sync engine and the idle
//! lock share it, and how a command runs on it without holding the window's thread: the work
//! (key derivation, the disk, SQLCipher) goes to tokio's blocking pool, so the window keeps
//! painting and taking keystrokes while it runs.

use std::sync::{Arc, Mutex, MutexGuard};

use first_contact_store::StoreError;

use crate::error::AppError;
use crate::App;

/// The one `App` of a running program.
pub type SharedApp = Arc<Mutex<App>>;

pub(crate) fn lock(app: &SharedApp) -> MutexGuard<'_, App> {
    // A panic elsewhere must not stop delivery or lock the worker out of saved data: every
    // write is a whole transaction or none, so the state is sound as it is.
    app.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// What a caller is told when work on the blocking pool ended without an answer (it
/// panicked): nothing was half-written, as every write is one transaction.
pub(crate) fn stopped() -> AppError {
    AppError::Store(StoreError::Io(std::io::Error::other(
        "the operation stopped before it finished",
    )))
}

/// Runs `work` on the app on tokio's blocking pool and waits for it without blocking the
/// caller's thread. Must be called on a tokio runtime (the shell's commands are).
pub async fn run_blocking<T, F>(app: &SharedApp, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut App) -> Result<T, AppError> + Send + 'static,
{
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || work(&mut lock(&app)))
        .await
        .map_err(|_| stopped())?
}
