//! The application API with no window, before any screening: the profile, its passphrase and
//! recovery code, locking and idle locking, and preferences — on a real encrypted store.

mod windowless;

use chrono::Duration;
use first_contact_app::recovery::Recovery;
use first_contact_app::{ErrorCode, PassphraseChange};
use first_contact_domain::{AgencyType, Language};
use windowless::{code, new_profile, Fixture, PASSPHRASE};

#[test]
fn first_start_creates_a_profile_and_later_starts_need_the_passphrase() {
    let fixture = Fixture::new();
    let mut app = fixture.open();
    assert!(!app.status().profile_exists);
    assert_eq!(
        code(app.create_profile(new_profile("short", "short"))),
        ErrorCode::PassphraseTooWeak
    );
    assert_eq!(
        code(app.create_profile(new_profile(PASSPHRASE, "seven quiet river"))),
        ErrorCode::PassphraseMismatch
    );
    let mut blank = new_profile(PASSPHRASE, PASSPHRASE);
    blank.display_name = "   ".into();
    assert_eq!(
        code(app.create_profile(blank)),
        ErrorCode::DisplayNameRequired
    );
    assert!(!app.status().profile_exists);

    let profile = app
        .create_profile(new_profile(PASSPHRASE, PASSPHRASE))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(profile.display_name, "Jelena");
    assert!(app.status().unlocked);
    drop(app);

    let mut restarted = fixture.open();
    let status = restarted.status();
    assert!(status.profile_exists && !status.unlocked);
    assert_eq!(
        code(restarted.list_screenings("", 0).map(|page| page.rows)),
        ErrorCode::Locked
    );
    assert_eq!(
        code(restarted.unlock("seven quiet lakes")),
        ErrorCode::WrongPassphrase
    );
    assert_eq!(
        restarted.unlock(PASSPHRASE).map(|p| p.agency).ok(),
        Some(AgencyType::Ngo)
    );
}

#[test]
fn lock_and_idle_lock() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    app.lock();
    assert_eq!(code(app.new_screening()), ErrorCode::Locked);
    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));

    fixture.clock.advance(Duration::minutes(9));
    assert!(app.record_activity().is_ok());
    fixture.clock.advance(Duration::minutes(10));
    assert!(
        app.record_activity().is_ok(),
        "activity 9 minutes ago keeps it open"
    );
    fixture
        .clock
        .advance(Duration::minutes(10) + Duration::seconds(1));
    assert_eq!(code(app.record_activity()), ErrorCode::Locked);
    assert!(!app.status().unlocked);

    // Changing the lock's wait needs an unlocked session.
    assert_eq!(code(app.set_idle_lock_minutes(2)), ErrorCode::Locked);
    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    app.set_idle_lock_minutes(2)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(app.set_idle_lock_minutes(0)), ErrorCode::InvalidInput);
    assert_eq!(
        code(app.set_idle_lock_minutes(121)),
        ErrorCode::InvalidInput
    );
    fixture.clock.advance(Duration::minutes(3));
    assert_eq!(
        code(app.list_screenings("", 0).map(|page| page.rows)),
        ErrorCode::Locked
    );
}

/// The window's status poll asks whether the app is still unlocked; asking is not activity,
/// so a poll every second never keeps the app open.
#[test]
fn asking_whether_still_unlocked_is_not_activity() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    for _ in 0..10 {
        fixture.clock.advance(Duration::minutes(1));
        assert!(app.still_unlocked().is_ok());
    }
    fixture.clock.advance(Duration::seconds(1));
    assert_eq!(code(app.still_unlocked()), ErrorCode::Locked);
    assert!(!app.status().unlocked);
    app.lock();
    assert_eq!(code(app.still_unlocked()), ErrorCode::Locked);
}

#[test]
fn preferences_survive_a_restart_without_unlocking() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    app.set_language(Language::SerbianCyrillic)
        .unwrap_or_else(|e| panic!("{e}"));
    app.set_idle_lock_minutes(25)
        .unwrap_or_else(|e| panic!("{e}"));
    drop(app);
    let status = fixture.open().status();
    assert_eq!(status.language, Language::SerbianCyrillic);
    assert_eq!(status.idle_lock_minutes, 25);
}

/// The passphrase can be changed while unlocked, with the current one; afterwards only the new
/// one unlocks, the data is all there, and the keyring has a new salt.
#[test]
fn the_passphrase_is_changed_with_the_current_one() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let kept = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    let keyring = fixture.config.data_dir.join("keyring.json");
    let before = std::fs::read(&keyring).unwrap_or_else(|e| panic!("{e}"));
    let change = |current: &str, new: &str, confirmation: &str| PassphraseChange {
        current: current.into(),
        new: new.into(),
        confirmation: confirmation.into(),
    };
    const NEW: &str = "orange lantern by the river";
    assert_eq!(
        code(app.change_passphrase(&change("not the current one", NEW, NEW))),
        ErrorCode::WrongPassphrase
    );
    assert_eq!(
        code(app.change_passphrase(&change(PASSPHRASE, "short", "short"))),
        ErrorCode::PassphraseTooWeak
    );
    assert_eq!(
        code(app.change_passphrase(&change(PASSPHRASE, NEW, "orange lantern by the sea"))),
        ErrorCode::PassphraseMismatch
    );
    assert_eq!(
        std::fs::read(&keyring).ok(),
        Some(before.clone()),
        "refusals change nothing"
    );
    app.change_passphrase(&change(PASSPHRASE, NEW, NEW))
        .unwrap_or_else(|e| panic!("{e}"));
    let after = std::fs::read(&keyring).unwrap_or_else(|e| panic!("{e}"));
    let salt = |bytes: &[u8]| -> String {
        let value: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_default();
        value["salt"].as_str().unwrap_or_default().to_owned()
    };
    assert_ne!(salt(&before), salt(&after));

    app.lock();
    assert_eq!(
        code(app.change_passphrase(&change(NEW, PASSPHRASE, PASSPHRASE))),
        ErrorCode::Locked
    );
    assert_eq!(code(app.unlock(PASSPHRASE)), ErrorCode::WrongPassphrase);
    app.unlock(NEW).unwrap_or_else(|e| panic!("{e}"));
    assert!(app.open_screening(&kept.id).is_ok());
}

/// The recovery code: made with the passphrase, it sets a new passphrase when the old one is
/// forgotten; a wrong code, a weak or mistyped new passphrase change nothing; a new code
/// replaces the old one.
#[test]
fn a_recovery_code_replaces_a_forgotten_passphrase() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let kept = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    assert_eq!(
        code(app.new_recovery_code(&"wrong passphrase!".into())),
        ErrorCode::WrongPassphrase
    );
    let first = app
        .new_recovery_code(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    app.lock();
    assert_eq!(
        code(app.new_recovery_code(&PASSPHRASE.into())),
        ErrorCode::Locked
    );

    const NEW: &str = "violet harbour at dawn 42";
    let recovery = |code: &str, new: &str, confirmation: &str| Recovery {
        code: code.into(),
        new: new.into(),
        confirmation: confirmation.into(),
    };
    assert_eq!(
        code(app.recover(&recovery("0000-0000-0000-0000-0000-0000", NEW, NEW))),
        ErrorCode::RecoveryCodeWrong
    );
    assert_eq!(
        code(app.recover(&recovery("not a code", NEW, NEW))),
        ErrorCode::RecoveryCodeWrong
    );
    assert_eq!(
        code(app.recover(&recovery(&first, "short", "short"))),
        ErrorCode::PassphraseTooWeak
    );
    assert_eq!(
        code(app.recover(&recovery(&first, NEW, "violet harbour at dusk 42"))),
        ErrorCode::PassphraseMismatch
    );
    // None of those changed the passphrase.
    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    app.lock();

    app.recover(&recovery(&first.to_lowercase().replace('-', " "), NEW, NEW))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        app.open_screening(&kept.id).is_ok(),
        "unlocked, data intact"
    );
    app.lock();
    assert_eq!(code(app.unlock(PASSPHRASE)), ErrorCode::WrongPassphrase);
    app.unlock(NEW).unwrap_or_else(|e| panic!("{e}"));

    // A new code replaces the first.
    let second = app
        .new_recovery_code(&NEW.into())
        .unwrap_or_else(|e| panic!("{e}"))
        .code;
    assert_ne!(first, second);
    app.lock();
    assert_eq!(
        code(app.recover(&recovery(&first, NEW, NEW))),
        ErrorCode::RecoveryCodeWrong
    );
    app.recover(&recovery(&second, PASSPHRASE, PASSPHRASE))
        .unwrap_or_else(|e| panic!("{e}"));
}
