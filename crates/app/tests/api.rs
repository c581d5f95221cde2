//! The application API with no window: the flows the UI drives, on a real encrypted store.

use chrono::Duration;
use first_contact_app::recovery::Recovery;
use first_contact_app::ErrorCode;
use first_contact_app::{App, AppConfig, FixedClock, NewProfile, PassphraseChange};
use first_contact_domain::{
    Advice, AgePathKind, AgencyType, ChildAct, Language, Learnt, Observation, Verdict,
};
use first_contact_store::KdfParams;

const PASSPHRASE: &str = "seven quiet rivers";

struct Fixture {
    _directory: tempfile::TempDir,
    config: AppConfig,
    clock: FixedClock,
}

impl Fixture {
    fn new() -> Self {
        let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut config = AppConfig::new(directory.path().join("data"));
        config.kdf = KdfParams::MINIMUM;
        Self {
            _directory: directory,
            config,
            clock: FixedClock::at("2026-11-28T09:00:00+01:00"),
        }
    }

    fn open(&self) -> App {
        App::open(self.config.clone(), Box::new(self.clock.clone()))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn with_profile(&self) -> App {
        let mut app = self.open();
        app.create_profile(new_profile(PASSPHRASE, PASSPHRASE))
            .unwrap_or_else(|e| panic!("{e}"));
        app
    }
}

fn new_profile(passphrase: &str, confirmation: &str) -> NewProfile {
    NewProfile {
        display_name: "Jelena".into(),
        agency: AgencyType::Ngo,
        passphrase: passphrase.into(),
        passphrase_confirmation: confirmation.into(),
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, first_contact_app::AppError>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.to_api().code,
    }
}

fn observe(keys: &[&str]) -> Vec<Observation> {
    keys.iter()
        .map(|k| Observation {
            indicator: (*k).into(),
            learnt: Learnt::Disclosed,
            note: String::new(),
        })
        .collect()
}

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

#[test]
fn a_new_screening_starts_on_the_child_path_until_an_adult_age_is_given() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let view = app.new_screening().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(view.path.kind, AgePathKind::Child);
    assert_eq!(view.screening.indicator_set, "ilo-children-labour");
    assert_eq!(view.screening.context.contact_date, "2026-11-28");
    assert_eq!(view.screening.context.agency, AgencyType::Ngo);
    assert!(view.applicable_sets.contains(&"unodc-general".to_owned()));
    assert!(!view
        .applicable_sets
        .contains(&"ilo-adults-labour".to_owned()));

    let mut screening = view.screening;
    screening.person.estimated_age = Some(34);
    screening.observations = observe(&["EX.excessive-hours"]);
    let saved = app
        .save_screening(screening)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.path.kind, AgePathKind::Adult);
    assert_eq!(saved.screening.indicator_set, "ilo-adults-labour");
    assert_eq!(
        saved.screening.observations.len(),
        1,
        "observations are carried across sets"
    );

    let mut uncertain = saved.screening;
    uncertain.person.age_uncertain = true;
    let saved = app
        .save_screening(uncertain)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.path.kind, AgePathKind::Child);
    assert_eq!(saved.screening.indicator_set, "ilo-children-labour");
}

#[test]
fn autosave_keeps_invalid_input_and_reports_issues() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let mut screening = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    screening.person.alias = "Marko".into();
    screening.person.date_of_birth = "2001-02-30".into();
    screening.context.contact_date = "2026-12-01".into();
    let view = app
        .save_screening(screening.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let issues: Vec<(String, String)> = view
        .issues
        .iter()
        .map(|i| {
            (
                i.field.clone(),
                serde_json::to_string(&i.code).unwrap_or_default(),
            )
        })
        .collect();
    assert!(issues.contains(&("context.place".into(), "\"required\"".into())));
    assert!(issues.contains(&("context.contact_date".into(), "\"in_future\"".into())));
    assert!(issues.contains(&("person.date_of_birth".into(), "\"invalid_date\"".into())));
    let reopened = app
        .open_screening(&screening.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened.screening.person.date_of_birth, "2001-02-30");
}

#[test]
fn oversized_or_unknown_screenings_are_refused_and_change_nothing() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let mut screening = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    screening.person.alias = "Before".into();
    app.save_screening(screening.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut huge = screening.clone();
    huge.context.place = "x".repeat(3 * 1024 * 1024);
    assert_eq!(code(app.save_screening(huge)), ErrorCode::InvalidInput);
    let mut stranger = screening.clone();
    stranger.id = "not-a-screening".into();
    assert_eq!(code(app.save_screening(stranger)), ErrorCode::NotFound);
    let stored = app
        .open_screening(&screening.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.screening.context.place, "");
    assert_eq!(stored.screening.person.alias, "Before");
}

#[test]
fn a_positive_adult_labour_screening_is_explained() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let mut screening = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    screening.person.date_of_birth = "1990-04-02".into();
    screening.observations = observe(&[
        "DR.nature-of-job",
        "DR.wages",
        "EX.excessive-hours",
        "EX.low-pay",
        "CD.documents",
        "CD.debt-bondage",
    ]);
    let id = screening.id.clone();
    app.save_screening(screening)
        .unwrap_or_else(|e| panic!("{e}"));
    let assessment = app.assess_screening(&id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(assessment.set_id, "ilo-adults-labour");
    assert_eq!(assessment.verdict, Verdict::IndicatorsPresent);
    let clause = |key: &str| {
        assessment
            .dimensions
            .iter()
            .find(|d| d.key == key)
            .and_then(|d| d.clause.clone())
    };
    assert_eq!(clause("DR").as_deref(), Some("strong-and-other"));
    assert_eq!(clause("EX").as_deref(), Some("strong-and-other"));
    assert_eq!(clause("CD").as_deref(), Some("two-strong"));
    assert_eq!(clause("CR"), None);
}

/// The act answer is stored with the screening and the child rule is applied by the age path:
/// a child with signs of exploitation and no means is referred unless the act is denied, and
/// the duty of care stays either way.
#[test]
fn a_child_screening_is_judged_on_act_and_purpose_and_keeps_its_act_answer() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let mut screening = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    screening.person.estimated_age = Some(16);
    screening.observations = observe(&["EX.excessive-hours", "EX.low-pay", "CD.documents"]);
    let id = screening.id.clone();
    let saved = app
        .save_screening(screening.clone())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(saved.path.kind, AgePathKind::Child);
    let unanswered = app.assess_screening(&id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(unanswered.verdict, Verdict::IndicatorsPresent);
    assert!(unanswered.advice.contains(&Advice::ActUnanswered));

    screening.child_act = Some(ChildAct::No);
    app.save_screening(screening)
        .unwrap_or_else(|e| panic!("{e}"));
    let reopened = app.open_screening(&id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(reopened.screening.child_act, Some(ChildAct::No));
    let denied = app.assess_screening(&id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(denied.verdict, Verdict::NotEnoughIndicators);
    assert_eq!(
        denied.advice,
        [Advice::NotifySocialWork, Advice::MeansNotRequired]
    );

    // A referral started from it carries the answer.
    let draft = app
        .new_referral(Some(&id))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(draft.referral.child.act, Some(ChildAct::No));
}

#[test]
fn list_is_newest_first_and_searchable() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    for (alias, place) in [
        ("Amina", "Subotica"),
        ("Bojan", "Kikinda"),
        ("Čedomir", "Šid"),
    ] {
        let mut s = app
            .new_screening()
            .unwrap_or_else(|e| panic!("{e}"))
            .screening;
        s.person.alias = alias.into();
        s.context.place = place.into();
        app.save_screening(s).unwrap_or_else(|e| panic!("{e}"));
        fixture.clock.advance(Duration::seconds(5));
    }
    let all: Vec<String> = app
        .list_screenings("", 0)
        .map(|page| page.rows)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|s| s.alias)
        .collect();
    assert_eq!(all, vec!["Čedomir", "Bojan", "Amina"]);
    let found = |q: &str| -> Vec<String> {
        app.list_screenings(q, 0)
            .map(|page| page.rows)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|s| s.alias)
            .collect()
    };
    let mut app_search = found;
    assert_eq!(app_search("kikinda"), vec!["Bojan"]);
    assert_eq!(app_search("ŠID"), vec!["Čedomir"]);
    assert_eq!(app_search("2026-11-28").len(), 3);
    assert!(app_search("Novi Sad").is_empty());
}

#[test]
fn a_refused_catalogue_update_is_reported_and_the_built_in_one_used() {
    let fixture = Fixture::new();
    std::fs::create_dir_all(&fixture.config.data_dir).unwrap_or_else(|e| panic!("{e}"));
    let tampered =
        first_contact_domain::catalogue::BUILT_IN_JSON.replacen("\"strong\"", "\"mighty\"", 1);
    std::fs::write(fixture.config.data_dir.join("catalogue.json"), tampered)
        .unwrap_or_else(|e| panic!("{e}"));
    let app = fixture.open();
    let problem = app
        .status()
        .catalogue_problem
        .unwrap_or_else(|| panic!("no problem reported"));
    assert_eq!(problem.code, ErrorCode::CatalogueInvalid);
    assert!(problem
        .params
        .get("place")
        .is_some_and(|p| p.starts_with("line ")));
    assert!(app.catalogue().set("ilo-adults-labour").is_some());
}

/// Data minimisation through the API: a deleted screening is gone, a never-referred one goes
/// after the retention period (checked at unlock), and the period is a setting with bounds.
#[test]
fn screenings_are_deleted_on_request_and_after_the_retention_period() {
    let fixture = Fixture::new();
    let mut app = fixture.with_profile();
    let doomed = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    app.delete_screening(&doomed.id)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(app.open_screening(&doomed.id)), ErrorCode::NotFound);
    assert_eq!(code(app.delete_screening(&doomed.id)), ErrorCode::NotFound);

    let old = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    let retention = app.screening_retention().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (retention.days, retention.min_days, retention.max_days),
        (30, 1, 365)
    );
    // Days pass with the app locked (the idle lock would close it anyway).
    app.lock();
    fixture.clock.advance(Duration::days(20));
    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    let recent = app
        .new_screening()
        .unwrap_or_else(|e| panic!("{e}"))
        .screening;
    app.lock();
    fixture.clock.advance(Duration::days(11));
    app.unlock(PASSPHRASE).unwrap_or_else(|e| panic!("{e}"));
    let left: Vec<String> = app
        .list_screenings("", 0)
        .map(|page| page.rows)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(left, [recent.id], "{} should have gone", old.id);

    // A shorter period applies at once; out-of-range periods are refused and change nothing.
    assert_eq!(
        code(app.set_screening_retention_days(0)),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        code(app.set_screening_retention_days(366)),
        ErrorCode::InvalidInput
    );
    assert_eq!(
        app.set_screening_retention_days(7).ok().map(|r| r.days),
        Some(7)
    );
    assert!(app
        .list_screenings("", 0)
        .map(|page| page.rows)
        .unwrap_or_default()
        .is_empty());
    app.lock();
    assert_eq!(
        code(app.set_screening_retention_days(30)),
        ErrorCode::Locked
    );
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
