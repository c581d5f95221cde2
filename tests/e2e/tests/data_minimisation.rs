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

/// The web view's own files (WebKit's caches, HSTS list, storage) stay inside the data folder:
/// with the platform's data and cache folders pointed at empty folders of the test's, a session
/// leaves nothing of the app in either.
#[tokio::test(flavor = "multi_thread")]
async fn the_web_view_keeps_its_files_in_the_data_folder() -> Result<()> {
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let data_dir = root.path().join("data");
    let platform_data = root.path().join("xdg-data");
    let platform_cache = root.path().join("xdg-cache");
    std::fs::create_dir_all(&platform_data)?;
    std::fs::create_dir_all(&platform_cache)?;
    let environment = [
        ("XDG_DATA_HOME", platform_data.to_str().unwrap_or_default()),
        (
            "XDG_CACHE_HOME",
            platform_cache.to_str().unwrap_or_default(),
        ),
    ];
    let app = AppSession::start_with(&display, &data_dir, &environment).await?;
    app.create_profile("Outreach worker Jasna").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("person-alias", "Kept Inside").await?;
    app.saved().await?;
    app.finish().await?;

    for folder in [&platform_data, &platform_cache] {
        let left: Vec<_> = std::fs::read_dir(folder)?
            .flatten()
            .map(|entry| entry.file_name())
            .filter(|name| name.to_string_lossy().contains("firstcontact"))
            .collect();
        ensure!(left.is_empty(), "{} holds {left:?}", folder.display());
    }
    ensure!(
        data_dir.join("webview").is_dir(),
        "the web view's folder is not in the data folder"
    );
    // And nothing the worker typed is in clear in any of the app's files, the web view's
    // included.
    for (path, bytes) in first_contact_e2e::files_under(&data_dir)? {
        ensure!(
            !first_contact_e2e::contains(&bytes, "Kept Inside"),
            "{} holds the alias in clear",
            path.display()
        );
    }
    Ok(())
}
