//! What stays in view on a long page of the real app: the sync bar at the top of the window,
//! and the screening editor's save bar right under it, whatever the scroll.

use anyhow::{ensure, Context, Result};
use first_contact_e2e::{AppSession, Display};

#[tokio::test(flavor = "multi_thread")]
async fn the_sync_bar_and_the_save_bar_stay_in_view_when_the_page_scrolls() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Labour inspector Ana").await?;
    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    let place = app
        .client
        .execute(
            "window.scrollTo(0, document.documentElement.scrollHeight);
             const bar = document.querySelector('[data-testid=sync-bar]').getBoundingClientRect();
             const save = document.querySelector('.sticky').getBoundingClientRect();
             return [window.scrollY, bar.top, bar.bottom, save.top];",
            vec![],
        )
        .await?;
    let numbers: Vec<f64> = place
        .as_array()
        .context("an array")?
        .iter()
        .filter_map(|value| value.as_f64())
        .collect();
    let [scrolled, bar_top, bar_bottom, save_top] = numbers[..] else {
        anyhow::bail!("unexpected answer {place}");
    };
    ensure!(scrolled > 200.0, "the page did not scroll ({scrolled})");
    ensure!(
        bar_top.abs() < 1.0,
        "the sync bar scrolled away (top {bar_top})"
    );
    ensure!(
        (save_top - bar_bottom).abs() < 2.0,
        "the save bar is not right under the sync bar ({save_top} vs {bar_bottom})"
    );
    app.finish().await
}
