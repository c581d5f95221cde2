//! The anonymous notification: when an adult declines to be referred, the case still counts.
//! It carries only facts that cannot single the person out — sex, an age group, nationality,
//! the kinds of exploitation and a labour sector from fixed lists, the municipality, the agency
//! type, the screening outcome and the catalogue version. There is no field for a name, a date
//! of birth, a narrative or an exact place, and the parser refuses any field not listed here
//! (`deny_unknown_fields`): what the form cannot hold, it cannot leak. A child is never
//! notified anonymously; the children's rule refers and tells the Centre for Social Work.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assessment::Verdict;
use crate::data_file::{malformed, problem, Checked};
use crate::error::NotificationError;
use crate::referral::{is_country_code, ExploitationType};
use crate::screening::{AgencyType, Sex};

/// Version of the notification's schema inside the envelope (`payload_format`).
pub const NOTIFICATION_FORMAT: u32 = 1;

/// Every field a notification has, as serialised; a test holds the type to this list.
pub const NOTIFICATION_FIELDS: [&str; 10] = [
    "sex",
    "age_group",
    "nationality",
    "stateless",
    "exploitation_types",
    "labour_sector",
    "municipality",
    "agency",
    "screening_outcome",
    "catalogue_version",
];

const MAX_LABEL_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AnonymousNotification {
    pub sex: Sex,
    pub age_group: AgeGroup,
    /// ISO 3166-1 alpha-2 in capitals, or empty when not known.
    pub nationality: String,
    pub stateless: bool,
    pub exploitation_types: Vec<ExploitationType>,
    /// Only with labour exploitation or forced labour.
    pub labour_sector: Option<LabourSector>,
    /// A municipality id of the help directory, or empty; never a street or a site.
    pub municipality: String,
    pub agency: AgencyType,
    pub screening_outcome: Verdict,
    pub catalogue_version: String,
}

/// Adult age groups, wide enough that an age cannot be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum AgeGroup {
    #[serde(rename = "18_24")]
    From18To24,
    #[serde(rename = "25_34")]
    From25To34,
    #[serde(rename = "35_49")]
    From35To49,
    #[serde(rename = "50_plus")]
    From50,
}

impl AgeGroup {
    /// The group of an adult's age; none under 18 (a child is referred, never notified).
    pub fn of_adult(age: u32) -> Option<Self> {
        match age {
            0..=17 => None,
            18..=24 => Some(Self::From18To24),
            25..=34 => Some(Self::From25To34),
            35..=49 => Some(Self::From35To49),
            _ => Some(Self::From50),
        }
    }
}

/// Sectors of labour exploitation, after the ILO's broad groups; a list, not free text, so
/// that no employer's name can travel in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LabourSector {
    Agriculture,
    Construction,
    Manufacturing,
    HospitalityAndFood,
    DomesticWork,
    Cleaning,
    Care,
    Fishing,
    Transport,
    Retail,
    Entertainment,
    Other,
}

impl LabourSector {
    pub const ALL: [Self; 12] = [
        Self::Agriculture,
        Self::Construction,
        Self::Manufacturing,
        Self::HospitalityAndFood,
        Self::DomesticWork,
        Self::Cleaning,
        Self::Care,
        Self::Fishing,
        Self::Transport,
        Self::Retail,
        Self::Entertainment,
        Self::Other,
    ];
}

/// Parses a notification as the Center receives it: unknown fields are refused.
pub fn parse_notification(json: &str) -> Result<AnonymousNotification, NotificationError> {
    let notification: AnonymousNotification =
        serde_json::from_str(json).map_err(|error| NotificationError::from(malformed(&error)))?;
    check_notification(&notification)?;
    Ok(notification)
}

/// The rules a notification keeps beyond its shape, each naming its field.
pub fn check_notification(notification: &AnonymousNotification) -> Result<(), NotificationError> {
    check(notification).map_err(NotificationError::from)
}

fn check(n: &AnonymousNotification) -> Checked {
    let nationality = n.nationality.as_str();
    if !nationality.is_empty() && !is_country_code(nationality) {
        return Err(problem(
            "nationality",
            format!("`{nationality}` is not a country code (ISO 3166-1 alpha-2)"),
        ));
    }
    if n.stateless && !nationality.is_empty() {
        return Err(problem(
            "nationality",
            "a stateless person has no nationality",
        ));
    }
    for (i, kind) in n.exploitation_types.iter().enumerate() {
        if n.exploitation_types[..i].contains(kind) {
            return Err(problem(
                "exploitation_types",
                format!("{kind:?} appears twice"),
            ));
        }
    }
    let labour = n.exploitation_types.iter().any(|kind| kind.is_labour());
    if n.labour_sector.is_some() && !labour {
        return Err(problem(
            "labour_sector",
            "a labour sector goes with labour exploitation or forced labour only",
        ));
    }
    let municipality = n.municipality.as_str();
    let identifier = municipality
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !identifier || municipality.chars().count() > MAX_LABEL_CHARS {
        return Err(problem(
            "municipality",
            "a municipality id of the directory (a-z, 0-9, -), or empty",
        ));
    }
    let version = n.catalogue_version.trim();
    if version.is_empty() || version.chars().count() > MAX_LABEL_CHARS {
        return Err(problem(
            "catalogue_version",
            format!("1 to {MAX_LABEL_CHARS} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
