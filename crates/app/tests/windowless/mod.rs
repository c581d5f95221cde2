//! What the window-less API tests share: an app on a real encrypted store (the fastest key
//! stretching) with a fixed clock, a profile, and the error code of a refused call.

use first_contact_app::ErrorCode;
use first_contact_app::{App, AppConfig, FixedClock, NewProfile};
use first_contact_domain::AgencyType;
use first_contact_store::KdfParams;

pub const PASSPHRASE: &str = "seven quiet rivers";

pub struct Fixture {
    _directory: tempfile::TempDir,
    pub config: AppConfig,
    pub clock: FixedClock,
}

impl Fixture {
    pub fn new() -> Self {
        let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut config = AppConfig::new(directory.path().join("data"));
        config.kdf = KdfParams::MINIMUM;
        Self {
            _directory: directory,
            config,
            clock: FixedClock::at("2026-11-28T09:00:00+01:00"),
        }
    }

    pub fn open(&self) -> App {
        App::open(self.config.clone(), Box::new(self.clock.clone()))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn with_profile(&self) -> App {
        let mut app = self.open();
        app.create_profile(new_profile(PASSPHRASE, PASSPHRASE))
            .unwrap_or_else(|e| panic!("{e}"));
        app
    }
}

pub fn new_profile(passphrase: &str, confirmation: &str) -> NewProfile {
    NewProfile {
        display_name: "Jelena".into(),
        agency: AgencyType::Ngo,
        passphrase: passphrase.into(),
        passphrase_confirmation: confirmation.into(),
    }
}

pub fn code<T: std::fmt::Debug>(result: Result<T, first_contact_app::AppError>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.to_api().code,
    }
}
