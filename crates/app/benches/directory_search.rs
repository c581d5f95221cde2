//! Benchmark: the Help view's search over a directory of 5,000 services, through
//! `App::search_directory` (the app API the view calls): the Center publishes the directory, the
//! app receives and installs it in one sync pass, then each query is timed. Run with
//! `make bench`; results in docs/benchmarks.md.

mod common;

use std::time::{Duration, Instant};

use common::{enrolled_app, ms, percentile, scratch, start_center};
use first_contact_domain::directory::{Audience, Category, DirectoryQuery};
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_sync::Timeouts;
use serde_json::{json, Value};

const SERVICES: usize = 5_000;
const RUNS: usize = 200;
const CATEGORIES: [&str; 6] = [
    "social_work_centre",
    "shelter",
    "legal_aid",
    "interpreting",
    "labour_inspection",
    "child_protection",
];

/// The built-in directory with `SERVICES` local services spread over its municipalities.
fn large_directory() -> anyhow::Result<String> {
    let mut directory: Value =
        serde_json::from_str(first_contact_domain::directory::BUILT_IN_JSON)?;
    let municipalities: Vec<String> = directory["districts"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|district| {
            district["municipalities"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|municipality| municipality["id"].as_str().map(str::to_owned))
        .collect();
    let services: Vec<Value> = (0..SERVICES)
        .map(|n| {
            let place = &municipalities[n % municipalities.len()];
            json!({
                "id": format!("service-{n}"),
                "name": {"en": format!("Local service {n} in {place}"),
                         "sr-Latn": format!("Lokalna služba {n}, {place}")},
                "description": {"en": "Advice, accompaniment and referral to other services for people in need.",
                                "sr-Latn": "Savet, pratnja i upućivanje drugim službama za osobe u potrebi."},
                "categories": [CATEGORIES[n % CATEGORIES.len()]],
                "audiences": if n % 3 == 0 { json!(["children"]) } else { json!(["adults", "foreigners"]) },
                "area": {"scope": "municipalities", "ids": [place]},
                "phones": [{"number": format!("0{} {:03} {:03}", 10 + n % 90, n % 1000, (n * 7) % 1000),
                            "free_of_charge": n % 2 == 0,
                            "hours": if n % 4 == 0 { json!({"kind": "always"}) } else {
                                json!({"kind": "weekly", "slots": [{"days": ["mon", "tue", "wed", "thu", "fri"],
                                                                   "opens": "08:00", "closes": "16:00"}]}) },
                            "languages": if n % 5 == 0 { json!(["sr", "en", "ar"]) } else { json!(["sr"]) },
                            "note": null}],
                "address": null,
                "sensitivity": "public",
                "source": {"name": "Benchmark", "url": null, "as_of": "2026", "verified_on": "2026-11-01"}
            })
        })
        .collect();
    directory["version"] = json!("2027.1-bench");
    if let Some(organizations) = directory["organizations"].as_array_mut() {
        organizations.push(json!({
            "id": "local", "name": {"en": "Local services", "sr-Latn": "Lokalne službe"},
            "url": null, "services": services
        }));
    }
    Ok(directory.to_string())
}

fn main() -> anyhow::Result<()> {
    let runtime = tokio::runtime::Runtime::new()?;
    let dir = scratch()?;
    let center = runtime.block_on(start_center(&dir.path().join("center"), |_| {}))?;
    let app = runtime.block_on(enrolled_app(
        &dir.path().join("app"),
        &center,
        center.url(),
        Timeouts::default(),
    ))?;
    let published = large_directory()?;
    first_contact_center::admin::publish(&center.state, PublicationKind::Directory, &published)?;
    let started = Instant::now();
    runtime.block_on(first_contact_app::sync_once(&app, Timeouts::default()))?;
    let installed = started.elapsed();
    let mut app = app.lock().map_err(|e| anyhow::anyhow!("{e}"))?;
    let info = app.directory_info();
    anyhow::ensure!(
        info.from_center,
        "the published directory was not installed"
    );

    let queries: Vec<(&str, DirectoryQuery)> = vec![
        ("everything (no filter)", DirectoryQuery::default()),
        (
            "one word (\"pratnja\")",
            DirectoryQuery {
                text: "pratnja".into(),
                ..DirectoryQuery::default()
            },
        ),
        (
            "two Cyrillic words (\"локална служба\")",
            DirectoryQuery {
                text: "локална служба".into(),
                ..DirectoryQuery::default()
            },
        ),
        (
            "part of a number (\"123\")",
            DirectoryQuery {
                text: "123".into(),
                ..DirectoryQuery::default()
            },
        ),
        (
            "municipality + category + adults",
            DirectoryQuery {
                municipality: Some("kikinda".into()),
                category: Some(Category::ChildProtection),
                audience: Some(Audience::Adults),
                ..DirectoryQuery::default()
            },
        ),
        (
            "open now + Arabic",
            DirectoryQuery {
                language: Some("ar".into()),
                open_now: true,
                ..DirectoryQuery::default()
            },
        ),
    ];
    println!(
        "directory: {} services, installed by one sync pass in {}",
        SERVICES + 6,
        ms(installed)
    );
    println!("| query | hits | p50 | p99 |");
    println!("| --- | --- | --- | --- |");
    for (name, query) in &queries {
        let mut samples: Vec<Duration> = Vec::with_capacity(RUNS);
        let mut total = 0;
        for _ in 0..RUNS {
            let started = Instant::now();
            total = app.search_directory(query)?.total;
            samples.push(started.elapsed());
        }
        println!(
            "| {name} | {total} | {} | {} |",
            ms(percentile(&mut samples, 0.5)),
            ms(percentile(&mut samples, 0.99))
        );
    }
    drop(app);
    center.stop();
    Ok(())
}
