//! The window keeps answering while the app works: an unlock (Argon2id over 96 MiB, the
//! slowest thing a worker waits for) runs off the window's thread, so a WebDriver command sent
//! while it runs (it needs the window's thread, as a keystroke does) is answered before the
//! unlock is. With the unlock on the window's thread, the answer would wait for it.

use anyhow::{bail, Result};
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

#[tokio::test(flavor = "multi_thread")]
async fn the_window_answers_while_an_unlock_runs() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");
    let app = AppSession::start(&display, &data_dir).await?;
    app.create_profile("Inspector Vesna").await?;
    app.click("lock-button").await?;
    app.by_id("lock-screen").await?;

    let started = app
        .client
        .execute(
            "window.__unlock = window.__TAURI_INTERNALS__
               .invoke('unlock', { passphrase: arguments[0] })
               .then(() => performance.now(), () => -1);
             return performance.now();",
            vec![serde_json::json!(PASSPHRASE)],
        )
        .await?;
    let answered = app
        .client
        .execute("return performance.now();", vec![])
        .await?;
    let unlocked = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; window.__unlock.then(done);",
            vec![],
        )
        .await?
        .as_f64()
        .unwrap_or(-1.0);
    if unlocked < 0.0 {
        bail!("the unlock failed");
    }
    let (Some(started), Some(answered)) = (started.as_f64(), answered.as_f64()) else {
        bail!("performance.now() was not a number");
    };
    println!(
        "window answered {:.0} ms after the unlock began; the unlock took {:.0} ms",
        answered - started,
        unlocked - started
    );
    assert!(
        answered < unlocked,
        "the window answered only after the unlock ({answered} ≥ {unlocked})"
    );
    app.finish().await
}
