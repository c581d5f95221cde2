//! Referrals through the application API on a real encrypted store: drafts from a screening,
//! the consent and child rules at finalising, sealing to the Center's key, the outbox.

use first_contact_app::ErrorCode;
use first_contact_app::{App, AppConfig, FixedClock, NewProfile};
use first_contact_domain::referral::{
    DetectionMethod, ExploitationType, JourneyState, Referral, Urgency,
};
use first_contact_domain::{AgePathKind, AgencyType, Learnt, Observation};
use first_contact_protocol::{open_any, EnvelopeMeta};
use first_contact_store::{KdfParams, Vault};

const PASSPHRASE: &str = "seven quiet rivers";
const NAME: &str = "Leila Quandt-Haddad";
const NARRATIVE: &str = "Brought from Preševo to a brickworks near Pančevo";

struct Fixture {
    _directory: tempfile::TempDir,
    config: AppConfig,
    center: age::x25519::Identity,
}

impl Fixture {
    fn new(with_key: bool) -> Self {
        let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut config = AppConfig::new(directory.path().join("data"));
        config.kdf = KdfParams::MINIMUM;
        config.center_key_file = directory.path().join("center.pub");
        let center = age::x25519::Identity::generate();
        if with_key {
            std::fs::write(&config.center_key_file, center.to_public().to_string())
                .unwrap_or_else(|e| panic!("{e}"));
        }
        Self {
            _directory: directory,
            config,
            center,
        }
    }

    fn app(&self) -> App {
        let clock = FixedClock::at("2026-11-28T09:00:00+01:00");
        let mut app =
            App::open(self.config.clone(), Box::new(clock)).unwrap_or_else(|e| panic!("{e}"));
        app.create_profile(NewProfile {
            display_name: "Officer Dragana".into(),
            agency: AgencyType::BorderPolice,
            passphrase: PASSPHRASE.into(),
            passphrase_confirmation: PASSPHRASE.into(),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        app
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, first_contact_app::AppError>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.to_api().code,
    }
}

/// Everything an adult referral needs except consent.
fn complete_but_consent(referral: &mut Referral) {
    referral.contact.place = "Border crossing Horgoš".into();
    referral.contact.detection = Some(DetectionMethod::BorderCheck);
    referral.person.name = NAME.into();
    referral.person.estimated_age = Some(27);
    referral.exploitation.types = vec![ExploitationType::LabourExploitation];
    referral.exploitation.labour_sector = "construction".into();
    referral.indicators.narrative = NARRATIVE.into();
}

fn adult_from_screening(app: &mut App) -> Referral {
    let mut screening = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    screening.person.alias = NAME.into();
    screening.person.estimated_age = Some(27);
    screening.context.place = "Border crossing Horgoš".into();
    screening.context.interview_language = "ar".into();
    screening.observations = vec![Observation {
        indicator: "CD.documents".into(),
        learnt: Learnt::Disclosed,
        note: "passport with the foreman".into(),
    }];
    let screening = app
        .save_screening(screening)
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    let view = app
        .new_referral(Some(&screening.id))
        .unwrap_or_else(|e| panic!("{e}"));
    let referral = view.referral;
    assert_eq!(referral.person.name, NAME);
    assert_eq!(referral.person.languages, vec!["ar"]);
    assert_eq!(referral.indicators.observations.len(), 1);
    assert_eq!(referral.indicators.indicator_set, "ilo-adults-labour");
    assert_eq!(
        referral.indicators.catalogue_version,
        app.catalogue().version
    );
    assert_eq!(referral.referrer.officer_name, "Officer Dragana");
    assert_eq!(
        referral.screening_id.as_deref(),
        Some(screening.id.as_str())
    );
    referral
}

#[test]
fn an_adult_referral_needs_consent_and_is_then_sealed_for_the_center_only() {
    let fixture = Fixture::new(true);
    let mut app = fixture.app();
    let mut referral = adult_from_screening(&mut app);
    complete_but_consent(&mut referral);
    let view = app
        .save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(view.path.kind, AgePathKind::Adult);
    let fields: Vec<&str> = view.issues.iter().map(|i| i.field.as_str()).collect();
    assert!(
        fields.contains(&"consent.consent_to_referral"),
        "{fields:?}"
    );
    assert_eq!(
        code(app.finalise_referral(&referral.id)),
        ErrorCode::ReferralIncomplete
    );
    assert_eq!(app.list_referral_drafts().unwrap_or_default().len(), 1);

    referral.consent.consent_to_referral = true;
    referral.consent.consent_to_data_processing = true;
    referral.consent.consent_language = "ar".into();
    let view = app
        .save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(view.issues.is_empty(), "{:?}", view.issues);
    let entry = app
        .finalise_referral(&referral.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(entry.reference.starts_with("FC-"));
    assert_eq!(
        (entry.state, entry.path, entry.urgency),
        (JourneyState::Queued, AgePathKind::Adult, Urgency::Routine)
    );

    // The draft is gone, and so is the screening it came from (data minimisation); only the
    // status record is left, and the content cannot be reopened.
    assert!(app.list_referral_drafts().unwrap_or_default().is_empty());
    let screening_id = referral.screening_id.clone().unwrap_or_default();
    assert_eq!(code(app.open_screening(&screening_id)), ErrorCode::NotFound);
    assert!(app
        .list_screenings("", 0)
        .map(|page| page.rows)
        .unwrap_or_default()
        .is_empty());
    assert_eq!(code(app.open_referral(&referral.id)), ErrorCode::NotFound);
    assert_eq!(
        app.outbox(0).map(|page| page.entries).unwrap_or_default(),
        vec![entry.clone()]
    );
    assert_eq!(
        code(app.finalise_referral(&referral.id)),
        ErrorCode::NotFound
    );

    // The Center, and only the Center, opens the frozen envelope.
    drop(app);
    let connection = Vault::at(&fixture.config.data_dir)
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    let queued = first_contact_store::outbox::queued(&connection).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(queued.len(), 1);
    let (meta, opened): (EnvelopeMeta, Referral) =
        open_any(&queued[0].envelope, &fixture.center).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(meta.id, referral.id);
    assert_eq!(opened.person.name, NAME);
    assert_eq!(opened.indicators.narrative, NARRATIVE);

    // Even with the key to the field store, no table holds the referral's content.
    let mut dump = String::new();
    for table in [
        "profile",
        "screenings",
        "referral_drafts",
        "referral_status",
        "outbox",
    ] {
        let mut statement = connection
            .prepare(&format!("SELECT * FROM {table}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let columns = statement.column_count();
        let mut rows = statement.query([]).unwrap_or_else(|e| panic!("{e}"));
        while let Some(row) = rows.next().unwrap_or_else(|e| panic!("{e}")) {
            for column in 0..columns {
                if let Ok(text) = row.get::<_, String>(column) {
                    dump.push_str(&text);
                }
            }
        }
    }
    assert!(
        !dump.contains(NAME),
        "the screening the referral came from went with the draft"
    );
    assert!(
        !dump.contains(NARRATIVE),
        "the referral's narrative is readable"
    );
    assert!(!dump.contains("construction"));
}

#[test]
fn a_child_referral_needs_safeguards_not_consent() {
    let fixture = Fixture::new(true);
    let mut app = fixture.app();
    let mut referral = app
        .new_referral(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .referral;
    complete_but_consent(&mut referral);
    referral.person.estimated_age = Some(15);
    let view = app
        .save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(view.path.kind, AgePathKind::Child);
    let fields: Vec<&str> = view.issues.iter().map(|i| i.field.as_str()).collect();
    assert!(
        !fields.iter().any(|f| f.starts_with("consent.")),
        "{fields:?}"
    );
    assert!(fields.contains(&"child.child_views"), "{fields:?}");

    referral.child.child_views = "Wants to call her mother first".into();
    referral.child.social_work_centre_notified = true;
    referral.child.social_work_centre = "CSR Subotica".into();
    app.save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let entry = app
        .finalise_referral(&referral.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(entry.path, AgePathKind::Child);
}

#[test]
fn without_a_center_key_finalising_is_blocked_and_the_draft_kept() {
    let fixture = Fixture::new(false);
    let mut app = fixture.app();
    assert_eq!(
        app.status().center_key_problem.map(|p| p.code),
        Some(ErrorCode::CenterKeyMissing)
    );
    let mut referral = app
        .new_referral(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .referral;
    complete_but_consent(&mut referral);
    app.save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        code(app.finalise_referral(&referral.id)),
        ErrorCode::CenterKeyMissing
    );
    assert_eq!(
        app.open_referral(&referral.id)
            .map(|v| v.referral.person.name)
            .ok()
            .as_deref(),
        Some(NAME)
    );
}

#[test]
fn a_malformed_center_key_is_reported_at_start() {
    let fixture = Fixture::new(false);
    std::fs::create_dir_all(
        fixture
            .config
            .center_key_file
            .parent()
            .unwrap_or(std::path::Path::new(".")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&fixture.config.center_key_file, "age1notakey")
        .unwrap_or_else(|e| panic!("{e}"));
    let app = fixture.app();
    assert_eq!(
        app.status().center_key_problem.map(|p| p.code),
        Some(ErrorCode::CenterKeyMalformed)
    );
}

#[test]
fn deleting_a_draft_removes_it() {
    let fixture = Fixture::new(true);
    let mut app = fixture.app();
    let referral = app
        .new_referral(None)
        .unwrap_or_else(|e| panic!("{e}"))
        .referral;
    app.delete_referral_draft(&referral.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(app.open_referral(&referral.id)), ErrorCode::NotFound);
    assert!(app.list_referral_drafts().unwrap_or_default().is_empty());
}

/// The size of the store's WAL, zero when there is none.
fn wal_bytes(fixture: &Fixture) -> u64 {
    let mut path = Vault::at(&fixture.config.data_dir)
        .database_path()
        .into_os_string();
    path.push("-wal");
    match std::fs::metadata(&path) {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => 0,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn finalising_and_locking_leave_the_wal_empty() {
    let fixture = Fixture::new(true);
    let mut app = fixture.app();
    let mut referral = adult_from_screening(&mut app);
    complete_but_consent(&mut referral);
    referral.consent.consent_to_referral = true;
    referral.consent.consent_to_data_processing = true;
    referral.consent.consent_language = "ar".into();
    app.save_referral(referral.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(wal_bytes(&fixture) > 0, "the autosave went to the WAL");
    app.finalise_referral(&referral.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(wal_bytes(&fixture), 0, "after finalising");

    app.new_referral(None).unwrap_or_else(|e| panic!("{e}"));
    assert!(wal_bytes(&fixture) > 0);
    app.lock();
    assert_eq!(wal_bytes(&fixture), 0, "after locking");
}
