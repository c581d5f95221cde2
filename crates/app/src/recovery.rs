//! The recovery code: made at set-up (and again from Settings) with the passphrase, shown once;
//! used from the lock screen when the passphrase is forgotten, to set a new one and unlock.

use first_contact_domain::{passphrase, Profile};
use first_contact_store::{Passphrase, RecoveryCode, StoreError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::AppError;
use crate::App;

/// A new recovery code, to show once (the laptop keeps only a wrap of the key under it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecoveryCodeView {
    /// `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`
    pub code: String,
}

/// A forgotten passphrase: the recovery code and the new passphrase twice. Only read from the UI.
#[derive(Clone, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct Recovery {
    #[ts(type = "string")]
    pub code: Passphrase,
    #[ts(type = "string")]
    pub new: Passphrase,
    #[ts(type = "string")]
    pub confirmation: Passphrase,
}

impl std::fmt::Debug for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Recovery").finish_non_exhaustive()
    }
}

impl App {
    /// Makes a recovery code for this laptop's store (an earlier one stops working). Needs the
    /// unlocked session and the passphrase.
    pub fn new_recovery_code(
        &mut self,
        passphrase: &Passphrase,
    ) -> Result<RecoveryCodeView, AppError> {
        self.session()?;
        let code = self.vault.new_recovery_code(passphrase, self.config.kdf)?;
        Ok(RecoveryCodeView {
            code: code.display(),
        })
    }

    /// Sets a new passphrase with the recovery code and unlocks. A wrong code, a weak or
    /// mistyped new passphrase change nothing.
    pub fn recover(&mut self, recovery: &Recovery) -> Result<Profile, AppError> {
        let code =
            RecoveryCode::parse(recovery.code.expose()).ok_or(AppError::RecoveryCodeWrong)?;
        if !passphrase::is_strong_enough(recovery.new.expose()) {
            return Err(AppError::PassphraseTooWeak);
        }
        if recovery.new != recovery.confirmation {
            return Err(AppError::PassphraseMismatch);
        }
        self.lock();
        crate::access::protect_process();
        let opened = self
            .vault
            .recover_opened(&code, &recovery.new, self.config.kdf)
            .map_err(|error| match error {
                StoreError::WrongPassphrase => AppError::RecoveryCodeWrong,
                StoreError::NotFound => AppError::NoRecoveryCode,
                other => AppError::Store(other),
            })?;
        let profile = first_contact_store::profile::get(&opened.connection)?;
        self.begin(opened, profile.clone());
        let _ = self.delete_expired_screenings();
        Ok(profile)
    }
}
