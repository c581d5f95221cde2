//! Benchmark: from launching the real app (WebDriver session request) to the first screen
//! rendered, and the peak resident memory of the app's process tree, under Xvfb.
//! Run with `make bench` (after `make app`); results are written up in docs/benchmarks.md.

use std::time::Duration;

use anyhow::Result;
use first_contact_e2e::{AppSession, Display};

const RUNS: usize = 5;

/// Sum of the peak resident set (VmHWM) of the given processes, in MiB.
fn peak_rss_mib(pids: &[u32]) -> f64 {
    let kib: u64 = pids
        .iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .filter_map(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .sum();
    kib as f64 / 1024.0
}

fn summary(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms, min {:.0} ms, max {:.0} ms",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    )
}

#[tokio::main]
async fn main() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");

    // First start: set-up screen, then create the profile and use the app a little.
    let app = AppSession::start(&display, &data_dir).await?;
    app.by_id("setup-display-name").await?;
    let first = app.launched.elapsed();
    app.create_profile("Bench").await?;
    app.click("new-screening").await?;
    app.fill("person-alias", "Bench person").await?;
    app.click("indicator-EX.excessive-hours").await?;
    app.wait_for_attribute("save-status", "data-state", "saved")
        .await?;
    app.click("show-result").await?;
    app.by_id("result-page").await?;
    app.click("nav-criteria").await?;
    app.by_id("criteria-page").await?;
    let pids = AppSession::app_pids(&data_dir);
    let rss = peak_rss_mib(&pids);
    app.finish().await?;

    let mut to_lock_screen = Vec::new();
    for _ in 0..RUNS {
        let app = AppSession::start(&display, &data_dir).await?;
        app.by_id("unlock-passphrase").await?;
        to_lock_screen.push(app.launched.elapsed());
        app.finish().await?;
    }

    println!(
        "First start to set-up screen rendered: {:.0} ms",
        first.as_secs_f64() * 1000.0
    );
    println!(
        "Start to unlock screen rendered, {RUNS} runs: {}",
        summary(to_lock_screen)
    );
    println!(
        "Peak RSS of the app's process tree ({} processes, sum of VmHWM) after set-up, a screening, its result and the criteria page: {rss:.0} MiB",
        pids.len()
    );
    Ok(())
}
