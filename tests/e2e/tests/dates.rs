//! Date fields follow the app's language, not the operating system's (issue 9): an empty date
//! looks empty, a date typed the Serbian way is read and shown the Serbian way, a text that
//! is not a date says so, the calendar picks a day with the mouse and the keyboard, and the
//! stored date comes back after a restart and shows in English once English is chosen.

use std::time::{Duration, Instant};

use anyhow::{bail, ensure, Context, Result};
use first_contact_e2e::{AppSession, Display};
use serde_json::Value;

/// A string from a locale file (`en` or `sr-Latn`), e.g. `date_field.placeholder`.
fn message(locale: &str, key: &str) -> Result<String> {
    let path = format!(
        "{}/../../ui/src/locales/{locale}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).with_context(|| path.clone())?;
    let root: Value = serde_json::from_str(&text)?;
    let mut value = &root;
    for part in key.split('.') {
        value = value
            .get(part)
            .with_context(|| format!("{locale}.json lacks {key}"))?;
    }
    value.as_str().map(str::to_owned).context("not a string")
}

/// The `data-date` of the focused element ("" when it has none).
async fn focused_date(app: &AppSession) -> Result<String> {
    let date = app
        .client
        .execute(
            "return document.activeElement?.dataset?.date || '';",
            vec![],
        )
        .await?;
    Ok(date.as_str().unwrap_or_default().to_owned())
}

/// The `data-testid` of the focused element ("" when it has none).
async fn focused_test_id(app: &AppSession) -> Result<String> {
    let id = app
        .client
        .execute(
            "return document.activeElement?.dataset?.testid || '';",
            vec![],
        )
        .await?;
    Ok(id.as_str().unwrap_or_default().to_owned())
}

/// Waits until keyboard focus is on the calendar's day `iso`.
async fn wait_for_focused_date(app: &AppSession, iso: &str) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let date = focused_date(app).await?;
        if date == iso {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("focus never reached day {iso}; it is on {date:?}");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Clicks the calendar's day `iso` (scrolled into view first: the calendar opens below the
/// field and may reach past the window's bottom).
async fn click_day(app: &AppSession, iso: &str) -> Result<()> {
    let day = app
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(fantoccini::Locator::Css(&format!(
            "button[data-date=\"{iso}\"]"
        )))
        .await
        .with_context(|| format!("no day {iso} in the calendar"))?;
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});",
            vec![serde_json::to_value(&day)?],
        )
        .await?;
    day.click().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn dates_follow_the_apps_language_typed_or_picked() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");

    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Outreach worker Jelena").await?;
    app.select("language-select", "sr-Latn").await?;
    app.wait_for_text("new-screening", &message("sr-Latn", "list.new")?)
        .await?;

    // A new screening's date of birth is empty, and looks it: no date greyed in, only the
    // format to type, in Serbian.
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    let dob = app.by_id("person-dob").await?;
    let empty = dob.prop("value").await?;
    ensure!(
        empty.as_deref() == Some(""),
        "an empty date of birth holds {empty:?}"
    );
    let kind = dob.attr("type").await?;
    ensure!(
        kind.as_deref() == Some("text"),
        "the field is type {kind:?}"
    );
    app.wait_for_attribute(
        "person-dob",
        "placeholder",
        &message("sr-Latn", "date_field.placeholder")?,
    )
    .await?;

    // Typed the Serbian way, read and shown the Serbian way once the field is left.
    app.fill("person-alias", "Date Test").await?;
    app.fill("person-dob", "5.3.1990").await?;
    app.click("person-alias").await?;
    app.wait_for_value("person-dob", "5. 3. 1990.").await?;
    ensure!(app.all_by_id("person-dob-wrong").await?.is_empty());

    // A day that does not exist stays on screen, marked, and is not stored as a date.
    app.fill("ctx-contact-date", "31.2.2024").await?;
    app.click("person-alias").await?;
    app.wait_for_text(
        "ctx-contact-date-wrong",
        &message("sr-Latn", "date_field.invalid")?,
    )
    .await?;
    app.wait_for_attribute("ctx-contact-date", "aria-invalid", "true")
        .await?;
    app.wait_for_value("ctx-contact-date", "31.2.2024").await?;
    // An ISO date set the way a test or a picker would is read too, and clears the message.
    app.set_value("ctx-contact-date", "2024-03-05").await?;
    app.wait_for_value("ctx-contact-date", "5. 3. 2024.")
        .await?;
    app.wait_for_absent("ctx-contact-date-wrong").await?;

    // The calendar: Serbian month names, a day picked with the mouse...
    app.click("person-dob-calendar").await?;
    app.by_id("person-dob-picker").await?;
    wait_for_focused_date(&app, "1990-03-05").await?;
    app.wait_for_text("person-dob-picker", "pon").await?;
    click_day(&app, "1990-03-12").await?;
    app.wait_for_absent("person-dob-picker").await?;
    app.wait_for_value("person-dob", "12. 3. 1990.").await?;
    // ...and with the keyboard: it opens on the chosen day, an arrow moves a day, Enter picks.
    app.click("person-dob-calendar").await?;
    wait_for_focused_date(&app, "1990-03-12").await?;
    app.client
        .active_element()
        .await?
        .send_keys("\u{E014}")
        .await?;
    wait_for_focused_date(&app, "1990-03-13").await?;
    app.client
        .active_element()
        .await?
        .send_keys("\u{E007}")
        .await?;
    app.wait_for_absent("person-dob-picker").await?;
    app.wait_for_value("person-dob", "13. 3. 1990.").await?;
    // Escape closes it without picking and gives focus back to the calendar button. (One
    // Escape only: two within a second lock the app.)
    app.click("person-dob-calendar").await?;
    wait_for_focused_date(&app, "1990-03-13").await?;
    app.client
        .active_element()
        .await?
        .send_keys("\u{E00C}")
        .await?;
    app.wait_for_absent("person-dob-picker").await?;
    ensure!(focused_test_id(&app).await? == "person-dob-calendar");
    app.wait_for_value("person-dob", "13. 3. 1990.").await?;

    // Cyrillic: the same digits, the format to type in Cyrillic.
    app.select("language-select", "sr-Cyrl").await?;
    app.wait_for_attribute("person-dob", "placeholder", "дд. мм. гггг.")
        .await?;
    app.wait_for_value("person-dob", "13. 3. 1990.").await?;
    app.saved().await?;
    app.finish().await?;

    // After a restart the stored dates come back, shown the same way...
    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.click("screening-row").await?;
    app.by_id("screening-editor").await?;
    app.wait_for_value("person-dob", "13. 3. 1990.").await?;
    app.wait_for_value("ctx-contact-date", "5. 3. 2024.")
        .await?;

    // ...and in English the English way, with the English format to type.
    app.select("language-select", "en").await?;
    app.wait_for_value("person-dob", "13 Mar 1990").await?;
    app.wait_for_value("ctx-contact-date", "5 Mar 2024").await?;
    app.wait_for_attribute(
        "person-dob",
        "placeholder",
        &message("en", "date_field.placeholder")?,
    )
    .await?;
    // Typed day first in English too.
    app.fill("person-dob", "1/2/1991").await?;
    app.click("person-alias").await?;
    app.wait_for_value("person-dob", "1 Feb 1991").await?;
    app.saved().await?;
    app.finish().await
}
