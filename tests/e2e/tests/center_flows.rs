//! End-to-end flow of issue 4 on the real app with the real `center` binary: enroll in
//! Settings, finalise a referral while the Center is down, watch it be delivered when the Center
//! comes back without touching anything, see the decision recorded with `center admin`, request
//! reconsideration, and see the Center receive it and answer.

use std::time::{Duration, Instant};

use anyhow::{ensure, Context, Result};
use first_contact_e2e::center::{admin, CenterProcess};
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

const VIEWS: &str = "Wants to go home to her mother in Niš";
const GROUNDS: &str = "Her employer still holds her passport";

/// Sync quickly so the test does not wait minutes for the capped backoff.
const FAST_SYNC: [(&str, &str); 2] = [
    ("FIRST_CONTACT_SYNC_MAX_RETRY_SECONDS", "2"),
    ("FIRST_CONTACT_SYNC_INTERVAL_SECONDS", "2"),
];

async fn child_referral(app: &AppSession) -> Result<String> {
    app.click("nav-referrals").await?;
    app.click("new-referral").await?;
    app.by_id("referral-editor").await?;
    app.fill("ref-contact.place", "Reception centre Obrenovac")
        .await?;
    app.select("ref-contact.detection", "outreach").await?;
    app.fill("ref-person.name", "Center Flow Person").await?;
    app.fill("ref-person.estimated_age", "15").await?;
    app.wait_for_attribute("path-badge", "data-path", "child")
        .await?;
    app.click("ref-exploitation.types-begging").await?;
    app.fill("ref-child.child_views", VIEWS).await?;
    app.click("ref-child.social_work_centre_notified").await?;
    app.fill("ref-child.social_work_centre", "CSR Obrenovac")
        .await?;
    app.saved().await?;
    app.click("finalise-button").await?;
    app.click("confirm-yes").await?;
    app.by_id("referrals-page").await?;
    let row = app.by_id("outbox-row").await?;
    row.attr("data-id").await?.context("the outbox row's id")
}

/// Polls `center admin` until `ready` accepts its answer (the Center is another process; there
/// is no event to wait for).
fn poll_admin(
    center_dir: &std::path::Path,
    args: &[&str],
    ready: impl Fn(&serde_json::Value) -> bool,
) -> Result<serde_json::Value> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let answer = admin(center_dir, args)?;
        if ready(&answer) {
            return Ok(answer);
        }
        ensure!(
            Instant::now() < deadline,
            "center admin {args:?} never showed it: {answer}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_referral_reaches_the_center_and_its_decision_and_reconsideration_come_back() -> Result<()>
{
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let center_dir = root.path().join("center");
    let data_dir = root.path().join("data");
    let center = CenterProcess::start(&center_dir, "127.0.0.1:0")?;
    let listen = center.listen_address().to_owned();
    let issued = admin(
        &center_dir,
        &["enroll", "--agency", "NGO outreach", "--officer", "Milica"],
    )?;
    let code = issued["code"].as_str().context("the code")?;

    let app = AppSession::start_with(&display, &data_dir, &FAST_SYNC).await?;
    app.create_profile("Outreach worker Milica").await?;
    app.wait_for_attribute("sync-status", "data-phase", "not_enrolled")
        .await?;
    app.click("nav-settings").await?;
    app.fill("enroll-address", &center.url).await?;
    // The code's rules are the backend's: a code of the earlier form is refused, saying so,
    // before anything is sent; a code typed loosely is shown in its printed form on leaving
    // the field.
    app.fill("enroll-code", "abcd efgh jkmn pqrs").await?;
    app.fill("enroll-passphrase", PASSPHRASE).await?;
    app.click("enroll-submit").await?;
    app.wait_for_attribute("enroll-error", "data-code", "enrollment_code_earlier_form")
        .await?;
    let loose = code.to_lowercase().replace('-', " ");
    app.fill("enroll-code", &loose).await?;
    app.click("enroll-passphrase").await?;
    app.wait_for_value("enroll-code", code).await?;
    app.click("enroll-submit").await?;
    app.wait_for_attribute("center-section", "data-enrolled", "yes")
        .await?;
    ensure!(app.text("center-officer").await?.contains("Milica"));
    app.wait_for_attribute("sync-status", "data-phase", "up_to_date")
        .await?;

    // The Center goes down; the worker finalises anyway.
    center.kill()?;
    let id = child_referral(&app).await?;
    app.wait_for_attribute(&format!("state-{id}"), "data-state", "queued")
        .await?;
    app.wait_for_attribute("sync-status", "data-phase", "offline")
        .await?;

    // The Center comes back at the same address: the referral goes without anyone touching it.
    app.by_id("finalised-notice").await?;
    let center = CenterProcess::start(&center_dir, &listen)?;
    app.wait_for_attribute(&format!("state-{id}"), "data-state", "delivered")
        .await?;
    // "Finalised and queued" no longer holds, so it is no longer said.
    app.wait_for_absent("finalised-notice").await?;
    let referrals = admin(&center_dir, &["referrals"])?;
    let received = referrals
        .as_array()
        .and_then(|all| all.iter().find(|r| r["id"] == id.as_str()))
        .context("the Center does not list the referral")?;
    let reference = received["center_reference"].as_str().context("reference")?;
    ensure!(app
        .text(&format!("center-reference-{id}"))
        .await?
        .contains(reference));
    let opened = admin(&center_dir, &["open", &id])?;
    ensure!(
        opened["payload"]["child"]["child_views"] == VIEWS,
        "{opened}"
    );

    // A decision recorded at the Center appears in the app.
    let decision = admin(
        &center_dir,
        &[
            "decide",
            &id,
            "--outcome",
            "not-identified",
            "--reasons",
            "Exploitation not established from the information given",
            "--criteria-version",
            "2026.1",
        ],
    )?;
    let decision_id = decision["decision_id"].as_str().context("decision id")?;
    app.wait_for_attribute(
        &format!("decision-{decision_id}"),
        "data-outcome",
        "not_identified",
    )
    .await?;

    // Reconsideration: asked in the app, received by the Center, answered, shown.
    app.click(&format!("request-reconsideration-{id}")).await?;
    app.fill("reconsideration-grounds", GROUNDS).await?;
    app.fill(
        "reconsideration-info",
        "A neighbour saw her begging at night",
    )
    .await?;
    app.click("reconsideration-submit").await?;
    let requests = poll_admin(&center_dir, &["reconsiderations"], |answer| {
        answer.as_array().is_some_and(|all| all.len() == 1)
    })?;
    ensure!(requests[0]["regarding"] == id.as_str(), "{requests}");
    let request_id = requests[0]["id"].as_str().context("request id")?.to_owned();
    let request = admin(&center_dir, &["open", &request_id])?;
    ensure!(request["payload"]["grounds"] == GROUNDS, "{request}");
    app.wait_for_attribute(
        &format!("reconsideration-{request_id}"),
        "data-state",
        "delivered",
    )
    .await?;
    let answer = admin(
        &center_dir,
        &[
            "decide",
            &id,
            "--outcome",
            "identified",
            "--reasons",
            "The new information establishes exploitation",
            "--criteria-version",
            "2026.1",
            "--answers",
            &request_id,
        ],
    )?;
    let answer_id = answer["decision_id"].as_str().context("answer id")?;
    app.wait_for_attribute(
        &format!("decision-{answer_id}"),
        "data-outcome",
        "identified",
    )
    .await?;
    app.wait_for_attribute(
        &format!("reconsideration-{request_id}"),
        "data-state",
        "answered",
    )
    .await?;
    ensure!(
        app.all_by_id(&format!("request-reconsideration-{id}"))
            .await?
            .is_empty(),
        "an identified person has nothing to reconsider"
    );

    // Another Center offers itself: the worker sees both fingerprints and keeps the one trusted.
    let impostor_dir = root.path().join("impostor");
    let impostor = CenterProcess::start(&impostor_dir, "127.0.0.1:0")?;
    let offered = admin(
        &impostor_dir,
        &["enroll", "--agency", "NGO outreach", "--officer", "Milica"],
    )?;
    let trusted = issued["center_fingerprint"]
        .as_str()
        .context("the fingerprint")?;
    app.click("nav-settings").await?;
    app.click("enroll-again").await?;
    app.fill("enroll-address", &impostor.url).await?;
    app.fill("enroll-code", offered["code"].as_str().context("the code")?)
        .await?;
    app.fill("enroll-passphrase", PASSPHRASE).await?;
    app.click("enroll-submit").await?;
    app.wait_for_text("center-changed-pinned", trusted).await?;
    app.wait_for_text(
        "center-changed-offered",
        offered["center_fingerprint"]
            .as_str()
            .context("fingerprint")?,
    )
    .await?;
    app.click("confirm-no").await?;
    app.click("enroll-cancel").await?;
    app.wait_for_text("center-address", &center.url).await?;
    impostor.kill()?;

    app.finish().await?;
    center.kill()?;

    for (path, bytes) in first_contact_e2e::files_under(&data_dir)? {
        for secret in [VIEWS, GROUNDS, "Center Flow Person"] {
            ensure!(
                !first_contact_e2e::contains(&bytes, secret),
                "{} holds {secret:?}",
                path.display()
            );
        }
    }
    Ok(())
}
