//! Benchmark: finalising a referral — validate, serialise, compress, seal to the Center's key,
//! one durable transaction — next to a bare rusqlite durable commit of the same number of
//! bytes on the same disk (iterations interleaved). Also reports the size of a typical referral before and after
//! compression. Run with `cargo bench -p first-contact-app --bench finalise`.

use std::time::Instant;

mod common;

use common::{app_with_profile, ms, percentile, realistic, scratch, PASSPHRASE};
use first_contact_app::AppConfig;
use first_contact_domain::AgencyType;

const REFERRALS: usize = 1_000;
const COMPRESSIONS: usize = 500;

fn main() -> anyhow::Result<()> {
    let directory = scratch()?;
    let mut config = AppConfig::new(directory.path().join("app"));
    config.center_key_file = directory.path().join("center.pub");
    let center = age::x25519::Identity::generate();
    std::fs::write(&config.center_key_file, center.to_public().to_string())?;
    let mut app = app_with_profile(config)?;

    // Baseline: one durable transaction writing as many bytes as an envelope, on the same
    // disk, timed right after each finalise so that disk drift falls on both alike.
    let bare = rusqlite::Connection::open(directory.path().join("bare.db"))?;
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);",
    )?;
    // The baseline writes as many bytes as an envelope: one referral finalised first, untimed,
    // tells how many.
    let warm_up = realistic(app.new_referral(None)?.referral, REFERRALS);
    let warm_up = app.save_referral(warm_up)?.referral.id;
    app.finalise_referral(&warm_up)?;
    let reader =
        first_contact_store::Vault::at(directory.path().join("app")).unlock(&PASSPHRASE.into())?;
    let envelope_bytes = first_contact_store::outbox::queued(&reader)?[0]
        .envelope
        .len();
    drop(reader);
    let blob = vec![0x5au8; envelope_bytes];
    let mut samples = Vec::with_capacity(REFERRALS);
    let mut baseline = Vec::with_capacity(REFERRALS);
    let mut json_bytes = 0;
    let mut compressed_bytes = 0;
    for n in 0..REFERRALS {
        let draft = realistic(app.new_referral(None)?.referral, n);
        let view = app.save_referral(draft)?;
        anyhow::ensure!(
            view.issues.is_empty(),
            "fixture has issues: {:?}",
            view.issues
        );
        if n == 0 {
            let json = serde_json::to_vec(&view.referral)?;
            json_bytes = json.len();
            compressed_bytes = zstd::bulk::compress(&json, 9)?.len();
        }
        let started = Instant::now();
        app.finalise_referral(&view.referral.id)?;
        samples.push(started.elapsed());
        let started = Instant::now();
        bare.execute("INSERT INTO t (body) VALUES (?1)", [&blob])?;
        baseline.push(started.elapsed());
    }
    drop(app);
    let connection =
        first_contact_store::Vault::at(directory.path().join("app")).unlock(&PASSPHRASE.into())?;
    let queued = first_contact_store::outbox::queued(&connection)?;
    anyhow::ensure!(queued.len() == REFERRALS + 1, "{} queued", queued.len());

    let (p50, p99) = (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    );
    let (b50, b99) = (
        percentile(&mut baseline, 0.5),
        percentile(&mut baseline, 0.99),
    );
    println!("Finalise, {REFERRALS} referrals (ms)");
    println!("| what | p50 | p99 |");
    println!("|---|---|---|");
    println!("| App::finalise_referral | {} | {} |", ms(p50), ms(p99));
    println!(
        "| bare rusqlite durable insert of {envelope_bytes} bytes | {} | {} |",
        ms(b50),
        ms(b99)
    );
    println!(
        "| ratio | {:.1} | {:.1} |",
        p50.as_secs_f64() / b50.as_secs_f64(),
        p99.as_secs_f64() / b99.as_secs_f64()
    );
    println!();
    // The envelope compresses its JSON in one shot; the streaming encoder it used before, next
    // to it, on the same bytes, interleaved.
    let json = serde_json::to_vec(&realistic(
        first_contact_domain::Referral::blank(
            "r".into(),
            AgencyType::LabourInspection,
            chrono::Utc::now().date_naive(),
            "Bench",
        ),
        0,
    ))?;
    let (mut one_shot, mut streaming) = (Vec::new(), Vec::new());
    for _ in 0..COMPRESSIONS {
        let started = Instant::now();
        std::hint::black_box(zstd::bulk::compress(&json, 9)?);
        one_shot.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(zstd::stream::encode_all(json.as_slice(), 9)?);
        streaming.push(started.elapsed());
    }
    println!(
        "zstd level 9 of {} bytes, {COMPRESSIONS} runs each: one-shot p50 {} ms, streaming p50 {} ms",
        json.len(),
        ms(percentile(&mut one_shot, 0.5)),
        ms(percentile(&mut streaming, 0.5))
    );
    println!(
        "Typical referral: {json_bytes} bytes of JSON, {compressed_bytes} bytes after zstd level 9, \
         envelope {envelope_bytes} bytes (JSON wrapper with metadata, compression and age header)"
    );
    Ok(())
}
