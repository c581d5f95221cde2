//! Nothing goes to a Center that could not open it: an envelope sealed to another key than the
//! enrolled Center's is set aside on the device, kept and never sent; the others still go. A real
//! Center over TLS, the device's store in memory.

mod common;

use common::*;
use first_contact_protocol::{seal, EnvelopeKind, EnvelopeMeta};
use first_contact_sync::{pass, plan, Timeouts};

#[tokio::test]
async fn an_envelope_sealed_for_another_center_is_kept_and_never_sent() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let store = MemoryStore::default();

    // Sealed while the laptop trusted another Center (its key recorded with the row).
    let earlier_center = age::x25519::Identity::generate().to_public().to_string();
    let meta = EnvelopeMeta {
        kind: EnvelopeKind::Referral,
        id: new_id(),
        payload_format: 1,
        catalogue_version: "2026.1".into(),
        created_at: "2026-11-28T10:00:00Z".into(),
    };
    let bytes = check(seal(
        &meta,
        &serde_json::json!({"narrative": "for the earlier Center"}),
        &check(earlier_center.parse()),
    ));
    let mut foreign = sealed(&enrollment, &meta.id, EnvelopeKind::Referral, "x");
    foreign.item.envelope = bytes;
    foreign.recipient = earlier_center;
    store.queue(foreign.clone());
    let ours = sealed(
        &enrollment,
        &new_id(),
        EnvelopeKind::Referral,
        "for this Center",
    );
    store.queue(ours.clone());

    let report = check(pass(&target(&enrollment, Timeouts::default()), &store, |_, _| {}).await);
    assert_eq!((report.delivered, report.set_aside), (1, 1));
    store.with(|memory| {
        let (code, _) = &memory.set_aside[&foreign.item.id];
        assert_eq!(code, plan::SEALED_FOR_ANOTHER_CENTER);
        assert!(memory.receipts.contains_key(&ours.item.id));
        assert!(!memory.receipts.contains_key(&foreign.item.id));
        // Kept, bytes and all.
        assert!(memory
            .outbox
            .values()
            .any(|item| item.item.id == foreign.item.id
                && item.item.envelope == foreign.item.envelope));
    });
    let stored = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Referral,
    ));
    assert_eq!(stored.len(), 1);

    // A second pass sends nothing more and keeps it aside.
    let again = check(pass(&target(&enrollment, Timeouts::default()), &store, |_, _| {}).await);
    assert_eq!((again.delivered, again.set_aside), (0, 0));
    center.stop();
}
