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
