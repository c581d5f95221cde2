//! Re-encrypting the store after a suspected compromise, on a real encrypted store: afterwards a
//! copy of the old keyring no longer opens the database, everything is still there, the recovery
//! code (which wrapped the old key) is gone; and a crash between re-encrypting and replacing the
//! keyring, or before re-encrypting, still unlocks with the passphrase.

use first_contact_app::ErrorCode;
use first_contact_app::{App, AppConfig, FixedClock, NewProfile};
use first_contact_domain::AgencyType;
use first_contact_store::KdfParams;

const PASSPHRASE: &str = "seven quiet rivers";

fn check<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn code<T: std::fmt::Debug>(result: Result<T, first_contact_app::AppError>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.to_api().code,
    }
}

#[test]
fn rekeying_makes_an_old_keyring_useless_and_survives_a_crash_halfway() {
    let dir = check(tempfile::tempdir());
    let data = dir.path().join("data");
    let mut config = AppConfig::new(&data);
    config.kdf = KdfParams::MINIMUM;
    let open = || {
        check(App::open(
            config.clone(),
            Box::new(FixedClock::at("2026-12-01T09:00:00+01:00")),
        ))
    };
    let mut app = open();
    check(app.create_profile(NewProfile {
        display_name: "Jelena".into(),
        agency: AgencyType::Ngo,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    }));
    check(app.new_recovery_code(&PASSPHRASE.into()));
    let kept = check(app.new_screening()).screening;
    let keyring = data.join("keyring.json");
    let old_keyring = check(std::fs::read(&keyring));

    assert_eq!(
        code(app.rekey(&"not the passphrase".into())),
        ErrorCode::WrongPassphrase
    );
    check(app.rekey(&PASSPHRASE.into()));
    assert!(check(app.open_screening(&kept.id)).screening.id == kept.id);
    assert!(
        !data.join("recovery.json").exists(),
        "the old recovery code wrapped the old key"
    );
    assert!(!data.join("keyring.next.json").exists());
    let new_keyring = check(std::fs::read(&keyring));
    app.lock();

    // The old keyring, with the right passphrase, no longer opens the database.
    check(std::fs::write(&keyring, &old_keyring));
    let mut stale = open();
    assert_eq!(code(stale.unlock(PASSPHRASE)), ErrorCode::DatabaseCorrupt);
    drop(stale);

    // A crash after re-encrypting, before the keyring was replaced: the next keyring finishes it.
    check(std::fs::write(data.join("keyring.next.json"), &new_keyring));
    let mut app = open();
    check(app.unlock(PASSPHRASE));
    assert!(app.open_screening(&kept.id).is_ok());
    assert_eq!(check(std::fs::read(&keyring)), new_keyring);
    assert!(!data.join("keyring.next.json").exists());
    app.lock();

    // A crash before re-encrypting: the keyring still opens it and the next one is dropped.
    check(std::fs::write(data.join("keyring.next.json"), &old_keyring));
    check(app.unlock(PASSPHRASE));
    assert!(app.open_screening(&kept.id).is_ok());
    assert!(!data.join("keyring.next.json").exists());
}
