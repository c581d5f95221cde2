//! What Center staff do, as functions over the Center's state: the `center admin` command line
//! is a thin layer over these, and tests call them directly.

use chrono::Duration;
use first_contact_protocol::api::enrollment::EnrollmentFile;
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{EnvelopeKind, EnvelopeMeta};
use serde::Serialize;

use crate::db::decisions;
pub use crate::db::decisions::DecisionListing;
pub use crate::db::devices::DeviceListing;
use crate::db::devices::{self, DeviceRecord};
use crate::db::envelopes::{self, EnvelopeRecord};
use crate::decisions::DecisionInput;
use crate::error::CenterError;
use crate::printable::printable;
use crate::state::CenterState;

/// How long a new code stays usable unless staff say otherwise: long enough to hand it over and
/// use it the same working day, short enough that a code written down and lost soon expires.
pub const DEFAULT_CODE_VALID_HOURS: u32 = 8;

/// A code to give an officer, and the file form of it.
#[derive(Debug, Clone, Serialize)]
pub struct IssuedCode {
    pub code: String,
    pub expires_at: String,
    pub agency: String,
    pub officer: String,
    /// What the device will pin, digested: to compare out of band with what the app shows.
    pub center_fingerprint: String,
    pub file: Option<EnrollmentFile>,
}

pub fn issue_code(
    state: &CenterState,
    agency: &str,
    officer: &str,
    valid_for: Duration,
    center_address: Option<&str>,
) -> Result<IssuedCode, CenterError> {
    let connection = state.database()?;
    let (code, expires_at) =
        crate::enrollment::issue_code(state, &connection, agency, officer, valid_for)?;
    Ok(IssuedCode {
        file: center_address.map(|address| EnrollmentFile {
            first_contact_enrollment: 1,
            center_address: address.to_owned(),
            code: code.display(),
            expires_at: expires_at.clone(),
            center_fingerprint: Some(state.fingerprint()),
        }),
        code: code.display(),
        expires_at,
        center_fingerprint: state.fingerprint(),
        agency: agency.trim().to_owned(),
        officer: officer.trim().to_owned(),
    })
}

/// The device as staff see it. The name is the device's own, sent at enrollment: it is made
/// printable here, once, for every way staff see it. Agency and officer are typed by staff,
/// but pass the same filter.
pub fn for_staff(record: DeviceRecord) -> DeviceListing {
    let device = record.device;
    DeviceListing {
        name: printable(&device.name),
        agency: printable(&device.agency),
        officer: printable(&device.officer),
        ..device
    }
}

pub fn devices(state: &CenterState) -> Result<Vec<DeviceListing>, CenterError> {
    let connection = state.database()?;
    Ok(devices::list(&connection)?
        .into_iter()
        .map(for_staff)
        .collect())
}

pub fn revoke(state: &CenterState, device_id: &str) -> Result<(), CenterError> {
    let connection = state.database()?;
    if devices::find(&connection, device_id)?.is_none() {
        return Err(CenterError::NotFound(format!("device {device_id}")));
    }
    if !devices::revoke(&connection, device_id, &state.now_text())? {
        return Err(CenterError::Invalid(format!(
            "device {device_id} is revoked already"
        )));
    }
    Ok(())
}

/// A received envelope as staff see it in a list: no content.
#[derive(Debug, Clone, Serialize)]
pub struct EnvelopeListing {
    pub id: String,
    pub center_reference: String,
    pub kind: String,
    pub regarding: Option<String>,
    pub device_id: String,
    pub received_at: String,
    pub size: i64,
    pub sha256: String,
    pub purged: bool,
    /// For a referral, its latest decision; for a reconsideration, the decision answering it.
    pub decision: Option<DecisionListing>,
}

fn listing(
    connection: &rusqlite::Connection,
    record: EnvelopeRecord,
) -> Result<EnvelopeListing, CenterError> {
    let decision = if record.kind == "referral" {
        decisions::for_referral(connection, &record.id)?.pop()
    } else {
        decisions::answering(connection, &record.id)?
    };
    Ok(EnvelopeListing {
        decision: decision.map(|stored| stored.decision),
        purged: record.purged_at.is_some(),
        id: record.id,
        center_reference: record.center_reference,
        kind: record.kind,
        regarding: record.regarding,
        device_id: record.device_id,
        received_at: record.received_at,
        size: record.size,
        sha256: record.sha256,
    })
}

/// Received envelopes of `kind`, in the order received.
pub fn received(
    state: &CenterState,
    kind: EnvelopeKind,
) -> Result<Vec<EnvelopeListing>, CenterError> {
    let connection = state.database()?;
    envelopes::list(&connection, kind.as_str())?
        .into_iter()
        .map(|record| listing(&connection, record))
        .collect()
}

/// An envelope opened with the Center's key, and its history.
#[derive(Debug, Clone, Serialize)]
pub struct OpenedEnvelope {
    pub listing: EnvelopeListing,
    pub payload: serde_json::Value,
    pub decisions: Vec<DecisionListing>,
}

pub fn open(state: &CenterState, key: &str) -> Result<OpenedEnvelope, CenterError> {
    let connection = state.database()?;
    let record = envelopes::find_by_id_or_reference(&connection, key)?
        .ok_or_else(|| CenterError::NotFound(format!("envelope {key}")))?;
    let bytes = envelopes::bytes(&connection, &record.id)?.ok_or_else(|| {
        CenterError::NotFound(format!(
            "the sealed bytes of {key} were emptied after the retention period"
        ))
    })?;
    let kind = EnvelopeKind::parse(&record.kind)
        .ok_or_else(|| CenterError::Invalid(format!("stored kind {:?}", record.kind)))?;
    let expected = EnvelopeMeta {
        kind,
        id: record.id.clone(),
        payload_format: record.payload_format,
        catalogue_version: record.catalogue_version.clone(),
        created_at: record.created_at.clone(),
    };
    // Read now and dropped when this returns: the serving Center never holds it.
    let identity = state.keys.opening_identity()?;
    let payload: serde_json::Value = first_contact_protocol::open(&bytes, &identity, &expected)?;
    let history_of = record
        .regarding
        .clone()
        .unwrap_or_else(|| record.id.clone());
    let decisions = decisions::for_referral(&connection, &history_of)?
        .into_iter()
        .map(|stored| stored.decision)
        .collect();
    Ok(OpenedEnvelope {
        listing: listing(&connection, record)?,
        payload,
        decisions,
    })
}

/// An anonymous notification as staff see it: when it came, and its non-identifying facts, or
/// why they could not be read (a payload outside the whitelist is never shown).
#[derive(Debug, Clone, Serialize)]
pub struct NotificationListing {
    pub center_reference: String,
    pub device_id: String,
    pub received_at: String,
    pub notification: Option<first_contact_domain::notification::AnonymousNotification>,
    pub problem: Option<String>,
}

/// The anonymous notifications received, counted apart from referrals.
#[derive(Debug, Clone, Serialize)]
pub struct NotificationReport {
    pub count: usize,
    pub notifications: Vec<NotificationListing>,
}

/// Every anonymous notification, opened with the Center's key and read with the domain's own
/// parser, so that a field outside the whitelist is refused here too.
pub fn notifications(state: &CenterState) -> Result<NotificationReport, CenterError> {
    let connection = state.database()?;
    let identity = state.keys.opening_identity()?;
    let mut notifications = Vec::new();
    for record in envelopes::list(&connection, EnvelopeKind::Notification.as_str())? {
        let read = match envelopes::bytes(&connection, &record.id)? {
            None => Err("the sealed bytes were emptied after the retention period".to_owned()),
            Some(bytes) => {
                let expected = EnvelopeMeta {
                    kind: EnvelopeKind::Notification,
                    id: record.id.clone(),
                    payload_format: record.payload_format,
                    catalogue_version: record.catalogue_version.clone(),
                    created_at: record.created_at.clone(),
                };
                first_contact_protocol::open::<serde_json::Value>(&bytes, &identity, &expected)
                    .map_err(|error| error.to_string())
                    .and_then(|payload| {
                        first_contact_domain::notification::parse_notification(&payload.to_string())
                            .map_err(|error| error.to_string())
                    })
            }
        };
        let (notification, problem) = match read {
            Ok(notification) => (Some(notification), None),
            Err(problem) => (None, Some(problem)),
        };
        notifications.push(NotificationListing {
            center_reference: record.center_reference,
            device_id: record.device_id,
            received_at: record.received_at,
            notification,
            problem,
        });
    }
    Ok(NotificationReport {
        count: notifications.len(),
        notifications,
    })
}

pub fn decide(
    state: &CenterState,
    input: &DecisionInput,
) -> Result<first_contact_protocol::api::feedback::Decision, CenterError> {
    let mut connection = state.database()?;
    crate::decisions::record(state, &mut connection, input)
}

pub fn publish(
    state: &CenterState,
    kind: PublicationKind,
    content_json: &str,
) -> Result<Publication, CenterError> {
    let connection = state.database()?;
    crate::publishing::publish(state, &connection, kind, content_json)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/protocol.md documents this output of `center admin enroll --json` member by member.
    #[test]
    fn an_issued_code_prints_as_documented() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let config = crate::CenterConfig::new(dir.path());
        let (state, _) =
            crate::open(&config, crate::system_clock()).unwrap_or_else(|e| panic!("{e}"));
        let issued = issue_code(&state, " Agency ", "Officer", Duration::hours(8), None)
            .unwrap_or_else(|e| panic!("{e}"));
        // What the command prints, member order included.
        let text = serde_json::to_string_pretty(&issued).unwrap_or_else(|e| panic!("{e}"));
        let members = [
            "code",
            "expires_at",
            "agency",
            "officer",
            "center_fingerprint",
            "file",
        ];
        let order: Vec<Option<usize>> = members
            .iter()
            .map(|member| text.find(&format!("\n  \"{member}\": ")))
            .collect();
        assert!(order.iter().all(Option::is_some), "{text}");
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json.as_object().map(serde_json::Map::len), Some(6));
        assert_eq!(json["center_fingerprint"], state.fingerprint());
        assert_eq!(json["agency"], "Agency");
        assert_eq!(json["file"], serde_json::Value::Null);
        let code = json["code"].as_str().unwrap_or_default();
        assert_eq!(code.split('-').count(), 6, "{code}");
        let expires = json["expires_at"].as_str().unwrap_or_default();
        assert!(chrono::DateTime::parse_from_rfc3339(expires).is_ok() && expires.ends_with('Z'));

        let with_file = issue_code(&state, "A", "O", Duration::hours(1), Some("https://c:1"))
            .unwrap_or_else(|e| panic!("{e}"));
        let json = serde_json::to_value(&with_file).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["file"]["first_contact_enrollment"], 1);
        assert_eq!(json["file"]["code"], json["code"]);
        assert_eq!(json["file"]["expires_at"], json["expires_at"]);
        assert_eq!(json["file"]["center_address"], "https://c:1");
        assert_eq!(
            json["file"]["center_fingerprint"],
            json["center_fingerprint"]
        );
    }
}
