//! Benchmark: autosave latency of `App::save_screening` next to a bare rusqlite commit of the
//! same bytes on the same disk (iterations interleaved), and unlock time with the production Argon2id parameters.
//! Run with `cargo bench -p first-contact-app`; results are written up in docs/benchmarks.md.

mod common;

use std::time::Instant;

use common::{app_with_profile, disclosed, ms, percentile, scratch, PASSPHRASE, TEN_INDICATORS};
use first_contact_app::{App, AppConfig, SystemClock};

const SAVES: usize = 2_000;
const UNLOCKS: usize = 10;

fn main() -> anyhow::Result<()> {
    let directory = scratch()?;
    let config = AppConfig::new(directory.path().join("app"));
    let mut app = app_with_profile(config.clone())?;

    // A realistic screening: context, person, ten observations with notes.
    let mut screening = app.new_screening()?.screening;
    screening.context.place = "Kikinda, orchard on the road to Mokrin".into();
    screening.context.interview_language = "ar".into();
    screening.person.alias = "Amina H.".into();
    screening.person.estimated_age = Some(29);
    screening.observations = disclosed(
        &TEN_INDICATORS,
        "Said the employer keeps the passports in the office safe and pays nothing until the \
         travel debt is repaid; works from dawn until dark.",
    );
    let bytes = serde_json::to_vec(&screening)?.len();

    // Baselines: the same JSON bytes upserted in one durable transaction, plain and SQLCipher,
    // on the same disk. Each iteration times the app, then each baseline, one after the other,
    // so that the disk's drift on a shared machine falls on all three alike.
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
        baselines.push((label, connection, Vec::with_capacity(SAVES)));
    }
    let mut app_samples = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        screening.person.alias = format!("Amina H. {n}");
        let started = Instant::now();
        app.save_screening(screening.clone())?;
        app_samples.push(started.elapsed());
        let body = serde_json::to_string(&screening)?;
        for (_, connection, samples) in &mut baselines {
            let started = Instant::now();
            connection.execute(
                "INSERT INTO t (id, body) VALUES ('s', ?1)
                 ON CONFLICT (id) DO UPDATE SET body = excluded.body",
                [&body],
            )?;
            samples.push(started.elapsed());
        }
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
    for (label, _, mut samples) in baselines {
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
