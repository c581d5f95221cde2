//! A forgotten passphrase on the real app: set-up shows a recovery code (the app opens only once
//! the worker says it is written down); a wrong code is refused and changes nothing; the right
//! code sets a new passphrase and opens the store with everything in it.

use anyhow::{ensure, Result};
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

const NEW: &str = "violet harbour at dawn 42";

#[tokio::test(flavor = "multi_thread")]
async fn a_forgotten_passphrase_is_replaced_with_the_recovery_code() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");
    let app = AppSession::start(&display, &data_dir).await?;
    let code = app.create_profile("Outreach worker Dragan").await?;
    ensure!(code.split('-').count() == 6, "recovery code {code:?}");
    app.click("new-screening").await?;
    app.fill("person-alias", "Kept Through Recovery").await?;
    app.saved().await?;
    app.finish().await?;

    let app = AppSession::start(&display, &data_dir).await?;
    app.click("unlock-forgot").await?;
    app.fill("recover-code", "0000-0000-0000-0000-0000-0000")
        .await?;
    app.fill("recover-new", NEW).await?;
    app.fill("recover-confirm", NEW).await?;
    app.click("recover-submit").await?;
    app.wait_for_attribute("recover-error", "data-code", "recovery_code_wrong")
        .await?;
    app.fill("recover-code", &code.to_lowercase()).await?;
    app.fill("recover-new", NEW).await?;
    app.fill("recover-confirm", NEW).await?;
    app.click("recover-submit").await?;
    app.wait_for_text("screenings-page", "Kept Through Recovery")
        .await?;
    app.finish().await?;

    // The old passphrase no longer opens it; the new one does.
    let app = AppSession::start(&display, &data_dir).await?;
    app.fill("unlock-passphrase", PASSPHRASE).await?;
    app.click("unlock-submit").await?;
    app.wait_for_attribute("form-error", "data-code", "wrong_passphrase")
        .await?;
    app.fill("unlock-passphrase", NEW).await?;
    app.click("unlock-submit").await?;
    app.by_id("screenings-page").await?;
    app.finish().await
}
