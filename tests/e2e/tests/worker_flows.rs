//! End-to-end flows of issue 2 on the real app: profile, lock, screening, result, restart,
//! language, and what is left on disk.

use std::time::Duration;

use anyhow::{ensure, Context, Result};
use first_contact_e2e::{
    contains, files_under, AppSession, Display, PASSPHRASE, POSITIVE_ADULTS_LABOUR,
};
use serde_json::Value;

const ALIAS: &str = "Tamara Zlatokosa";
const NOTE: &str = "passport kept by the foreman Velimir";
const PLACE: &str = "Kikinda, orchard east";

fn ui_json(path: &str) -> Result<Value> {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_owned() + path;
    let text = std::fs::read_to_string(&full).with_context(|| full.clone())?;
    Ok(serde_json::from_str(&text)?)
}

/// A string from the English locale file, e.g. `errors.wrong_passphrase`.
fn english(key: &str) -> Result<String> {
    let mut value = &ui_json("ui/src/locales/en.json")?;
    for part in key.split('.') {
        value = value
            .get(part)
            .with_context(|| format!("en.json lacks {key}"))?;
    }
    value.as_str().map(str::to_owned).context("not a string")
}

/// The English label of a clause of the built-in element rule.
fn clause_label(id: &str) -> Result<String> {
    let catalogue = ui_json("crates/domain/catalogue/catalogue.json")?;
    catalogue["element_rules"][0]["clauses"]
        .as_array()
        .and_then(|clauses| clauses.iter().find(|c| c["id"] == id))
        .and_then(|c| c["label"]["en"].as_str())
        .map(str::to_owned)
        .context("clause label")
}

fn is_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// Waits until the element's text is Cyrillic and differs from `before`.
async fn wait_for_cyrillic(app: &AppSession, test_id: &str, before: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let text = app.text(test_id).await?;
        if is_cyrillic(&text) && text != before {
            return Ok(());
        }
        ensure!(
            std::time::Instant::now() < deadline,
            "{test_id} is still {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_worker_screens_a_person_and_finds_the_screening_after_a_restart() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");

    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Inspector Ružica Vukadin").await?;

    // Lock, a wrong passphrase, then the right one.
    app.click("lock-button").await?;
    app.by_id("lock-screen").await?;
    app.fill("unlock-passphrase", "amber window 1848 tidal")
        .await?;
    app.click("unlock-submit").await?;
    app.wait_for_text("form-error", &english("errors.wrong_passphrase")?)
        .await?;
    app.by_id("lock-screen").await?;
    app.fill("unlock-passphrase", PASSPHRASE).await?;
    app.click("unlock-submit").await?;
    app.by_id("screenings-page").await?;

    // A screening whose indicators make the adults / labour rule positive.
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.wait_for_attribute("path-badge", "data-path", "child")
        .await?;
    app.fill("ctx-place", PLACE).await?;
    app.fill("person-alias", ALIAS).await?;
    app.fill("person-estimated-age", "34").await?;
    app.wait_for_attribute("path-badge", "data-path", "adult")
        .await?;
    app.wait_for_attribute("indicator-set-select", "data-value", "ilo-adults-labour")
        .await?;
    for key in POSITIVE_ADULTS_LABOUR {
        app.observe(key).await?;
    }
    app.select("learnt-CD.documents", "disclosed").await?;
    app.fill("note-CD.documents", NOTE).await?;
    app.saved().await?;

    app.click("show-result").await?;
    app.by_id("result-page").await?;
    app.wait_for_attribute("result-verdict", "data-verdict", "indicators_present")
        .await?;
    ensure!(!app.text("result-disclaimer").await?.is_empty());
    app.wait_for_attribute("dimension-CD", "data-positive", "true")
        .await?;
    app.wait_for_attribute("dimension-CR", "data-positive", "false")
        .await?;
    app.wait_for_text("clause-CD", &clause_label("two-strong")?)
        .await?;
    app.wait_for_text("clause-DR", &clause_label("strong-and-other")?)
        .await?;
    app.finish().await?;

    // Restart: the screening is in the list and found by search.
    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.fill("screening-search", "zlatokosa").await?;
    app.wait_for_text("screenings-page", ALIAS).await?;
    let rows = app.all_by_id("screening-row").await?;
    ensure!(rows.len() == 1, "expected one row, found {}", rows.len());
    app.fill("screening-search", "no such person").await?;
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !app.all_by_id("screening-row").await?.is_empty() {
        ensure!(
            std::time::Instant::now() < deadline,
            "search did not filter"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Serbian Cyrillic changes the interface, the catalogue texts too.
    let english_nav = app.text("nav-criteria").await?;
    app.select("language-select", "sr-Cyrl").await?;
    wait_for_cyrillic(&app, "nav-criteria", &english_nav).await?;
    app.click("nav-criteria").await?;
    let adults = app.text("criteria-set-ilo-adults-labour").await?;
    ensure!(
        is_cyrillic(&adults),
        "criteria not in Cyrillic: {adults:.80}"
    );
    ensure!(app.client.title().await? == "First Contact");

    // Escape twice hides everything behind the lock screen.
    app.client
        .active_element()
        .await?
        .send_keys("\u{E00C}\u{E00C}")
        .await?;
    app.by_id("lock-screen").await?;
    app.finish().await?;

    // The language is remembered across a restart, before unlocking.
    let app = AppSession::start(&display, &data_dir).await?;
    wait_for_cyrillic(&app, "unlock-submit", "").await?;
    app.finish().await?;

    // Nothing personal is readable on disk. The app's own databases are encrypted (no clear
    // SQLite header); the web view's (its HSTS list, in webview/) is WebKit's and holds no
    // personal data, which the checks for the typed words below still cover.
    let files = files_under(&data_dir)?;
    ensure!(files.iter().any(|(p, _)| p.ends_with("field.db")));
    let webview = data_dir.join("webview");
    for (path, bytes) in &files {
        ensure!(
            path.starts_with(&webview) || !contains(bytes, "SQLite format 3"),
            "{} is a database in clear",
            path.display()
        );
        for secret in [ALIAS, "Zlatokosa", "Velimir", "Ružica", "orchard"] {
            ensure!(
                !contains(bytes, secret),
                "{} contains {secret:?}",
                path.display()
            );
        }
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn killing_the_app_mid_screening_loses_nothing_that_was_saved() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");

    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Outreach worker").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("person-alias", "Kill Test Person").await?;
    app.fill("ctx-place", "Obrenovac centre").await?;
    app.observe("EX.excessive-hours").await?;
    app.saved().await?;

    let pids = AppSession::app_pids(&data_dir);
    ensure!(!pids.is_empty(), "the app's process was not found");
    for pid in &pids {
        std::process::Command::new("kill")
            .args(["-9", &pid.to_string()])
            .status()?;
    }
    let _ = app.finish().await;

    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.wait_for_text("screenings-page", "Kill Test Person")
        .await?;
    app.click("screening-row").await?;
    app.by_id("screening-editor").await?;
    let place = app.by_id("ctx-place").await?.prop("value").await?;
    ensure!(
        place.as_deref() == Some("Obrenovac centre"),
        "place was {place:?}"
    );
    ensure!(
        app.by_id("indicator-EX.excessive-hours")
            .await?
            .is_selected()
            .await?
    );
    app.finish().await
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_a_clear_message_and_is_kept() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");

    let app = AppSession::start(&display, &data_dir).await?;
    // Setup refuses a weak passphrase with the localised message.
    app.fill("setup-display-name", "Border officer").await?;
    app.fill("setup-passphrase", "short").await?;
    app.fill("setup-passphrase-confirm", "short").await?;
    app.click("setup-submit").await?;
    let weak = english("errors.passphrase_too_weak")?.replace("{min_length}", "12");
    app.wait_for_text("form-error", &weak).await?;
    app.create_profile("Border officer").await?;

    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    // A new screening says nothing is missing before the worker has been in a field...
    for untouched in ["issue-context.place", "issue-person.alias"] {
        ensure!(
            app.all_by_id(untouched).await?.is_empty(),
            "{untouched} shown on a new, untouched screening"
        );
    }
    // ...and says it once the worker has left the field empty.
    app.click("ctx-place").await?;
    app.fill("person-alias", "Date Test").await?;
    app.wait_for_attribute("issue-context.place", "data-code", "required")
        .await?;
    app.set_value("person-dob", "1890-01-01").await?;
    app.wait_for_text(
        "issue-person.date_of_birth",
        &english("issues.age_over_120")?.replace("{max}", "120"),
    )
    .await?;
    app.fill("person-estimated-age", "130").await?;
    app.click("person-alias").await?;
    app.by_id("issue-person.estimated_age").await?;
    app.set_value("ctx-contact-date", "2099-01-01").await?;
    app.wait_for_text("issue-context.contact_date", &english("issues.in_future")?)
        .await?;
    app.saved().await?;
    app.finish().await?;

    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.click("screening-row").await?;
    // Shown in the app's language (English here), stored as 1890-01-01.
    let dob = app.by_id("person-dob").await?.prop("value").await?;
    ensure!(
        dob.as_deref() == Some("1 Jan 1890"),
        "date of birth was {dob:?}"
    );
    app.finish().await
}
