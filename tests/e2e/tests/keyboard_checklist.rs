//! Issue 9 on the real app: the screening checklist by keyboard. Each dimension is one Tab
//! stop with the arrows, Home and End inside it; Tab from a checked row goes through its
//! learnt select and note and then to the next dimension; the explanation describes the
//! checkbox and is shown under the row the keyboard is on, with no Tab stop of its own; a
//! link above the checklist moves focus to "See result". And the checklist is dense enough for
//! a laptop screen.

use anyhow::{ensure, Context, Result};
use fantoccini::key::Key;
use first_contact_e2e::{AppSession, Display};
use serde_json::Value;

/// At most this many CSS pixels of checklist per indicator, its dimension's header shared out.
const PX_PER_INDICATOR: f64 = 48.0;

fn ui_json(path: &str) -> Result<Value> {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../").to_owned() + path;
    let text = std::fs::read_to_string(&full).with_context(|| full.clone())?;
    Ok(serde_json::from_str(&text)?)
}

/// The keys of each dimension of the built-in set `id`, in order, and the English explanation
/// of each indicator.
fn dimensions(id: &str) -> Result<Vec<Vec<(String, String)>>> {
    let catalogue = ui_json("crates/domain/catalogue/catalogue.json")?;
    let set = catalogue["sets"]
        .as_array()
        .and_then(|sets| sets.iter().find(|s| s["id"] == id))
        .with_context(|| format!("no set {id}"))?;
    let mut dimensions = Vec::new();
    for dimension in set["dimensions"].as_array().context("dimensions")? {
        let mut indicators = Vec::new();
        for indicator in dimension["indicators"].as_array().context("indicators")? {
            let key = indicator["key"].as_str().context("key")?;
            let explanation = indicator["explanation"]["en"].as_str().unwrap_or("");
            indicators.push((key.to_owned(), explanation.to_owned()));
        }
        dimensions.push(indicators);
    }
    Ok(dimensions)
}

/// The data-testid of the focused element ("" if it has none).
async fn focused(app: &AppSession) -> Result<String> {
    let answer = app
        .client
        .execute(
            "const e = document.activeElement; return e ? (e.dataset.testid || '') : '';",
            vec![],
        )
        .await?;
    answer.as_str().map(str::to_owned).context("activeElement")
}

/// Presses `keys` on whatever has focus, as the worker would.
async fn press(app: &AppSession, keys: &str) -> Result<()> {
    app.client.active_element().await?.send_keys(keys).await?;
    Ok(())
}

async fn expect_focus(app: &AppSession, expected: &str, after: &str) -> Result<()> {
    let now = focused(app).await?;
    ensure!(
        now == expected,
        "after {after} focus is on {now:?}, not {expected:?}"
    );
    Ok(())
}

/// For the checkbox of `key`: the text of each element its aria-describedby names, and whether
/// that element is rendered (has a box).
async fn described(app: &AppSession, key: &str) -> Result<Vec<(String, bool)>> {
    let checkbox = app.by_id(&format!("indicator-{key}")).await?;
    let answer = app
        .client
        .execute(
            "const ids = (arguments[0].getAttribute('aria-describedby') || '').split(/\\s+/);
             return ids.filter((id) => id).map((id) => {
               const e = document.getElementById(id);
               return e ? [e.textContent.trim(), e.getClientRects().length > 0] : ['', false];
             });",
            vec![serde_json::to_value(&checkbox)?],
        )
        .await?;
    Ok(serde_json::from_value(answer)?)
}

/// The explanation is among what describes the checkbox, and is (or is not) on screen.
async fn expect_explanation(app: &AppSession, key: &str, text: &str, shown: bool) -> Result<()> {
    let parts = described(app, key).await?;
    let found = parts.iter().find(|(part, _)| part == text);
    ensure!(
        found.is_some(),
        "the checkbox of {key} is not described by its explanation: {parts:?}"
    );
    ensure!(
        found.is_some_and(|(_, visible)| *visible == shown),
        "the explanation of {key} should be {}: {parts:?}",
        if shown { "shown" } else { "hidden" }
    );
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_keyboard_moves_through_the_checklist_one_dimension_per_tab() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Outreach worker Milica").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    // A new screening is on the child path until an age says otherwise.
    app.wait_for_attribute("indicator-set-select", "data-value", "ilo-children-labour")
        .await?;
    let dimensions = dimensions("ilo-children-labour")?;
    ensure!(dimensions.len() >= 3 && dimensions[0].len() >= 3);
    let (first, _) = &dimensions[0][0];
    let (second, second_explanation) = &dimensions[0][1];
    let (last, _) = dimensions[0].last().context("an indicator")?;
    let (next_first, _) = &dimensions[1][0];
    let (third_first, _) = &dimensions[2][0];
    ensure!(!second_explanation.is_empty());

    // One Tab stop per dimension: its first checkbox; no "What this means" stop on any row.
    let stop = app
        .attribute(&format!("indicator-{first}"), "tabindex")
        .await?;
    ensure!(stop.as_deref() == Some("0"), "{first} tabindex {stop:?}");
    let other = app
        .attribute(&format!("indicator-{second}"), "tabindex")
        .await?;
    ensure!(
        other.as_deref() == Some("-1"),
        "{second} tabindex {other:?}"
    );
    let stops = app
        .client
        .execute(
            "return document.querySelectorAll(
               '[data-testid^=\"editor-dimension-\"] summary, [data-testid^=\"editor-dimension-\"] [tabindex=\"0\"]'
             ).length;",
            vec![],
        )
        .await?;
    ensure!(
        stops.as_u64() == Some(dimensions.len() as u64),
        "Tab stops inside the checklists: {stops}, not one per dimension"
    );

    // The keys are told above the checklist.
    ensure!(!app.text("checklist-keys").await?.is_empty());

    // The arrows move inside the dimension; the explanation follows the keyboard's row.
    let checkbox = app.by_id(&format!("indicator-{first}")).await?;
    app.client
        .execute(
            "arguments[0].focus();",
            vec![serde_json::to_value(&checkbox)?],
        )
        .await?;
    expect_focus(&app, &format!("indicator-{first}"), "focusing the first").await?;
    press(&app, &Key::Down).await?;
    expect_focus(&app, &format!("indicator-{second}"), "ArrowDown").await?;
    expect_explanation(&app, second, second_explanation, true).await?;
    let (_, first_explanation) = &dimensions[0][0];
    if !first_explanation.is_empty() {
        expect_explanation(&app, first, first_explanation, false).await?;
    }
    press(&app, &Key::End).await?;
    expect_focus(&app, &format!("indicator-{last}"), "End").await?;
    press(&app, &Key::Home).await?;
    expect_focus(&app, &format!("indicator-{first}"), "Home").await?;
    press(&app, &Key::Down).await?;
    expect_focus(&app, &format!("indicator-{second}"), "Home, ArrowDown").await?;

    // Space checks the row; the stop is now on it.
    press(&app, &Key::Space).await?;
    ensure!(
        app.by_id(&format!("indicator-{second}"))
            .await?
            .is_selected()
            .await?,
        "Space did not check {second}"
    );
    expect_focus(&app, &format!("indicator-{second}"), "Space").await?;
    let stop = app
        .attribute(&format!("indicator-{second}"), "tabindex")
        .await?;
    ensure!(stop.as_deref() == Some("0"), "{second} tabindex {stop:?}");
    let left = app
        .attribute(&format!("indicator-{first}"), "tabindex")
        .await?;
    ensure!(left.as_deref() == Some("-1"), "{first} tabindex {left:?}");

    let shift_tab = format!("{}{}", Key::Shift, Key::Tab);
    // Tab from the checked row: its learnt select, its note, then the next dimension, then
    // the one after (an unchecked row has nothing more). Shift+Tab comes back the same way.
    press(&app, &Key::Tab).await?;
    expect_focus(
        &app,
        &format!("learnt-{second}"),
        "Tab from the checked row",
    )
    .await?;
    press(&app, &Key::Tab).await?;
    expect_focus(
        &app,
        &format!("note-{second}"),
        "Tab from its learnt select",
    )
    .await?;
    press(&app, &Key::Tab).await?;
    expect_focus(
        &app,
        &format!("indicator-{next_first}"),
        "Tab from its note",
    )
    .await?;
    press(&app, &Key::Tab).await?;
    expect_focus(
        &app,
        &format!("indicator-{third_first}"),
        "Tab from an unchecked row",
    )
    .await?;
    press(&app, &shift_tab).await?;
    expect_focus(&app, &format!("indicator-{next_first}"), "Shift+Tab").await?;
    press(&app, &shift_tab).await?;
    expect_focus(&app, &format!("note-{second}"), "Shift+Tab twice").await?;

    // The link above the checklist moves focus to "See result".
    app.by_id("skip-to-result")
        .await?
        .send_keys(&Key::Enter)
        .await?;
    expect_focus(&app, "show-result", "the skip link").await?;

    app.saved().await?;
    app.finish().await
}

/// The checklist's height on the laptop screen the issue was measured on (1366×768): each
/// indicator with its share of the dimension headers. With a "What this means" summary on
/// every row it was far taller.
#[tokio::test(flavor = "multi_thread")]
async fn the_adult_checklist_is_dense_on_a_laptop_screen() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Labour inspector Nikola").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("person-estimated-age", "34").await?;
    app.wait_for_attribute("indicator-set-select", "data-value", "ilo-adults-labour")
        .await?;
    let indicators: usize = dimensions("ilo-adults-labour")?.iter().map(Vec::len).sum();
    let answer = app
        .client
        .execute(
            "const sets = [...document.querySelectorAll('[data-testid^=\"editor-dimension-\"]')];
             const boxes = document.querySelectorAll('input[type=checkbox][data-testid^=\"indicator-\"]');
             const top = sets[0].getBoundingClientRect().top;
             const bottom = sets[sets.length - 1].getBoundingClientRect().bottom;
             return [bottom - top, boxes.length, window.innerWidth];",
            vec![],
        )
        .await?;
    let (height, shown, width): (f64, usize, f64) = serde_json::from_value(answer)?;
    ensure!(
        shown == indicators,
        "{shown} checkboxes for {indicators} indicators"
    );
    let per_indicator = height / indicators as f64;
    println!("{indicators} indicators in {height:.0} px at {width:.0} px wide: {per_indicator:.1} px each");
    ensure!(
        per_indicator <= PX_PER_INDICATOR,
        "{per_indicator:.1} px per indicator (at most {PX_PER_INDICATOR})"
    );
    app.finish().await
}
