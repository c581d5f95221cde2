//! The screenings list a page at a time, from the summary rows: pages follow each other
//! without gaps or repeats, a search counts all its matches, a typed wildcard matches only
//! itself, and a deleted screening leaves the list with its body.

mod common;

use std::collections::BTreeSet;

use common::{app, check};
use first_contact_app::SCREENINGS_PAGE;

#[test]
fn pages_cover_every_screening_once_and_searches_count_all_matches() {
    let dir = check(tempfile::tempdir());
    let shared = app(dir.path());
    let mut app = shared.lock().unwrap_or_else(|p| p.into_inner());
    let count = SCREENINGS_PAGE * 2 + 7;
    let mut ids = Vec::new();
    for n in 0..count {
        let mut screening = check(app.new_screening()).screening;
        screening.person.alias = if n % 10 == 0 {
            format!("Đorđe {n}")
        } else {
            format!("Person {n}")
        };
        screening.context.place = if n == 3 {
            "100% Šid".into()
        } else {
            "Sombor".into()
        };
        ids.push(screening.id.clone());
        check(app.save_screening(screening));
    }

    let mut seen = Vec::new();
    let mut offset = Some(0);
    let mut pages = 0;
    while let Some(from) = offset {
        let page = check(app.list_screenings("", from));
        assert_eq!(page.total, count);
        assert!(page.rows.len() <= SCREENINGS_PAGE as usize);
        seen.extend(page.rows.into_iter().map(|row| row.id));
        offset = page.next_offset;
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), ids.len());
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>(),
        ids.iter().collect::<BTreeSet<_>>()
    );
    // Newest first: the last one saved heads the list.
    assert_eq!(seen.first(), ids.last());

    let named = check(app.list_screenings("đorđe", 0));
    assert_eq!(named.total, 11);
    assert_eq!(named.next_offset, None);
    assert!(named.rows.iter().all(|row| row.alias.starts_with("Đorđe")));
    assert_eq!(
        check(app.list_screenings("ĐORĐE 10", 0)).total,
        2,
        "10 and 100"
    );
    let percent = check(app.list_screenings("100%", 0));
    assert_eq!(percent.rows.len(), 1);
    assert_eq!(percent.rows[0].place, "100% Šid");
    assert_eq!(check(app.list_screenings("_", 0)).total, 0);

    check(app.delete_screening(&ids[3]));
    assert_eq!(check(app.list_screenings("100%", 0)).total, 0);
    assert_eq!(check(app.list_screenings("", 0)).total, count - 1);
}
