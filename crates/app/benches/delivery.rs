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

use common::{
    engine_pass, enrolled_app, enrollment_code, finalise_referrals, ms, outbox_envelope_bytes,
    percentile, relay, scratch, sealed_referral, start_center, BareDevice,
};
use first_contact_protocol::api::frame::{self, FramedBatch, BATCH_MEDIA_TYPE};
use first_contact_sync::{plan, CenterApi, PendingEnvelope, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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
    relay(listener, upstream, counter, false, copy_counting);
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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let directory = scratch()?;
    // 200 devices enroll within seconds and connect at once, all from 127.0.0.1: the limits
    // per address that guard a real Center would refuse the crowd this bench is about.
    let center = start_center(&directory.path().join("center"), |config| {
        config.limits.enrollment_per_minute = 100_000;
        config.limits.max_connections_per_ip = 1_024;
        config.limits.max_connections = 1_024;
    })
    .await?;
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
    finalise_referrals(&app, REFERRALS)?;
    let envelope_bytes = outbox_envelope_bytes(&directory.path().join("app"), REFERRALS)?;
    let (engine_time, engine_wire) =
        engine_pass(&app, Timeouts::default(), &wire, REFERRALS).await?;

    // Baseline: the same kind of batches, POSTed by a bare reqwest loop.
    let device = BareDevice::enroll(&relay_url, &center, Timeouts::default()).await?;
    let key = device.center_key()?;
    // Two sets with their own ids: one for each bare loop, so that neither is answered from
    // what the other stored.
    let items: Vec<PendingEnvelope> = (0..2 * REFERRALS)
        .map(|n| sealed_referral(n, &key))
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
    let baseline_envelopes: usize = json_items
        .iter()
        .map(|pending| pending.item.envelope.len())
        .sum();
    // Each bare loop delivers its own copies (new ids), so neither answers from the other's.
    let mut bare = Vec::new();
    for (route, content_type, bodies) in [
        ("/v1/envelopes", "application/json", &json_bodies),
        ("/v1/deliveries", BATCH_MEDIA_TYPE, &frame_bodies),
    ] {
        let headers = [("content-type", content_type), ("accept-encoding", "zstd")];
        let (took, bytes) = device
            .post_all(&format!("{relay_url}{route}"), &headers, bodies, &wire)
            .await?;
        bare.push((route, took, bytes));
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
                    .map(|i| sealed_referral(i, &key))
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
