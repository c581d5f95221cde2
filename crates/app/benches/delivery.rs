//! Benchmark: delivering the outbox to a real Center over loopback TLS.
//!
//! 1. Throughput: 10,000 realistic finalised referrals delivered by the sync engine from the
//!    real encrypted field store (verifying every batch receipt, storing it, purging the sealed
//!    bytes) over the binary route, next to bare reqwest loops POSTing the same kind of batches
//!    with no verification and no store, to the binary route and to the older JSON route. Bytes
//!    on the wire (both directions, TLS included) are counted by a TCP relay in front of the
//!    Center, for the engine and for each bare loop.
//! 2. The Center under 200 devices syncing at once: latency per batch.
//!
//! Run with `cargo bench -p first-contact-app --bench delivery`.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{enrolled_app, enrollment_code, ms, percentile, realistic};
use first_contact_app::sync_once;
use first_contact_center::{CenterConfig, RunningCenter};
use first_contact_domain::AgencyType;
use first_contact_protocol::api::frame::{self, FramedBatch, BATCH_MEDIA_TYPE};
use first_contact_protocol::{seal, EnvelopeKind, EnvelopeMeta};
use first_contact_sync::{plan, CenterApi, PendingEnvelope, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const REFERRALS: usize = 10_000;
const DEVICES: usize = 200;
const BATCHES_PER_DEVICE: usize = 5;
const ITEMS_PER_DEVICE_BATCH: usize = 20;

/// A TCP relay that counts every byte in both directions.
async fn counting_relay(
    upstream: std::net::SocketAddr,
    counter: Arc<AtomicU64>,
) -> anyhow::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let counter = Arc::clone(&counter);
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(upstream).await else {
                    return;
                };
                let (a, b) = (client.into_split(), server.into_split());
                tokio::join!(
                    copy_counting(a.0, b.1, Arc::clone(&counter)),
                    copy_counting(b.0, a.1, counter)
                );
            });
        }
    });
    Ok(address)
}

async fn copy_counting(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    counter: Arc<AtomicU64>,
) {
    let mut buffer = vec![0u8; 64 * 1024];
    while let Ok(read) = from.read(&mut buffer).await {
        if read == 0 || to.write_all(&buffer[..read]).await.is_err() {
            break;
        }
        counter.fetch_add(read as u64, Ordering::Relaxed);
    }
    let _ = to.shutdown().await;
}

async fn start_center(dir: &std::path::Path) -> anyhow::Result<RunningCenter> {
    let mut config = CenterConfig::new(dir);
    config.listen = "127.0.0.1:0".parse()?;
    // 200 devices enroll within seconds and connect at once, all from 127.0.0.1: the limits
    // per address that guard a real Center would refuse the crowd this bench is about.
    config.limits.enrollment_per_minute = 100_000;
    config.limits.max_connections_per_ip = 1_024;
    config.limits.max_connections = 1_024;
    Ok(first_contact_center::start(&config, first_contact_center::system_clock()).await?)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let target = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target");
    std::fs::create_dir_all(&target)?;
    let directory = tempfile::tempdir_in(&target)?;
    let center = start_center(&directory.path().join("center")).await?;
    let wire = Arc::new(AtomicU64::new(0));
    let relay = counting_relay(center.address, Arc::clone(&wire)).await?;
    let relay_url = format!("https://{relay}");

    // The field side: a real store with 10,000 finalised referrals.
    let app = enrolled_app(
        &directory.path().join("app"),
        &center,
        relay_url.clone(),
        Timeouts::default(),
    )
    .await?;
    let mut envelope_bytes = 0usize;
    {
        let mut app = app.lock().map_err(|e| anyhow::anyhow!("{e}"))?;
        for n in 0..REFERRALS {
            let draft = realistic(app.new_referral(None)?.referral, n);
            let id = app.save_referral(draft)?.referral.id;
            app.finalise_referral(&id)?;
        }
    }
    let sealed_sizes: Vec<usize> = {
        let connection = first_contact_store::Vault::at(directory.path().join("app"))
            .unlock(&"benchmark passphrase 2026".into())?;
        first_contact_store::outbox::queued(&connection)?
            .iter()
            .map(|q| q.envelope.len())
            .collect()
    };
    anyhow::ensure!(
        sealed_sizes.len() == REFERRALS,
        "{} queued",
        sealed_sizes.len()
    );
    envelope_bytes += sealed_sizes.iter().sum::<usize>();

    wire.store(0, Ordering::Relaxed);
    let started = Instant::now();
    let report = sync_once(&app, Timeouts::default()).await?;
    let engine_time = started.elapsed();
    let engine_wire = wire.load(Ordering::Relaxed);
    anyhow::ensure!(
        report.delivered == REFERRALS,
        "delivered {}",
        report.delivered
    );

    // Baseline: the same kind of batches, POSTed by a bare reqwest loop.
    let enrollment = first_contact_sync::enroll(
        &relay_url,
        &enrollment_code(&center, "Baseline")?,
        "baseline",
        Timeouts::default(),
    )
    .await?;
    let key = enrollment.center_key()?;
    let payload = realistic(
        first_contact_domain::referral::Referral::blank(
            "x".into(),
            AgencyType::LabourInspection,
            chrono::Utc::now().date_naive(),
            "2026-11-28T10:00:00Z",
        ),
        1,
    );
    // Two sets with their own ids: one for each bare loop, so that neither is answered from
    // what the other stored.
    let items: Vec<PendingEnvelope> = (0..2 * REFERRALS)
        .map(|_| {
            let id = uuid::Uuid::now_v7().to_string();
            let meta = EnvelopeMeta {
                kind: EnvelopeKind::Referral,
                id: id.clone(),
                payload_format: 1,
                catalogue_version: "2026.11.0".into(),
                created_at: "2026-11-28T10:00:00Z".into(),
            };
            let bytes = seal(&meta, &payload, &key)?;
            Ok(PendingEnvelope {
                id,
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
    let (json_items, frame_items) = items.split_at(REFERRALS);
    let batches = |items: &[PendingEnvelope]| -> Vec<FramedBatch> {
        items
            .chunks(first_contact_protocol::api::MAX_BATCH_ITEMS)
            .map(|chunk| plan::batch(chunk, &key.to_string()))
            .collect()
    };
    let json_bodies: Vec<Vec<u8>> = batches(json_items)
        .iter()
        .map(|batch| serde_json::to_vec(&batch.to_json_batch()))
        .collect::<Result<_, _>>()?;
    let frame_bodies: Vec<Vec<u8>> = batches(frame_items)
        .iter()
        .map(frame::encode)
        .collect::<Result<_, _>>()?;
    let baseline_envelopes: usize = json_items.iter().map(|item| item.bytes.len()).sum();
    let client = reqwest::Client::builder()
        .tls_backend_preconfigured(first_contact_sync::tls::pinned(&enrollment.ca_pem)?)
        .build()?;
    let bearer = first_contact_protocol::api::bearer(&enrollment.device_id, &enrollment.credential);
    // Each bare loop delivers its own copies (new ids), so neither answers from the other's.
    let mut bare = Vec::new();
    for (route, content_type, bodies) in [
        ("/v1/envelopes", "application/json", &json_bodies),
        ("/v1/deliveries", BATCH_MEDIA_TYPE, &frame_bodies),
    ] {
        let client = client.clone();
        wire.store(0, Ordering::Relaxed);
        let started = Instant::now();
        for body in bodies {
            let response = client
                .post(format!("{relay_url}{route}"))
                .header("authorization", &bearer)
                .header("content-type", content_type)
                .header("accept-encoding", "zstd")
                .body(body.clone())
                .send()
                .await?;
            anyhow::ensure!(response.status().is_success(), "{}", response.status());
            response.bytes().await?;
        }
        bare.push((route, started.elapsed(), wire.load(Ordering::Relaxed)));
    }
    let baseline_time = bare[1].1;

    // 200 devices at once, each sending its batches in turn.
    let mut devices = Vec::with_capacity(DEVICES);
    for n in 0..DEVICES {
        let enrollment = first_contact_sync::enroll(
            &center.url(),
            &enrollment_code(&center, &format!("Officer {n}"))?,
            "device",
            Timeouts::default(),
        )
        .await?;
        let key = enrollment.center_key()?;
        let batches: Vec<FramedBatch> = (0..BATCHES_PER_DEVICE)
            .map(|_| {
                let chunk: Vec<PendingEnvelope> = (0..ITEMS_PER_DEVICE_BATCH)
                    .map(|i| {
                        let mut item = items[i].clone();
                        item.id = uuid::Uuid::now_v7().to_string();
                        let meta = EnvelopeMeta {
                            kind: EnvelopeKind::Referral,
                            id: item.id.clone(),
                            payload_format: 1,
                            catalogue_version: item.catalogue_version.clone(),
                            created_at: item.created_at.clone(),
                        };
                        item.bytes = seal(&meta, &payload, &key)?;
                        Ok(item)
                    })
                    .collect::<anyhow::Result<_>>()?;
                Ok(plan::batch(&chunk, &key.to_string()))
            })
            .collect::<anyhow::Result<_>>()?;
        devices.push((enrollment.client(Timeouts::default())?, batches));
    }
    let started = Instant::now();
    let tasks: Vec<_> = devices
        .into_iter()
        .map(|(client, batches)| {
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                for batch in &batches {
                    let sent = Instant::now();
                    let answer = client.deliver(batch).await?;
                    latencies.push(sent.elapsed());
                    anyhow::ensure!(!answer.payload.is_empty(), "an empty answer");
                }
                Ok::<_, anyhow::Error>(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    let crowd_time = started.elapsed();
    center.stop();

    let rate = |time: Duration| REFERRALS as f64 / time.as_secs_f64();
    println!("Delivery of {REFERRALS} realistic referrals over loopback TLS");
    println!("| what | time (s) | referrals/s |");
    println!("|---|---|---|");
    println!("| sync engine, from the encrypted field store (verify + store batch receipts, purge) | {:.2} | {:.0} |", engine_time.as_secs_f64(), rate(engine_time));
    for (route, time, _) in &bare {
        println!(
            "| bare reqwest loop POSTing the same batches to {route} | {:.2} | {:.0} |",
            time.as_secs_f64(),
            rate(*time)
        );
    }
    println!(
        "| ratio (engine / bare) | | {:.2} |",
        rate(engine_time) / rate(baseline_time)
    );
    println!();
    let mean_envelope = envelope_bytes as f64 / REFERRALS as f64;
    let per_referral = engine_wire as f64 / REFERRALS as f64;
    println!("Bytes on the wire per referral (both directions, TLS included): {per_referral:.0}; mean envelope {mean_envelope:.0} bytes; ratio {:.3}", per_referral / mean_envelope);
    let baseline_mean = baseline_envelopes as f64 / REFERRALS as f64;
    for (route, _, bytes) in &bare {
        let per_referral = *bytes as f64 / REFERRALS as f64;
        println!("Bare loop to {route}: {per_referral:.0} bytes per referral for a mean envelope of {baseline_mean:.0}; ratio {:.3}", per_referral / baseline_mean);
    }
    println!();
    println!(
        "{DEVICES} devices at once, {BATCHES_PER_DEVICE} batches of {ITEMS_PER_DEVICE_BATCH} each ({} referrals in {:.2} s): batch latency p50 {} ms, p99 {} ms",
        DEVICES * BATCHES_PER_DEVICE * ITEMS_PER_DEVICE_BATCH,
        crowd_time.as_secs_f64(),
        ms(percentile(&mut latencies, 0.5)),
        ms(percentile(&mut latencies, 0.99)),
    );
    Ok(())
}
