//! The idle lock as a timer: every few seconds the app checks whether the worker has been idle
//! too long or the laptop was suspended, and locks. Without it the lock would happen only when
//! something next called in, leaving the store open on an unattended laptop.

use std::sync::{Arc, Weak};
use std::time::Duration;

use crate::shared::{lock, SharedApp};
use crate::App;

/// How often the shell checks: a lock is at most this late.
pub const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Starts the timer on the current tokio runtime. `locked` runs each time the timer itself
/// locks the app (the shell wakes the sync loop, which then pauses). The timer ends when the
/// last other holder of the app is gone.
pub fn start_idle_lock(
    app: &SharedApp,
    every: Duration,
    locked: impl Fn() + Send + 'static,
) -> tokio::task::JoinHandle<()> {
    let app: Weak<std::sync::Mutex<App>> = Arc::downgrade(app);
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        // After a suspend the missed ticks are not worth catching up: one check tells.
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let Some(app) = app.upgrade() else {
                return;
            };
            // The check takes the app's lock, which a command may hold for a while (an unlock's
            // key derivation, say): on the blocking pool, so no async worker waits for it.
            let locked_now = tokio::task::spawn_blocking(move || {
                let mut app = lock(&app);
                let was_unlocked = app.session.is_some();
                app.enforce_idle_lock() && was_unlocked
            })
            .await
            .unwrap_or(false);
            if locked_now {
                locked();
            }
        }
    })
}
