//! Benchmark: finalising a referral — validate, serialise, compress, seal to the Center's key,
//! one durable transaction — next to a bare rusqlite durable commit of the same number of
//! bytes on the same disk. Also reports the size of a typical referral before and after
//! compression. Run with `cargo bench -p first-contact-app --bench finalise`.

use std::time::Instant;

mod common;

use common::{ms, percentile, realistic};
use first_contact_app::{App, AppConfig, NewProfile, SystemClock};
use first_contact_domain::AgencyType;

const REFERRALS: usize = 1_000;
const PASSPHRASE: &str = "benchmark passphrase 2026";

fn main() -> anyhow::Result<()> {
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;
    let directory = tempfile::tempdir_in(&target)?;
    let mut config = AppConfig::new(directory.path().join("app"));
    config.center_key_file = directory.path().join("center.pub");
    let center = age::x25519::Identity::generate();
    std::fs::write(&config.center_key_file, center.to_public().to_string())?;
    let mut app = App::open(config, Box::new(SystemClock))?;
    app.create_profile(NewProfile {
        display_name: "Bench".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })?;

    let mut samples = Vec::with_capacity(REFERRALS);
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
            compressed_bytes = zstd::stream::encode_all(json.as_slice(), 9)?.len();
        }
        let started = Instant::now();
        app.finalise_referral(&view.referral.id)?;
        samples.push(started.elapsed());
    }
    drop(app);
    let connection =
        first_contact_store::Vault::at(directory.path().join("app")).unlock(&PASSPHRASE.into())?;
    let queued = first_contact_store::outbox::queued(&connection)?;
    anyhow::ensure!(queued.len() == REFERRALS, "{} queued", queued.len());
    let envelope_bytes = queued[0].envelope.len();

    // Baseline: one durable transaction writing the same number of bytes.
    let bare = rusqlite::Connection::open(directory.path().join("bare.db"))?;
    bare.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);",
    )?;
    let blob = vec![0x5au8; envelope_bytes];
    let mut baseline = Vec::with_capacity(REFERRALS);
    for _ in 0..REFERRALS {
        let started = Instant::now();
        bare.execute("INSERT INTO t (body) VALUES (?1)", [&blob])?;
        baseline.push(started.elapsed());
    }

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
    println!(
        "Typical referral: {json_bytes} bytes of JSON, {compressed_bytes} bytes after zstd level 9, \
         envelope {envelope_bytes} bytes (JSON wrapper with metadata, compression and age header)"
    );
    Ok(())
}
