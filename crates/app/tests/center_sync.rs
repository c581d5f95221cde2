//! The app, its real encrypted store and a real Center over TLS: enroll, finalise, deliver,
//! receive a decision, request reconsideration, see it answered; a revoked device is told to
//! enroll again and keeps its outbox; the Center's catalogue and directory replace the local
//! ones while their signatures verify.

mod common;

use common::{app, center, check, finalise_one, NARRATIVE, PASSPHRASE};
use first_contact_app::ErrorCode;
use first_contact_app::{
    enroll, sync_once, EnrollApproval, EnrollInput, ReconsiderationInput, SharedApp,
};
use first_contact_center::decisions::DecisionInput;
use first_contact_center::RunningCenter;
use first_contact_domain::directory::{Category, DirectoryQuery};
use first_contact_domain::referral::JourneyState;
use first_contact_protocol::api::batch_receipt::BatchReceipt;
use first_contact_protocol::api::feedback::DecisionOutcome;
use first_contact_protocol::EnvelopeKind;
use first_contact_protocol::{Purpose, SignedDocument};
use first_contact_store::receipts::{self, ReceiptProof};
use first_contact_sync::Timeouts;

fn approval() -> EnrollApproval {
    EnrollApproval {
        passphrase: PASSPHRASE.into(),
        accept_center: None,
    }
}

async fn enroll_with(app: &SharedApp, center: &RunningCenter, file: bool) {
    let code = check(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        "Dragana",
        chrono::Duration::hours(1),
        Some(&center.url()),
    ));
    let input = if file {
        EnrollInput {
            center_address: String::new(),
            code: String::new(),
            enrollment_file: Some(check(serde_json::to_string(&code.file))),
        }
    } else {
        EnrollInput {
            center_address: center.url(),
            code: code.code.to_lowercase(),
            enrollment_file: None,
        }
    };
    let view = check(enroll(app, &input, &approval(), "laptop", Timeouts::default()).await);
    assert_eq!(view.officer, "Dragana");
    assert!(!view.refused);
}

fn entry(app: &SharedApp, id: &str) -> first_contact_app::OutboxEntry {
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    check(app.outbox(0))
        .entries
        .into_iter()
        .find(|entry| entry.id == id)
        .unwrap_or_else(|| panic!("{id} is not in the outbox"))
}

#[tokio::test]
async fn a_referral_travels_to_the_center_and_its_decision_comes_back() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let app = app(dir.path());
    assert!(check(app.lock().map_err(|e| e.to_string()))
        .status()
        .center_key_problem
        .is_some());
    enroll_with(&app, &center, false).await;
    assert!(
        check(app.lock().map_err(|e| e.to_string()))
            .status()
            .center_key_problem
            .is_none(),
        "enrolled, the Center's key is known"
    );

    let id = finalise_one(&app);
    assert_eq!(entry(&app, &id).state, JourneyState::Queued);
    let report = check(sync_once(&app, Timeouts::default()).await);
    assert_eq!(report.delivered, 1);
    let delivered = entry(&app, &id);
    assert_eq!(delivered.state, JourneyState::Delivered);
    let listed = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Referral,
    ));
    assert_eq!(
        delivered.center_reference.as_deref(),
        Some(listed[0].center_reference.as_str())
    );
    // The sealed bytes left the laptop with the receipt; the status record stays.
    {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        check(app.outbox(0));
    }
    // The batch receipt is stored once, as received, and proves the item's receipt.
    {
        let connection = check(
            first_contact_store::Vault::at(dir.path().join("data")).unlock(&PASSPHRASE.into()),
        );
        let Some(ReceiptProof::Batch(stored)) = check(receipts::proof(&connection, &id)) else {
            panic!("the receipt of {id} is not proved by a batch receipt");
        };
        let signed: SignedDocument = check(serde_json::from_str(&stored));
        let batch: BatchReceipt = check(
            center
                .state
                .keys
                .signer
                .public()
                .verify(Purpose::BatchReceipt, &signed),
        );
        assert!(batch.items.iter().any(|item| item.id() == id));
    }
    let opened = check(first_contact_center::admin::open(&center.state, &id));
    assert_eq!(opened.payload["indicators"]["narrative"], NARRATIVE);

    check(first_contact_center::admin::decide(
        &center.state,
        &DecisionInput {
            referral: listed[0].center_reference.clone(),
            outcome: DecisionOutcome::NotIdentified,
            reasons: "Control by the employer not established".into(),
            criteria_version: "2026.1".into(),
            answers: None,
        },
    ));
    check(sync_once(&app, Timeouts::default()).await);
    let decided = entry(&app, &id);
    assert_eq!(decided.state, JourneyState::Decided);
    assert_eq!(decided.decisions.len(), 1);
    assert_eq!(decided.decisions[0].outcome, DecisionOutcome::NotIdentified);
    assert!(decided.can_request_reconsideration);

    let input = ReconsiderationInput {
        referral_id: id.clone(),
        grounds: "The passport is still held by the employer".into(),
        new_information: "A co-worker confirms threats".into(),
    };
    let empty = ReconsiderationInput {
        grounds: "  ".into(),
        ..input.clone()
    };
    let refused = check(app.lock().map_err(|e| e.to_string())).request_reconsideration(&empty);
    assert_eq!(
        refused.err().map(|e| e.to_api().code),
        Some(ErrorCode::ReconsiderationGroundsRequired)
    );
    let asked = check(check(app.lock().map_err(|e| e.to_string())).request_reconsideration(&input));
    assert_eq!(asked.reconsiderations.len(), 1);
    assert!(
        !asked.can_request_reconsideration,
        "one open request at a time"
    );
    let twice = check(app.lock().map_err(|e| e.to_string())).request_reconsideration(&input);
    assert_eq!(
        twice.err().map(|e| e.to_api().code),
        Some(ErrorCode::ReconsiderationNotAllowed)
    );

    check(sync_once(&app, Timeouts::default()).await);
    let requests = check(first_contact_center::admin::received(
        &center.state,
        EnvelopeKind::Reconsideration,
    ));
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].regarding.as_deref(), Some(id.as_str()));
    let opened = check(first_contact_center::admin::open(
        &center.state,
        &requests[0].id,
    ));
    assert_eq!(opened.payload["grounds"], input.grounds);
    assert_eq!(
        entry(&app, &id).reconsiderations[0].state,
        JourneyState::Delivered
    );

    check(first_contact_center::admin::decide(
        &center.state,
        &DecisionInput {
            referral: id.clone(),
            outcome: DecisionOutcome::Identified,
            reasons: "Threats and withheld documents established".into(),
            criteria_version: "2026.1".into(),
            answers: Some(requests[0].id.clone()),
        },
    ));
    check(sync_once(&app, Timeouts::default()).await);
    let answered = entry(&app, &id);
    assert_eq!(answered.decisions.len(), 2);
    assert_eq!(
        answered.decisions[1].answers.as_deref(),
        Some(requests[0].id.as_str())
    );
    assert_eq!(answered.reconsiderations[0].state, JourneyState::Answered);
    assert!(
        !answered.can_request_reconsideration,
        "identified: nothing to reconsider"
    );
    center.stop();
}

#[tokio::test]
async fn a_revoked_device_is_asked_to_enroll_again_and_keeps_its_outbox() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let app = app(dir.path());
    enroll_with(&app, &center, true).await;
    let first = finalise_one(&app);
    check(sync_once(&app, Timeouts::default()).await);
    let devices = check(first_contact_center::admin::devices(&center.state));
    check(first_contact_center::admin::revoke(
        &center.state,
        &devices[0].id,
    ));

    let waiting = finalise_one(&app);
    let error = sync_once(&app, Timeouts::default()).await.err();
    assert_eq!(
        error.map(|e| e.to_api().code),
        Some(ErrorCode::SyncUnauthorized)
    );
    let enrollment = check(check(app.lock().map_err(|e| e.to_string())).enrollment());
    assert!(enrollment.is_some_and(|e| e.refused));
    assert_eq!(entry(&app, &waiting).state, JourneyState::Queued);
    assert_eq!(entry(&app, &first).state, JourneyState::Delivered);

    // Enrolling again sends what waited, with the new credential.
    enroll_with(&app, &center, false).await;
    check(sync_once(&app, Timeouts::default()).await);
    assert_eq!(entry(&app, &waiting).state, JourneyState::Delivered);
    assert_eq!(
        check(first_contact_center::admin::received(
            &center.state,
            EnvelopeKind::Referral
        ))
        .len(),
        2
    );
    center.stop();
}

#[tokio::test]
async fn a_signed_catalogue_from_the_center_is_used_and_a_tampered_one_is_refused() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let app = app(dir.path());
    enroll_with(&app, &center, false).await;
    let built_in = check(app.lock().map_err(|e| e.to_string()))
        .catalogue()
        .version
        .clone();
    let mut published: serde_json::Value = check(serde_json::from_str(include_str!(
        "../../domain/catalogue/catalogue.json"
    )));
    published["version"] = serde_json::json!("2027.1-center");
    check(first_contact_center::admin::publish(
        &center.state,
        first_contact_protocol::api::publication::PublicationKind::Catalogue,
        &published.to_string(),
    ));
    check(sync_once(&app, Timeouts::default()).await);
    {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        assert_eq!(app.catalogue().version, "2027.1-center");
        assert_eq!(
            check(app.enrollment())
                .and_then(|e| e.catalogue_version)
                .as_deref(),
            Some("2027.1-center")
        );
        // Read back from the store, and verified again, at the next unlock.
        app.lock();
        check(app.unlock(PASSPHRASE));
        assert_eq!(app.catalogue().version, "2027.1-center");
        assert!(app.status().catalogue_problem.is_none());
        app.lock();
    }

    // Someone with the store's key alters the stored catalogue: refused at the next unlock.
    {
        let connection = check(
            first_contact_store::Vault::at(dir.path().join("data")).unlock(&PASSPHRASE.into()),
        );
        let changed = check(connection.execute(
            "UPDATE publications SET signed = replace(signed, '2027.1-center', '2027.9-forged')",
            [],
        ));
        assert_eq!(changed, 1);
    }
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    check(app.unlock(PASSPHRASE));
    assert_eq!(app.catalogue().version, built_in);
    assert_eq!(
        app.status().catalogue_problem.map(|p| p.code),
        Some(ErrorCode::CatalogueInvalid)
    );
    center.stop();
}

#[tokio::test]
async fn a_signed_directory_from_the_center_replaces_the_built_in_one_until_it_fails_to_verify() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let app = app(dir.path());
    enroll_with(&app, &center, false).await;
    let kikinda_line = serde_json::json!({
        "id": "csw-kikinda",
        "name": {"en": "Centre for Social Work Kikinda", "sr-Latn": "Centar za socijalni rad Kikinda"},
        "description": {"en": "Emergency duty, day and night.", "sr-Latn": "Dežurstvo, danju i noću."},
        "categories": ["social_work_centre", "child_protection"],
        "audiences": ["everyone"],
        "area": {"scope": "municipalities", "ids": ["kikinda"]},
        "phones": [{"number": "0230 000 111", "free_of_charge": null, "hours": {"kind": "always"},
                    "languages": ["sr", "hu"], "note": null}],
        "address": null,
        "sensitivity": "workers_only",
        "source": {"name": "The Center", "url": null, "as_of": "2026-11", "verified_on": "2026-11-20"}
    });
    let mut published: serde_json::Value = check(serde_json::from_str(include_str!(
        "../../domain/directory/directory.json"
    )));
    published["version"] = serde_json::json!("2027.1-center");
    if let Some(organizations) = published["organizations"].as_array_mut() {
        organizations.push(serde_json::json!({
            "id": "social-work", "name": {"en": "Centres for Social Work", "sr-Latn": "Centri za socijalni rad"},
            "url": null, "services": [kikinda_line]
        }));
    }
    check(first_contact_center::admin::publish(
        &center.state,
        first_contact_protocol::api::publication::PublicationKind::Directory,
        &published.to_string(),
    ));
    let children_in_kikinda = DirectoryQuery {
        municipality: Some("kikinda".into()),
        category: Some(Category::ChildProtection),
        ..DirectoryQuery::default()
    };
    let found = |app: &mut first_contact_app::App| -> Vec<String> {
        check(app.search_directory(&children_in_kikinda))
            .hits
            .into_iter()
            .map(|hit| hit.service.id)
            .collect()
    };
    {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        assert_eq!(found(&mut app), ["astra-missing-children", "nadel-116111"]);
        assert!(!app.directory_info().from_center);
    }

    check(sync_once(&app, Timeouts::default()).await);
    {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        let info = app.directory_info();
        assert!(info.from_center);
        assert_eq!(info.version, "2027.1-center");
        assert_eq!(info.languages, ["sr", "hu"]);
        assert_eq!(
            found(&mut app),
            ["astra-missing-children", "nadel-116111", "csw-kikinda"]
        );
        // Read back from the store, and verified again, at the next unlock.
        app.lock();
        check(app.unlock(PASSPHRASE));
        assert!(app.directory_info().from_center);
        app.lock();
    }

    // Someone with the store's key alters the stored directory: refused at the next unlock,
    // and the built-in one is used, saying why.
    {
        let connection = check(
            first_contact_store::Vault::at(dir.path().join("data")).unlock(&PASSPHRASE.into()),
        );
        let changed = check(connection.execute(
            "UPDATE publications SET signed = replace(signed, '0230 000 111', '0230 666 111')
             WHERE kind = 'directory'",
            [],
        ));
        assert_eq!(changed, 1);
    }
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    check(app.unlock(PASSPHRASE));
    let info = app.directory_info();
    assert!(!info.from_center);
    assert_eq!(
        info.problem.map(|p| p.code),
        Some(ErrorCode::DirectoryInvalid)
    );
    assert_eq!(found(&mut app), ["astra-missing-children", "nadel-116111"]);
    center.stop();
}
