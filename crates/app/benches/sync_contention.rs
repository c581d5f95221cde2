//! Benchmark: does a long sync pass hold up the worker's autosave? 10,000 finalised referrals
//! are delivered to a real Center over loopback TLS by one `sync_once` pass while a second thread
//! autosaves a screening the way the editor does (save, short pause, save …), each save through
//! the same shared `App` the window's commands use. Autosave latency is reported while the pass
//! runs and, as the baseline, with no sync running, in alternating rounds before and after it.
//!
//! Run with `cargo bench -p first-contact-app --bench sync_contention`.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{disclosed, enrolled_app, finalise_referrals, ms, percentile, scratch, start_center};
use first_contact_app::{sync_once, App, SharedApp};
use first_contact_domain::Screening;
use first_contact_sync::Timeouts;

const REFERRALS: usize = 10_000;
/// The pause between two saves: the editor saves a moment after the worker stops typing.
const PAUSE: Duration = Duration::from_millis(5);
const BASELINE_SAVES: usize = 1_000;

fn lock(app: &SharedApp) -> std::sync::MutexGuard<'_, App> {
    app.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One autosave as a command runs it: take the shared app, save, and time the whole of it.
fn autosave(app: &SharedApp, screening: &mut Screening, n: usize) -> anyhow::Result<Duration> {
    screening.person.alias = format!("Amina H. {n}");
    let started = Instant::now();
    let saved = lock(app).save_screening(screening.clone())?;
    let took = started.elapsed();
    *screening = saved.screening;
    Ok(took)
}

/// Saves until `stop` is set (or `limit` saves), one every `PAUSE`.
fn autosave_until(
    app: &SharedApp,
    screening: &mut Screening,
    stop: &AtomicBool,
    limit: usize,
) -> anyhow::Result<Vec<Duration>> {
    let mut samples = Vec::new();
    while !stop.load(Ordering::Relaxed) && samples.len() < limit {
        samples.push(autosave(app, screening, samples.len())?);
        std::thread::sleep(PAUSE);
    }
    Ok(samples)
}

fn row(what: &str, samples: &mut [Duration]) -> String {
    format!(
        "| {what} | {} | {} | {} | {} | {} |",
        samples.len(),
        ms(percentile(samples, 0.50)),
        ms(percentile(samples, 0.99)),
        ms(percentile(samples, 0.999)),
        ms(percentile(samples, 1.0)),
    )
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let directory = scratch()?;
    let center = start_center(&directory.path().join("center"), |_| {}).await?;

    let app = enrolled_app(
        &directory.path().join("app"),
        &center,
        format!("https://{}", center.address),
        Timeouts::default(),
    )
    .await?;

    let mut screening = {
        finalise_referrals(&app, REFERRALS)?;
        let mut app = lock(&app);
        let mut screening = app.new_screening()?.screening;
        screening.context.place = "Kikinda, orchard on the road to Mokrin".into();
        screening.observations = disclosed(
            &[
                "DR.wages",
                "CR.documents",
                "EX.excessive-hours",
                "CD.debt-bondage",
            ],
            "Said the employer keeps the passports and pays nothing until the travel debt is \
             repaid.",
        );
        app.save_screening(screening)?.screening
    };

    // Baseline before the pass.
    let stop = AtomicBool::new(false);
    let mut before = autosave_until(&app, &mut screening, &stop, BASELINE_SAVES)?;

    // The pass, with autosaves running beside it on their own thread.
    let stop = Arc::new(AtomicBool::new(false));
    let saver = {
        let (app, stop, mut screening) = (Arc::clone(&app), Arc::clone(&stop), screening.clone());
        std::thread::spawn(move || {
            let samples = autosave_until(&app, &mut screening, &stop, usize::MAX);
            (samples, screening)
        })
    };
    let started = Instant::now();
    let report = sync_once(&app, Timeouts::default()).await;
    let pass = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (during, last) = saver
        .join()
        .map_err(|_| anyhow::anyhow!("the autosave thread panicked"))?;
    let mut during = during?;
    screening = last;
    let report = report?;
    anyhow::ensure!(
        report.delivered == REFERRALS,
        "delivered {}",
        report.delivered
    );

    // Baseline after the pass, for drift.
    let stop = AtomicBool::new(false);
    let mut after = autosave_until(&app, &mut screening, &stop, BASELINE_SAVES)?;

    println!(
        "sync pass: {REFERRALS} referrals delivered in {:.2} s",
        pass.as_secs_f64()
    );
    println!("| autosave | saves | p50 (ms) | p99 (ms) | p99.9 (ms) | max (ms) |");
    println!("|---|---|---|---|---|---|");
    println!("{}", row("no sync (before the pass)", &mut before));
    println!("{}", row("during the 10,000-referral pass", &mut during));
    println!("{}", row("no sync (after the pass)", &mut after));
    center.stop();
    Ok(())
}
