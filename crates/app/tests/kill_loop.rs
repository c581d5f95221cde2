//! The kill loop: the app's backend (`backend-probe`) works against a real Center over TLS and is
//! killed with SIGKILL at random points of autosave, finalise and delivery, then started again.
//! After every round: the store passes `PRAGMA integrity_check`; every autosave that returned is
//! there at least at that revision; every referral is a draft or in the outbox, never both,
//! never neither (and one whose finalise returned is not a draft); nothing is set aside (a retry
//! whose bytes differed would be); the Center holds each referral at most once, and nothing the
//! device did not finalise. At the end one last pass delivers everything exactly once.
//!
//! `make test` runs a bounded number of rounds (`FIRST_CONTACT_KILL_ROUNDS`, default 24);
//! `make soak` runs 10,000 and writes the figures to docs/reliability.md.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{app, center, check, PASSPHRASE};
use first_contact_app::{enroll, sync_once, EnrollApproval, EnrollInput};
use first_contact_store::{outbox, referral_drafts, screenings, Vault};
use first_contact_sync::Timeouts;

/// A small deterministic generator, seeded per run and printed, so a failing run can be replayed.
struct Dice(u64);

impl Dice {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound.max(1)
    }
}

/// What the probe said before it was killed.
#[derive(Debug, Default)]
struct Acknowledged {
    /// Screening id → highest revision whose save returned, this round (earlier rounds' were
    /// checked then; the integrity check covers what a later round could damage).
    saved: BTreeMap<String, u32>,
    screenings: usize,
    drafted: BTreeSet<String>,
    finalised: BTreeSet<String>,
    last_step: String,
}

fn rounds() -> usize {
    std::env::var("FIRST_CONTACT_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24)
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_backend_anywhere_loses_nothing_and_sends_nothing_twice() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let shared = app(dir.path());
    let issued = check(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        "Dragana",
        chrono::Duration::hours(1),
        None,
    ));
    let input = EnrollInput {
        center_address: center.url(),
        code: issued.code,
        enrollment_file: None,
    };
    let approval = EnrollApproval {
        passphrase: PASSPHRASE.into(),
        accept_center: None,
    };
    check(enroll(&shared, &input, &approval, "probe", Timeouts::default()).await);
    drop(shared);

    let data_dir = dir.path().join("data");
    let vault = Vault::at(&data_dir);
    let seed = std::env::var("FIRST_CONTACT_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64 | 1)
        });
    println!("kill loop seed {seed}");
    let mut dice = Dice(seed);
    let mut acknowledged = Acknowledged::default();
    let mut killed_after: BTreeMap<String, usize> = BTreeMap::new();
    let started = Instant::now();
    let total_rounds = rounds();

    for round in 0..total_rounds {
        let mut child = check(
            Command::new(env!("CARGO_BIN_EXE_backend-probe"))
                .arg(&data_dir)
                .arg(PASSPHRASE)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn(),
        );
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("stdout"));
        // Kill after a random number of acknowledged steps, sometimes at once, sometimes a
        // moment into the next step, so the kill lands before, inside and after the work.
        let lines = dice.below(14) as usize;
        let mut reader = BufReader::new(stdout);
        acknowledged.last_step = "start".into();
        acknowledged.screenings += acknowledged.saved.len();
        acknowledged.saved.clear();
        for _ in 0..lines {
            let mut line = String::new();
            if check(reader.read_line(&mut line)) == 0 {
                break;
            }
            record(&mut acknowledged, line.trim());
        }
        let pause = dice.below(4);
        if pause > 0 {
            std::thread::sleep(Duration::from_micros(300 * pause));
        }
        check(child.kill());
        let status = check(child.wait());
        assert!(
            !status.success(),
            "round {round}: the probe stopped on its own"
        );
        *killed_after
            .entry(acknowledged.last_step.clone())
            .or_default() += 1;

        verify(&vault, &center, &acknowledged, round);
        if (round + 1) % 500 == 0 {
            // A long soak shows how far it got, and how fast, as it goes.
            println!(
                "kill loop: {} rounds checked in {:.1} s",
                round + 1,
                started.elapsed().as_secs_f64()
            );
        }
    }

    // One last pass in-process: everything finalised reaches the Center exactly once.
    let shared = reopen(&data_dir);
    let report = check(sync_once(&shared, Timeouts::default()).await);
    let outbox_left = {
        let mut app = check(shared.lock().map_err(|e| e.to_string()));
        // Every page of it: a soak finalises thousands.
        let mut entries = Vec::new();
        let mut offset = Some(0);
        while let Some(from) = offset {
            let page = check(app.outbox(from));
            entries.extend(page.entries);
            offset = page.next_offset;
        }
        entries
    };
    let queued_left = outbox_left
        .iter()
        .filter(|entry| entry.state == first_contact_domain::referral::JourneyState::Queued)
        .count();
    assert_eq!(queued_left, 0, "after the last pass: {outbox_left:?}");
    assert!(outbox_left.iter().all(|entry| entry.attention.is_none()));
    let stored = center_ids(&center);
    assert_eq!(
        stored.len(),
        outbox_left.len(),
        "the Center holds each finalised referral once"
    );
    println!(
        "kill loop: {total_rounds} rounds in {:.1} s; killed after {killed_after:?}; \
         {} screenings and {} referrals acknowledged; last pass delivered {}; Center holds {}",
        started.elapsed().as_secs_f64(),
        acknowledged.screenings + acknowledged.saved.len(),
        acknowledged.drafted.len(),
        report.delivered,
        stored.len()
    );
    center.stop();
}

fn record(acknowledged: &mut Acknowledged, line: &str) {
    let mut words = line.split_whitespace();
    let step = words.next().unwrap_or_default();
    match (step, words.next(), words.next()) {
        ("saved", Some(id), Some(revision)) => {
            let revision: u32 = revision.parse().unwrap_or(0);
            let best = acknowledged.saved.entry(id.to_owned()).or_default();
            *best = (*best).max(revision);
        }
        ("drafted", Some(id), None) => {
            acknowledged.drafted.insert(id.to_owned());
        }
        ("finalised", Some(id), None) => {
            acknowledged.finalised.insert(id.to_owned());
        }
        ("synced", Some(_), Some(_)) => {}
        _ => panic!("the probe said {line:?}"),
    }
    acknowledged.last_step = step.to_owned();
}

fn reopen(data_dir: &std::path::Path) -> first_contact_app::SharedApp {
    let mut config = first_contact_app::AppConfig::new(data_dir);
    config.kdf = first_contact_store::KdfParams::MINIMUM;
    let mut app = check(first_contact_app::App::open(
        config,
        Box::new(first_contact_app::SystemClock),
    ));
    check(app.unlock(PASSPHRASE));
    std::sync::Arc::new(std::sync::Mutex::new(app))
}

fn center_ids(center: &first_contact_center::RunningCenter) -> BTreeSet<String> {
    let connection = check(center.state.database());
    let records = check(first_contact_center::db::envelopes::list(
        &connection,
        "referral",
    ));
    let ids: Vec<String> = records.into_iter().map(|record| record.id).collect();
    let distinct: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(distinct.len(), ids.len(), "a referral stored twice");
    distinct
}

fn verify(
    vault: &Vault,
    center: &first_contact_center::RunningCenter,
    acknowledged: &Acknowledged,
    round: usize,
) {
    let connection = check(vault.unlock(&PASSPHRASE.into()));
    let integrity: String =
        check(connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)));
    assert_eq!(integrity, "ok", "round {round}");

    for (id, revision) in &acknowledged.saved {
        let screening = check(screenings::get(&connection, id));
        let stored: u32 = screening
            .person
            .alias
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(
            stored >= *revision,
            "round {round}: {id} saved at revision {revision} but holds {stored}"
        );
    }

    let drafts: BTreeSet<String> = check(referral_drafts::all(&connection))
        .into_iter()
        .map(|draft| draft.id)
        .collect();
    let statuses = check(outbox::statuses(&connection));
    let in_outbox: BTreeSet<String> = statuses.iter().map(|s| s.id.clone()).collect();
    for id in &acknowledged.drafted {
        let draft = drafts.contains(id);
        let queued = in_outbox.contains(id);
        assert!(
            draft != queued,
            "round {round}: {id} is draft {draft} and in the outbox {queued}"
        );
    }
    for id in &acknowledged.finalised {
        assert!(
            in_outbox.contains(id) && !drafts.contains(id),
            "round {round}: {id} was finalised but is not only in the outbox"
        );
    }
    assert!(
        statuses
            .iter()
            .all(|s| s.state != first_contact_domain::referral::JourneyState::NeedsAttention),
        "round {round}: something was set aside: {statuses:?}"
    );
    let stored = center_ids(center);
    assert!(
        stored.is_subset(&in_outbox),
        "round {round}: the Center holds a referral the device never finalised"
    );
}
