//! The internet-facing Center does not hold the key that opens envelopes: after the first start
//! has made the keys, the age identity can be taken away and the Center still enrolls devices,
//! takes deliveries and signs receipts; opening an envelope needs the identity back, and says so
//! clearly without it.

mod common;

use common::*;
use first_contact_center::keys::IDENTITY_FILE;
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::{pass, Timeouts};

#[tokio::test]
async fn a_center_serves_without_its_identity_and_opens_only_with_it() {
    let dir = check(tempfile::tempdir());
    // The first start creates every key; then the identity goes to an offline medium.
    start_center(dir.path()).await.stop();
    let identity_file = dir.path().join(IDENTITY_FILE);
    let identity = check(std::fs::read(&identity_file));
    check(std::fs::remove_file(&identity_file));

    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let store = MemoryStore::default();
    let referral = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "narrative");
    store.queue(referral.clone());
    check(pass(&target(&enrollment, Timeouts::default()), &store, |_, _| {}).await);
    assert!(store.with(|m| m.outbox.is_empty() && m.receipts.contains_key(&referral.item.id)));
    assert!(!identity_file.exists(), "serving made a new identity");

    let refused = first_contact_center::admin::open(&center.state, &referral.item.id)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        refused.contains("needs the Center's age identity") && refused.contains(IDENTITY_FILE),
        "{refused}"
    );

    // Brought back, the identity opens what was delivered while it was away.
    check(std::fs::write(&identity_file, identity));
    let opened = check(first_contact_center::admin::open(
        &center.state,
        &referral.item.id,
    ));
    assert_eq!(opened.payload["narrative"], "narrative");
    center.stop();
}
