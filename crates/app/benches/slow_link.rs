//! Benchmark: 500 referrals over a slow link (256 kbit/s each way, 300 ms round trip), by the
//! sync engine from the real encrypted field store through the binary route, next to a bare
//! reqwest loop POSTing the same kind of batches to the older JSON route.
//!
//! The bandwidth comes from outside: `tests/bench/slow-link.sh` runs this inside a network
//! namespace whose loopback shapes traffic to and from [`RELAY_PORT`] with HTB (this kernel has
//! no `netem`). The delay comes from the relay here, which holds every chunk for half the round
//! trip in each direction and counts the bytes. Run alone, it measures the delay only, and says so.
//!
//! Run with `make bench-slow-link` (root: it makes a network namespace).

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{enrolled_app, enrollment_code, realistic};
use first_contact_app::sync_once;
use first_contact_center::{CenterConfig, RunningCenter};
use first_contact_domain::AgencyType;
use first_contact_protocol::{seal, EnvelopeKind, EnvelopeMeta};
use first_contact_sync::{plan, PendingEnvelope, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const REFERRALS: usize = 500;
/// The port the namespace's HTB filters match; the script and this file must agree.
const RELAY_PORT: u16 = 47_001;
const ONE_WAY_DELAY: Duration = Duration::from_millis(150);
/// Long enough for a 100-item JSON batch at 256 kbit/s (~10 s), with room for queueing.
const TIMEOUTS: Timeouts = Timeouts {
    connect: Duration::from_secs(30),
    request: Duration::from_secs(300),
};

/// A relay on [`RELAY_PORT`] that delays each direction by [`ONE_WAY_DELAY`] and counts bytes.
async fn delaying_relay(
    upstream: std::net::SocketAddr,
    counter: Arc<AtomicU64>,
) -> anyhow::Result<()> {
    let listener = TcpListener::bind(("127.0.0.1", RELAY_PORT)).await?;
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = client.set_nodelay(true);
                let _ = server.set_nodelay(true);
                let (a, b) = (client.into_split(), server.into_split());
                tokio::join!(
                    delayed_copy(a.0, b.1, Arc::clone(&counter)),
                    delayed_copy(b.0, a.1, counter)
                );
            });
        }
    });
    Ok(())
}

/// Reads as fast as the link allows and writes each chunk once it is [`ONE_WAY_DELAY`] old: a
/// pipe with latency, not a stop-and-wait.
async fn delayed_copy(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    counter: Arc<AtomicU64>,
) {
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel::<(Instant, Vec<u8>)>();
    let writer = tokio::spawn(async move {
        while let Some((due, chunk)) = receiver.recv().await {
            tokio::time::sleep_until(due.into()).await;
            if to.write_all(&chunk).await.is_err() {
                break;
            }
        }
        let _ = to.shutdown().await;
    });
    let mut buffer = vec![0u8; 16 * 1024];
    while let Ok(read) = from.read(&mut buffer).await {
        if read == 0 {
            break;
        }
        counter.fetch_add(read as u64, Ordering::Relaxed);
        if sender
            .send((Instant::now() + ONE_WAY_DELAY, buffer[..read].to_vec()))
            .is_err()
        {
            break;
        }
    }
    drop(sender);
    let _ = writer.await;
}

async fn start_center(dir: &std::path::Path) -> anyhow::Result<RunningCenter> {
    let mut config = CenterConfig::new(dir);
    config.listen = "127.0.0.1:0".parse()?;
    // A 100-item JSON batch takes ~10 s to arrive at 256 kbit/s.
    config.limits.body_read_timeout = Duration::from_secs(300);
    Ok(first_contact_center::start(&config, first_contact_center::system_clock()).await?)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let shaped = std::env::var("FIRST_CONTACT_SLOW_LINK").is_ok_and(|v| v == "1");
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;
    let directory = tempfile::tempdir_in(&target)?;
    let center = start_center(&directory.path().join("center")).await?;
    let wire = Arc::new(AtomicU64::new(0));
    delaying_relay(center.address, Arc::clone(&wire)).await?;
    let relay_url = format!("https://127.0.0.1:{RELAY_PORT}");

    let app = enrolled_app(
        &directory.path().join("app"),
        &center,
        relay_url.clone(),
        TIMEOUTS,
    )
    .await?;
    {
        let mut app = app.lock().map_err(|e| anyhow::anyhow!("{e}"))?;
        for n in 0..REFERRALS {
            let draft = realistic(app.new_referral(None)?.referral, n);
            let id = app.save_referral(draft)?.referral.id;
            app.finalise_referral(&id)?;
        }
    }
    let queued: Vec<PendingEnvelope> = {
        let connection = first_contact_store::Vault::at(directory.path().join("app"))
            .unlock(&"benchmark passphrase 2026".into())?;
        first_contact_store::outbox::queued(&connection)?
            .into_iter()
            .map(|q| {
                Ok(PendingEnvelope {
                    kind: EnvelopeKind::parse(&q.kind)
                        .ok_or_else(|| anyhow::anyhow!("kind {}", q.kind))?,
                    id: q.id,
                    regarding: q.regarding,
                    payload_format: q.payload_format,
                    catalogue_version: q.catalogue_version,
                    created_at: q.created_at,
                    bytes: q.envelope,
                    recipient: q.recipient,
                })
            })
            .collect::<anyhow::Result<_>>()?
    };
    anyhow::ensure!(queued.len() == REFERRALS, "{} queued", queued.len());
    let envelope_bytes: usize = queued.iter().map(|q| q.bytes.len()).sum();

    // The engine, binary route.
    wire.store(0, Ordering::Relaxed);
    let started = Instant::now();
    let report = sync_once(&app, TIMEOUTS).await?;
    let engine_time = started.elapsed();
    let engine_wire = wire.load(Ordering::Relaxed);
    anyhow::ensure!(
        report.delivered == REFERRALS,
        "delivered {}",
        report.delivered
    );

    // Envelopes of the same kind, sealed afresh with new ids, to the JSON route from a second
    // device: first deliveries, as the engine's were.
    let enrollment = first_contact_sync::enroll(
        &relay_url,
        &enrollment_code(&center, "Baseline")?,
        "baseline",
        TIMEOUTS,
    )
    .await?;
    let key = enrollment.center_key()?;
    let fresh: Vec<PendingEnvelope> = (0..REFERRALS)
        .map(|n| {
            let payload = realistic(
                first_contact_domain::referral::Referral::blank(
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
            let bytes = seal(&meta, &payload, &key)?;
            Ok(PendingEnvelope {
                id: meta.id,
                kind: EnvelopeKind::Referral,
                regarding: None,
                payload_format: 1,
                catalogue_version: meta.catalogue_version,
                created_at: meta.created_at,
                bytes,
                recipient: key.to_string(),
            })
        })
        .collect::<anyhow::Result<_>>()?;
    let fresh_bytes: usize = fresh.iter().map(|item| item.bytes.len()).sum();
    let bodies: Vec<Vec<u8>> = fresh
        .chunks(first_contact_protocol::api::MAX_BATCH_ITEMS)
        .map(|chunk| serde_json::to_vec(&plan::batch(chunk, &key.to_string()).to_json_batch()))
        .collect::<Result<_, _>>()?;
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(first_contact_sync::tls::pinned(&enrollment.ca_pem)?)
        .timeout(TIMEOUTS.request)
        .build()?;
    let bearer = first_contact_protocol::api::bearer(&enrollment.device_id, &enrollment.credential);
    wire.store(0, Ordering::Relaxed);
    let started = Instant::now();
    for body in bodies {
        let response = client
            .post(format!("{relay_url}/v1/envelopes"))
            .header("authorization", &bearer)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        anyhow::ensure!(response.status().is_success(), "{}", response.status());
        response.bytes().await?;
    }
    let json_time = started.elapsed();
    let json_wire = wire.load(Ordering::Relaxed);
    center.stop();

    let link = if shaped {
        "256 kbit/s each way (HTB in a network namespace), 300 ms round trip"
    } else {
        "300 ms round trip, NOT bandwidth-shaped (run tests/bench/slow-link.sh for that)"
    };
    println!("{REFERRALS} referrals over a slow link: {link}");
    println!(
        "| what | time (s) | mean envelope | bytes on the wire per referral | ÷ envelope bytes |"
    );
    println!("|---|---|---|---|---|");
    for (what, time, bytes, envelopes) in [
        (
            "sync engine, binary route (verify + store batch receipts)",
            engine_time,
            engine_wire,
            envelope_bytes,
        ),
        (
            "bare reqwest loop, JSON route",
            json_time,
            json_wire,
            fresh_bytes,
        ),
    ] {
        let per = bytes as f64 / REFERRALS as f64;
        let mean = envelopes as f64 / REFERRALS as f64;
        println!(
            "| {what} | {:.1} | {mean:.0} | {per:.0} | {:.3} |",
            time.as_secs_f64(),
            per / mean
        );
    }
    Ok(())
}
