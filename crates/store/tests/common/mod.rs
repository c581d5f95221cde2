//! Shared fixtures of the store tests.

#![allow(dead_code)]

use first_contact_domain::{AgencyType, PersonBasics, Profile, Screening, ScreeningContext};
use first_contact_store::KdfParams;

pub const PASSPHRASE: &str = "blue kettle 1987 morning";
/// A cheaper derivation than production, still above the store's minimum, to keep tests quick.
pub const KDF: KdfParams = KdfParams::MINIMUM;

pub fn profile() -> Profile {
    Profile {
        display_name: "Inspector Zorica Marković".into(),
        agency: AgencyType::LabourInspection,
        created_at: "2026-11-28T10:00:00Z".into(),
    }
}

pub fn screening(id: &str, alias: &str) -> Screening {
    Screening {
        id: id.into(),
        created_at: "2026-11-28T10:00:00Z".into(),
        updated_at: "2026-11-28T10:00:00Z".into(),
        context: ScreeningContext {
            place: "Farma Vojvodina Kikinda".into(),
            contact_date: "2026-11-27".into(),
            ..ScreeningContext::default()
        },
        person: PersonBasics {
            alias: alias.into(),
            ..PersonBasics::default()
        },
        indicator_set: "ilo-adults-labour".into(),
        observations: vec![],
        child_act: None,
    }
}

/// Every byte of every file in `directory`.
pub fn all_bytes(directory: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(directory).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
            files.push((path.display().to_string(), bytes));
        }
    }
    files.sort();
    files
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}
