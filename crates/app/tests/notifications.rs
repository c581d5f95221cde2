//! The anonymous notification on the app, its real store and a real Center over TLS: an adult
//! who declines is counted with non-identifying facts only, sent once however often the worker
//! presses, never for a child, and listed by the Center apart from referrals.

mod common;

use common::{app, center, check, PASSPHRASE};
use first_contact_app::{
    enroll, sync_once, EnrollApproval, EnrollInput, ErrorCode, NotificationInput, SharedApp,
};
use first_contact_domain::notification::{AgeGroup, LabourSector};
use first_contact_domain::referral::{ExploitationType, JourneyState};
use first_contact_domain::screening::{Learnt, Observation};
use first_contact_domain::Sex;
use first_contact_protocol::EnvelopeKind;
use first_contact_sync::Timeouts;

/// A woman of 29 screened in Kikinda, with the name and notes a worker writes.
fn screened_adult(app: &SharedApp, age: u32) -> String {
    let mut app = check(app.lock().map_err(|e| e.to_string()));
    let mut screening = check(app.new_screening()).screening;
    screening.person.alias = "Marija Petrović".into();
    screening.person.sex = Sex::Female;
    screening.person.estimated_age = Some(age);
    screening.context.place = "Kikinda, Trg srpskih dobrovoljaca 12".into();
    screening.observations.push(Observation {
        indicator: "EX.low-pay".into(),
        learnt: Learnt::Disclosed,
        note: "Paid 200 dinars a day by the Jovanović farm".into(),
    });
    check(app.save_screening(screening)).screening.id
}

fn input(screening_id: &str) -> NotificationInput {
    NotificationInput {
        screening_id: screening_id.into(),
        nationality: "UA".into(),
        stateless: false,
        exploitation_types: vec![ExploitationType::LabourExploitation],
        labour_sector: Some(LabourSector::Agriculture),
        municipality: "kikinda".into(),
    }
}

#[tokio::test]
async fn a_declined_adult_is_counted_once_without_anything_that_identifies_her() {
    let dir = check(tempfile::tempdir());
    let center = center(&dir.path().join("center")).await;
    let app = app(dir.path());
    let code = check(first_contact_center::admin::issue_code(
        &center.state,
        "NGO outreach",
        "Milica",
        chrono::Duration::hours(1),
        Some(&center.url()),
    ));
    let approval = EnrollApproval {
        passphrase: PASSPHRASE.into(),
        accept_center: None,
    };
    let enrollment = EnrollInput {
        center_address: center.url(),
        code: code.code,
        enrollment_file: None,
    };
    check(enroll(&app, &enrollment, &approval, "laptop", Timeouts::default()).await);

    let adult = screened_adult(&app, 29);
    let child = screened_adult(&app, 16);
    let (first, again) = {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        let preview = check(app.preview_notification(&input(&adult)));
        assert_eq!(preview.notification.age_group, AgeGroup::From25To34);
        assert_eq!(preview.municipality.map(|m| m.id), Some("kikinda".into()));
        assert!(preview.sent.is_none());
        // A child is referred, never notified anonymously.
        let refused = app.preview_notification(&input(&child));
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some(ErrorCode::NotificationForChild)
        );
        // A place that is not a municipality of the directory is refused.
        let mut street = input(&adult);
        street.municipality = "Trg srpskih dobrovoljaca 12".into();
        assert_eq!(
            app.send_notification(&street).err().map(|e| e.code()),
            Some(ErrorCode::InvalidInput)
        );
        let first = check(app.send_notification(&input(&adult)));
        let again = check(app.send_notification(&input(&adult)));
        (first, again)
    };
    assert_eq!(
        first.id, again.id,
        "a second press made a second notification"
    );
    assert_eq!(first.state, JourneyState::Queued);

    let report = check(sync_once(&app, Timeouts::default()).await);
    assert_eq!(report.delivered, 1);
    let delivered = {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        check(app.preview_notification(&input(&adult))).sent
    };
    assert_eq!(delivered.map(|e| e.state), Some(JourneyState::Delivered));
    // Nothing more goes on the next round, however often the worker pressed.
    {
        let mut app = check(app.lock().map_err(|e| e.to_string()));
        check(app.send_notification(&input(&adult)));
    }
    assert_eq!(
        check(sync_once(&app, Timeouts::default()).await).delivered,
        0
    );

    // The Center counts it apart from referrals, with the whitelisted facts only.
    let report = check(first_contact_center::admin::notifications(&center.state));
    assert_eq!(report.count, 1);
    let listed = report.notifications[0].notification.clone();
    let facts = check(serde_json::to_string(&listed));
    for (expected, what) in [
        ("\"nationality\":\"UA\"", "nationality"),
        ("\"municipality\":\"kikinda\"", "municipality"),
        ("\"labour_sector\":\"agriculture\"", "sector"),
        ("\"screening_outcome\"", "outcome"),
    ] {
        assert!(facts.contains(expected), "{what} missing from {facts}");
    }
    for secret in ["Marija", "Petrović", "Trg", "Jovanović", "200 dinars", "29"] {
        assert!(
            !facts.contains(secret),
            "{secret} reached the Center: {facts}"
        );
    }
    assert!(
        check(first_contact_center::admin::received(
            &center.state,
            EnvelopeKind::Referral
        ))
        .is_empty(),
        "a notification was listed as a referral"
    );
}
