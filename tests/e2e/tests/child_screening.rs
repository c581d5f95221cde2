//! The children's rule on the real app: a 16-year-old with exploitation indicators and no means
//! is referred whether or not the act is known, the duty to notify the Centre for Social Work
//! stays whatever the act answer, the means dimensions are shown as context, and the act answer
//! travels into the referral.

use anyhow::{ensure, Result};
use first_contact_e2e::{AppSession, Display};

/// The example: 14-hour days for almost nothing, papers held — no means observed.
const EXPLOITED_CHILD: [&str; 3] = ["EX.excessive-hours", "EX.low-pay", "CD.documents"];

async fn result_page(app: &AppSession) -> Result<()> {
    app.saved().await?;
    app.click("show-result").await?;
    app.by_id("result-page").await?;
    Ok(())
}

async fn back_to_editor(app: &AppSession) -> Result<()> {
    app.click("result-back").await?;
    app.wait_for_attribute("screening-editor", "data-loaded", "true")
        .await
}

async fn has(app: &AppSession, test_id: &str) -> Result<bool> {
    Ok(!app.all_by_id(test_id).await?.is_empty())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_child_is_referred_on_act_and_purpose_without_any_means() -> Result<()> {
    let display = Display::start()?;
    let data = tempfile::tempdir()?;
    let app = AppSession::start(&display, &data.path().join("data")).await?;
    app.create_profile("Inspector Milica Grbić").await?;

    app.click("new-screening").await?;
    app.by_id("screening-editor").await?;
    app.fill("person-alias", "D.").await?;
    app.fill("person-estimated-age", "16").await?;
    app.wait_for_attribute("path-badge", "data-reason", "under_18")
        .await?;
    app.wait_for_attribute("indicator-set-select", "data-value", "ilo-children-labour")
        .await?;
    app.by_id("child-act-section").await?;
    for key in EXPLOITED_CHILD {
        app.observe(key).await?;
    }

    // The act question unanswered: refer, notify the CSW, and say the act is not established.
    result_page(&app).await?;
    app.wait_for_attribute("result-verdict", "data-verdict", "indicators_present")
        .await?;
    for advice in [
        "refer_to_center",
        "notify_social_work",
        "act_not_established",
        "act_unanswered",
        "means_not_required",
    ] {
        app.by_id(&format!("advice-{advice}")).await?;
    }
    for means in ["DR", "CR", "AVR"] {
        app.wait_for_attribute(&format!("dimension-{means}"), "data-context", "true")
            .await?;
        app.wait_for_attribute(&format!("dimension-{means}"), "data-positive", "false")
            .await?;
    }
    app.wait_for_attribute("dimension-EX", "data-context", "false")
        .await?;
    app.wait_for_attribute("duty-of-care-trace", "data-satisfied", "true")
        .await?;

    // "No": the rule is not met, but the duty of care stays.
    back_to_editor(&app).await?;
    app.click("child-act-no").await?;
    result_page(&app).await?;
    app.wait_for_attribute("result-verdict", "data-verdict", "not_enough_indicators")
        .await?;
    app.by_id("advice-notify_social_work").await?;
    ensure!(!has(&app, "advice-refer_to_center").await?);

    // "Yes": met, and nothing left to establish.
    back_to_editor(&app).await?;
    app.click("child-act-yes").await?;
    result_page(&app).await?;
    app.wait_for_attribute("result-verdict", "data-verdict", "indicators_present")
        .await?;
    app.by_id("advice-refer_to_center").await?;
    ensure!(!has(&app, "advice-act_not_established").await?);
    ensure!(!has(&app, "advice-act_unanswered").await?);

    // The answer travels into the referral's child section.
    app.click("refer-button").await?;
    let act = app.by_id("ref-child.act").await?.prop("value").await?;
    ensure!(act.as_deref() == Some("yes"), "referral act is {act:?}");
    app.finish().await
}
