//! What the tests that run the app against a real Center share: a Center on a loopback port
//! with its development PKI, and an app with a profile on a real encrypted store.

use std::sync::{Arc, Mutex};

use first_contact_app::{App, AppConfig, FixedClock, NewProfile, SharedApp};
use first_contact_center::{CenterConfig, RunningCenter};
use first_contact_domain::referral::{DetectionMethod, ExploitationType};
use first_contact_domain::AgencyType;
use first_contact_store::KdfParams;

pub const PASSPHRASE: &str = "seven quiet rivers";

pub fn check<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// A Center serving on a free loopback port, its data in `dir`.
#[allow(dead_code)] // not every test file talks to a Center
pub async fn center(dir: &std::path::Path) -> RunningCenter {
    let mut config = CenterConfig::new(dir);
    config.listen = check("127.0.0.1:0".parse());
    check(first_contact_center::start(&config, first_contact_center::system_clock()).await)
}

/// An app over `dir/data` with Officer Dragana's profile, unlocked.
pub fn app(dir: &std::path::Path) -> SharedApp {
    let mut config = AppConfig::new(dir.join("data"));
    config.kdf = KdfParams::MINIMUM;
    let mut app = check(App::open(
        config,
        Box::new(FixedClock::at("2026-11-28T09:00:00+01:00")),
    ));
    check(app.create_profile(NewProfile {
        display_name: "Officer Dragana".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    }));
    Arc::new(Mutex::new(app))
}

pub const NARRATIVE: &str = "Brought from Preševo to a brickworks near Pančevo";

/// Finalises a complete adult referral and answers its id.
#[allow(dead_code)] // not every test file finalises
pub fn finalise_one(app: &SharedApp) -> String {
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    let mut referral = check(app.new_referral(None)).referral;
    referral.contact.place = "Subotica".into();
    referral.contact.detection = Some(DetectionMethod::Inspection);
    referral.person.name = "Leila Quandt-Haddad".into();
    referral.person.estimated_age = Some(27);
    referral.exploitation.types = vec![ExploitationType::LabourExploitation];
    referral.exploitation.labour_sector = "construction".into();
    referral.indicators.narrative = NARRATIVE.into();
    referral.consent.consent_to_referral = true;
    referral.consent.consent_to_data_processing = true;
    referral.consent.consent_language = "ar".into();
    let view = check(app.save_referral(referral.clone()));
    assert!(view.issues.is_empty(), "{:?}", view.issues);
    check(app.finalise_referral(&referral.id)).id
}
