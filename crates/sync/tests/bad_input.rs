//! Bad input in both directions. The Center answers malformed, oversized or unauthenticated
//! requests with the documented 4xx error body, never 5xx; the client refuses answers that are
//! not the protocol's (a captive portal's HTML page, an oversized or unsigned answer) with a
//! clear problem and loses nothing.

mod common;

use std::sync::Arc;

use axum::routing::{get, post};
use common::*;
use first_contact_protocol::api::errors::ErrorBody;
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::{pass, SyncProblem, Timeouts};

fn raw_client(ca_pem: &str) -> reqwest::Client {
    check(
        reqwest::Client::builder()
            .tls_backend_preconfigured(check(first_contact_sync::tls::pinned(ca_pem)))
            .build(),
    )
}

async fn error_of(response: reqwest::Response) -> (u16, String) {
    let status = response.status().as_u16();
    let body: ErrorBody = check(serde_json::from_slice(&check(response.bytes().await)));
    let code = check(serde_json::to_value(body.error.code));
    (status, code.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn the_center_answers_bad_requests_with_documented_4xx_errors() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let client = raw_client(&center.state.ca_pem);
    let url = |path: &str| format!("{}{path}", center.url());
    let bearer = first_contact_protocol::api::bearer(&enrollment.device_id, &enrollment.credential);
    let envelopes = url("/v1/envelopes");

    let cases: Vec<(reqwest::RequestBuilder, (u16, &str))> = vec![
        (
            client
                .post(&envelopes)
                .header("content-type", "application/json")
                .body("{}"),
            (401, "unauthorized"),
        ),
        (
            client
                .post(&envelopes)
                .header("authorization", &bearer)
                .header("content-type", "application/json")
                .body("{not json"),
            (400, "malformed_request"),
        ),
        (
            client
                .post(&envelopes)
                .header("authorization", &bearer)
                .header("content-type", "text/plain")
                .body("{}"),
            (400, "malformed_request"),
        ),
        (
            client
                .post(&envelopes)
                .header("authorization", &bearer)
                .header("content-type", "application/json")
                .body(r#"{"items": []}"#),
            (400, "malformed_request"),
        ),
        (
            client
                .post(&envelopes)
                .header("authorization", &bearer)
                .header("content-type", "application/json")
                .body(vec![b' '; 17 * 1024 * 1024]),
            (413, "payload_too_large"),
        ),
        (
            client
                .get(url("/v1/decisions?after=-5"))
                .header("authorization", &bearer),
            (400, "malformed_request"),
        ),
        (
            client
                .get(url("/v1/publications/catalogue"))
                .header("authorization", &bearer),
            (404, "not_found"),
        ),
        (client.get(url("/v1/nothing")), (404, "not_found")),
        (
            client.get(url("/v1/enrollment/ZZZZ/proof")),
            (403, "enrollment_code_invalid"),
        ),
        (
            client
                .post(url("/v1/enrollment"))
                .header("content-type", "application/json")
                .body(r#"{"code": 5}"#),
            (400, "malformed_request"),
        ),
        (
            // A code of the earlier four-group form: no longer a code at all.
            client
                .post(url("/v1/enrollment"))
                .header("content-type", "application/json")
                .body(r#"{"code": "ABCD-EFGH-JKMN-PQRS", "device_name": "laptop"}"#),
            (403, "enrollment_code_invalid"),
        ),
    ];
    for (request, expected) in cases {
        let (status, code) = error_of(check(request.send().await)).await;
        assert_eq!((status, code.as_str()), expected);
    }

    // Per item: not base64, not an age file, the age version line alone (22 bytes), an
    // envelope cut inside its payload, a reconsideration about nothing, a created_at that is
    // not a date-time, an envelope declaring another Center's key. Each is refused on its own,
    // with the reason, and none gets a receipt.
    let own = enrollment.center.recipient.clone();
    let other = age::x25519::Identity::generate().to_public().to_string();
    let item_to = |envelope: &[u8], kind: &str, created_at: &str, recipient: &str| {
        serde_json::json!({"id": new_id(), "kind": kind, "payload_format": 1,
            "catalogue_version": "v", "created_at": created_at, "recipient": recipient,
            "envelope": first_contact_protocol::api::delivery::DeliveryItem::encode_envelope(envelope)})
    };
    let item =
        |envelope: &[u8], kind: &str, created_at: &str| item_to(envelope, kind, created_at, &own);
    let real = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "x")
        .item
        .envelope;
    let time = "2026-11-28T10:00:00+01:00";
    // The header ends with the MAC line; keep it and 20 bytes of payload (the nonce is 16 and a
    // chunk's tag alone is 16 more).
    let mac_line = real
        .windows(5)
        .position(|window| window == b"\n--- ")
        .unwrap_or_default()
        + 1;
    let header_end = mac_line
        + real[mac_line..]
            .iter()
            .position(|b| *b == b'\n')
            .unwrap_or_default()
        + 1;
    let mut notification_regarding = item(&real, "notification", time);
    notification_regarding["regarding"] = serde_json::json!(new_id());
    let body = serde_json::json!({"items": [
        serde_json::json!({"id": new_id(), "kind": "referral", "payload_format": 1,
            "catalogue_version": "v", "created_at": time, "recipient": own, "envelope": "***"}),
        item(b"hello", "referral", time),
        item(b"age-encryption.org/v1\n", "referral", time),
        item(&real[..header_end + 20], "referral", time),
        item(&real, "reconsideration", time),
        notification_regarding,
        item(&real, "referral", "yesterday"),
        item_to(&real, "referral", time, &other),
    ]});
    let response = check(
        client
            .post(&envelopes)
            .header("authorization", &bearer)
            .header("content-type", "application/json")
            .body(body.to_string())
            .send()
            .await,
    );
    let answer: serde_json::Value = check(serde_json::from_slice(&check(response.bytes().await)));
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    let expected = [
        "not base64",
        "does not start with the age v1 version line",
        "header ends before its MAC line",
        "payload is missing or truncated",
        "names the referral it regards",
        "an anonymous notification is not regarding anything",
        "not an RFC 3339 date-time",
        "not to this Center's key",
    ];
    assert_eq!(results.len(), expected.len());
    for (n, (result, reason)) in results.iter().zip(expected).enumerate() {
        let code = if n + 1 == expected.len() {
            "wrong_recipient"
        } else {
            "malformed_request"
        };
        assert_eq!(result["outcome"], "rejected", "{reason}");
        assert_eq!(result["status"], 400, "{reason}");
        assert_eq!(result["code"], code, "{reason}");
        let message = result["message"].as_str().unwrap_or_default();
        assert!(message.contains(reason), "{message} lacks {reason}");
    }
    assert!(check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Referral
    ))
    .is_empty());
    center.stop();
}

/// Serves `router` with the Center's own certificate, as a portal or proxy that holds it would.
async fn impostor_answering(
    dir: &std::path::Path,
    router: axum::Router,
) -> (String, tokio::task::JoinHandle<()>) {
    let tls = check(first_contact_center::tls::TlsFiles::development(dir));
    let listener = check(tokio::net::TcpListener::bind("127.0.0.1:0").await);
    let address = check(listener.local_addr());
    let task =
        first_contact_center::server::serve_tls(listener, check(tls.server_config()), router);
    (format!("https://{address}"), task)
}

#[tokio::test]
async fn answers_that_are_not_the_protocols_are_refused_and_nothing_is_lost() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let html = || async {
        (
            [("content-type", "text/html")],
            "<html><body>Please accept the terms of this network</body></html>",
        )
    };
    let huge = Arc::new(vec![b'['; 17 * 1024 * 1024]);
    let cases: Vec<(axum::Router, SyncProblem)> = vec![
        (
            axum::Router::new()
                .route("/v1/deliveries", post(html))
                .route("/v1/decisions", get(html)),
            SyncProblem::UnexpectedResponse,
        ),
        (
            axum::Router::new().route(
                "/v1/deliveries",
                post(|| async {
                    (
                        [("content-type", "application/json")],
                        r#"{"results": "nope"}"#,
                    )
                }),
            ),
            SyncProblem::UnexpectedResponse,
        ),
        (
            axum::Router::new().route(
                "/v1/deliveries",
                post(move || {
                    let huge = Arc::clone(&huge);
                    async move { ([("content-type", "application/json")], (*huge).clone()) }
                }),
            ),
            SyncProblem::ResponseTooLarge,
        ),
        (
            axum::Router::new().route(
                "/v1/deliveries",
                post(|| async { (axum::http::StatusCode::BAD_GATEWAY, "upstream down") }),
            ),
            SyncProblem::CenterUnavailable,
        ),
    ];
    for (router, expected) in cases {
        let (url, task) = impostor_answering(dir.path(), router).await;
        let mut misdirected = enrollment.clone();
        misdirected.center_address = url;
        let store = MemoryStore::default();
        let item = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "case");
        store.queue(item.clone());
        let error = pass(
            &target(&misdirected, Timeouts::default()),
            &store,
            |_, _| {},
        )
        .await
        .err();
        assert_eq!(error.map(|e| e.problem), Some(expected));
        assert_eq!(store.with(|m| m.outbox.len()), 1, "the outbox lost an item");
        assert_eq!(
            store.with(|m| m.attempts.get(&item.item.id).copied()),
            Some(1)
        );
        task.abort();
    }

    // Receipts that are signed by someone else are not receipts.
    let mut wrong_key = target(&enrollment, Timeouts::default());
    wrong_key.verifier = foreign_verifier();
    let store = MemoryStore::default();
    store.queue(sealed(
        &enrollment,
        &new_id(),
        EnvelopeKind::Referral,
        "case",
    ));
    let error = pass(&wrong_key, &store, |_, _| {}).await.err();
    assert_eq!(error.map(|e| e.problem), Some(SyncProblem::BadSignature));
    assert_eq!(store.with(|m| m.outbox.len()), 1);
    center.stop();
}

/// A certificate that is not valid at the laptop's date: most often the laptop's clock is wrong.
#[tokio::test]
async fn a_certificate_outside_its_validity_is_reported_as_clock_skew() {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;

    let ca_key = check(KeyPair::generate());
    let mut ca_params = check(CertificateParams::new(Vec::<String>::new()));
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign];
    let ca = check(ca_params.self_signed(&ca_key));
    let issuer = Issuer::new(ca_params, ca_key);
    let server_key = check(KeyPair::generate());
    let mut server_params = check(CertificateParams::new(vec!["127.0.0.1".to_owned()]));
    server_params.not_before = rcgen::date_time_ymd(2019, 1, 1);
    server_params.not_after = rcgen::date_time_ymd(2020, 1, 1);
    let server = check(server_params.signed_by(&server_key, &issuer));

    let files = dir.path().join("expired");
    check(std::fs::create_dir_all(&files));
    let tls = first_contact_center::tls::TlsFiles {
        certificate: files.join("server.pem"),
        key: files.join("server.key"),
        ca: files.join("ca.pem"),
    };
    check(std::fs::write(&tls.certificate, server.pem()));
    check(std::fs::write(&tls.key, server_key.serialize_pem()));
    check(std::fs::write(&tls.ca, ca.pem()));
    let listener = check(tokio::net::TcpListener::bind("127.0.0.1:0").await);
    let address = check(listener.local_addr());
    let task = first_contact_center::server::serve_tls(
        listener,
        check(tls.server_config()),
        first_contact_center::routes::router(std::sync::Arc::clone(&center.state)),
    );

    let mut skewed = enrollment.clone();
    skewed.center_address = format!("https://{address}");
    skewed.ca_pem = ca.pem();
    let store = MemoryStore::default();
    store.queue(sealed(
        &enrollment,
        &new_id(),
        EnvelopeKind::Referral,
        "case",
    ));
    let error = pass(&target(&skewed, Timeouts::default()), &store, |_, _| {})
        .await
        .err();
    assert_eq!(error.map(|e| e.problem), Some(SyncProblem::ClockSkew));
    assert_eq!(store.with(|m| m.outbox.len()), 1);
    task.abort();
    center.stop();
}
