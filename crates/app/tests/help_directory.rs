//! The Help view's API over the built-in directory on a real store: the search needs an
//! unlocked session, judges "open now" at the app's clock, and caps what it answers.

mod common;

use common::{app, check};
use first_contact_app::ErrorCode;
use first_contact_domain::directory::DirectoryQuery;

#[test]
fn the_search_judges_open_now_at_the_apps_clock_and_needs_an_unlocked_session() {
    let dir = check(tempfile::tempdir());
    let shared = app(dir.path());
    let mut app = check(shared.lock().map_err(|e| e.to_string()));
    // The test clock says Saturday 2026-11-28, 09:00 local time: ASTRA's working-day line is
    // closed, the 24/7 lines are open.
    let search = check(app.search_directory(&DirectoryQuery {
        text: "ASTRA".into(),
        ..DirectoryQuery::default()
    }));
    assert_eq!(search.judged_at, "09:00");
    let ids: Vec<(&str, bool)> = search
        .hits
        .iter()
        .map(|hit| (hit.service.id.as_str(), hit.open_now))
        .collect();
    assert_eq!(
        ids,
        [("astra-missing-children", true), ("astra-sos-line", false)]
    );
    assert_eq!(search.total, 2);

    let info = app.directory_info();
    assert!(!info.from_center);
    assert!(info.problem.is_none());
    assert_eq!(info.districts.len(), 25);
    assert_eq!(info.stale_after_days, 365);

    app.lock();
    let locked = app.search_directory(&DirectoryQuery::default());
    assert_eq!(
        locked.err().map(|e| e.code()),
        Some(ErrorCode::Locked),
        "a locked app searched its directory"
    );
}

/// "Who to call now" for a stored screening and referral draft: the case's facts, the
/// municipality found in the place written (or chosen), and the rules that apply.
#[test]
fn who_to_call_reads_the_stored_case_and_finds_the_municipality_in_its_place() {
    use first_contact_app::{CaseRef, MunicipalityFrom, WhoToCallQuery};
    use first_contact_domain::directory::{Because, CaseFact};
    use first_contact_domain::screening::{Learnt, Observation};

    let dir = check(tempfile::tempdir());
    let shared = app(dir.path());
    let mut app = check(shared.lock().map_err(|e| e.to_string()));

    let mut screening = check(app.new_screening()).screening;
    screening.context.place = "Кикинда, аутобуска станица".into();
    screening.person.estimated_age = Some(15);
    screening.observations.push(Observation {
        indicator: "GEN.injuries".into(),
        learnt: Learnt::Observed,
        note: String::new(),
    });
    let screening = check(app.save_screening(screening)).screening;
    let query = |municipality: Option<&str>| WhoToCallQuery {
        case: CaseRef::Screening(screening.id.clone()),
        municipality: municipality.map(str::to_owned),
    };
    let answer = check(app.who_to_call(&query(None)));
    assert_eq!(answer.facts.facts, vec![CaseFact::Child]);
    assert_eq!(answer.municipality_from, MunicipalityFrom::Place);
    assert_eq!(answer.municipality.map(|m| m.id), Some("kikinda".into()));
    let rules: Vec<&str> = answer.advice.iter().map(|a| a.rule.as_str()).collect();
    assert_eq!(
        rules,
        ["child", "injury-or-illness", "advice-on-trafficking"]
    );
    let injury = &answer.advice[1];
    assert_eq!(injury.because, [Because::Indicator("GEN.injuries".into())]);
    assert_eq!(
        injury.calls[0].services[0].service.id,
        "emergency-medical-194"
    );
    // The built-in directory has no Centres for Social Work: none is suggested, and the place
    // is known, so the worker is not asked for one.
    let child = &answer.advice[0];
    assert_eq!(
        (child.calls[0].total, child.calls[0].needs_municipality),
        (0, false)
    );
    assert_eq!(answer.judged_at, "09:00");
    assert_eq!(answer.rules.rules.len(), 7);

    let chosen = check(app.who_to_call(&query(Some("subotica"))));
    assert_eq!(chosen.municipality_from, MunicipalityFrom::Chosen);
    assert_eq!(chosen.municipality.map(|m| m.id), Some("subotica".into()));
    let gone = check(app.who_to_call(&query(Some("no-such-place"))));
    assert_eq!(gone.municipality_from, MunicipalityFrom::Place);

    let mut referral = check(app.new_referral(None)).referral;
    referral.contact.place = "Reception centre".into();
    referral.person.estimated_age = Some(30);
    referral.person.nationality = "AF".into();
    referral.needs.safety = true;
    let referral = check(app.save_referral(referral)).referral;
    let answer = check(app.who_to_call(&WhoToCallQuery {
        case: CaseRef::Referral(referral.id.clone()),
        municipality: None,
    }));
    assert_eq!(answer.municipality_from, MunicipalityFrom::Unknown);
    let rules: Vec<&str> = answer.advice.iter().map(|a| a.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "immediate-danger",
            "foreign-national",
            "advice-on-trafficking"
        ]
    );

    app.lock();
    let locked = app.who_to_call(&query(None));
    assert_eq!(locked.err().map(|e| e.code()), Some(ErrorCode::Locked));
}
