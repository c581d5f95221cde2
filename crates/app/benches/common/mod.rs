//! Shared by the app's benchmarks: where they write, a realistic referral and screening,
//! percentile arithmetic, an app with a profile (enrolled with a running Center, or not), and
//! envelopes sealed as a bare device would.

#![allow(dead_code)]

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use std::sync::{Arc, Mutex};

use first_contact_app::{
    enroll, App, AppConfig, EnrollApproval, EnrollInput, NewProfile, SharedApp, SystemClock,
};
use first_contact_center::{CenterConfig, RunningCenter};
use first_contact_domain::referral::{DetectionMethod, ExploitationType, Place, Referral};
use first_contact_domain::AgencyType;
use first_contact_domain::{Learnt, Observation};
use first_contact_protocol::api::frame::FramedItem;
use first_contact_protocol::CenterKey;
use first_contact_protocol::{seal, EnvelopeKind, EnvelopeMeta};
use first_contact_store::KdfParams;
use first_contact_sync::{Enrollment, PendingEnvelope, Timeouts};

/// Ten indicators a labour-exploitation interview commonly finds.
pub const TEN_INDICATORS: [&str; 10] = [
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

/// A scratch folder on the same disk as the project, not a RAM-backed /tmp: the benchmarks
/// time durable writes.
pub fn scratch() -> anyhow::Result<tempfile::TempDir> {
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;
    Ok(tempfile::tempdir_in(&target)?)
}

/// An app opened with `config`, with the benchmarks' profile.
pub fn app_with_profile(config: AppConfig) -> anyhow::Result<App> {
    let mut app = App::open(config, Box::new(SystemClock))?;
    app.create_profile(NewProfile {
        display_name: "Bench".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })?;
    Ok(app)
}

/// Observations of `indicators`, each disclosed, each with `note`.
pub fn disclosed(indicators: &[&str], note: &str) -> Vec<Observation> {
    indicators
        .iter()
        .map(|indicator| Observation {
            indicator: (*indicator).into(),
            learnt: Learnt::Disclosed,
            note: note.into(),
        })
        .collect()
}

/// A realistic referral sealed to `key` under a new id, as a device other than the app's would
/// queue it (no store): the bare loops' envelopes.
pub fn sealed_referral(
    n: usize,
    key: &first_contact_protocol::CenterKey,
) -> anyhow::Result<PendingEnvelope> {
    let payload = realistic(
        Referral::blank(
            "x".into(),
            AgencyType::LabourInspection,
            chrono::Utc::now().date_naive(),
            "2026-11-28T10:00:00Z",
        ),
        n,
    );
    let meta = EnvelopeMeta {
        kind: EnvelopeKind::Referral,
        id: uuid::Uuid::now_v7().to_string(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T10:00:00Z".into(),
    };
    let bytes = seal(&meta, &payload, key)?;
    Ok(PendingEnvelope {
        item: FramedItem::sealed(meta, None, bytes),
        recipient: key.to_string(),
    })
}

/// `count` realistic referrals finalised in `app`: its outbox holds them sealed.
pub fn finalise_referrals(app: &SharedApp, count: usize) -> anyhow::Result<()> {
    let mut app = app.lock().map_err(|e| anyhow::anyhow!("{e}"))?;
    for n in 0..count {
        let draft = realistic(app.new_referral(None)?.referral, n);
        let id = app.save_referral(draft)?.referral.id;
        app.finalise_referral(&id)?;
    }
    Ok(())
}

pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// A referral as a worker would write it: every section filled, ten observations with notes,
/// a narrative of a few paragraphs.
pub fn realistic(mut r: Referral, n: usize) -> Referral {
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
    r.indicators.observations = disclosed(
        &TEN_INDICATORS,
        "Said the employer keeps the passports in the office safe and pays nothing until the \
         travel debt is repaid.",
    );
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

pub const PASSPHRASE: &str = "benchmark passphrase 2026";

/// A Center on a loopback port of its own over `dir`, with `adjust` applied to its settings.
pub async fn start_center(
    dir: &std::path::Path,
    adjust: impl FnOnce(&mut CenterConfig),
) -> anyhow::Result<RunningCenter> {
    let mut config = CenterConfig::new(dir);
    config.listen = "127.0.0.1:0".parse()?;
    adjust(&mut config);
    Ok(first_contact_center::start(&config, first_contact_center::system_clock()).await?)
}

/// A one-hour enrollment code for `officer`, issued by `center`.
pub fn enrollment_code(center: &RunningCenter, officer: &str) -> anyhow::Result<String> {
    Ok(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        officer,
        chrono::Duration::hours(1),
        None,
    )?
    .code)
}

/// An app over `dir` with a profile (the fastest key stretching: the benchmarks time other
/// things), enrolled with `center` through `address`: its own, or a relay's in front of it.
pub async fn enrolled_app(
    dir: &std::path::Path,
    center: &RunningCenter,
    address: String,
    timeouts: Timeouts,
) -> anyhow::Result<SharedApp> {
    let mut config = AppConfig::new(dir);
    config.kdf = KdfParams::MINIMUM;
    let app = app_with_profile(config)?;
    let app: SharedApp = Arc::new(Mutex::new(app));
    let input = EnrollInput {
        center_address: address,
        code: enrollment_code(center, "Bench")?,
        enrollment_file: None,
    };
    let approval = EnrollApproval {
        passphrase: PASSPHRASE.into(),
        accept_center: None,
    };
    enroll(&app, &input, &approval, "bench", timeouts).await?;
    Ok(app)
}

/// The total size of the sealed envelopes in the outbox of the app over `dir`, which must hold
/// `expected` of them; read through a connection of its own.
pub fn outbox_envelope_bytes(dir: &std::path::Path, expected: usize) -> anyhow::Result<usize> {
    let connection = first_contact_store::Vault::at(dir).unlock(&PASSPHRASE.into())?;
    let queued = first_contact_store::outbox::queued(&connection)?;
    anyhow::ensure!(queued.len() == expected, "{} queued", queued.len());
    Ok(queued.iter().map(|q| q.envelope.len()).sum())
}

/// One pass of the sync engine, which must deliver `expected` items: how long it took and the
/// bytes `wire` counted meanwhile.
pub async fn engine_pass(
    app: &SharedApp,
    timeouts: Timeouts,
    wire: &AtomicU64,
    expected: usize,
) -> anyhow::Result<(Duration, u64)> {
    wire.store(0, Ordering::Relaxed);
    let started = Instant::now();
    let report = first_contact_app::sync_once(app, timeouts).await?;
    let took = started.elapsed();
    anyhow::ensure!(
        report.delivered == expected,
        "delivered {}",
        report.delivered
    );
    Ok((took, wire.load(Ordering::Relaxed)))
}

/// A device enrolled by hand, with no store and no checks: the bare loops' sender.
pub struct BareDevice {
    pub enrollment: Enrollment,
    client: reqwest::Client,
    bearer: String,
}

impl BareDevice {
    pub async fn enroll(
        address: &str,
        center: &RunningCenter,
        timeouts: Timeouts,
    ) -> anyhow::Result<Self> {
        let enrollment = first_contact_sync::enroll(
            address,
            &enrollment_code(center, "Baseline")?,
            "baseline",
            timeouts,
        )
        .await?;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(first_contact_sync::tls::pinned(&enrollment.ca_pem)?)
            .timeout(timeouts.request)
            .build()?;
        let bearer =
            first_contact_protocol::api::bearer(&enrollment.device_id, &enrollment.credential);
        Ok(Self {
            enrollment,
            client,
            bearer,
        })
    }

    pub fn center_key(&self) -> anyhow::Result<CenterKey> {
        Ok(self.enrollment.center_key()?)
    }

    /// POSTs each body to `url` in turn, reading every answer whole: how long it took and the
    /// bytes `wire` counted meanwhile.
    pub async fn post_all(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        bodies: &[Vec<u8>],
        wire: &AtomicU64,
    ) -> anyhow::Result<(Duration, u64)> {
        wire.store(0, Ordering::Relaxed);
        let started = Instant::now();
        for body in bodies {
            let mut request = self.client.post(url).header("authorization", &self.bearer);
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let response = request.body(body.clone()).send().await?;
            anyhow::ensure!(response.status().is_success(), "{}", response.status());
            response.bytes().await?;
        }
        Ok((started.elapsed(), wire.load(Ordering::Relaxed)))
    }
}

/// Relays every connection `listener` accepts to `upstream`, each direction through `copy`
/// (which counts what passes into `counter`); `nodelay` turns off Nagle on both legs.
pub fn relay<F, Fut>(
    listener: tokio::net::TcpListener,
    upstream: SocketAddr,
    counter: Arc<AtomicU64>,
    nodelay: bool,
    copy: F,
) where
    F: Fn(tokio::net::tcp::OwnedReadHalf, tokio::net::tcp::OwnedWriteHalf, Arc<AtomicU64>) -> Fut
        + Copy
        + Send
        + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let Ok(server) = tokio::net::TcpStream::connect(upstream).await else {
                    return;
                };
                if nodelay {
                    let _ = client.set_nodelay(true);
                    let _ = server.set_nodelay(true);
                }
                let (a, b) = (client.into_split(), server.into_split());
                tokio::join!(
                    copy(a.0, b.1, Arc::clone(&counter)),
                    copy(b.0, a.1, counter)
                );
            });
        }
    });
}
