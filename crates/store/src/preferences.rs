//! Interface preferences kept outside the encrypted store, because the lock screen needs them
//! before the passphrase is known. They hold nothing personal: a language and a timeout.

use std::path::{Path, PathBuf};

use first_contact_domain::Language;
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::files::write_atomically;

pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub language: Language,
    pub idle_lock_minutes: u32,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: Language::default(),
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
        }
    }
}

fn file(directory: &Path) -> PathBuf {
    directory.join("preferences.json")
}

/// Reads the preferences; a missing or unreadable file gives the defaults, since nothing the
/// worker typed lives there.
pub fn load(directory: &Path) -> Preferences {
    std::fs::read(file(directory))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Preferences>(&bytes).ok())
        .map(|mut p| {
            if !IDLE_LOCK_RANGE.contains(&p.idle_lock_minutes) {
                p.idle_lock_minutes = DEFAULT_IDLE_LOCK_MINUTES;
            }
            p
        })
        .unwrap_or_default()
}

pub fn save(directory: &Path, preferences: &Preferences) -> Result<(), StoreError> {
    write_atomically(&file(directory), &serde_json::to_vec_pretty(preferences)?)
}
