//! The outbox a page at a time: pages of finalised referrals follow each other without gaps
//! or repeats, newest first, and one referral's journey is read on its own.

mod common;

use first_contact_app::ErrorCode;
use std::collections::BTreeSet;

use common::{app, check, finalise_one};
use first_contact_app::OUTBOX_PAGE;

#[test]
fn pages_cover_every_referral_once_and_one_entry_reads_alone() {
    let dir = check(tempfile::tempdir());
    let data = dir.path().join("data");
    check(std::fs::create_dir_all(&data));
    let center = age::x25519::Identity::generate();
    check(std::fs::write(
        data.join("center.pub"),
        center.to_public().to_string(),
    ));
    let shared = app(dir.path());
    let count = OUTBOX_PAGE as usize + 5;
    let ids: Vec<String> = (0..count).map(|_| finalise_one(&shared)).collect();

    let mut app = shared.lock().unwrap_or_else(|p| p.into_inner());
    let first = check(app.outbox(0));
    assert_eq!(first.total as usize, count);
    assert_eq!(first.entries.len(), OUTBOX_PAGE as usize);
    assert_eq!(first.next_offset, Some(OUTBOX_PAGE));
    let second = check(app.outbox(OUTBOX_PAGE));
    assert_eq!(second.entries.len(), 5);
    assert_eq!(second.next_offset, None);
    let seen: Vec<String> = first
        .entries
        .iter()
        .chain(&second.entries)
        .map(|entry| entry.id.clone())
        .collect();
    assert_eq!(
        seen.iter().collect::<BTreeSet<_>>(),
        ids.iter().collect::<BTreeSet<_>>()
    );
    assert_eq!(seen.len(), count);

    let one = check(app.outbox_entry(&ids[7]));
    assert_eq!(one.id, ids[7]);
    assert_eq!(
        Some(&one),
        first
            .entries
            .iter()
            .chain(&second.entries)
            .find(|entry| entry.id == ids[7])
    );
    assert_eq!(
        app.outbox_entry("no-such-referral").err().map(|e| e.code()),
        Some(ErrorCode::NotFound)
    );
}
