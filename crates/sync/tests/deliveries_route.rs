//! `POST /v1/deliveries` on a real Center, spoken to byte by byte: a batch is accepted with one
//! signed batch receipt; a retry with the same bytes gets the same document, byte for byte; the
//! same id with other bytes is a conflict for that item alone; a body that is not a frame, of
//! the wrong type, too large or with too many items is refused as a whole with the documented
//! error body; a bad item is refused on its own; and the answer is zstd only when asked.

mod common;

use common::*;
use first_contact_protocol::api::batch_receipt::{BatchItem, BatchReceipt};
use first_contact_protocol::api::delivery::envelope_digest;
use first_contact_protocol::api::errors::ErrorBody;
use first_contact_protocol::api::frame::{self, FramedBatch, BATCH_MEDIA_TYPE};
use first_contact_protocol::api::{MAX_BATCH_ITEMS, MAX_ENVELOPE_BYTES, MAX_REQUEST_BYTES};
use first_contact_protocol::{EnvelopeKind, Purpose, SignedDocument};
use first_contact_sync::plan;

struct Route {
    client: reqwest::Client,
    url: String,
    bearer: String,
}

impl Route {
    async fn post(&self, content_type: &str, body: Vec<u8>, zstd: bool) -> reqwest::Response {
        let mut request = self
            .client
            .post(&self.url)
            .header("authorization", &self.bearer)
            .header("content-type", content_type)
            .body(body);
        if zstd {
            request = request.header("accept-encoding", "zstd");
        }
        check(request.send().await)
    }

    async fn deliver(&self, batch: &FramedBatch) -> (Vec<u8>, SignedDocument) {
        let response = self
            .post(BATCH_MEDIA_TYPE, check(frame::encode(batch)), false)
            .await;
        assert_eq!(response.status().as_u16(), 200);
        let bytes = check(response.bytes().await).to_vec();
        let signed = check(serde_json::from_slice(&bytes));
        (bytes, signed)
    }

    async fn refused(&self, content_type: &str, body: Vec<u8>) -> (u16, String) {
        let response = self.post(content_type, body, false).await;
        let status = response.status().as_u16();
        let body: ErrorBody = check(serde_json::from_slice(&check(response.bytes().await)));
        (status, body.error.code.as_str().to_owned())
    }
}

#[tokio::test]
async fn the_binary_route_accepts_repeats_refuses_and_bounds_as_documented() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let verifier = check(enrollment.verifier());
    let route = Route {
        client: check(
            reqwest::Client::builder()
                .tls_backend_preconfigured(check(first_contact_sync::tls::pinned(
                    &center.state.ca_pem,
                )))
                .build(),
        ),
        url: format!("{}/v1/deliveries", center.url()),
        bearer: first_contact_protocol::api::bearer(&enrollment.device_id, &enrollment.credential),
    };
    let recipient = enrollment.center.recipient.clone();
    let items: Vec<_> = (0..3)
        .map(|n| {
            sealed(
                &enrollment,
                &new_id(),
                EnvelopeKind::Referral,
                &format!("{n}"),
            )
        })
        .collect();
    let batch = plan::batch(&items, &recipient);

    // Accepted: one signed document lists every item with its hash.
    let (first_bytes, signed) = route.deliver(&batch).await;
    let receipt: BatchReceipt = check(verifier.verify(Purpose::BatchReceipt, &signed));
    assert_eq!(receipt.device_id, enrollment.device_id);
    assert_eq!(receipt.items.len(), 3);
    for (item, entry) in items.iter().zip(&receipt.items) {
        let BatchItem::Accepted { id, sha256, .. } = entry else {
            panic!("not accepted: {entry:?}");
        };
        assert_eq!(
            (id, sha256),
            (&item.item.id, &envelope_digest(&item.item.envelope))
        );
    }

    // A retry: the same document, byte for byte; the JSON route agrees on the receipts.
    let (again, _) = route.deliver(&batch).await;
    assert_eq!(again, first_bytes);

    // The same id with other bytes: a conflict for that item; a bad item is refused alone.
    let mut altered = sealed(
        &enrollment,
        &items[0].item.id,
        EnvelopeKind::Referral,
        "other",
    );
    altered.item.created_at = items[0].item.created_at.clone();
    let mut bad = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "bad");
    bad.item.created_at = "yesterday".into();
    let fresh = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "fresh");
    let (_, signed) = route
        .deliver(&plan::batch(&[altered, bad, fresh], &recipient))
        .await;
    let receipt: BatchReceipt = check(verifier.verify(Purpose::BatchReceipt, &signed));
    assert!(matches!(
        &receipt.items[0],
        BatchItem::Rejected { status: 409, .. }
    ));
    assert!(matches!(
        &receipt.items[1],
        BatchItem::Rejected { status: 400, message, .. } if message.contains("RFC 3339")
    ));
    assert!(matches!(&receipt.items[2], BatchItem::Accepted { .. }));

    // An envelope over 8 MiB + 64 KiB is refused on its own, like on the JSON route.
    let mut huge = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "huge");
    huge.item.envelope.resize(MAX_ENVELOPE_BYTES + 1, 0);
    let (_, signed) = route.deliver(&plan::batch(&[huge], &recipient)).await;
    let receipt: BatchReceipt = check(verifier.verify(Purpose::BatchReceipt, &signed));
    assert!(matches!(
        &receipt.items[0],
        BatchItem::Rejected { status: 400, message, .. } if message.contains("larger than")
    ));

    // Another recipient for the batch: every item is refused as sealed to another key.
    let (_, signed) = route
        .deliver(&plan::batch(&items[..1], "age1someoneelse"))
        .await;
    let receipt: BatchReceipt = check(verifier.verify(Purpose::BatchReceipt, &signed));
    assert!(matches!(
        &receipt.items[0],
        BatchItem::Rejected { status: 400, code, .. }
            if code.as_str() == "wrong_recipient"
    ));

    // Refused as a whole: not a frame, a truncated frame, the wrong type, too many items, a
    // body over the limit.
    let body = check(frame::encode(&batch));
    assert_eq!(
        route
            .refused(BATCH_MEDIA_TYPE, b"not a frame".to_vec())
            .await,
        (400, "malformed_request".into())
    );
    assert_eq!(
        route
            .refused(BATCH_MEDIA_TYPE, body[..body.len() - 1].to_vec())
            .await,
        (400, "malformed_request".into())
    );
    assert_eq!(
        route.refused("application/json", body.clone()).await,
        (400, "malformed_request".into())
    );
    let mut many = body[..body.len()].to_vec();
    let count_at = 5 + 2 + recipient.len();
    many[count_at..count_at + 2].copy_from_slice(&(MAX_BATCH_ITEMS as u16 + 1).to_be_bytes());
    assert_eq!(
        route.refused(BATCH_MEDIA_TYPE, many).await,
        (400, "malformed_request".into())
    );
    assert_eq!(
        route
            .refused(BATCH_MEDIA_TYPE, vec![0; MAX_REQUEST_BYTES + 1])
            .await,
        (413, "payload_too_large".into())
    );

    // Unauthenticated: refused before the body is read.
    let response = check(
        route
            .client
            .post(&route.url)
            .header("content-type", BATCH_MEDIA_TYPE)
            .body(body.clone())
            .send()
            .await,
    );
    assert_eq!(response.status().as_u16(), 401);

    // Compressed only when asked for, and then the same document.
    let response = route.post(BATCH_MEDIA_TYPE, body, true).await;
    assert_eq!(
        response
            .headers()
            .get("content-encoding")
            .and_then(|v| v.to_str().ok()),
        Some("zstd")
    );
    let compressed = check(response.bytes().await);
    assert!(compressed.len() < first_bytes.len());
    assert_eq!(
        check(zstd::bulk::decompress(&compressed, 1 << 20)),
        first_bytes
    );
    center.stop();
}
