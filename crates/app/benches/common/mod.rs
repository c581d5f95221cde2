//! Shared by the app's benchmarks: a realistic referral, percentile arithmetic, and an app
//! with a profile enrolled with a running Center.

#![allow(dead_code)]

use std::time::Duration;

use std::sync::{Arc, Mutex};

use first_contact_app::{
    enroll, App, AppConfig, EnrollApproval, EnrollInput, NewProfile, SharedApp, SystemClock,
};
use first_contact_center::RunningCenter;
use first_contact_domain::referral::{DetectionMethod, ExploitationType, Place, Referral};
use first_contact_domain::AgencyType;
use first_contact_domain::{Learnt, Observation};
use first_contact_store::KdfParams;
use first_contact_sync::Timeouts;

pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

pub fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1000.0)
}

/// A referral as a worker would write it: every section filled, ten observations with notes,
/// a narrative of a few paragraphs.
pub fn realistic(mut r: Referral, n: usize) -> Referral {
    r.referrer.officer_contact = "+381 64 123 4567, inspekcija.kikinda@example.org".into();
    r.contact.place = "Orchard on the road from Kikinda to Mokrin".into();
    r.contact.circumstances = "Routine labour inspection after a complaint by a neighbour about \
        workers sleeping in a shed; eleven workers found, four without documents."
        .into();
    r.contact.detection = Some(DetectionMethod::Inspection);
    r.person.name = format!("Amina H. {n}");
    r.person.estimated_age = Some(29);
    r.person.nationality = "SY".into();
    r.person.languages = vec!["ar".into(), "en".into()];
    r.person.interpreter_used = true;
    r.places.recruitment = Place {
        country: "TR".into(),
        locality: "Istanbul".into(),
        from: "2026-03".into(),
        to: "2026-04".into(),
    };
    r.places.exploitation = Place {
        country: "RS".into(),
        locality: "Kikinda".into(),
        from: "2026-05".into(),
        to: String::new(),
    };
    r.exploitation.types = vec![ExploitationType::LabourExploitation];
    r.exploitation.labour_sector = "agriculture".into();
    r.indicators.indicator_set = "ilo-adults-labour".into();
    r.indicators.observations = [
        "DR.nature-of-job",
        "DR.wages",
        "CR.documents",
        "AVR.irregular-status",
        "AVR.economic-reasons",
        "EX.excessive-hours",
        "EX.low-pay",
        "EX.bad-living",
        "CD.documents",
        "CD.debt-bondage",
    ]
    .iter()
    .map(|k| Observation {
        indicator: (*k).into(),
        learnt: Learnt::Disclosed,
        note: "Said the employer keeps the passports in the office safe and pays nothing until \
               the travel debt is repaid."
            .into(),
    })
    .collect();
    r.indicators.narrative = "She was promised work in a hotel in Belgrade by a man who paid \
        for the journey; on arrival she was taken to the orchard, her passport was taken 'for \
        registration', and she was told she owed 3,000 euros for travel and housing. She works \
        from dawn until dark, six or seven days a week, sleeps in a shed with other women and \
        has received no wages in three months. She is afraid of the foreman, who has threatened \
        to report her to the police. "
        .repeat(3);
    r.needs.medical = true;
    r.needs.shelter = true;
    r.needs.note = "Needs a doctor for a hand injury.".into();
    r.risks.to_person = true;
    r.risks.note = "The foreman knows where she sleeps.".into();
    r.consent.consent_to_referral = true;
    r.consent.consent_to_data_processing = true;
    r.consent.consent_language = "ar".into();
    r
}

pub const PASSPHRASE: &str = "benchmark passphrase 2026";

/// A one-hour enrollment code for `officer`, issued by `center`.
pub fn enrollment_code(center: &RunningCenter, officer: &str) -> anyhow::Result<String> {
    Ok(first_contact_center::admin::issue_code(
        &center.state,
        "Labour inspectorate",
        officer,
        chrono::Duration::hours(1),
        None,
    )?
    .code)
}

/// An app over `dir` with a profile (the fastest key stretching: the benchmarks time other
/// things), enrolled with `center` through `address`: its own, or a relay's in front of it.
pub async fn enrolled_app(
    dir: &std::path::Path,
    center: &RunningCenter,
    address: String,
    timeouts: Timeouts,
) -> anyhow::Result<SharedApp> {
    let mut config = AppConfig::new(dir);
    config.kdf = KdfParams::MINIMUM;
    let mut app = App::open(config, Box::new(SystemClock))?;
    app.create_profile(NewProfile {
        display_name: "Bench".into(),
        agency: AgencyType::LabourInspection,
        passphrase: PASSPHRASE.into(),
        passphrase_confirmation: PASSPHRASE.into(),
    })?;
    let app: SharedApp = Arc::new(Mutex::new(app));
    let input = EnrollInput {
        center_address: address,
        code: enrollment_code(center, "Bench")?,
        enrollment_file: None,
    };
    let approval = EnrollApproval {
        passphrase: PASSPHRASE.into(),
        accept_center: None,
    };
    enroll(&app, &input, &approval, "bench", timeouts).await?;
    Ok(app)
}
