//! Delivery through a hostile network: a TCP proxy between the device and a real Center resets,
//! stalls and truncates connections at random, and the Center is restarted mid-batch. After
//! 1,000 referrals the Center holds exactly 1,000, none twice, each with the bytes the device
//! froze (a retry with other bytes would have been a conflict), and the outbox is empty.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use first_contact_protocol::api::delivery::envelope_digest;
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::{pass, LocalStore, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A small deterministic generator, so a failing run can be repeated with its seed.
#[derive(Debug)]
struct Dice(AtomicU64);

impl Dice {
    fn roll(&self, sides: u64) -> u64 {
        let mut x = self.0.load(Ordering::Relaxed);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.store(x, Ordering::Relaxed);
        x % sides
    }
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    /// Works until it closes at the cut, as a proxy's idle timeout would.
    CloseAtCut,
    ResetAtOnce,
    ResetMidRequest,
    TruncateAnswer,
    Stall,
}

#[derive(Debug, Default)]
struct Counts {
    faults: [u32; 5],
}

/// Copies until the end, an error or `limit` bytes; gives back the writing half so that a
/// stall can keep it open (dropping it would tell the other side the stream ended).
async fn forward(
    mut from: tokio::net::tcp::OwnedReadHalf,
    mut to: tokio::net::tcp::OwnedWriteHalf,
    limit: Option<usize>,
) -> Option<tokio::net::tcp::OwnedWriteHalf> {
    let mut buffer = vec![0u8; 16 * 1024];
    let mut sent = 0;
    loop {
        let Ok(read) = from.read(&mut buffer).await else {
            return None;
        };
        if read == 0 {
            let _ = to.shutdown().await;
            return None;
        }
        let take = limit.map_or(read, |limit| read.min(limit.saturating_sub(sent)));
        if to.write_all(&buffer[..take]).await.is_err() {
            return None;
        }
        sent += take;
        if limit.is_some_and(|limit| sent >= limit) {
            return Some(to);
        }
    }
}

/// `SO_LINGER` 0 makes the close a reset (RST), as a dropped mobile link or a middlebox does.
#[allow(deprecated)]
fn reset(stream: &TcpStream) {
    let _ = stream.set_linger(Some(Duration::ZERO));
}

async fn proxy_connection(client: TcpStream, upstream: SocketAddr, fault: Fault, dice: Arc<Dice>) {
    if let Fault::ResetAtOnce = fault {
        reset(&client);
        return;
    }
    let Ok(server) = TcpStream::connect(upstream).await else {
        reset(&client);
        return;
    };
    let (client_read, client_write) = client.into_split();
    let (server_read, server_write) = server.into_split();
    // Cut points land anywhere from the TLS handshake to a few batches in: a connection carries
    // several requests (keep-alive, HTTP/2), so a cut often falls in the middle of one. The
    // binary route puts the whole outbox in about 500 kB on the wire, so cuts stay within
    // 20 kB to leave every kind of fault its turns.
    let cut = usize::try_from(200 + dice.roll(20_000)).unwrap_or(1000);
    match fault {
        Fault::CloseAtCut | Fault::ResetAtOnce => {
            tokio::select! {
                _ = forward(client_read, server_write, Some(cut)) => {}
                _ = forward(server_read, client_write, Some(cut)) => {}
            }
        }
        Fault::ResetMidRequest => {
            tokio::join!(
                forward(client_read, server_write, Some(cut)),
                forward(server_read, client_write, None)
            );
        }
        Fault::TruncateAnswer => {
            tokio::join!(
                forward(client_read, server_write, None),
                forward(server_read, client_write, Some(cut))
            );
        }
        Fault::Stall => {
            // After the cut, nothing moves either way, but nothing is closed: the client must
            // give up by itself.
            let _held_open = tokio::join!(
                forward(client_read, server_write, None),
                forward(server_read, client_write, Some(cut))
            );
            std::future::pending::<()>().await;
        }
    }
}

async fn proxy(
    upstream: Arc<Mutex<SocketAddr>>,
    dice: Arc<Dice>,
    counts: Arc<Mutex<Counts>>,
) -> SocketAddr {
    let listener = check(TcpListener::bind("127.0.0.1:0").await);
    let address = check(listener.local_addr());
    tokio::spawn(async move {
        let mut connections = 0u64;
        while let Ok((client, _)) = listener.accept().await {
            // Every kind of fault in turn, so each one happens: every connection is cut within
            // 20 kB in one direction, far less than the outbox. Where it strikes is random.
            let fault = match connections % 5 {
                0 => Fault::CloseAtCut,
                1 => Fault::ResetAtOnce,
                2 => Fault::ResetMidRequest,
                3 => Fault::TruncateAnswer,
                _ => Fault::Stall,
            };
            connections += 1;
            if let Ok(mut counts) = counts.lock() {
                counts.faults[fault as usize] += 1;
            }
            let upstream = *check(upstream.lock().map_err(|e| e.to_string()));
            tokio::spawn(proxy_connection(client, upstream, fault, Arc::clone(&dice)));
        }
    });
    address
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_referrals_arrive_exactly_once_through_resets_stalls_truncation_and_restarts() {
    const REFERRALS: usize = 1_000;
    let dir = check(tempfile::tempdir());
    let mut center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let store = MemoryStore::default();
    let narrative =
        "The worker describes long hours, withheld wages and a passport kept by the employer. "
            .repeat(30);
    for n in 0..REFERRALS {
        store.queue(sealed(
            &enrollment,
            &new_id(),
            EnvelopeKind::Referral,
            &format!("{n}: {narrative}"),
        ));
    }
    let frozen: std::collections::HashMap<String, String> = store.with(|m| {
        m.outbox
            .values()
            .map(|item| (item.item.id.clone(), envelope_digest(&item.item.envelope)))
            .collect()
    });

    let seed = 0x5eed_0000_0000_0001 ^ u64::from(std::process::id());
    let dice = Arc::new(Dice(AtomicU64::new(seed)));
    let counts = Arc::new(Mutex::new(Counts::default()));
    let upstream = Arc::new(Mutex::new(center.address));
    let proxy_address = proxy(
        Arc::clone(&upstream),
        Arc::clone(&dice),
        Arc::clone(&counts),
    )
    .await;
    let mut through_proxy = enrollment.clone();
    through_proxy.center_address = format!("https://{proxy_address}");
    let timeouts = Timeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_secs(2),
    };

    let (mut passes, mut failures, mut restarts) = (0, 0, 0);
    let mut problems = std::collections::BTreeMap::new();
    while check(store.pending_count()) > 0 {
        passes += 1;
        assert!(passes < 2_000, "no end in sight (seed {seed:#x})");
        // A fresh client now and then, so new connections meet new faults.
        let target = target(&through_proxy, timeouts);
        if let Err(error) = pass(&target, &store, |_, _| {}).await {
            failures += 1;
            *problems
                .entry(format!("{:?}", error.problem))
                .or_insert(0u32) += 1;
        }
        if passes % 3 == 0 {
            // Restart mid-stream: open connections die, the data folder stays.
            center.stop();
            center = start_center(dir.path()).await;
            *check(upstream.lock().map_err(|e| e.to_string())) = center.address;
            restarts += 1;
        }
    }

    assert!(
        store.with(|m| m.set_aside.is_empty()),
        "a retry differed from the original: {:?}",
        store.with(|m| m.set_aside.clone())
    );
    assert_eq!(store.with(|m| m.receipts.len()), REFERRALS);
    let held = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Referral,
    ));
    assert_eq!(held.len(), REFERRALS, "the Center holds a different number");
    let distinct: std::collections::HashSet<_> = held.iter().map(|l| l.id.clone()).collect();
    assert_eq!(distinct.len(), REFERRALS);
    for listing in &held {
        assert_eq!(
            Some(&listing.sha256),
            frozen.get(&listing.id),
            "bytes differ for {}",
            listing.id
        );
    }
    let faults = check(counts.lock().map_err(|e| e.to_string())).faults;
    assert!(
        failures > 0 && restarts > 0,
        "the faults never bit: {faults:?}"
    );
    assert!(
        faults.iter().all(|count| *count > 0),
        "a fault never happened: {faults:?}"
    );
    println!("passes {passes}, failed {failures} {problems:?}, restarts {restarts}, connections by fault {faults:?}");
    center.stop();
}
