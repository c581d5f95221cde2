//! Unlocking makes the process non-dumpable and disables core files, so the store's key and
//! the passphrase cannot be read by a debugger of the same user or land in a core dump. Its own
//! test binary: the settings last for the process, so no other test may have applied them.

#![cfg(target_os = "linux")]

use first_contact_app::{App, AppConfig, FixedClock};
use first_contact_domain::{AgencyType, Profile};
use first_contact_store::{KdfParams, Vault};

const PASSPHRASE: &str = "seven quiet rivers";

/// Whether the process is dumpable. /proc/self/status has no such field on this kernel (it
/// shows only `CoreDumping`), so ask the kernel with PR_GET_DUMPABLE.
fn dumpable() -> bool {
    !matches!(
        rustix::process::dumpable_behavior(),
        Ok(rustix::process::DumpableBehavior::NotDumpable)
    )
}

/// The soft and hard core-file limits, as /proc/self/limits shows them.
fn core_limits() -> String {
    let limits = std::fs::read_to_string("/proc/self/limits").unwrap_or_else(|e| panic!("{e}"));
    limits
        .lines()
        .find(|line| line.starts_with("Max core file size"))
        .map(|line| {
            line.split_whitespace()
                .skip(4)
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

#[test]
fn unlocking_makes_the_process_non_dumpable_with_no_core_files() {
    assert!(
        dumpable(),
        "the test needs a dumpable process to start with"
    );
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = directory.path().join("data");
    // The profile is made by the store alone, so only the unlock can have changed anything.
    Vault::at(&data)
        .create(
            &PASSPHRASE.into(),
            KdfParams::MINIMUM,
            &Profile {
                display_name: "Jelena".into(),
                agency: AgencyType::Ngo,
                created_at: "2026-11-28T09:00:00+01:00".into(),
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let mut config = AppConfig::new(&data);
    config.kdf = KdfParams::MINIMUM;
    let clock = FixedClock::at("2026-11-28T09:00:00+01:00");
    let mut app = App::open(config, Box::new(clock)).unwrap_or_else(|e| panic!("{e}"));
    assert!(dumpable(), "opening alone changes nothing");

    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    assert!(!dumpable());
    assert_eq!(core_limits(), "0 0");
}
