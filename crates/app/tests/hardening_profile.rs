//! Creating a profile protects the process as unlocking does (non-dumpable, no core files). A
//! test binary of its own, like `hardening.rs`: the settings last for the whole process.

#![cfg(target_os = "linux")]

use first_contact_app::{App, AppConfig, FixedClock, NewProfile};
use first_contact_domain::AgencyType;
use first_contact_store::KdfParams;

const PASSPHRASE: &str = "seven quiet rivers";

fn dumpable() -> bool {
    !matches!(
        rustix::process::dumpable_behavior(),
        Ok(rustix::process::DumpableBehavior::NotDumpable)
    )
}

#[test]
fn creating_a_profile_makes_the_process_non_dumpable() {
    assert!(
        dumpable(),
        "the test needs a dumpable process to start with"
    );
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut config = AppConfig::new(directory.path().join("data"));
    config.kdf = KdfParams::MINIMUM;
    let clock = FixedClock::at("2026-11-28T09:00:00+01:00");
    let mut app = App::open(config, Box::new(clock)).unwrap_or_else(|e| panic!("{e}"));
    app.create_profile(NewProfile {
        display_name: "Jelena".into(),
        agency: AgencyType::Ngo,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(!dumpable());
    assert_eq!(
        rustix::process::getrlimit(rustix::process::Resource::Core).maximum,
        Some(0)
    );
}
