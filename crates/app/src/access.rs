//! Profile, lock and preferences: who may use the store and when it locks itself.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use first_contact_domain::{passphrase, profile::MAX_DISPLAY_NAME, Language, Profile};
use first_contact_store::preferences::{self, IDLE_LOCK_RANGE};
use first_contact_store::{Connection, Opened, Passphrase};

use crate::error::AppError;
use crate::hardening;
use crate::views::{AppStatus, NewProfile, PassphraseChange};
use crate::App;

/// How much further the time since boot may move than the monotonic clock between two checks
/// before it counts as a suspend. The two differ only by time spent suspended; the slack
/// absorbs the moment between the two readings.
const SUSPEND_SLACK: Duration = Duration::from_secs(2);

/// An unlocked store. Dropping it closes the database; the key lives only inside SQLCipher.
pub(crate) struct Session {
    pub(crate) connection: Connection,
    /// Sync's own connection: owned apart from the app so a sync pass holds the app only for
    /// a moment (the idle check, the clock) and never while it reads or writes the outbox.
    /// Emptied when the app locks; an operation under way finishes first.
    pub(crate) background: BackgroundConnection,
    pub(crate) profile: Profile,
    /// Monotonic time of the worker's last activity: the idle lock ignores the wall clock.
    last_activity: Duration,
    /// The clocks at the last check (monotonic, since boot), to notice a suspend in between.
    last_check: (Duration, Option<Duration>),
}

/// The background connection as sync shares it with the app: `None` once the app has locked.
pub(crate) type BackgroundConnection = Arc<Mutex<Option<Connection>>>;

/// Closes the background connection, after whatever sync is doing on it now.
fn close_background(background: &BackgroundConnection) {
    let connection = background
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .take();
    if let Some(connection) = connection {
        let _ = first_contact_store::database::close(connection);
    }
}

/// Whether the laptop was suspended between two checks: the time since boot, which counts
/// suspended time, moved on noticeably more than the monotonic clock, which does not.
fn suspended_between(
    earlier: (Duration, Option<Duration>),
    later: (Duration, Option<Duration>),
) -> bool {
    match (earlier.1, later.1) {
        (Some(boot_before), Some(boot_after)) => {
            let running = later.0.saturating_sub(earlier.0);
            boot_after.saturating_sub(boot_before) > running + SUSPEND_SLACK
        }
        _ => false,
    }
}

impl App {
    pub fn status(&self) -> AppStatus {
        AppStatus {
            profile_exists: self.vault.state() == first_contact_store::VaultState::Locked,
            unlocked: self.session.is_some(),
            language: self.preferences.language,
            idle_lock_minutes: self.preferences.idle_lock_minutes,
            catalogue_problem: self.catalogue_problem.clone(),
            center_key_problem: if self.enrolled() {
                None
            } else {
                self.center_key.as_ref().err().cloned()
            },
        }
    }

    /// Whether the unlocked store holds an enrollment (whose key then seals referrals).
    fn enrolled(&self) -> bool {
        self.session.as_ref().is_some_and(|session| {
            first_contact_store::enrollment::get(&session.connection)
                .ok()
                .flatten()
                .is_some()
        })
    }

    pub fn create_profile(&mut self, input: NewProfile) -> Result<Profile, AppError> {
        let display_name = input.display_name.trim();
        if display_name.is_empty() {
            return Err(AppError::DisplayNameRequired);
        }
        if display_name.chars().count() > MAX_DISPLAY_NAME
            || display_name.chars().any(char::is_control)
        {
            return Err(AppError::InvalidInput {
                field: "display_name".into(),
            });
        }
        if !passphrase::is_strong_enough(input.passphrase.expose()) {
            return Err(AppError::PassphraseTooWeak);
        }
        if input.passphrase != input.passphrase_confirmation {
            return Err(AppError::PassphraseMismatch);
        }
        let profile = Profile {
            display_name: display_name.to_owned(),
            agency: input.agency,
            created_at: self.clock.now().to_rfc3339(),
        };
        protect_process();
        let opened = self
            .vault
            .create_opened(&input.passphrase, self.config.kdf, &profile)?;
        self.begin(opened, profile.clone());
        Ok(profile)
    }

    /// `passphrase` is taken as owned so a `String` from the UI moves into wiped memory
    /// without a copy being left behind.
    pub fn unlock(&mut self, passphrase: impl Into<Passphrase>) -> Result<Profile, AppError> {
        let passphrase = passphrase.into();
        self.lock();
        protect_process();
        let opened = self.vault.unlock_opened(&passphrase)?;
        let profile = first_contact_store::profile::get(&opened.connection)?;
        self.begin(opened, profile.clone());
        // A sweep that fails (a full disk, say) is tried again at the next unlock: keeping a
        // screening a little longer loses nothing, refusing the unlock would.
        let _ = self.delete_expired_screenings();
        Ok(profile)
    }

    /// Closes the store. The WAL is emptied first, so no page image of what the worker typed
    /// (a deleted draft, say) stays in it while the laptop is locked.
    pub fn lock(&mut self) {
        if let Some(session) = self.session.take() {
            // Locking cannot be refused: the connections are closed whatever the checkpoint
            // says, and a checkpoint that could not run leaves only encrypted pages behind. The
            // background one goes first, so the last close can empty the WAL.
            close_background(&session.background);
            let _ = first_contact_store::database::close(session.connection);
        }
    }

    /// The worker is active: postpones the idle lock, or reports that it already happened.
    pub fn record_activity(&mut self) -> Result<(), AppError> {
        self.session().map(|_| ())
    }

    pub fn set_language(&mut self, language: Language) -> Result<AppStatus, AppError> {
        let mut changed = self.preferences;
        changed.language = language;
        preferences::save(&self.config.data_dir, &changed)?;
        self.preferences = changed;
        Ok(self.status())
    }

    /// Only while unlocked: whoever finds the laptop locked must not be able to lengthen the
    /// lock's wait for the worker's next session.
    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<AppStatus, AppError> {
        self.session()?;
        if !IDLE_LOCK_RANGE.contains(&minutes) {
            return Err(AppError::InvalidInput {
                field: "idle_lock_minutes".into(),
            });
        }
        let mut changed = self.preferences;
        changed.idle_lock_minutes = minutes;
        preferences::save(&self.config.data_dir, &changed)?;
        self.preferences = changed;
        Ok(self.status())
    }

    pub(crate) fn begin(&mut self, opened: Opened, profile: Profile) {
        let monotonic = self.clock.monotonic();
        self.session = Some(Session {
            connection: opened.connection,
            background: Arc::new(Mutex::new(Some(opened.background))),
            profile,
            last_activity: monotonic,
            last_check: (monotonic, self.clock.since_boot()),
        });
        self.apply_publications();
    }

    /// Locks if the session is over: idle for longer than the limit, or the laptop suspended
    /// since the last check. Called by every operation and by the idle-lock timer, so the lock
    /// happens on time even when nothing calls in. True when the app is locked afterwards.
    pub fn enforce_idle_lock(&mut self) -> bool {
        let monotonic = self.clock.monotonic();
        let check = (monotonic, self.clock.since_boot());
        let limit = Duration::from_secs(u64::from(self.preferences.idle_lock_minutes) * 60);
        let Some(session) = self.session.as_mut() else {
            return true;
        };
        let idle = monotonic.saturating_sub(session.last_activity) > limit;
        let suspended = suspended_between(session.last_check, check);
        session.last_check = check;
        if idle || suspended {
            self.lock();
        }
        self.session.is_none()
    }

    /// Changes the passphrase that unlocks this laptop's store: only while unlocked, only with
    /// the current passphrase, and the new one must pass the same rule as at set-up. The data
    /// key is re-wrapped (new salt, new nonce); the store is not re-encrypted.
    pub fn change_passphrase(&mut self, change: &PassphraseChange) -> Result<(), AppError> {
        self.session()?;
        if !passphrase::is_strong_enough(change.new.expose()) {
            return Err(AppError::PassphraseTooWeak);
        }
        if change.new != change.confirmation {
            return Err(AppError::PassphraseMismatch);
        }
        self.vault
            .change_passphrase(&change.current, &change.new, self.config.kdf)?;
        Ok(())
    }

    /// Re-encrypts the store under a new key, for a suspected compromise: a copy of the old
    /// keyring (or recovery file) with the passphrase (or code) no longer opens the database.
    /// The recovery code wrapped the old key, so it stops working: the UI offers a new one.
    pub fn rekey(&mut self, passphrase: &Passphrase) -> Result<(), AppError> {
        let kdf = self.config.kdf;
        let vault = self.vault.clone();
        let session = self.session()?;
        let background = Arc::clone(&session.background);
        let mut background = background
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        vault.rekey_beside(&session.connection, &mut background, passphrase, kdf)?;
        Ok(())
    }

    /// `Locked` once the app is locked — by the worker, the idle limit or a suspend, checked now —
    /// without counting as activity: the window asks this with the sync status when it starts
    /// listening, so that a window opened over a locked backend hides what it shows.
    pub fn still_unlocked(&mut self) -> Result<(), AppError> {
        if self.enforce_idle_lock() {
            Err(AppError::Locked)
        } else {
            Ok(())
        }
    }

    /// The connection for work the worker did not ask for (background sync): the same idle
    /// check, but it does not count as activity, so syncing never keeps the app unlocked. The
    /// caller uses it after letting go of the app.
    pub(crate) fn background_connection(&mut self) -> Result<BackgroundConnection, AppError> {
        self.enforce_idle_lock();
        self.session
            .as_ref()
            .map(|session| Arc::clone(&session.background))
            .ok_or(AppError::Locked)
    }

    /// The open session, if it has not been idle too long. Every operation on personal data
    /// goes through here, so the idle lock holds even if the UI's own timer did not fire.
    pub(crate) fn session(&mut self) -> Result<&mut Session, AppError> {
        self.enforce_idle_lock();
        let now = self.clock.monotonic();
        let session = self.session.as_mut().ok_or(AppError::Locked)?;
        session.last_activity = now;
        Ok(session)
    }
}

/// Defence in depth, so a failure does not stop the worker from unlocking: the store's
/// encryption at rest does not depend on it. Done before the passphrase is stretched, so the
/// key never sits in a dumpable process.
pub(crate) fn protect_process() {
    let _ = hardening::protect_process();
}
