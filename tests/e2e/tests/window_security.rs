//! What the web view may do, on the real app: only the app's own stylesheet styles it (no inline
//! style, so the CSP needs no 'unsafe-inline'), and only the app's own commands can be called —
//! a core command that was not granted is refused.

use anyhow::{ensure, Result};
use first_contact_e2e::{AppSession, Display};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread")]
async fn the_window_runs_only_its_own_styles_and_commands() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.by_id("setup-display-name").await?;

    // The bundled stylesheet applies (body has no margin), an inline style attribute does not.
    let styles = app
        .client
        .execute(
            "const probe = document.createElement('p');
             probe.setAttribute('style', 'color: rgb(1, 2, 3)');
             document.body.appendChild(probe);
             const result = [getComputedStyle(document.body).marginTop, getComputedStyle(probe).color];
             probe.remove();
             return result;",
            vec![],
        )
        .await?;
    ensure!(
        styles[0] == "0px" && styles[1] != "rgb(1, 2, 3)",
        "body margin and inline colour: {styles}"
    );

    // A granted command answers; an ungranted core command is refused.
    let calls = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const invoke = window.__TAURI_INTERNALS__.invoke;
             const outcome = (p) => p.then(() => 'allowed', (e) => 'refused: ' + String(e));
             Promise.all([outcome(invoke('app_status')), outcome(invoke('plugin:app|version'))])
               .then(done);",
            vec![],
        )
        .await?;
    let calls: Vec<String> = match calls {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => anyhow::bail!("unexpected answer {other}"),
    };
    ensure!(calls[0] == "allowed", "app_status: {}", calls[0]);
    // Refused by the access list, not for want of the command: core commands exist.
    ensure!(
        calls[1].starts_with("refused") && calls[1].contains("not allowed"),
        "plugin:app|version: {}",
        calls[1]
    );
    app.finish().await
}
