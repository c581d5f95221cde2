//! Keeping little on the laptop, on the real app: the worker deletes a screening (after
//! confirming), and sets how long screenings never referred are kept; a period out of bounds
//! gets the backend's message and changes nothing.

use anyhow::{ensure, Result};
use first_contact_e2e::{AppSession, Display};

#[tokio::test(flavor = "multi_thread")]
async fn a_worker_deletes_a_screening_and_sets_how_long_others_are_kept() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Outreach worker Jasna").await?;

    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("person-alias", "Person To Delete").await?;
    app.saved().await?;
    app.click("nav-screenings").await?;
    app.wait_for_text("screenings-page", "Person To Delete")
        .await?;
    app.click("screening-row").await?;
    app.wait_for_attribute("screening-editor", "data-loaded", "true")
        .await?;

    // "Keep it" keeps it; "Delete for good" deletes it.
    app.click("delete-screening").await?;
    app.click("confirm-no").await?;
    app.click("delete-screening").await?;
    app.click("confirm-yes").await?;
    app.by_id("screenings-empty").await?;
    ensure!(app.all_by_id("screening-row").await?.is_empty());

    app.click("nav-settings").await?;
    let days = app
        .by_id("settings-retention-days")
        .await?
        .prop("value")
        .await?;
    ensure!(days.as_deref() == Some("30"), "retention shown as {days:?}");
    app.fill("settings-retention-days", "400").await?;
    app.click("settings-retention-save").await?;
    app.wait_for_attribute("settings-retention-error", "data-code", "invalid_input")
        .await?;
    app.fill("settings-retention-days", "7").await?;
    app.click("settings-retention-save").await?;
    app.wait_for_attribute("settings-retention-status", "data-saved", "true")
        .await?;
    app.finish().await?;

    // Kept in the encrypted store across a restart.
    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.click("nav-settings").await?;
    app.wait_for_attribute("settings-retention-status", "data-saved", "false")
        .await?;
    let days = app
        .by_id("settings-retention-days")
        .await?
        .prop("value")
        .await?;
    ensure!(
        days.as_deref() == Some("7"),
        "retention after restart {days:?}"
    );
    app.finish().await
}
