//! Answers that must not make the device go round in circles or backwards: a decision feed
//! whose cursor does not move, and a publication older than the one stored.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use first_contact_protocol::api::feedback::{DecisionOutcome, DecisionPage};
use first_contact_protocol::api::frame::FramedBatch;
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{EnvelopeKind, Purpose, SignedDocument};
use first_contact_sync::{pass, CenterApi, HttpCenter, SyncError, SyncProblem, Target, Timeouts};

/// The real Center behind a feed that never moves on: after the first page it answers every
/// request with that same page, its cursor unchanged and `more` set. A correct Center cannot be
/// made to do this (its cursor is the last sequence it sent), hence this one fake, which only
/// rewrites the real Center's answers; deliveries and publications pass through untouched.
struct StuckFeed {
    real: HttpCenter,
    calls: AtomicUsize,
}

/// Enough requests to show the engine would go on for ever, few enough to end the test.
const GIVE_UP_AFTER: usize = 20;

impl CenterApi for StuckFeed {
    async fn deliver(&self, batch: &FramedBatch) -> Result<SignedDocument, SyncError> {
        self.real.deliver(batch).await
    }

    async fn decisions(&self, after: i64) -> Result<DecisionPage, SyncError> {
        let call = self.calls.fetch_add(1, Ordering::SeqCst);
        if call >= GIVE_UP_AFTER {
            return Err(SyncError::new(
                SyncProblem::Offline,
                "the engine kept asking",
            ));
        }
        let mut page = self.real.decisions(0).await?;
        if call > 0 {
            page.next_cursor = after;
        }
        page.more = true;
        Ok(page)
    }

    async fn publication(
        &self,
        kind: PublicationKind,
    ) -> Result<Option<SignedDocument>, SyncError> {
        self.real.publication(kind).await
    }
}

#[tokio::test]
async fn a_feed_page_that_does_not_move_the_cursor_ends_the_pass() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let ana = enroll(&center, "Ana").await;
    let store = MemoryStore::default();
    let referral = sealed(&ana, &new_id(), EnvelopeKind::Referral, "case");
    store.queue(referral.clone());
    check(pass(&target(&ana, Timeouts::default()), &store, |_, _| {}).await);
    let decision = decide(
        &center,
        &referral.item.id,
        DecisionOutcome::NotIdentified,
        None,
    );

    let real = target(&ana, Timeouts::default());
    let stuck = Target {
        api: StuckFeed {
            real: real.api,
            calls: AtomicUsize::new(0),
        },
        verifier: real.verifier,
        device_id: real.device_id,
        recipient: real.recipient,
    };
    let report = check(pass(&stuck, &store, |_, _| {}).await);
    assert_eq!(stuck.api.calls.load(Ordering::SeqCst), 2);
    assert_eq!(report.decisions, 1);
    // The page sent again was not stored again.
    assert_eq!(store.with(|m| m.decisions.len()), 1);
    assert_eq!(store.with(|m| m.cursor), decision.sequence);
    center.stop();
}

/// A built-in data file (the catalogue or the directory) as a publication of `version`.
fn with_version(built_in: &str, version: &str) -> String {
    let mut content: serde_json::Value = check(serde_json::from_str(built_in));
    content["version"] = serde_json::json!(version);
    content.to_string()
}

const CATALOGUE: &str = include_str!("../../domain/catalogue/catalogue.json");
const DIRECTORY: &str = include_str!("../../domain/directory/directory.json");

/// Puts a publication of `version` in the device's store as if an earlier pass had stored it.
fn stored(store: &MemoryStore, kind: PublicationKind, version: &str) {
    let publication = Publication {
        kind,
        version: version.into(),
        published_at: "2027-03-01T09:00:00Z".into(),
        content: serde_json::json!({"version": version}),
    };
    let signed = SignedDocument {
        purpose: Purpose::Publication,
        payload: String::new(),
        signature: String::new(),
    };
    store.with(|m| {
        m.publications
            .insert(kind.as_str().to_owned(), (publication, signed))
    });
}

fn stored_version(store: &MemoryStore, kind: PublicationKind) -> Option<String> {
    store.with(|m| {
        m.publications
            .get(kind.as_str())
            .map(|(p, _)| p.version.clone())
    })
}

#[tokio::test]
async fn an_older_publication_never_replaces_a_newer_one() {
    let dir = check(tempfile::tempdir());
    let center = start_center(dir.path()).await;
    let ana = enroll(&center, "Ana").await;
    check(first_contact_center::admin::publish(
        &center.state,
        PublicationKind::Catalogue,
        &with_version(CATALOGUE, "2027.1"),
    ));
    check(first_contact_center::admin::publish(
        &center.state,
        PublicationKind::Directory,
        &with_version(DIRECTORY, "2027.10"),
    ));

    // The device already holds a newer catalogue ("2027.10" is after "2027.1") and an older
    // directory ("2027.9" is before "2027.10", though it sorts after it as text).
    let store = MemoryStore::default();
    stored(&store, PublicationKind::Catalogue, "2027.10");
    stored(&store, PublicationKind::Directory, "2027.9");
    let report = check(pass(&target(&ana, Timeouts::default()), &store, |_, _| {}).await);
    assert_eq!(report.publications, 1);
    assert_eq!(
        stored_version(&store, PublicationKind::Catalogue).as_deref(),
        Some("2027.10")
    );
    assert_eq!(
        stored_version(&store, PublicationKind::Directory).as_deref(),
        Some("2027.10")
    );

    // The same version again is not stored again either.
    let again = check(pass(&target(&ana, Timeouts::default()), &store, |_, _| {}).await);
    assert_eq!(again.publications, 0);
    center.stop();
}
