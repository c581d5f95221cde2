//! Who may point this laptop at a Center: enrolling needs the worker's passphrase; a Center other
//! than the one the laptop trusts is refused — before the code is sent — until the worker accepts
//! exactly its fingerprint; an enrollment file's fingerprint must match the Center that answers.
//! Real Centers over TLS on loopback ports, a real encrypted store.

mod common;

use common::{app, center, check, finalise_one, PASSPHRASE};
use first_contact_app::ErrorCode;
use first_contact_app::{enroll, sync_once, EnrollApproval, EnrollInput, SharedApp};
use first_contact_center::RunningCenter;
use first_contact_sync::Timeouts;

/// A fresh code at `center`, as typed input and as an enrollment file's text.
fn code(center: &RunningCenter) -> (EnrollInput, String) {
    let issued = check(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        "Dragana",
        chrono::Duration::hours(1),
        Some(&center.url()),
    ));
    let typed = EnrollInput {
        center_address: center.url(),
        code: issued.code.clone(),
        enrollment_file: None,
    };
    (typed, check(serde_json::to_string(&issued.file)))
}

fn approval(passphrase: &str, accept_center: Option<&str>) -> EnrollApproval {
    EnrollApproval {
        passphrase: passphrase.into(),
        accept_center: accept_center.map(str::to_owned),
    }
}

fn error_of<T: std::fmt::Debug>(
    result: Result<T, first_contact_app::AppError>,
) -> first_contact_app::ApiError {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.to_api(),
    }
}

fn enrolled_address(app: &SharedApp) -> Option<String> {
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    check(app.enrollment()).map(|view| view.center_address)
}

#[tokio::test]
async fn a_different_center_is_refused_until_its_fingerprint_is_accepted() {
    let dir = check(tempfile::tempdir());
    let first = center(&dir.path().join("first")).await;
    let second = center(&dir.path().join("second")).await;
    let app = app(dir.path());
    let t = Timeouts::default();

    // Not without the passphrase.
    let (input, _) = code(&first);
    let refused =
        error_of(enroll(&app, &input, &approval("not my passphrase", None), "l", t).await);
    assert_eq!(refused.code, ErrorCode::WrongPassphrase);
    assert_eq!(enrolled_address(&app), None);
    check(enroll(&app, &input, &approval(PASSPHRASE, None), "l", t).await);
    assert_eq!(enrolled_address(&app), Some(first.url()));

    // Another Center: refused, with both fingerprints, and its code not spent.
    let (input, _) = code(&second);
    let changed = error_of(enroll(&app, &input, &approval(PASSPHRASE, None), "l", t).await);
    assert_eq!(changed.code, ErrorCode::CenterChanged);
    assert_eq!(changed.params["pinned"], first.state.fingerprint());
    assert_eq!(changed.params["offered"], second.state.fingerprint());
    assert_eq!(enrolled_address(&app), Some(first.url()));
    // Accepting some other fingerprint is not accepting this Center.
    let wrong = approval(PASSPHRASE, Some(&first.state.fingerprint()));
    let still = error_of(enroll(&app, &input, &wrong, "l", t).await);
    assert_eq!(still.code, ErrorCode::CenterChanged);
    // A referral queued for the first Center, not yet delivered when the laptop moves.
    let sealed_for_first = finalise_one(&app);
    // Accepting the one shown (as a person may copy it) goes through with the same code.
    let shown = second.state.fingerprint().to_lowercase();
    check(enroll(&app, &input, &approval(PASSPHRASE, Some(&shown)), "l", t).await);
    assert_eq!(enrolled_address(&app), Some(second.url()));

    // It is never sent to the second Center, which could not open it: kept, with the reason.
    check(sync_once(&app, t).await);
    let entry = {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        check(app.outbox(0))
            .entries
            .into_iter()
            .find(|entry| entry.id == sealed_for_first)
            .unwrap_or_else(|| panic!("the referral left the outbox"))
    };
    assert_eq!(
        entry.state,
        first_contact_domain::referral::JourneyState::NeedsAttention
    );
    assert_eq!(
        entry.attention.as_deref(),
        Some("sealed_for_another_center")
    );
    assert!(check(first_contact_center::admin::received(
        &second.state,
        first_contact_protocol::EnvelopeKind::Referral
    ))
    .is_empty());

    // Enrolling again with the same Center needs no acceptance.
    let (input, _) = code(&second);
    check(enroll(&app, &input, &approval(PASSPHRASE, None), "l", t).await);
    first.stop();
    second.stop();
}

#[tokio::test]
async fn an_enrollment_file_names_the_center_it_is_for() {
    let dir = check(tempfile::tempdir());
    let real = center(&dir.path().join("real")).await;
    let app = app(dir.path());
    let t = Timeouts::default();

    let (_, file) = code(&real);
    let parsed: serde_json::Value = check(serde_json::from_str(&file));
    assert_eq!(parsed["center_fingerprint"], real.state.fingerprint());

    // The same file with another Center's fingerprint: refused before the code is sent.
    let other = center(&dir.path().join("other")).await;
    let mut forged = parsed.clone();
    forged["center_fingerprint"] = other.state.fingerprint().into();
    let input = EnrollInput {
        center_address: String::new(),
        code: String::new(),
        enrollment_file: Some(forged.to_string()),
    };
    let mismatch = error_of(enroll(&app, &input, &approval(PASSPHRASE, None), "l", t).await);
    assert_eq!(mismatch.code, ErrorCode::CenterFingerprintMismatch);
    assert_eq!(mismatch.params["offered"], real.state.fingerprint());
    assert_eq!(enrolled_address(&app), None);

    // The true file still works: its code was never sent.
    let input = EnrollInput {
        enrollment_file: Some(file),
        ..input
    };
    check(enroll(&app, &input, &approval(PASSPHRASE, None), "l", t).await);
    assert_eq!(enrolled_address(&app), Some(real.url()));
    real.stop();
    other.stop();
}
