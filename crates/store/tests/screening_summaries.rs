//! The list's summary rows on a real encrypted store: written with the body, gone with it when
//! a retention sweep or a finalised referral removes the screening, and filled in when the store
//! is opened for screenings saved before the table existed.

mod common;

use common::*;
use first_contact_store::{screening_summaries, screenings, Vault};

#[test]
fn summaries_follow_their_screenings_and_missing_ones_are_filled_at_open() {
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let vault = Vault::at(directory.path().join("data"));
    let connection = vault
        .create(&PASSPHRASE.into(), KDF, &profile())
        .unwrap_or_else(|e| panic!("{e}"));
    for (id, alias) in [("s-1", "Živko"), ("s-2", "Ana")] {
        screenings::save(&connection, &screening(id, alias)).unwrap_or_else(|e| panic!("{e}"));
    }
    let page = |connection: &first_contact_store::Connection, query: &str| {
        screening_summaries::page(connection, query, 0, 10).unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(page(&connection, "").total, 2);
    assert_eq!(page(&connection, "ŽIV").rows[0].id, "s-1");

    // A screening saved by a version without summaries: its row is missing until the next open.
    connection
        .execute("DELETE FROM screening_summaries WHERE id = 's-1'", [])
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page(&connection, "").total, 1);
    drop(connection);
    let connection = vault
        .unlock(&PASSPHRASE.into())
        .unwrap_or_else(|e| panic!("{e}"));
    let restored = page(&connection, "živko");
    assert_eq!(restored.total, 1);
    assert_eq!(restored.rows[0].alias, "Živko");

    // Deleting the screening deletes its summary (the foreign key cascades).
    screenings::delete(&connection, "s-1").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page(&connection, "živko").total, 0);
    let left: i64 = connection
        .query_row("SELECT count(*) FROM screening_summaries", [], |row| {
            row.get(0)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(left, 1);
}
