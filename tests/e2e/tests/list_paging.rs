//! A long list in the real app: the screenings page shows the first page of a store with more
//! screenings than fit one, says how many there are, and "Show more" adds the rest in order,
//! each once. The store is filled through the app's own library before the window opens.

use std::collections::HashSet;

use anyhow::{ensure, Result};
use first_contact_app::{App, AppConfig, FixedClock, NewProfile, SCREENINGS_PAGE};
use first_contact_domain::AgencyType;
use first_contact_e2e::{AppSession, Display, PASSPHRASE};

/// More than one page ([`SCREENINGS_PAGE`]) of screenings.
const SCREENINGS: usize = 57;

/// A profile with `SCREENINGS` screenings named "Person 00", "Person 01", … made a second apart
/// in the last hour (so that newest first is one order, whatever the ids).
fn fill(data_dir: &std::path::Path) -> Result<()> {
    let clock = FixedClock::at(&(chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339());
    let mut app = App::open(AppConfig::new(data_dir), Box::new(clock.clone()))?;
    app.create_profile(NewProfile {
        display_name: "Labour inspector Ana".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })?;
    for n in 0..SCREENINGS {
        let mut screening = app.new_screening()?.screening;
        screening.person.alias = format!("Person {n:02}");
        app.save_screening(screening)?;
        clock.advance(chrono::Duration::seconds(1));
    }
    Ok(())
}

async fn aliases(app: &AppSession) -> Result<Vec<String>> {
    let answer = app
        .client
        .execute(
            "return [...document.querySelectorAll('[data-testid=screening-row] .alias')]
                .map((alias) => alias.textContent.trim());",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(answer)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn show_more_adds_the_screenings_past_the_first_page_once_each() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let data_dir = data.path().join("data");
    fill(&data_dir)?;

    let app = AppSession::start(&display, &data_dir).await?;
    app.unlock().await?;
    app.wait_for_attribute("screenings-count", "data-total", &SCREENINGS.to_string())
        .await?;
    let first = aliases(&app).await?;
    ensure!(
        first.len() == SCREENINGS_PAGE as usize,
        "the first page shows {} rows",
        first.len()
    );
    ensure!(
        first.first().map(String::as_str) == Some("Person 56"),
        "newest first: {first:?}"
    );

    app.click("screenings-more").await?;
    app.wait_for_absent("screenings-more").await?;
    let all = aliases(&app).await?;
    ensure!(
        all.len() == SCREENINGS,
        "{} rows after Show more",
        all.len()
    );
    let expected: Vec<String> = (0..SCREENINGS)
        .rev()
        .map(|n| format!("Person {n:02}"))
        .collect();
    ensure!(all == expected, "rows out of order or repeated: {all:?}");
    ensure!(all.iter().collect::<HashSet<_>>().len() == SCREENINGS);
    app.finish().await
}
