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

use common::{
    engine_pass, enrolled_app, finalise_referrals, outbox_envelope_bytes, relay, scratch,
    sealed_referral, start_center, BareDevice,
};
use first_contact_sync::{plan, PendingEnvelope, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

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
    relay(listener, upstream, counter, true, delayed_copy);
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

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let shaped = std::env::var("FIRST_CONTACT_SLOW_LINK").is_ok_and(|v| v == "1");
    let directory = scratch()?;
    // A 100-item JSON batch takes ~10 s to arrive at 256 kbit/s.
    let center = start_center(&directory.path().join("center"), |config| {
        config.limits.body_read_timeout = Duration::from_secs(300);
    })
    .await?;
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
    finalise_referrals(&app, REFERRALS)?;
    let envelope_bytes = outbox_envelope_bytes(&directory.path().join("app"), REFERRALS)?;

    // The engine, binary route.
    let (engine_time, engine_wire) = engine_pass(&app, TIMEOUTS, &wire, REFERRALS).await?;

    // Envelopes of the same kind, sealed afresh with new ids, to the JSON route from a second
    // device: first deliveries, as the engine's were.
    let device = BareDevice::enroll(&relay_url, &center, TIMEOUTS).await?;
    let key = device.center_key()?;
    let fresh: Vec<PendingEnvelope> = (0..REFERRALS)
        .map(|n| sealed_referral(n, &key))
        .collect::<anyhow::Result<_>>()?;
    let fresh_bytes: usize = fresh
        .iter()
        .map(|pending| pending.item.envelope.len())
        .sum();
    let bodies: Vec<Vec<u8>> = fresh
        .chunks(first_contact_protocol::api::MAX_BATCH_ITEMS)
        .map(|chunk| serde_json::to_vec(&plan::batch(chunk, &key.to_string()).to_json_batch()))
        .collect::<Result<_, _>>()?;
    let (json_time, json_wire) = device
        .post_all(
            &format!("{relay_url}/v1/envelopes"),
            &[("content-type", "application/json")],
            &bodies,
            &wire,
        )
        .await?;
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
