//! The idle lock on a test clock: a timer locks without anything calling in, idle time is
//! measured on the monotonic clock (setting the wall clock changes nothing), a suspend locks,
//! and the lock's wait can only be changed while unlocked.

use first_contact_app::ErrorCode;
use std::time::Duration;

use first_contact_app::{start_idle_lock, App, AppConfig, FixedClock, NewProfile, SharedApp};
use first_contact_domain::AgencyType;
use first_contact_store::KdfParams;

const PASSPHRASE: &str = "seven quiet rivers";

struct Fixture {
    _directory: tempfile::TempDir,
    clock: FixedClock,
    app: App,
}

/// An unlocked app on a test clock, with the default 10-minute idle lock.
fn unlocked() -> Fixture {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut config = AppConfig::new(directory.path().join("data"));
    config.kdf = KdfParams::MINIMUM;
    let clock = FixedClock::at("2026-11-28T09:00:00+01:00");
    let mut app = App::open(config, Box::new(clock.clone())).unwrap_or_else(|e| panic!("{e}"));
    app.create_profile(NewProfile {
        display_name: "Jelena".into(),
        agency: AgencyType::Ngo,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    Fixture {
        _directory: directory,
        clock,
        app,
    }
}

fn minutes(n: i64) -> chrono::Duration {
    chrono::Duration::minutes(n)
}

// Paused tokio time: the runtime moves its clock on by itself whenever every task waits, so the
// timer's ticks come at once; the test waits for the timer's own report that it locked.
#[tokio::test(start_paused = true)]
async fn the_timer_locks_an_idle_app_without_anything_calling_in() {
    let fixture = unlocked();
    let clock = fixture.clock.clone();
    let app: SharedApp = std::sync::Arc::new(std::sync::Mutex::new(fixture.app));
    let (locked, mut reports) = tokio::sync::mpsc::unbounded_channel();
    let timer = start_idle_lock(&app, Duration::from_secs(5), move || {
        let _ = locked.send(());
    });

    clock.advance(minutes(9));
    tokio::time::sleep(Duration::from_secs(20)).await;
    assert!(app.lock().is_ok_and(|app| app.status().unlocked));

    clock.advance(minutes(2));
    let report = tokio::time::timeout(Duration::from_secs(60), reports.recv()).await;
    assert_eq!(report.ok().flatten(), Some(()), "the timer did not lock");
    assert!(app.lock().is_ok_and(|app| !app.status().unlocked));

    drop(app);
    let ended = tokio::time::timeout(Duration::from_secs(60), timer).await;
    assert!(ended.is_ok(), "the timer outlived the app");
}

#[test]
fn idle_time_is_measured_on_the_monotonic_clock() {
    let mut fixture = unlocked();
    // The wall clock is set a day ahead (or corrected by NTP): no time has passed.
    fixture.clock.set_wall_clock_by(chrono::Duration::days(1));
    assert!(!fixture.app.enforce_idle_lock());
    assert!(fixture.app.record_activity().is_ok());
    // Set back an hour, then ten minutes and a second of real idleness: locked.
    fixture.clock.set_wall_clock_by(-chrono::Duration::hours(1));
    fixture
        .clock
        .advance(minutes(10) + chrono::Duration::seconds(1));
    assert!(fixture.app.enforce_idle_lock());
    assert!(!fixture.app.status().unlocked);
}

#[test]
fn a_suspend_locks_even_when_shorter_than_the_idle_limit() {
    let mut fixture = unlocked();
    fixture.clock.advance(minutes(1));
    assert!(!fixture.app.enforce_idle_lock());
    // The lid closed for three minutes; the monotonic clock stood still meanwhile.
    fixture.clock.suspend(Duration::from_secs(180));
    assert!(fixture.app.enforce_idle_lock());
    assert!(!fixture.app.status().unlocked);
}

#[test]
fn a_suspend_is_noticed_by_the_next_operation_too() {
    let mut fixture = unlocked();
    fixture.clock.suspend(Duration::from_secs(30));
    assert_eq!(
        fixture.app.new_screening().err().map(|e| e.to_api().code),
        Some(ErrorCode::Locked)
    );
}

#[test]
fn the_lock_wait_changes_only_while_unlocked() {
    let mut fixture = unlocked();
    fixture
        .app
        .set_idle_lock_minutes(30)
        .unwrap_or_else(|e| panic!("{e}"));
    fixture.app.lock();
    assert!(fixture.app.set_idle_lock_minutes(120).is_err());
    assert_eq!(fixture.app.status().idle_lock_minutes, 30);
}
