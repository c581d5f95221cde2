//! Benchmark: finalising a referral — validate, serialise, compress, seal to the Center's key,
//! one durable transaction — next to a bare rusqlite durable commit of the same number of
//! bytes on the same disk. Also reports the size of a typical referral before and after
//! compression. Run with `cargo bench -p first-contact-app --bench finalise`.

use std::time::{Duration, Instant};

use first_contact_app::{App, AppConfig, NewProfile, SystemClock};
use first_contact_domain::referral::{DetectionMethod, ExploitationType, Place, Referral};
use first_contact_domain::{AgencyType, Learnt, Observation};

const REFERRALS: usize = 1_000;
const PASSPHRASE: &str = "benchmark passphrase 2026";

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// A referral as a worker would write it: every section filled, ten observations with notes,
/// a narrative of a few paragraphs.
fn realistic(mut r: Referral, n: usize) -> Referral {
    r.referrer.officer_contact = "+381 64 123 4567, inspekcija.kikinda@example.org".into();
    r.contact.place = "Orchard on the road from Kikinda to Mokrin".into();
    r.contact.circumstances = "Routine labour inspection after a complaint by a neighbour about \
        workers sleeping in a shed; eleven workers found, four without documents."
        .into();
    r.contact.detection = Some(DetectionMethod::Inspection);
    r.person.name = format!("Amina H. {n}");
    r.person.estimated_age = Some(29);
    r.person.nationality = "SY".into();
    r.person.languages = vec!["ar".into(), "en".into()];
    r.person.interpreter_used = true;
    r.places.recruitment = Place {
        country: "TR".into(),
        locality: "Istanbul".into(),
        from: "2026-03".into(),
        to: "2026-04".into(),
    };
    r.places.exploitation = Place {
        country: "RS".into(),
        locality: "Kikinda".into(),
        from: "2026-05".into(),
        to: String::new(),
    };
    r.exploitation.types = vec![ExploitationType::LabourExploitation];
    r.exploitation.labour_sector = "agriculture".into();
    r.indicators.indicator_set = "ilo-adults-labour".into();
    r.indicators.observations = [
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
    ]
    .iter()
    .map(|k| Observation {
        indicator: (*k).into(),
        learnt: Learnt::Disclosed,
        note: "Said the employer keeps the passports in the office safe and pays nothing until \
               the travel debt is repaid."
            .into(),
    })
    .collect();
    r.indicators.narrative = "She was promised work in a hotel in Belgrade by a man who paid \
        for the journey; on arrival she was taken to the orchard, her passport was taken 'for \
        registration', and she was told she owed 3,000 euros for travel and housing. She works \
        from dawn until dark, six or seven days a week, sleeps in a shed with other women and \
        has received no wages in three months. She is afraid of the foreman, who has threatened \
        to report her to the police. "
        .repeat(3);
    r.needs.medical = true;
    r.needs.shelter = true;
    r.needs.note = "Needs a doctor for a hand injury.".into();
    r.risks.to_person = true;
    r.risks.note = "The foreman knows where she sleeps.".into();
    r.consent.consent_to_referral = true;
    r.consent.consent_to_data_processing = true;
    r.consent.consent_language = "ar".into();
    r
}

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
        first_contact_store::Vault::at(directory.path().join("app")).unlock(PASSPHRASE)?;
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
