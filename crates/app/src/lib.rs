//! The application API of First Contact: every operation the UI can ask for, independent of
//! any window toolkit. The Tauri shell calls these one-to-one; tests call them directly.

mod access;
mod center;
pub mod clock;
pub mod delivery;
mod enrollment_form;
pub mod error;
mod error_code;
mod hardening;
mod help;
pub mod idle_lock;
mod journey_facts;
mod notifications;
mod published;
pub mod recovery;
mod referrals;
pub mod retention;
mod screenings;
mod sealing;
pub mod shared;
pub mod views;
mod who_to_call;

use std::path::PathBuf;

use first_contact_domain::catalogue::{self, Catalogue};
use first_contact_domain::CatalogueError;
use first_contact_protocol::CenterKey;
use first_contact_store::preferences::{self, Preferences};
use first_contact_store::{KdfParams, Vault};

use crate::published::DirectoryInUse;

pub use center::OUTBOX_PAGE;
pub use clock::{Clock, FixedClock, SystemClock};
pub use delivery::{enroll, start_sync, sync_once};
pub use enrollment_form::{enrollment_target, tidy_enrollment_code};
pub use error::{ApiError, AppError, ErrorCode};
pub use first_contact_store::Passphrase;
pub use help::{DirectoryInfo, DirectorySearch, MAX_HITS};
pub use idle_lock::start_idle_lock;
pub use notifications::{NotificationInput, NotificationPreview};
pub use screenings::SCREENINGS_PAGE;
pub use shared::{run_blocking, SharedApp};
pub use views::*;
pub use who_to_call::{CaseRef, MunicipalityFrom, WhoToCall, WhoToCallQuery};

/// Where the app keeps its data, how hard the passphrase is stretched, and where the
/// Center's public key is configured.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub data_dir: PathBuf,
    pub kdf: KdfParams,
    /// A file with the Center's `age1…` key; by default `center.pub` in the data folder. Used
    /// until the device enrolls; then the enrolled Center's key is used.
    pub center_key_file: PathBuf,
    /// How long the sealed bytes of a delivered item stay on the laptop after the receipt;
    /// zero (the default) deletes them with the receipt's arrival.
    pub sealed_retention: chrono::Duration,
}

impl AppConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        Self {
            center_key_file: data_dir.join("center.pub"),
            data_dir,
            kdf: KdfParams::default(),
            sealed_retention: chrono::Duration::zero(),
        }
    }
}

/// One running application over one data folder.
pub struct App {
    config: AppConfig,
    vault: Vault,
    /// The catalogue in use: the Center's latest signed one once verified, else `local_catalogue`.
    catalogue: Catalogue,
    /// The built-in catalogue or an installed update, used until the Center publishes one.
    local_catalogue: Catalogue,
    catalogue_problem: Option<ApiError>,
    /// The help directory in use: the Center's latest signed one once verified, else the
    /// built-in one.
    directory: DirectoryInUse,
    built_in_directory: DirectoryInUse,
    /// Set when the Center's directory was refused and the built-in one is in use.
    directory_problem: Option<ApiError>,
    /// The key finalised referrals are sealed to, or why there is none.
    center_key: Result<CenterKey, ApiError>,
    preferences: Preferences,
    session: Option<access::Session>,
    clock: Box<dyn Clock>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("data_dir", &self.config.data_dir)
            .field("unlocked", &self.session.is_some())
            .finish_non_exhaustive()
    }
}

impl App {
    /// Opens the data folder. An installed catalogue update (`catalogue.json` in the folder) that
    /// fails validation is reported in the status and the built-in catalogue is used instead.
    pub fn open(config: AppConfig, clock: Box<dyn Clock>) -> Result<Self, AppError> {
        let built_in = catalogue::built_in().map_err(AppError::Catalogue)?;
        let (catalogue, catalogue_problem) = match installed_catalogue(&config.data_dir) {
            Ok(Some(installed)) => (installed, None),
            Ok(None) => (built_in, None),
            Err(problem) => (built_in, Some(AppError::Catalogue(problem).to_api())),
        };
        let built_in_directory = DirectoryInUse::built_in()?;
        let center_key = CenterKey::from_file(&config.center_key_file)
            .map_err(|problem| AppError::CenterKey(problem).to_api());
        Ok(Self {
            center_key,
            vault: Vault::at(&config.data_dir),
            preferences: preferences::load(&config.data_dir),
            config,
            local_catalogue: catalogue.clone(),
            catalogue,
            catalogue_problem,
            directory: built_in_directory.clone(),
            built_in_directory,
            directory_problem: None,
            session: None,
            clock,
        })
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }
}

/// The catalogue update installed in the data folder, if there is one.
fn installed_catalogue(data_dir: &std::path::Path) -> Result<Option<Catalogue>, CatalogueError> {
    match std::fs::read_to_string(data_dir.join("catalogue.json")) {
        Ok(json) => catalogue::load(&json).map(Some),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(CatalogueError {
            place: "catalogue.json".into(),
            problem: error.to_string(),
        }),
    }
}
