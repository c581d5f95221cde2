//! Takes the README's screenshot (`docs/screenshot.png`) from the real app under Xvfb:
//! a screening on the adults / labour list, on its result page. Run with `make screenshot`.

use anyhow::{Context, Result};
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

#[tokio::main]
async fn main() -> Result<()> {
    let output = std::env::args()
        .nth(1)
        .context("usage: screenshot <output.png>")?;
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.fill("setup-display-name", "Demo").await?;
    app.select("setup-agency", "labour_inspection").await?;
    app.fill("setup-passphrase", PASSPHRASE).await?;
    app.fill("setup-passphrase-confirm", PASSPHRASE).await?;
    app.click("setup-submit").await?;
    app.click("new-screening").await?;
    app.fill("ctx-place", "Orchard near Kikinda").await?;
    app.fill("person-alias", "A. (demo)").await?;
    app.fill("person-estimated-age", "31").await?;
    app.wait_for_attribute("path-badge", "data-path", "adult")
        .await?;
    for key in [
        "DR.nature-of-job",
        "DR.wages",
        "EX.excessive-hours",
        "EX.low-pay",
        "CD.documents",
        "CD.debt-bondage",
    ] {
        app.click(&format!("indicator-{key}")).await?;
    }
    app.wait_for_attribute("save-status", "data-state", "saved")
        .await?;
    app.click("show-result").await?;
    app.by_id("result-verdict").await?;
    app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
    std::fs::write(&output, app.client.screenshot().await?)?;
    app.finish().await
}
