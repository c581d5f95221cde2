//! The Help view on the real app (issue 10): with no Center and no network, the children's
//! helpline is found for a municipality by words typed in Serbian Cyrillic, shown in Cyrillic
//! with its number, its hours and whether it has been verified; a filter that nothing matches
//! says so.

use anyhow::{ensure, Context, Result};
use first_contact_e2e::{AppSession, Display};

#[tokio::test(flavor = "multi_thread")]
async fn the_childrens_helpline_is_found_for_a_municipality_in_serbian_cyrillic() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Border officer Milan").await?;
    app.select("language-select", "sr-Cyrl").await?;
    app.click("nav-help").await?;
    app.by_id("help-page").await?;
    app.wait_for_attribute("help-source", "data-from-center", "false")
        .await?;

    app.select("help-municipality", "kikinda").await?;
    app.fill("help-search", "дечја линија").await?;
    app.wait_for_attribute("help-count", "data-total", "1")
        .await?;
    let services = app.all_by_id("help-service").await?;
    ensure!(services.len() == 1, "{} services shown", services.len());
    let service = &services[0];
    let id = service.attr("data-service").await?;
    ensure!(id.as_deref() == Some("nadel-116111"), "found {id:?}");
    let shown = service.text().await?;
    for expected in [
        "116 111 – дечја линија",
        "116111",
        "Дању и ноћу, сваког дана",
    ] {
        ensure!(shown.contains(expected), "{expected:?} not in {shown:?}");
    }
    // A line that always answers is open whatever the laptop's clock says.
    ensure!(service.attr("data-open").await?.as_deref() == Some("true"));
    let freshness = app.by_id("help-freshness").await?;
    ensure!(
        freshness.attr("data-kind").await?.as_deref() == Some("unverified"),
        "the built-in entry claims to be verified"
    );

    // The children's lines for Kikinda, by category instead of words: both child-protection
    // lines, and nothing for another group than children.
    app.set_value("help-search", "").await?;
    app.select("help-category", "child_protection").await?;
    app.wait_for_attribute("help-count", "data-total", "2")
        .await?;
    app.select("help-audience", "women").await?;
    app.wait_for_attribute("help-count", "data-total", "0")
        .await?;
    app.by_id("help-empty").await?;

    // Any kind of help, for anyone, anywhere: every line of the built-in directory.
    app.select("help-category", "").await?;
    app.select("help-audience", "").await?;
    app.select("help-municipality", "").await?;
    app.wait_for_attribute("help-count", "data-total", "6")
        .await?;
    let numbers: Vec<String> = {
        let mut numbers = Vec::new();
        for number in app.all_by_id("help-number").await? {
            numbers.push(number.text().await?);
        }
        numbers
    };
    for expected in [
        "+381 11 785 0000",
        "0800 101 201",
        "192",
        "194",
        "193",
        "116000",
    ] {
        ensure!(
            numbers.iter().any(|n| n == expected),
            "{expected} not among {numbers:?}"
        );
    }
    let not_included = app
        .client
        .find(fantoccini::Locator::Css("details.not-included"))
        .await
        .context("the list of what the directory leaves out")?;
    ensure!(not_included
        .text()
        .await?
        .contains("Шта овај именик не садржи"));
    app.finish().await
}
