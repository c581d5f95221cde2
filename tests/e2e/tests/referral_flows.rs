//! End-to-end flows of issue 3 on the real app: an adult referral from a screening (refused
//! without consent, queued with it), a child referral without consent, both in the Outbox after
//! a restart; a screening referred twice names the earlier referral in the second draft.

use anyhow::{ensure, Context, Result};
use first_contact_e2e::{AppSession, Display, POSITIVE_ADULTS_LABOUR};

const NARRATIVE: &str = "Recruited in Leskovac for seasonal work, kept at the farm";

/// A data folder with the Center's public key where the app looks for it.
fn data_dir_with_center_key(root: &std::path::Path) -> Result<std::path::PathBuf> {
    let data_dir = root.join("data");
    std::fs::create_dir_all(&data_dir)?;
    let center = age::x25519::Identity::generate();
    std::fs::write(data_dir.join("center.pub"), center.to_public().to_string())?;
    Ok(data_dir)
}

async fn finalise(app: &AppSession) -> Result<()> {
    app.saved().await?;
    app.click("finalise-button").await?;
    app.click("confirm-yes").await?;
    app.by_id("referrals-page").await?;
    Ok(())
}

async fn outbox_states(app: &AppSession) -> Result<Vec<(String, String)>> {
    let mut rows = Vec::new();
    for row in app.all_by_id("outbox-row").await? {
        let reference = row
            .attr("data-reference")
            .await?
            .context("data-reference")?;
        let state = row.attr("data-state").await?.context("data-state")?;
        rows.push((reference, state));
    }
    Ok(rows)
}

#[tokio::test(flavor = "multi_thread")]
async fn adult_and_child_referrals_are_queued_and_survive_a_restart() -> Result<()> {
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let data_dir = data_dir_with_center_key(root.path())?;
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Labour inspector Milica").await?;

    // A positive screening of an adult, then "Refer to the Center".
    refer_a_new_screening(&app, "Adult Referral Person").await?;
    app.by_id("referral-editor").await?;
    app.wait_for_attribute("path-badge", "data-path", "adult")
        .await?;
    let carried = app.by_id("ref-person.name").await?.prop("value").await?;
    ensure!(
        carried.as_deref() == Some("Adult Referral Person"),
        "name was {carried:?}"
    );

    app.select("ref-contact.detection", "inspection").await?;
    app.click("ref-exploitation.types-labour_exploitation")
        .await?;
    app.fill("ref-exploitation.labour_sector", "agriculture")
        .await?;
    app.fill("ref-indicators.narrative", NARRATIVE).await?;
    app.saved().await?;

    // Without consent it cannot be finalised, and says why.
    app.click("finalise-button").await?;
    app.by_id("finalise-problems").await?;
    ensure!(!app.all_by_id("finalise-problem").await?.is_empty());
    app.by_id("issue-consent.consent_to_referral").await?;
    // Following a problem's link with the mouse moves to the field and shows where focus is.
    let link = app
        .client
        .find(fantoccini::Locator::Css(
            "[data-testid=\"finalise-problem\"][data-field=\"consent.consent_to_referral\"]",
        ))
        .await?;
    link.click().await?;
    let focused = app
        .client
        .execute(
            "const e = document.activeElement; const s = getComputedStyle(e);
             return [e.dataset.testid || '', s.outlineStyle, s.outlineWidth];",
            vec![],
        )
        .await?;
    let focused: (String, String, String) = serde_json::from_value(focused)?;
    ensure!(
        focused.0 == "ref-consent.consent_to_referral" && focused.1 != "none" && focused.2 != "0px",
        "focus after the problem link: {focused:?}"
    );
    app.click("ref-consent.consent_to_referral").await?;
    app.click("ref-consent.consent_to_data_processing").await?;
    // Languages are chosen by name, in any script; nobody types a code.
    app.pick("ref-consent.consent_language", "Arab", "ar")
        .await?;
    app.wait_for_attribute("ref-consent.consent_language", "data-value", "ar")
        .await?;
    app.pick("ref-person.languages-add", "Kiswa", "sw").await?;
    app.wait_for_attribute("ref-person.languages.0", "data-value", "sw")
        .await?;
    app.pick("ref-person.languages-add", "العربية", "ar")
        .await?;
    app.wait_for_attribute("ref-person.languages.1", "data-value", "ar")
        .await?;
    app.saved().await?;
    finalise(&app).await?;
    let rows = outbox_states(&app).await?;
    ensure!(rows.len() == 1, "{rows:?}");
    ensure!(
        rows[0].0.starts_with("FC-") && rows[0].1 == "queued",
        "{rows:?}"
    );
    // The screening it came from went with the draft (data minimisation).
    app.click("nav-screenings").await?;
    app.by_id("screenings-empty").await?;
    app.click("nav-referrals").await?;

    // A child: no consent needed, the child's views and the Centre for Social Work instead.
    app.click("new-referral").await?;
    app.by_id("referral-editor").await?;
    app.fill("ref-contact.place", "Reception centre Obrenovac")
        .await?;
    app.select("ref-contact.detection", "outreach").await?;
    app.fill("ref-person.name", "Child Referral Person").await?;
    app.fill("ref-person.estimated_age", "15").await?;
    app.wait_for_attribute("path-badge", "data-path", "child")
        .await?;
    app.click("ref-exploitation.types-begging").await?;
    app.fill("ref-child.child_views", "Wants to stay with her brother")
        .await?;
    app.click("ref-child.social_work_centre_notified").await?;
    app.fill("ref-child.social_work_centre", "CSR Obrenovac")
        .await?;
    finalise(&app).await?;
    ensure!(outbox_states(&app).await?.len() == 2);
    ensure!(
        app.all_by_id("draft-row").await?.is_empty(),
        "finalised drafts are gone"
    );
    app.finish().await?;

    // After a restart both are still queued.
    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.click("nav-referrals").await?;
    app.by_id("referrals-page").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.all_by_id("outbox-row").await?.len() < 2 {
        ensure!(
            std::time::Instant::now() < deadline,
            "the outbox did not show both"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    ensure!(outbox_states(&app)
        .await?
        .iter()
        .all(|(_, state)| state == "queued"));
    app.finish().await?;

    for (path, bytes) in first_contact_e2e::files_under(&data_dir)? {
        ensure!(
            !first_contact_e2e::contains(&bytes, "Leskovac"),
            "{} holds the narrative",
            path.display()
        );
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_center_key_the_worker_is_told_and_the_draft_kept() -> Result<()> {
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let data_dir = root.path().join("data");
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Outreach worker Goran").await?;
    app.click("nav-referrals").await?;
    app.wait_for_attribute("center-key-problem", "data-code", "center_key_missing")
        .await?;

    // A complete child referral: nothing but the missing key stands in the way.
    app.click("new-referral").await?;
    app.by_id("referral-editor").await?;
    app.fill("ref-contact.place", "Reception centre Krnjača")
        .await?;
    app.select("ref-contact.detection", "outreach").await?;
    app.fill("ref-person.name", "Kept Draft Person").await?;
    app.fill("ref-person.estimated_age", "14").await?;
    app.wait_for_attribute("path-badge", "data-path", "child")
        .await?;
    app.click("ref-exploitation.types-begging").await?;
    app.fill("ref-child.child_views", "Wants to see his sister")
        .await?;
    app.click("ref-child.social_work_centre_notified").await?;
    app.fill("ref-child.social_work_centre", "CSR Palilula")
        .await?;
    app.saved().await?;
    app.click("finalise-button").await?;
    app.wait_for_attribute("finalise-error", "data-code", "center_key_missing")
        .await?;
    ensure!(
        app.all_by_id("confirm-yes").await?.is_empty(),
        "finalising was offered without a key"
    );

    // Still a draft, nothing queued, and so after a restart too.
    app.click("nav-referrals").await?;
    app.wait_for_text("referrals-page", "Kept Draft Person")
        .await?;
    ensure!(outbox_states(&app).await?.is_empty());
    // The notice points to enrolling, and leads there.
    app.wait_for_text("center-key-problem", "Enroll in Settings")
        .await?;
    app.click("center-key-enroll").await?;
    app.by_id("enroll-form").await?;
    app.finish().await?;
    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.click("nav-referrals").await?;
    app.wait_for_text("referrals-page", "Kept Draft Person")
        .await?;
    ensure!(outbox_states(&app).await?.is_empty());
    app.finish().await
}

/// A positive adult screening, then "Refer to the Center": the editor of a new draft from it.
async fn refer_a_new_screening(app: &AppSession, alias: &str) -> Result<()> {
    app.click("new-screening").await?;
    app.fill("ctx-place", "Greenhouses near Sombor").await?;
    app.fill("person-alias", alias).await?;
    app.fill("person-estimated-age", "41").await?;
    app.wait_for_attribute("path-badge", "data-path", "adult")
        .await?;
    for key in POSITIVE_ADULTS_LABOUR {
        app.observe(key).await?;
    }
    app.saved().await?;
    app.click("show-result").await?;
    app.click("refer-button").await?;
    app.wait_for_attribute("referral-editor", "data-loaded", "true")
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_screening_referred_twice_names_the_earlier_referral() -> Result<()> {
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let data_dir = data_dir_with_center_key(root.path())?;
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Asylum officer Vesna").await?;

    // The first draft from the screening, complete, and nothing said about other referrals.
    refer_a_new_screening(&app, "Twice Referred Person").await?;
    ensure!(app.all_by_id("other-draft").await?.is_empty());
    ensure!(app.all_by_id("referred-before").await?.is_empty());
    app.select("ref-contact.detection", "asylum_procedure")
        .await?;
    app.click("ref-exploitation.types-labour_exploitation")
        .await?;
    app.fill("ref-exploitation.labour_sector", "agriculture")
        .await?;
    app.fill("ref-indicators.narrative", NARRATIVE).await?;
    app.click("ref-consent.consent_to_referral").await?;
    app.click("ref-consent.consent_to_data_processing").await?;
    app.pick("ref-consent.consent_language", "Arab", "ar")
        .await?;
    app.saved().await?;

    // The same screening referred again: the second draft points to the first.
    app.click("nav-screenings").await?;
    app.click("screening-row").await?;
    app.click("show-result").await?;
    app.click("refer-button").await?;
    app.by_id("other-draft").await?;
    app.click("open-other-draft").await?;
    // The first draft again (only it has the consent language).
    app.wait_for_attribute("ref-consent.consent_language", "data-value", "ar")
        .await?;
    // Opened, not edited: nothing to wait for before finalising.
    app.click("finalise-button").await?;
    app.click("confirm-yes").await?;
    app.by_id("referrals-page").await?;
    let rows = outbox_states(&app).await?;
    ensure!(rows.len() == 1, "{rows:?}");
    let reference = rows[0].0.clone();

    // The second draft is still there, and says the screening went to the Center already.
    app.click("open-draft").await?;
    let shown = app
        .wait_for_text("referred-before-reference", &reference)
        .await?;
    ensure!(
        shown.trim() == reference,
        "shown {shown:?}, queued {reference}"
    );
    ensure!(app.all_by_id("other-draft").await?.is_empty());
    // Its reference leads to that referral on the Referrals page.
    app.click("referred-before-reference").await?;
    app.by_id("referrals-page").await?;
    app.finish().await
}
