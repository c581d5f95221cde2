//! The Center against slow and greedy clients, over real TLS on loopback: connections that sit
//! idle, trickle a request's head or body, or come in too great numbers from one address are
//! closed on time or refused at once, while a normal device still enrolls and delivers. Also:
//! an early 401 leaves a pooled client able to go on, the enrollment rate limit, and a 503 that
//! says nothing of the Center's insides. The limits are the config's, made short for the tests.

mod common;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use first_contact_center::{CenterConfig, Limits, RunningCenter};
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::{pass, SyncProblem, Timeouts};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

/// Generous limits except where a test sets one short.
fn limits() -> Limits {
    Limits {
        handshake_timeout: Duration::from_secs(10),
        header_read_timeout: Duration::from_secs(30),
        idle_timeout: Duration::from_secs(30),
        body_read_timeout: Duration::from_secs(30),
        max_connections: 1_000,
        max_connections_per_ip: 1_000,
        enrollment_per_minute: 1_000,
    }
}

async fn start_with(dir: &std::path::Path, limits: Limits) -> RunningCenter {
    let mut config = CenterConfig::new(dir);
    config.listen = SocketAddr::from(([127, 0, 0, 1], 0));
    config.limits = limits;
    check(first_contact_center::start(&config, first_contact_center::system_clock()).await)
}

/// Another loopback address to connect from (all of 127/8 is the loopback interface), so that
/// one test can be many clients.
fn loopback(last: u8, group: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, group, last))
}

async fn connect_from(center: &RunningCenter, from: IpAddr) -> std::io::Result<TcpStream> {
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(from, 0))?;
    socket.connect(center.address).await
}

fn connector(center: &RunningCenter) -> TlsConnector {
    let mut config = check(first_contact_sync::tls::pinned(&center.state.ca_pem));
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    TlsConnector::from(Arc::new(config))
}

/// A TLS connection from `from`, handshake done.
async fn tls_from(center: &RunningCenter, from: IpAddr) -> std::io::Result<TlsStream<TcpStream>> {
    let tcp = connect_from(center, from).await?;
    let name = rustls::pki_types::ServerName::try_from("localhost")
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    connector(center).connect(name, tcp).await
}

/// Reads until the Center closes the connection (or `within` passes: `None`); gives back what
/// it sent and when it closed.
async fn until_closed(
    stream: &mut TlsStream<TcpStream>,
    within: Duration,
) -> Option<(Vec<u8>, Instant)> {
    let mut received = Vec::new();
    let reading = async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return Instant::now(),
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    };
    let closed = tokio::time::timeout(within, reading).await.ok()?;
    Some((received, closed))
}

const HEAD: &[u8] = b"GET /v1/health HTTP/1.1\r\nhost: localhost\r\nx-padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
const BODY_HEAD: &[u8] = b"POST /v1/enrollment HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 4000\r\n\r\n{\"code\": \"";

#[tokio::test]
async fn an_idle_connection_is_closed_after_the_idle_timeout() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            idle_timeout: Duration::from_secs(1),
            ..limits()
        },
    )
    .await;
    // Silent after the handshake, and silent after one answered request.
    let mut silent = check(tls_from(&center, loopback(1, 0)).await);
    let mut after_one = check(tls_from(&center, loopback(1, 0)).await);
    let opened = Instant::now();
    check(
        after_one
            .write_all(b"GET /v1/health HTTP/1.1\r\nhost: localhost\r\n\r\n")
            .await,
    );
    for stream in [&mut silent, &mut after_one] {
        let Some((_, closed)) = until_closed(stream, Duration::from_secs(5)).await else {
            panic!("an idle connection stayed open past the idle timeout");
        };
        let after = closed - opened;
        assert!(
            after >= Duration::from_millis(900),
            "closed after {after:?}"
        );
    }
}

#[tokio::test]
async fn a_trickled_head_is_cut_off_after_the_header_timeout() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            header_read_timeout: Duration::from_secs(1),
            ..limits()
        },
    )
    .await;
    let mut stream = check(tls_from(&center, loopback(1, 0)).await);
    let opened = Instant::now();
    // A byte every 50 ms never lets the connection look idle, and would take 7 s to finish.
    trickle_until_closed(&mut stream, HEAD, opened).await;
}

#[tokio::test]
async fn a_trickled_body_is_answered_408_and_cut_off_after_the_body_timeout() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            body_read_timeout: Duration::from_secs(1),
            ..limits()
        },
    )
    .await;
    let mut stream = check(tls_from(&center, loopback(1, 0)).await);
    check(stream.write_all(BODY_HEAD).await);
    let opened = Instant::now();
    let answer = trickle_until_closed(&mut stream, &[b'A'; 200], opened).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("request_timeout"), "{answer}");
    assert!(
        answer.to_ascii_lowercase().contains("connection: close"),
        "{answer}"
    );
}

/// Trickles `bytes` (50 ms apart) while waiting for the Center to close the connection, which
/// must happen between 0.9 and 4 seconds after `opened`; gives back what the Center sent.
async fn trickle_until_closed(
    stream: &mut TlsStream<TcpStream>,
    bytes: &[u8],
    opened: Instant,
) -> Vec<u8> {
    let (mut reading, mut writing) = tokio::io::split(stream);
    let closed = async {
        let mut received = Vec::new();
        let mut buffer = [0u8; 4096];
        loop {
            match reading.read(&mut buffer).await {
                Ok(0) | Err(_) => return (received, Instant::now()),
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    };
    let sending = async {
        for byte in bytes {
            if writing.write_all(&[*byte]).await.is_err() || writing.flush().await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        std::future::pending::<()>().await;
    };
    let outcome = tokio::time::timeout(Duration::from_secs(4), async {
        tokio::select! {
            closed = closed => closed,
            () = sending => unreachable!(),
        }
    })
    .await;
    let Ok((received, closed)) = outcome else {
        panic!("a trickling client was not cut off within 4 seconds");
    };
    let after = closed - opened;
    assert!(
        after >= Duration::from_millis(900),
        "cut off after {after:?}"
    );
    received
}

#[tokio::test]
async fn the_connection_over_the_per_address_cap_is_refused_at_once() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            max_connections_per_ip: 3,
            ..limits()
        },
    )
    .await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(check(tls_from(&center, loopback(2, 0)).await));
    }
    let started = Instant::now();
    let refused = tls_from(&center, loopback(2, 0)).await;
    assert!(
        refused.is_err(),
        "a fourth connection from one address was served"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    // Another address is not affected, and the three held are still served.
    check(tls_from(&center, loopback(3, 0)).await);
    for stream in &mut held {
        check(
            stream
                .write_all(b"GET /v1/health HTTP/1.1\r\nhost: localhost\r\n\r\n")
                .await,
        );
        let mut buffer = [0u8; 12];
        check(stream.read_exact(&mut buffer).await);
        assert_eq!(&buffer, b"HTTP/1.1 200");
    }
}

#[tokio::test]
async fn the_connection_over_the_total_cap_is_refused_at_once() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            max_connections: 2,
            ..limits()
        },
    )
    .await;
    let _first = check(tls_from(&center, loopback(4, 0)).await);
    let _second = check(tls_from(&center, loopback(5, 0)).await);
    assert!(tls_from(&center, loopback(6, 0)).await.is_err());
}

#[derive(Debug, Clone, Copy)]
enum Slow {
    /// Handshake, then nothing.
    Idle,
    /// A request head, a byte at a time.
    Head,
    /// A whole head, then a body a byte at a time.
    Body,
}

/// 300 slow clients from ten addresses, 30 each, against a cap of 20 per address: 100 are
/// refused at once; the 200 admitted stay open while a device enrolls and delivers, and are
/// then all cut off by their timeouts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_slow_clients_do_not_keep_a_device_out() {
    let dir = check(tempfile::tempdir());
    let timeout = Duration::from_secs(4);
    let center = Arc::new(
        start_with(
            dir.path(),
            Limits {
                header_read_timeout: timeout,
                idle_timeout: timeout,
                body_read_timeout: timeout,
                max_connections: 400,
                max_connections_per_ip: 20,
                ..limits()
            },
        )
        .await,
    );
    let open = Arc::new(AtomicUsize::new(0));
    let mut admitted = Vec::new();
    let mut refused = 0;
    let opening = Instant::now();
    for n in 0..300usize {
        let from = loopback(10 + (n % 10) as u8, 1);
        match tls_from(&center, from).await {
            Ok(stream) => admitted.push((stream, [Slow::Idle, Slow::Head, Slow::Body][n % 3])),
            Err(_) => refused += 1,
        }
    }
    assert_eq!((admitted.len(), refused), (200, 100));
    println!("300 connections tried in {:?}", opening.elapsed());
    let started = Instant::now();
    let mut slow = tokio::task::JoinSet::new();
    for (mut stream, kind) in admitted {
        let open = Arc::clone(&open);
        open.fetch_add(1, Ordering::SeqCst);
        slow.spawn(async move {
            let (mut reading, mut writing) = tokio::io::split(&mut stream);
            let sending = async {
                match kind {
                    Slow::Idle => {}
                    Slow::Head => trickle_half(&mut writing, HEAD).await,
                    Slow::Body => {
                        let _ = writing.write_all(BODY_HEAD).await;
                        trickle_half(&mut writing, &[b'A'; 400]).await;
                    }
                }
                std::future::pending::<()>().await;
            };
            let closed = async {
                let mut buffer = [0u8; 1024];
                while let Ok(n) = reading.read(&mut buffer).await {
                    if n == 0 {
                        break;
                    }
                }
            };
            tokio::select! {
                () = closed => {},
                () = sending => {},
            }
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
    // The device, meanwhile: enrollment, then a delivery.
    let enrollment = enroll(&center, "Ana").await;
    let target = target(&enrollment, Timeouts::default());
    let store = MemoryStore::default();
    store.queue(sealed(
        &enrollment,
        &new_id(),
        EnvelopeKind::Referral,
        "a case",
    ));
    let report = check(pass(&target, &store, |_, _| {}).await);
    assert_eq!(report.delivered, 1);
    let device_took = started.elapsed();
    let still_open = open.load(Ordering::SeqCst);
    println!("the device enrolled and delivered in {device_took:?} with {still_open} slow connections open");
    assert!(
        device_took < timeout,
        "the device took {device_took:?}, longer than the slow clients were held"
    );
    assert_eq!(
        still_open, 200,
        "slow connections closed before their timeouts"
    );
    // And then every slow client is cut off by its timeout.
    let all_closed = tokio::time::timeout(timeout * 3, async {
        while slow.join_next().await.is_some() {}
    })
    .await;
    assert!(
        all_closed.is_ok(),
        "{} slow connections still open {:?} after the timeouts",
        open.load(Ordering::SeqCst),
        started.elapsed()
    );
    println!("all slow connections closed after {:?}", started.elapsed());
}

/// A byte every 100 ms: steady enough never to look idle.
async fn trickle_half<W: AsyncWriteExt + Unpin>(writing: &mut W, bytes: &[u8]) {
    for byte in bytes {
        if writing.write_all(&[*byte]).await.is_err() || writing.flush().await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn http1_client(center: &RunningCenter) -> reqwest::Client {
    let mut config = check(first_contact_sync::tls::pinned(&center.state.ca_pem));
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    check(
        reqwest::Client::builder()
            .tls_backend_preconfigured(config)
            .http1_only()
            .timeout(Duration::from_secs(20))
            .build(),
    )
}

/// Answered before the body is read, a 401 still leaves the pooled client's next request to
/// succeed: on HTTP/1.1 a small body is drained and the connection reused, a larger one gets
/// `Connection: close` and a clean close, so the client does not reuse it. On HTTP/2 (what
/// the sync client negotiates) only the stream is reset.
#[tokio::test]
async fn after_an_early_401_the_same_client_goes_on() {
    let dir = check(tempfile::tempdir());
    let center = start_with(dir.path(), limits()).await;
    let http2 = check(first_contact_sync::tls::pinned(&center.state.ca_pem));
    let http2 = check(
        reqwest::Client::builder()
            .tls_backend_preconfigured(http2)
            .timeout(Duration::from_secs(20))
            .build(),
    );
    for (client, http1) in [(http1_client(&center), true), (http2, false)] {
        early_401s(&center, &client, http1).await;
    }
}

async fn early_401s(center: &RunningCenter, client: &reqwest::Client, http1: bool) {
    for size in [16, 1_000, 60_000, 200_000, 2_000_000] {
        for _ in 0..5 {
            let refused = check(
                client
                    .post(format!("{}/v1/envelopes", center.url()))
                    .header("content-type", "application/json")
                    .header(
                        "authorization",
                        "Bearer 00000000-0000-0000-0000-000000000000.nope",
                    )
                    .body(vec![b' '; size])
                    .send()
                    .await,
            );
            assert_eq!(refused.status(), 401);
            let closes = refused
                .headers()
                .get("connection")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"close"));
            assert_eq!(
                closes,
                http1 && size > first_contact_center::connection::DRAIN_LIMIT,
                "size {size}"
            );
            // A POST, which a client does not retry on its own on another connection.
            let next = client
                .post(format!("{}/v1/enrollment", center.url()))
                .header("content-type", "application/json")
                .body("{}")
                .send()
                .await;
            let next = next.unwrap_or_else(|e| panic!("after a 401 with {size} bytes: {e:?}"));
            assert_eq!(next.status(), 400);
        }
    }
}

#[tokio::test]
async fn enrollment_requests_over_the_rate_limit_get_429() {
    let dir = check(tempfile::tempdir());
    let center = start_with(
        dir.path(),
        Limits {
            enrollment_per_minute: 3,
            ..limits()
        },
    )
    .await;
    let client = http1_client(&center);
    let proof = format!("{}/v1/enrollment/ZZZZ/proof", center.url());
    for _ in 0..3 {
        let answer = check(client.get(&proof).send().await);
        assert_eq!(answer.status(), 403);
    }
    let answer = check(client.get(&proof).send().await);
    assert_eq!(answer.status(), 429);
    let body = check(answer.text().await);
    assert!(body.contains("rate_limited"), "{body}");
    // Enrollment itself counts against the same tries; other endpoints do not.
    let enroll = check(
        client
            .post(format!("{}/v1/enrollment", center.url()))
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await,
    );
    assert_eq!(enroll.status(), 429);
    let health = check(
        client
            .get(format!("{}/v1/health", center.url()))
            .send()
            .await,
    );
    assert_eq!(health.status(), 200);
    // The sync client takes it as a Center to try again later, not as a bad code.
    let code = issue_code(&center, "Ana");
    let refused =
        first_contact_sync::enroll(&center.url(), &code, "laptop", Timeouts::default()).await;
    let Err(error) = refused else {
        panic!("enrolled over the rate limit");
    };
    assert_eq!(error.problem, SyncProblem::CenterUnavailable);
    assert_eq!(
        error.code,
        Some(first_contact_protocol::api::errors::ErrorCode::RateLimited)
    );
    assert!(error.retryable());
}

#[tokio::test]
async fn a_storage_failure_is_answered_503_without_its_detail() {
    let dir = check(tempfile::tempdir());
    let center = start_with(dir.path(), limits()).await;
    let enrollment = enroll(&center, "Ana").await;
    let api = check(enrollment.client(Timeouts::default()));
    check(
        check(center.state.database())
            .execute_batch("DROP TABLE publications")
            .map_err(|e| e.to_string()),
    );
    let failed = api
        .get::<serde_json::Value>("/v1/publications/catalogue")
        .await;
    let Err(error) = failed else {
        panic!("a read from a dropped table succeeded");
    };
    assert_eq!(error.problem, SyncProblem::CenterUnavailable);
    assert!(
        error
            .detail
            .contains(first_contact_center::failure::UNAVAILABLE_MESSAGE),
        "{}",
        error.detail
    );
    for internal in ["publications", "no such table", "storage", "sqlite"] {
        assert!(!error.detail.contains(internal), "{}", error.detail);
    }
}

/// The same, by hand on one connection, so no client's own retry can hide it: the whole body is
/// sent, the 401 read, and then either the answer said `Connection: close` and the connection
/// ends, or it did not and the next request on it is answered.
#[tokio::test]
async fn a_connection_answered_before_its_body_is_read_is_reusable_or_says_close() {
    let dir = check(tempfile::tempdir());
    let center = start_with(dir.path(), limits()).await;
    for size in [16, 1_000, 60_000, 200_000, 1_000_000] {
        let mut stream = check(tls_from(&center, loopback(7, 0)).await);
        let head = format!(
            "POST /v1/envelopes HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n\
             authorization: Bearer 00000000-0000-0000-0000-000000000000.nope\r\n\
             content-length: {size}\r\n\r\n"
        );
        let (mut reading, mut writing) = tokio::io::split(&mut stream);
        // Written alongside the reading: the Center may answer, and stop reading, before the end.
        let body = vec![b' '; size];
        let writing_all = async {
            let _ = writing.write_all(head.as_bytes()).await;
            let _ = writing.write_all(&body).await;
            let _ = writing.flush().await;
            writing
        };
        let (mut writing, answer) = tokio::join!(writing_all, read_answer(&mut reading));
        let Some(answer) = answer else {
            panic!("no answer to a request of {size} bytes");
        };
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer}");
        if answer.to_ascii_lowercase().contains("connection: close") {
            let mut rest = Vec::new();
            let ended =
                tokio::time::timeout(Duration::from_secs(5), reading.read_to_end(&mut rest));
            assert!(ended.await.is_ok(), "size {size}: said close, stayed open");
            continue;
        }
        let sent = writing
            .write_all(b"GET /v1/health HTTP/1.1\r\nhost: localhost\r\n\r\n")
            .await;
        let next = read_answer(&mut reading).await;
        assert!(
            sent.is_ok()
                && next
                    .as_deref()
                    .is_some_and(|a| a.starts_with("HTTP/1.1 200")),
            "size {size}: the connection looked reusable and was not: {next:?}"
        );
    }
}

/// One HTTP/1.1 answer with a `content-length`, as text; `None` if the connection ends first.
async fn read_answer<R: AsyncReadExt + Unpin>(reading: &mut R) -> Option<String> {
    let mut received = Vec::new();
    let mut byte = [0u8; 1];
    while !received.ends_with(b"\r\n\r\n") {
        if reading.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        received.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&received).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse::<usize>().ok())?;
    let mut body = vec![0u8; length];
    reading.read_exact(&mut body).await.ok()?;
    received.extend_from_slice(&body);
    Some(String::from_utf8_lossy(&received).into_owned())
}
