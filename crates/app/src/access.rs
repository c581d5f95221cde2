//! Profile, lock and preferences: who may use the store and when it locks itself.

use chrono::{DateTime, Duration, FixedOffset};
use first_contact_domain::{passphrase, profile::MAX_DISPLAY_NAME, Language, Profile};
use first_contact_store::preferences::{self, IDLE_LOCK_RANGE};
use first_contact_store::{Connection, Passphrase};

use crate::error::AppError;
use crate::views::{AppStatus, NewProfile};
use crate::App;

/// An unlocked store. Dropping it closes the database; the key lives only inside SQLCipher.
pub(crate) struct Session {
    pub(crate) connection: Connection,
    pub(crate) profile: Profile,
    last_activity: DateTime<FixedOffset>,
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
        let now = self.clock.now();
        let profile = Profile {
            display_name: display_name.to_owned(),
            agency: input.agency,
            created_at: now.to_rfc3339(),
        };
        let connection = self
            .vault
            .create(&input.passphrase, self.config.kdf, &profile)?;
        self.begin(connection, profile.clone(), now);
        Ok(profile)
    }

    /// `passphrase` is taken as owned so a `String` from the UI moves into wiped memory
    /// without a copy being left behind.
    pub fn unlock(&mut self, passphrase: impl Into<Passphrase>) -> Result<Profile, AppError> {
        let passphrase = passphrase.into();
        self.lock();
        let connection = self.vault.unlock(&passphrase)?;
        let profile = first_contact_store::profile::get(&connection)?;
        self.begin(connection, profile.clone(), self.clock.now());
        Ok(profile)
    }

    /// Closes the store. The WAL is emptied first, so no page image of what the worker typed
    /// (a deleted draft, say) stays in it while the laptop is locked.
    pub fn lock(&mut self) {
        if let Some(session) = self.session.take() {
            // Locking cannot be refused: the connection is closed whatever the checkpoint says,
            // and a checkpoint that could not run leaves only encrypted pages behind.
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

    pub fn set_idle_lock_minutes(&mut self, minutes: u32) -> Result<AppStatus, AppError> {
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

    fn begin(&mut self, connection: Connection, profile: Profile, now: DateTime<FixedOffset>) {
        self.session = Some(Session {
            connection,
            profile,
            last_activity: now,
        });
        self.apply_published_catalogue();
    }

    /// The connection for work the worker did not ask for (background sync): the same idle
    /// check, but it does not count as activity, so syncing never keeps the app unlocked.
    pub(crate) fn background_connection(&mut self) -> Result<&mut Connection, AppError> {
        let now = self.clock.now();
        let limit = Duration::minutes(i64::from(self.preferences.idle_lock_minutes));
        if self
            .session
            .as_ref()
            .is_some_and(|s| now - s.last_activity > limit)
        {
            self.lock();
        }
        self.session
            .as_mut()
            .map(|session| &mut session.connection)
            .ok_or(AppError::Locked)
    }

    /// The open session, if it has not been idle too long. Every operation on personal data
    /// goes through here, so the idle lock holds even if the UI's own timer did not fire.
    pub(crate) fn session(&mut self) -> Result<&mut Session, AppError> {
        let now = self.clock.now();
        let limit = Duration::minutes(i64::from(self.preferences.idle_lock_minutes));
        let expired = self
            .session
            .as_ref()
            .is_some_and(|s| now - s.last_activity > limit);
        if expired {
            self.lock();
        }
        let session = self.session.as_mut().ok_or(AppError::Locked)?;
        session.last_activity = now;
        Ok(session)
    }
}
