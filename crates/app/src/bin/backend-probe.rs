//! The app's backend with no window, working as a worker would until it is killed: for the kill
//! loop (`tests/kill_loop.rs`, `make soak`). It unlocks the profile in the data folder and, round
//! after round, autosaves a screening several times, writes and finalises a referral, and runs a
//! delivery pass to the enrolled Center, printing one line after each step the app acknowledged:
//!
//! - `saved <screening id> <revision>` — an autosave returned;
//! - `drafted <referral id>` — a referral draft was saved;
//! - `finalised <referral id>` — finalising returned;
//! - `synced <delivered> <failed>` — a delivery pass ended.
//!
//! Usage: backend-probe <data dir> <passphrase>

use std::error::Error;
use std::io::Write;
use std::sync::{Arc, Mutex};

use first_contact_app::{sync_once, App, AppConfig, SystemClock};
use first_contact_domain::referral::{DetectionMethod, ExploitationType};
use first_contact_sync::Timeouts;

type Outcome = Result<(), Box<dyn Error>>;

fn main() -> Outcome {
    let args: Vec<String> = std::env::args().collect();
    let (Some(directory), Some(passphrase)) = (args.get(1), args.get(2)) else {
        return Err("usage: backend-probe <data dir> <passphrase>".into());
    };
    let mut app = App::open(AppConfig::new(directory), Box::new(SystemClock))?;
    app.unlock(passphrase.as_str())?;
    let app = Arc::new(Mutex::new(app));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let mut out = std::io::stdout().lock();
    for round in 0u64.. {
        autosave(&app, round, &mut out)?;
        finalise(&app, round, &mut out)?;
        let report = runtime.block_on(sync_once(&app, Timeouts::default()));
        match report {
            Ok(report) => writeln!(out, "synced {} 0", report.delivered)?,
            // An unreachable Center is a fault of the round, not of the probe.
            Err(_) => writeln!(out, "synced 0 1")?,
        }
        out.flush()?;
    }
    Ok(())
}

fn locked(app: &Arc<Mutex<App>>) -> std::sync::MutexGuard<'_, App> {
    app.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A screening saved three times, as typing would: each revision's alias names it.
fn autosave(app: &Arc<Mutex<App>>, round: u64, out: &mut impl Write) -> Outcome {
    let mut screening = locked(app).new_screening()?.screening;
    for revision in 1..=3u32 {
        screening.person.alias = format!("probe {round} rev {revision}");
        screening.context.place = "Kill loop, Kikinda".into();
        screening = locked(app).save_screening(screening)?.screening;
        writeln!(out, "saved {} {revision}", screening.id)?;
        out.flush()?;
    }
    Ok(())
}

/// A complete child referral, drafted then finalised.
fn finalise(app: &Arc<Mutex<App>>, round: u64, out: &mut impl Write) -> Outcome {
    let mut app = locked(app);
    let mut referral = app.new_referral(None)?.referral;
    referral.contact.place = "Reception centre Krnjača".into();
    referral.contact.detection = Some(DetectionMethod::Outreach);
    referral.person.name = format!("Probe child {round}");
    referral.person.estimated_age = Some(15);
    referral.exploitation.types = vec![ExploitationType::Begging];
    referral.indicators.narrative = "Begging at the station for a man who keeps the money".into();
    referral.child.child_views = "Wants to go to school".into();
    referral.child.social_work_centre_notified = true;
    referral.child.social_work_centre = "CSR Palilula".into();
    let id = referral.id.clone();
    let view = app.save_referral(referral)?;
    if !view.issues.is_empty() {
        return Err(format!("the probe's referral has issues: {:?}", view.issues).into());
    }
    writeln!(out, "drafted {id}")?;
    out.flush()?;
    app.finalise_referral(&id)?;
    writeln!(out, "finalised {id}")?;
    out.flush()?;
    Ok(())
}
