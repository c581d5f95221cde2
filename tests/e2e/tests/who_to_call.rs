//! "Who to call now" on the real app with the real `center` binary (issue 10): the Center
//! publishes a directory that adds the Centre for Social Work of Kikinda; the enrolled app
//! receives it and uses it in place of the built-in one; a 15-year-old met in Kikinda gets, on
//! the screening result, that Centre and the children's lines, with the rule that picked them;
//! another municipality has no such Centre, and says so; the referral made from the screening
//! shows the same suggestions and adds the police once the worker records a need for safety.

use anyhow::{ensure, Context, Result};
use first_contact_e2e::center::{admin, CenterProcess};
use first_contact_e2e::{AppSession, Display, PASSPHRASE};
use serde_json::json;

const FAST_SYNC: [(&str, &str); 2] = [
    ("FIRST_CONTACT_SYNC_MAX_RETRY_SECONDS", "2"),
    ("FIRST_CONTACT_SYNC_INTERVAL_SECONDS", "2"),
];

/// The built-in directory with Kikinda's Centre for Social Work added, as the Center publishes.
fn center_directory() -> Result<String> {
    let built_in = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../crates/domain/directory/directory.json"
    ))?;
    let mut directory: serde_json::Value = serde_json::from_str(&built_in)?;
    directory["version"] = json!("2026.12-center");
    directory["organizations"]
        .as_array_mut()
        .context("organizations")?
        .push(json!({
            "id": "csr-kikinda",
            "name": {"en": "Centre for Social Work Kikinda", "sr-Latn": "Centar za socijalni rad Kikinda"},
            "url": null,
            "services": [{
                "id": "csr-kikinda-duty",
                "name": {"en": "Duty officer", "sr-Latn": "Dežurni radnik"},
                "description": {"en": "Guardianship authority for Kikinda.",
                                "sr-Latn": "Organ starateljstva za Kikindu."},
                "categories": ["social_work_centre"],
                "audiences": ["everyone"],
                "area": {"scope": "municipalities", "ids": ["kikinda"]},
                "phones": [{"number": "0230 400 100", "free_of_charge": false,
                            "hours": {"kind": "always"}, "languages": ["sr", "hu"], "note": null}],
                "address": null,
                "sensitivity": "workers_only",
                "source": {"name": "The Center's list of Centres for Social Work", "url": null,
                           "as_of": "2026-12", "verified_on": "2026-12-01"}
            }]
        }));
    Ok(directory.to_string())
}

async fn services_for(app: &AppSession, rule: &str, category: &str) -> Result<Vec<String>> {
    let css = format!(
        "[data-testid=\"call-advice\"][data-rule=\"{rule}\"] \
         [data-testid=\"call-kind\"][data-category=\"{category}\"] [data-testid=\"call-service\"]"
    );
    let mut ids = Vec::new();
    for service in app.client.find_all(fantoccini::Locator::Css(&css)).await? {
        ids.push(service.attr("data-service").await?.unwrap_or_default());
    }
    Ok(ids)
}

async fn rules_shown(app: &AppSession) -> Result<Vec<String>> {
    let mut rules = Vec::new();
    for advice in app.all_by_id("call-advice").await? {
        rules.push(advice.attr("data-rule").await?.unwrap_or_default());
    }
    Ok(rules)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_child_in_kikinda_gets_its_centre_for_social_work_from_the_centers_directory(
) -> Result<()> {
    let display = Display::start()?;
    let root = tempfile::tempdir()?;
    let center_dir = root.path().join("center");
    let center = CenterProcess::start(&center_dir, "127.0.0.1:0")?;
    let directory_file = root.path().join("directory.json");
    std::fs::write(&directory_file, center_directory()?)?;
    let path = directory_file.to_str().context("a path in UTF-8")?;
    admin(&center_dir, &["publish", "directory", path])?;
    let issued = admin(
        &center_dir,
        &["enroll", "--agency", "Border police", "--officer", "Milan"],
    )?;
    let code = issued["code"].as_str().context("the code")?;

    let app = AppSession::start_with(&display, &root.path().join("data"), &FAST_SYNC).await?;
    app.create_profile("Border officer Milan").await?;
    app.click("nav-settings").await?;
    app.fill("enroll-address", &center.url).await?;
    app.fill("enroll-code", code).await?;
    app.fill("enroll-passphrase", PASSPHRASE).await?;
    app.click("enroll-submit").await?;
    app.wait_for_attribute("sync-status", "data-phase", "up_to_date")
        .await?;

    // The Center's directory is the one in use once it has arrived.
    app.click("nav-help").await?;
    app.wait_for_attribute("help-source", "data-from-center", "true")
        .await?;
    ensure!(app.text("help-source").await?.contains("2026.12-center"));

    // A 15-year-old met at Kikinda's bus station.
    app.click("nav-screenings").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("ctx-place", "Kikinda, autobuska stanica").await?;
    app.fill("person-estimated-age", "15").await?;
    app.wait_for_attribute("path-badge", "data-reason", "under_18")
        .await?;
    app.saved().await?;
    app.click("show-result").await?;
    app.by_id("result-page").await?;
    app.wait_for_attribute("call-panel", "data-rules", "child advice-on-trafficking")
        .await?;
    app.wait_for_attribute("call-municipality-used", "data-municipality", "kikinda")
        .await?;
    app.wait_for_attribute("call-municipality-used", "data-from", "place")
        .await?;
    let rules = rules_shown(&app).await?;
    ensure!(
        rules == ["child", "advice-on-trafficking"],
        "rules shown: {rules:?}"
    );
    let centre = services_for(&app, "child", "social_work_centre").await?;
    ensure!(centre == ["csr-kikinda-duty"], "{centre:?}");
    let lines = services_for(&app, "child", "child_protection").await?;
    ensure!(
        lines.contains(&"nadel-116111".to_owned())
            && lines.contains(&"astra-missing-children".to_owned()),
        "{lines:?}"
    );
    let panel = app.text("call-panel").await?;
    for expected in [
        "0230 400 100",
        "116111",
        "Because: a child, or presumed to be one",
    ] {
        ensure!(panel.contains(expected), "{expected:?} not in {panel:?}");
    }

    // Subotica has no Centre for Social Work in this directory: none is invented.
    app.select("call-municipality", "subotica").await?;
    app.wait_for_attribute("call-municipality-used", "data-from", "chosen")
        .await?;
    ensure!(services_for(&app, "child", "social_work_centre")
        .await?
        .is_empty());
    app.by_id("call-none").await?;

    // The referral made from this screening suggests the same, and the police once the worker
    // records that the person needs safety.
    app.click("refer-button").await?;
    app.wait_for_attribute("referral-editor", "data-loaded", "true")
        .await?;
    app.wait_for_attribute("call-municipality-used", "data-municipality", "kikinda")
        .await?;
    let before = rules_shown(&app).await?;
    ensure!(before == ["child", "advice-on-trafficking"], "{before:?}");
    app.click("ref-needs.safety").await?;
    app.saved().await?;
    app.wait_for_attribute(
        "call-panel",
        "data-rules",
        "immediate-danger child advice-on-trafficking",
    )
    .await?;
    let police = services_for(&app, "immediate-danger", "police").await?;
    ensure!(police == ["police-192"], "{police:?}");
    app.finish().await
}
