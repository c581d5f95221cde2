//! Takes the README's screenshot (`docs/screenshot.png`) from the real app under Xvfb:
//! a screening on the adults / labour list, on its result page. Run with `make screenshot`.

use anyhow::{Context, Result};
use first_contact_e2e::{AppSession, Display, POSITIVE_ADULTS_LABOUR};

#[tokio::main]
async fn main() -> Result<()> {
    let output = std::env::args()
        .nth(1)
        .context("usage: screenshot <output.png>")?;
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Demo").await?;
    app.click("new-screening").await?;
    app.fill("ctx-place", "Orchard near Kikinda").await?;
    app.fill("person-alias", "A. (demo)").await?;
    app.fill("person-estimated-age", "31").await?;
    app.wait_for_attribute("path-badge", "data-path", "adult")
        .await?;
    for key in POSITIVE_ADULTS_LABOUR {
        app.observe(key).await?;
    }
    app.saved().await?;
    app.click("show-result").await?;
    app.by_id("result-verdict").await?;
    app.client.execute("window.scrollTo(0, 0);", vec![]).await?;
    std::fs::write(&output, app.client.screenshot().await?)?;
    app.finish().await
}
