//! The sync engine against a real Center over real TLS on a loopback port: enrollment,
//! delivery and its idempotency, revocation, the decision feed, signed publications.

mod common;

use common::*;
use first_contact_protocol::api::delivery::ItemOutcome;
use first_contact_protocol::api::feedback::DecisionOutcome;
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::{pass, plan, CenterApi, SyncProblem, Timeouts};

#[tokio::test]
async fn delivery_is_idempotent_and_a_conflict_sets_only_that_item_aside() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let target = target(&enrollment, Timeouts::default());
    let store = MemoryStore::default();
    let items: Vec<_> = (0..3)
        .map(|n| {
            sealed(
                &enrollment,
                &new_id(),
                EnvelopeKind::Referral,
                &format!("case {n}"),
            )
        })
        .collect();
    for item in &items {
        store.queue(item.clone());
    }

    let report = check(pass(&target, &store, |_, _| {}).await);
    assert_eq!(report.delivered, 3);
    assert_eq!(store.with(|m| m.outbox.len()), 0);
    let listed = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Referral,
    ));
    assert_eq!(listed.len(), 3);
    for item in &items {
        let stored = listed
            .iter()
            .find(|l| l.id == item.item.id)
            .unwrap_or_else(|| panic!("{} missing", item.item.id));
        assert_eq!(
            stored.sha256,
            first_contact_protocol::api::delivery::envelope_digest(&item.item.envelope)
        );
    }

    // The same ids and bytes again: a batch receipt with the original receipts' data.
    let sent = plan::batch(&items, &target.recipient);
    let again = check(target.api.deliver(&sent).await);
    let effects = check(plan::effects(
        &sent,
        &again,
        &target.verifier,
        &target.device_id,
    ));
    for (item, effect) in items.iter().zip(&effects) {
        let plan::ItemEffect::Delivered(receipt) = effect else {
            panic!("a repeat was not accepted: {effect:?}");
        };
        assert_eq!(
            receipt,
            &store.with(|m| m.receipts[&item.item.id].receipt.clone())
        );
    }
    // The JSON route answers the same ids with their stored signed receipts, byte for byte.
    let json = sent.to_json_batch();
    let first = check(target.api.deliver_json(&json).await);
    let second = check(target.api.deliver_json(&json).await);
    assert_eq!(first, second);
    assert!(first
        .results
        .iter()
        .all(|result| matches!(result.outcome, ItemOutcome::Accepted { .. })));

    // The same id with other bytes: a conflict for that item; the next item still goes.
    let mut altered = sealed(
        &enrollment,
        &items[0].item.id,
        EnvelopeKind::Referral,
        "other text",
    );
    altered.item.created_at = items[0].item.created_at.clone();
    let fresh = sealed(&enrollment, &new_id(), EnvelopeKind::Referral, "case 4");
    store.queue(altered);
    store.queue(fresh.clone());
    let report = check(pass(&target, &store, |_, _| {}).await);
    assert_eq!((report.delivered, report.set_aside), (1, 1));
    let (code, _) = store.with(|m| m.set_aside[&items[0].item.id].clone());
    assert_eq!(code, "conflict");
    assert!(
        store.with(|m| m
            .outbox
            .values()
            .any(|item| item.item.id == items[0].item.id)),
        "kept, not dropped"
    );
    assert!(store.with(|m| m.receipts.contains_key(&fresh.item.id)));
    let raw = check(
        target
            .api
            .deliver_json(
                &plan::batch(
                    &[sealed(
                        &enrollment,
                        &items[1].item.id,
                        EnvelopeKind::Referral,
                        "x",
                    )],
                    &target.recipient,
                )
                .to_json_batch(),
            )
            .await,
    );
    assert!(matches!(
        raw.results[0].outcome,
        ItemOutcome::Rejected { status: 409, .. }
    ));
    assert_eq!(
        check(first_contact_center::admin::received(
            &center.state,
            EnvelopeKind::Referral
        ))
        .len(),
        4
    );
    center.stop();
}

#[tokio::test]
async fn a_revoked_device_gets_unauthorized_and_keeps_its_outbox() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    check(first_contact_center::admin::revoke(
        &center.state,
        &enrollment.device_id.to_string(),
    ));
    let store = MemoryStore::default();
    store.queue(sealed(
        &enrollment,
        &new_id(),
        EnvelopeKind::Referral,
        "case",
    ));
    let error = pass(&target(&enrollment, Timeouts::default()), &store, |_, _| {})
        .await
        .err()
        .unwrap_or_else(|| panic!("a revoked device synced"));
    assert_eq!(error.problem, SyncProblem::Unauthorized);
    assert_eq!(store.with(|m| m.outbox.len()), 1);
    let mut forged = enrollment.clone();
    forged.credential = "0".repeat(64);
    let fresh = enroll(&center, "Ana").await;
    forged.device_id = fresh.device_id;
    let error = pass(&target(&forged, Timeouts::default()), &store, |_, _| {})
        .await
        .err();
    assert_eq!(error.map(|e| e.problem), Some(SyncProblem::Unauthorized));
    center.stop();
}

#[tokio::test]
async fn decisions_reach_only_the_device_that_referred_and_reconsideration_is_answered() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let ana = enroll(&center, "Ana").await;
    let boris = enroll(&center, "Boris").await;
    let (ana_store, boris_store) = (MemoryStore::default(), MemoryStore::default());
    let referral = sealed(&ana, &new_id(), EnvelopeKind::Referral, "case");
    ana_store.queue(referral.clone());
    boris_store.queue(sealed(
        &boris,
        &new_id(),
        EnvelopeKind::Referral,
        "other case",
    ));
    check(pass(&target(&ana, Timeouts::default()), &ana_store, |_, _| {}).await);
    check(
        pass(
            &target(&boris, Timeouts::default()),
            &boris_store,
            |_, _| {},
        )
        .await,
    );

    let decision = decide(
        &center,
        &referral.item.id,
        DecisionOutcome::NotIdentified,
        None,
    );
    check(
        pass(
            &target(&boris, Timeouts::default()),
            &boris_store,
            |_, _| {},
        )
        .await,
    );
    assert!(
        boris_store.with(|m| m.decisions.is_empty()),
        "another device's decision leaked"
    );
    check(pass(&target(&ana, Timeouts::default()), &ana_store, |_, _| {}).await);
    let received = ana_store.with(|m| m.decisions.clone());
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].decision, decision);
    assert_eq!(ana_store.with(|m| m.cursor), decision.sequence);

    // Reconsideration: sealed, delivered like a referral, answered by a new decision.
    let mut request = sealed(
        &ana,
        &new_id(),
        EnvelopeKind::Reconsideration,
        "new information",
    );
    request.item.regarding = Some(referral.item.id.clone());
    ana_store.queue(request.clone());
    check(pass(&target(&ana, Timeouts::default()), &ana_store, |_, _| {}).await);
    let listed = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Reconsideration,
    ));
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].regarding.as_deref(),
        Some(referral.item.id.as_str())
    );
    let opened = check(first_contact_center::admin::open(
        &center.state,
        &listed[0].center_reference,
    ));
    assert_eq!(opened.payload["narrative"], "new information");
    // Boris cannot ask about Ana's referral.
    let mut intrusion = sealed(&boris, &new_id(), EnvelopeKind::Reconsideration, "x");
    intrusion.item.regarding = Some(referral.item.id.clone());
    boris_store.queue(intrusion.clone());
    check(
        pass(
            &target(&boris, Timeouts::default()),
            &boris_store,
            |_, _| {},
        )
        .await,
    );
    assert_eq!(
        boris_store.with(|m| m.set_aside[&intrusion.item.id].0.clone()),
        "malformed_request"
    );

    let answer = decide(
        &center,
        &referral.item.id,
        DecisionOutcome::Identified,
        Some(&request.item.id),
    );
    check(pass(&target(&ana, Timeouts::default()), &ana_store, |_, _| {}).await);
    let received = ana_store.with(|m| m.decisions.clone());
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[1].decision.answers.as_deref(),
        Some(request.item.id.as_str())
    );
    assert_eq!(received[1].decision, answer);
    center.stop();
}

#[tokio::test]
async fn publications_are_verified_against_the_pinned_key() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let enrollment = enroll(&center, "Ana").await;
    let mut catalogue: serde_json::Value =
        check(serde_json::from_str(first_contact_domain_catalogue()));
    catalogue["version"] = serde_json::json!("2027.1");
    check(first_contact_center::admin::publish(
        &center.state,
        PublicationKind::Catalogue,
        &catalogue.to_string(),
    ));
    let store = MemoryStore::default();
    let report = check(pass(&target(&enrollment, Timeouts::default()), &store, |_, _| {}).await);
    assert_eq!(report.publications, 1);
    assert_eq!(
        store.with(|m| m.publications["catalogue"].0.version.clone()),
        "2027.1"
    );

    // Signed by someone else (another Center's key pinned): refused, nothing stored.
    let mut wrong = target(&enrollment, Timeouts::default());
    wrong.verifier = foreign_verifier();
    let fresh = MemoryStore::default();
    let error = pass(&wrong, &fresh, |_, _| {}).await.err();
    assert_eq!(error.map(|e| e.problem), Some(SyncProblem::BadSignature));
    assert!(fresh.with(|m| m.publications.is_empty()));

    // A catalogue the field app could not load is never published.
    let refused = first_contact_center::admin::publish(
        &center.state,
        PublicationKind::Catalogue,
        r#"{"version": "2027.2"}"#,
    );
    assert!(refused.is_err());
    // Nor is a directory: the Center runs the app's own loader and names the problem's place.
    let refused = first_contact_center::admin::publish(
        &center.state,
        PublicationKind::Directory,
        r#"{"version": "2027.2", "services": []}"#,
    );
    let problem = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(problem.contains("directory is not valid"), "{problem}");
    center.stop();
}

fn first_contact_domain_catalogue() -> &'static str {
    include_str!("../../domain/catalogue/catalogue.json")
}

#[tokio::test]
async fn enrollment_codes_are_one_time_and_another_center_cannot_prove_a_code() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let code = issue_code(&center, "Ana");
    check(first_contact_sync::enroll(&center.url(), &code, "laptop", Timeouts::default()).await);
    let reused =
        first_contact_sync::enroll(&center.url(), &code, "laptop", Timeouts::default()).await;
    assert_eq!(
        reused.err().map(|e| e.problem),
        Some(SyncProblem::EnrollmentCodeInvalid)
    );

    let expired = check(first_contact_center::admin::issue_code(
        &center.state,
        "Police",
        "Boris",
        chrono::Duration::seconds(-1),
        None,
    ));
    let error =
        first_contact_sync::enroll(&center.url(), &expired.code, "laptop", Timeouts::default())
            .await;
    assert_eq!(
        error.err().map(|e| e.problem),
        Some(SyncProblem::EnrollmentCodeInvalid)
    );

    // A machine in the middle that knows the code's id but not its secret.
    let genuine = issue_code(&center, "Vera");
    let impostor_dir = check(tempfile::tempdir());
    let impostor = start_center(impostor_dir.path()).await;
    {
        let connection = check(impostor.state.database());
        check(first_contact_center::db::codes::insert(
            &connection,
            &first_contact_center::db::codes::CodeRecord {
                code_id: genuine[..4].to_owned(),
                digest: "0".repeat(64),
                agency: "x".into(),
                officer: "x".into(),
                created_at: "2000-01-01T00:00:00Z".into(),
                expires_at: "2999-01-01T00:00:00Z".into(),
                used_at: None,
                failed_attempts: 0,
            },
        ));
    }
    let error =
        first_contact_sync::enroll(&impostor.url(), &genuine, "laptop", Timeouts::default()).await;
    assert_eq!(
        error.err().map(|e| e.problem),
        Some(SyncProblem::EnrollmentProofFailed)
    );
    // The genuine code was never sent, so it still works at the real Center.
    check(first_contact_sync::enroll(&center.url(), &genuine, "laptop", Timeouts::default()).await);

    // A device pinned to one Center refuses another's certificate.
    let enrollment = enroll(&center, "Zoran").await;
    let mut misdirected = enrollment.clone();
    misdirected.center_address = impostor.url();
    let store = MemoryStore::default();
    let error = pass(
        &target(&misdirected, Timeouts::default()),
        &store,
        |_, _| {},
    )
    .await
    .err();
    assert_eq!(
        error.map(|e| e.problem),
        Some(SyncProblem::WrongCertificate)
    );
    center.stop();
    impostor.stop();
}

#[tokio::test]
async fn wrong_guesses_burn_a_code() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let code = issue_code(&center, "Ana");
    let last = if code.ends_with('0') { "1" } else { "0" };
    let wrong = format!("{}{last}", &code[..code.len() - 1]);
    let client = check(first_contact_sync::HttpCenter::new(
        &center.url(),
        check(first_contact_sync::tls::pinned(&center.state.ca_pem)),
        None,
        Timeouts::default(),
    ));
    for _ in 0..first_contact_center::db::codes::MAX_FAILED_ATTEMPTS {
        let answer: Result<serde_json::Value, _> = client
            .post(
                first_contact_protocol::api::paths::ENROLLMENT,
                &serde_json::json!({"code": wrong, "device_name": "x"}),
            )
            .await;
        assert_eq!(
            answer.err().map(|e| e.problem),
            Some(SyncProblem::EnrollmentCodeInvalid)
        );
    }
    let error =
        first_contact_sync::enroll(&center.url(), &code, "laptop", Timeouts::default()).await;
    assert_eq!(
        error.err().map(|e| e.problem),
        Some(SyncProblem::EnrollmentCodeInvalid)
    );
    center.stop();
}
