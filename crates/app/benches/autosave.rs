//! Benchmark: autosave latency of `App::save_screening` next to a bare rusqlite commit of the
//! same bytes on the same disk, and unlock time with the production Argon2id parameters.
//! Run with `cargo bench -p first-contact-app`; results are written up in docs/benchmarks.md.

use std::time::{Duration, Instant};

use first_contact_app::{App, AppConfig, NewProfile, SystemClock};
use first_contact_domain::{AgencyType, Learnt, Observation};

const SAVES: usize = 2_000;
const UNLOCKS: usize = 10;
const PASSPHRASE: &str = "benchmark passphrase 2026";

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

fn main() -> anyhow::Result<()> {
    // The same disk as the project, not a RAM-backed /tmp.
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;
    let directory = tempfile::tempdir_in(&target)?;
    let config = AppConfig::new(directory.path().join("app"));
    let mut app = App::open(config.clone(), Box::new(SystemClock))?;
    app.create_profile(NewProfile {
        display_name: "Bench".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })?;

    // A realistic screening: context, person, ten observations with notes.
    let mut screening = app.new_screening()?.screening;
    screening.context.place = "Kikinda, orchard on the road to Mokrin".into();
    screening.context.interview_language = "ar".into();
    screening.person.alias = "Amina H.".into();
    screening.person.estimated_age = Some(29);
    let keys = [
        "DR.nature-of-job",
        "DR.wages",
        "CR.documents",
        "AVR.irregular-status",
        "AVR.economic-reasons",
        "EX.excessive-hours",
        "EX.low-pay",
        "EX.bad-living",
        "CD.documents",
        "CD.debt-bondage",
    ];
    screening.observations = keys
        .iter()
        .map(|k| Observation {
            indicator: (*k).into(),
            learnt: Learnt::Disclosed,
            note: "Said the employer keeps the passports in the office safe and pays nothing \
                   until the travel debt is repaid; works from dawn until dark."
                .into(),
        })
        .collect();
    let bytes = serde_json::to_vec(&screening)?.len();

    let mut app_samples = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        screening.person.alias = format!("Amina H. {n}");
        let started = Instant::now();
        app.save_screening(screening.clone())?;
        app_samples.push(started.elapsed());
    }

    // Baselines: the same JSON bytes upserted in one durable transaction, plain and SQLCipher.
    let mut baselines = Vec::new();
    for (label, key) in [
        ("bare rusqlite, plain", None),
        (
            "bare rusqlite, SQLCipher",
            Some("x'00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff'"),
        ),
    ] {
        let path = directory
            .path()
            .join(format!("bare-{}.db", baselines.len()));
        let connection = rusqlite::Connection::open(&path)?;
        if let Some(key) = key {
            connection.execute_batch(&format!("PRAGMA key = \"{key}\";"))?;
        }
        connection.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
             CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT NOT NULL);",
        )?;
        let mut samples = Vec::with_capacity(SAVES);
        for n in 0..SAVES {
            screening.person.alias = format!("Amina H. {n}");
            let body = serde_json::to_string(&screening)?;
            let started = Instant::now();
            connection.execute(
                "INSERT INTO t (id, body) VALUES ('s', ?1)
                 ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                [&body],
            )?;
            samples.push(started.elapsed());
        }
        baselines.push((label, samples));
    }

    drop(app);
    let mut unlock_samples = Vec::with_capacity(UNLOCKS);
    for _ in 0..UNLOCKS {
        let mut reopened = App::open(config.clone(), Box::new(SystemClock))?;
        let started = Instant::now();
        reopened.unlock(PASSPHRASE)?;
        unlock_samples.push(started.elapsed());
    }

    let app_p50 = percentile(&mut app_samples, 0.50);
    let app_p99 = percentile(&mut app_samples, 0.99);
    println!("Autosave of a {bytes}-byte screening, {SAVES} saves each (ms)");
    println!("| what | p50 | p99 | app p50 / this p50 | app p99 / this p99 |");
    println!("|---|---|---|---|---|");
    println!(
        "| App::save_screening | {} | {} | 1.00 | 1.00 |",
        ms(app_p50),
        ms(app_p99)
    );
    for (label, mut samples) in baselines {
        let p50 = percentile(&mut samples, 0.50);
        let p99 = percentile(&mut samples, 0.99);
        println!(
            "| {label} | {} | {} | {:.2} | {:.2} |",
            ms(p50),
            ms(p99),
            app_p50.as_secs_f64() / p50.as_secs_f64(),
            app_p99.as_secs_f64() / p99.as_secs_f64()
        );
    }
    println!();
    let kdf = first_contact_store::KdfParams::default();
    println!(
        "Unlock (Argon2id m={} MiB, t={}, p={}, then open the database), {UNLOCKS} runs: p50 {} ms, max {} ms",
        kdf.memory_kib / 1024,
        kdf.iterations,
        kdf.parallelism,
        ms(percentile(&mut unlock_samples, 0.5)),
        ms(percentile(&mut unlock_samples, 1.0))
    );
    Ok(())
}
