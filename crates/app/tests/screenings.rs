//! The application API with no window: the screening flows the UI drives — the age path,
//! autosave with issues, the assessment, the list, catalogue updates and deletion — on a real
//! encrypted store.

mod windowless;

use chrono::Duration;
use first_contact_app::ErrorCode;
use first_contact_domain::{
    Advice, AgePathKind, AgencyType, ChildAct, Learnt, Observation, Verdict,
};
use windowless::{code, Fixture, PASSPHRASE};

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
