//! Changing the passphrase on the real app: a wrong current passphrase is refused with its
//! message; once changed (and the data re-encrypted under a new key), the old passphrase no
//! longer unlocks and the new one does, across a restart, with the data intact.

use anyhow::Result;
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

const NEW: &str = "orange lantern by the river";

#[tokio::test(flavor = "multi_thread")]
async fn a_worker_changes_the_passphrase_and_only_the_new_one_unlocks() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Inspector Vesna").await?;
    app.click("new-screening").await?;
    app.fill("person-alias", "Kept Across The Change").await?;
    app.saved().await?;

    app.click("nav-settings").await?;
    app.fill("passphrase-current", "not the passphrase at all")
        .await?;
    app.fill("passphrase-new", NEW).await?;
    app.fill("passphrase-confirm", NEW).await?;
    app.click("passphrase-submit").await?;
    app.wait_for_attribute("passphrase-error", "data-code", "wrong_passphrase")
        .await?;
    app.fill("passphrase-current", PASSPHRASE).await?;
    app.fill("passphrase-new", NEW).await?;
    app.fill("passphrase-confirm", NEW).await?;
    app.click("passphrase-submit").await?;
    app.wait_for_attribute("passphrase-status", "data-changed", "true")
        .await?;
    // Re-encrypting under a new key keeps everything, and the new passphrase still opens it.
    app.fill("rekey-passphrase", NEW).await?;
    app.click("rekey-submit").await?;
    app.wait_for_attribute("rekey-status", "data-done", "true")
        .await?;
    app.finish().await?;

    let app = AppSession::start(&display, &data_dir).await?;
    app.by_id("lock-screen").await?;
    app.fill("unlock-passphrase", PASSPHRASE).await?;
    app.click("unlock-submit").await?;
    app.wait_for_attribute("form-error", "data-code", "wrong_passphrase")
        .await?;
    app.fill("unlock-passphrase", NEW).await?;
    app.click("unlock-submit").await?;
    app.wait_for_text("screenings-page", "Kept Across The Change")
        .await?;
    app.finish().await
}
