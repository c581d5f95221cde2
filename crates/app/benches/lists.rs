//! Benchmark: the screenings list and its search with 100,000 screenings in the field store,
//! through `App::list_screenings` (summary rows, a page of 50), next to reading every body the
//! way the list did before (`screenings::all`); and the outbox with 100,000 finalised
//! referrals (a tenth of them decided), through `App::outbox` (a page of 50) and
//! `App::outbox_entry`, next to reading it whole as before. Run with `make bench`; results in
//! docs/benchmarks.md.

mod common;

use std::time::{Duration, Instant};

use common::{app_with_profile, disclosed, ms, percentile, scratch, PASSPHRASE};
use first_contact_app::{App, AppConfig, SystemClock};
use first_contact_store::decisions::{self, DecisionRecord};
use first_contact_store::outbox::{self, QueuedEnvelope, StatusRecord};
use first_contact_store::{screenings, KdfParams, Vault};

const SCREENINGS: usize = 100_000;
const REFERRALS: usize = 100_000;
/// About the size of a sealed referral (docs/benchmarks.md, "Finalising a referral").
const ENVELOPE_BYTES: usize = 3_000;
const RUNS: usize = 30;
const TOWNS: [&str; 20] = [
    "Kikinda",
    "Subotica",
    "Sombor",
    "Šid",
    "Preševo",
    "Pančevo",
    "Zrenjanin",
    "Vršac",
    "Niš",
    "Leskovac",
    "Vranje",
    "Kraljevo",
    "Čačak",
    "Užice",
    "Valjevo",
    "Loznica",
    "Bor",
    "Zaječar",
    "Pirot",
    "Novi Pazar",
];

fn timed(
    runs: usize,
    mut work: impl FnMut() -> anyhow::Result<u32>,
) -> anyhow::Result<(Duration, Duration, u32)> {
    let mut samples = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let started = Instant::now();
        found = work()?;
        samples.push(started.elapsed());
    }
    Ok((
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
        found,
    ))
}

fn main() -> anyhow::Result<()> {
    let directory = scratch()?;
    let mut config = AppConfig::new(directory.path().join("app"));
    config.kdf = KdfParams::MINIMUM;
    let mut app = app_with_profile(config.clone())?;
    let mut template = app.new_screening()?.screening;
    template.person.estimated_age = Some(29);
    template.observations = disclosed(
        &[
            "DR.nature-of-job",
            "DR.wages",
            "EX.excessive-hours",
            "EX.low-pay",
            "CD.documents",
        ],
        "Said so in the second interview, without being asked.",
    );
    drop(app);

    // Seeding only: one connection without per-commit fsync, so 100,000 saves take seconds.
    let seeding = Instant::now();
    let now = chrono::Utc::now();
    {
        let connection = Vault::at(&config.data_dir).unlock(&PASSPHRASE.into())?;
        connection.execute_batch("PRAGMA synchronous = OFF;")?;
        for n in 0..SCREENINGS {
            let mut screening = template.clone();
            screening.id = uuid::Uuid::now_v7().to_string();
            screening.person.alias = format!("Amina {n}");
            screening.context.place = format!("{}, site {}", TOWNS[n % TOWNS.len()], n % 97);
            // Within the retention period, so the sweep at unlock keeps them all.
            screening.updated_at =
                (now - chrono::Duration::seconds(i64::try_from(n)?)).to_rfc3339();
            screenings::save(&connection, &screening)?;
        }
    }
    let seeded = seeding.elapsed();

    let mut app = App::open(config.clone(), Box::new(SystemClock))?;
    // The first unlock after seeding, with the minimum key derivation: what the store adds at
    // open (migrations, missing summaries, the retention sweep) at this size.
    let unlocking = Instant::now();
    app.unlock(PASSPHRASE)?;
    let unlocked_in = unlocking.elapsed();
    let first = timed(RUNS, || Ok(app.list_screenings("", 0)?.rows.len() as u32))?;
    let total = app.list_screenings("", 0)?.total;
    // The template the app created, and the seeded ones.
    anyhow::ensure!(
        total as usize == SCREENINGS + 1,
        "{total} screenings listed"
    );
    let deep = timed(RUNS, || {
        Ok(app.list_screenings("", 50_000)?.rows.len() as u32)
    })?;
    let town = timed(RUNS, || Ok(app.list_screenings("kikinda", 0)?.total))?;
    let two_words = timed(RUNS, || Ok(app.list_screenings("šid site 5", 0)?.total))?;
    let one = timed(RUNS, || Ok(app.list_screenings("amina 99999", 0)?.total))?;
    let none = timed(RUNS, || Ok(app.list_screenings("Beograd", 0)?.total))?;
    drop(app);

    let connection = Vault::at(&config.data_dir).unlock(&PASSPHRASE.into())?;
    let bodies = timed(3, || Ok(screenings::all(&connection)?.len() as u32))?;

    drop(connection);

    // The outbox: seeded the same way, then read through the app.
    let seeding = Instant::now();
    let mut referral_ids = Vec::with_capacity(REFERRALS);
    {
        let mut connection = Vault::at(&config.data_dir).unlock(&PASSPHRASE.into())?;
        connection.execute_batch("PRAGMA synchronous = OFF;")?;
        let envelope = vec![0x5au8; ENVELOPE_BYTES];
        let mut decided = Vec::new();
        for n in 0..REFERRALS {
            let id = uuid::Uuid::now_v7().to_string();
            let at = (now - chrono::Duration::seconds(i64::try_from(n)?)).to_rfc3339();
            let status = StatusRecord {
                id: id.clone(),
                reference: format!("FC-{n:08}"),
                kind: "referral".into(),
                finalised_at: at.clone(),
                catalogue_version: "2026.12.0".into(),
                ..Default::default()
            };
            let queued = QueuedEnvelope {
                id: id.clone(),
                kind: "referral".into(),
                payload_format: 1,
                catalogue_version: "2026.12.0".into(),
                created_at: at.clone(),
                envelope: envelope.clone(),
                ..Default::default()
            };
            outbox::queue(&mut connection, &status, &queued)?;
            if n % 10 == 0 {
                decided.push(DecisionRecord {
                    decision_id: uuid::Uuid::now_v7().to_string(),
                    sequence: i64::try_from(decided.len() + 1)?,
                    referral_id: id.clone(),
                    outcome: "identified".into(),
                    reasons: "Indicators of labour exploitation confirmed.".into(),
                    criteria_version: "2026.1".into(),
                    decided_at: at,
                    answers: None,
                    signed: "{}".into(),
                });
            }
            referral_ids.push(id);
        }
        let cursor = i64::try_from(decided.len())?;
        decisions::record(&mut connection, &decided, cursor)?;
    }
    let outbox_seeded = seeding.elapsed();
    let mut app = App::open(config.clone(), Box::new(SystemClock))?;
    app.unlock(PASSPHRASE)?;
    let outbox_total = app.outbox(0)?.total;
    anyhow::ensure!(
        outbox_total as usize == REFERRALS,
        "{outbox_total} referrals"
    );
    let outbox_first = timed(RUNS, || Ok(app.outbox(0)?.entries.len() as u32))?;
    let outbox_deep = timed(RUNS, || Ok(app.outbox(50_000)?.entries.len() as u32))?;
    let mut n = 0;
    let outbox_one = timed(RUNS, || {
        n += 3_331;
        Ok(app
            .outbox_entry(&referral_ids[n % REFERRALS])?
            .decisions
            .len() as u32)
    })?;
    drop(app);
    let connection = Vault::at(&config.data_dir).unlock(&PASSPHRASE.into())?;
    let outbox_whole = timed(3, || {
        let statuses = outbox::statuses(&connection)?;
        let _ = decisions::all(&connection)?;
        let _ = outbox::queued(&connection)?;
        Ok(statuses.len() as u32)
    })?;

    println!(
        "screenings: {SCREENINGS} (seeded in {:.1} s)",
        seeded.as_secs_f64()
    );
    println!(
        "unlock with {SCREENINGS} screenings (minimum key derivation): {} ms",
        ms(unlocked_in)
    );
    println!("| what | p50 ms | p99 ms | rows or matches |");
    println!("|---|---|---|---|");
    for (what, (p50, p99, found)) in [
        ("first page of the list", first),
        ("page at offset 50,000", deep),
        ("search \"kikinda\" (count + first page)", town),
        ("search \"šid site 5\"", two_words),
        ("search \"amina 99999\"", one),
        ("search with no match", none),
        ("before: every body read and parsed", bodies),
    ] {
        println!("| {what} | {} | {} | {found} |", ms(p50), ms(p99));
    }
    println!();
    println!(
        "outbox: {REFERRALS} finalised referrals (seeded in {:.1} s)",
        outbox_seeded.as_secs_f64()
    );
    println!("| what | p50 ms | p99 ms | entries |");
    println!("|---|---|---|---|");
    for (what, (p50, p99, found)) in [
        ("first page of the outbox", outbox_first),
        ("page at offset 50,000", outbox_deep),
        ("one referral's journey (outbox_entry)", outbox_one),
        (
            "before: the whole outbox read (statuses, decisions, queued)",
            outbox_whole,
        ),
    ] {
        println!("| {what} | {} | {} | {found} |", ms(p50), ms(p99));
    }
    Ok(())
}
