//! Enrollment at the Center: issuing one-time codes, proving the Center's identity to a device
//! that holds a code, and turning a code into a device credential. Device credentials are
//! checked here too.

use chrono::Duration;
use first_contact_protocol::api::enrollment::{
    proof_from_digest, same_secret, EnrollmentCode, EnrollmentGrant, EnrollmentProof,
    EnrollmentRequest,
};
use first_contact_protocol::api::errors::ErrorCode;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::db::codes::{self, CodeRecord};
use crate::db::devices::{self, DeviceListing, DeviceRecord};
use crate::error::CenterError;
use crate::failure::ApiFailure;
use crate::state::{timestamp, CenterState};

fn invalid_code() -> ApiFailure {
    ApiFailure::new(
        ErrorCode::EnrollmentCodeInvalid,
        "this enrollment code is unknown, used or expired",
    )
}

/// Creates a one-time code for `officer` of `agency`, valid for `valid_for`.
pub fn issue_code(
    state: &CenterState,
    connection: &Connection,
    agency: &str,
    officer: &str,
    valid_for: Duration,
) -> Result<(EnrollmentCode, String), CenterError> {
    if agency.trim().is_empty() || officer.trim().is_empty() {
        return Err(CenterError::Invalid(
            "an agency and an officer are needed".into(),
        ));
    }
    // The first group names the code, so it must be unique among all codes ever issued.
    let code = loop {
        let candidate = EnrollmentCode::generate()?;
        if !codes::exists(connection, candidate.id())? {
            break candidate;
        }
    };
    let now = state.now();
    let expires_at = timestamp(now + valid_for);
    codes::insert(
        connection,
        &CodeRecord {
            code_id: code.id().to_owned(),
            digest: code.digest(),
            agency: agency.trim().to_owned(),
            officer: officer.trim().to_owned(),
            created_at: timestamp(now),
            expires_at: expires_at.clone(),
            used_at: None,
            failed_attempts: 0,
        },
    )?;
    Ok((code, expires_at))
}

pub fn proof(
    state: &CenterState,
    connection: &Connection,
    code_id: &str,
) -> Result<EnrollmentProof, ApiFailure> {
    let code_id = code_id.trim().to_ascii_uppercase();
    let record = codes::find(connection, &code_id)?.ok_or_else(invalid_code)?;
    if !record.usable(&state.now_text()) {
        return Err(invalid_code());
    }
    let center = state.identity();
    Ok(EnrollmentProof {
        proof: proof_from_digest(&record.digest, &state.ca_der, &center)
            .map_err(|e| ApiFailure::unavailable(e.to_string()))?,
        ca_certificate_pem: state.ca_pem.clone(),
        center,
    })
}

/// The most characters of a device name.
pub const MAX_DEVICE_NAME_CHARS: usize = 200;

/// What can be checked of an enrollment request before the database is asked: the code's
/// form and the device name. Answers the normalised code and the trimmed name.
pub fn check_request(request: &EnrollmentRequest) -> Result<(EnrollmentCode, &str), ApiFailure> {
    let code = EnrollmentCode::parse(&request.code).map_err(|_| invalid_code())?;
    let device_name = request.device_name.trim();
    if device_name.is_empty() || device_name.chars().count() > MAX_DEVICE_NAME_CHARS {
        return Err(ApiFailure::malformed(format!(
            "device_name must have 1 to {MAX_DEVICE_NAME_CHARS} characters"
        )));
    }
    Ok((code, device_name))
}

pub fn enroll(
    state: &CenterState,
    connection: &mut Connection,
    request: &EnrollmentRequest,
) -> Result<EnrollmentGrant, ApiFailure> {
    let (code, device_name) = check_request(request)?;
    let now = state.now_text();
    let transaction = connection.transaction()?;
    let record = codes::find(&transaction, code.id())?.ok_or_else(invalid_code)?;
    if !record.usable(&now) {
        return Err(invalid_code());
    }
    if !same_secret(&record.digest, &code.digest()) {
        codes::record_failure(&transaction, code.id())?;
        transaction.commit()?;
        return Err(invalid_code());
    }
    let device_id = uuid::Uuid::now_v7();
    let secret = random_secret().map_err(|e| ApiFailure::unavailable(e.to_string()))?;
    if !codes::mark_used(&transaction, code.id(), &device_id.to_string(), &now)? {
        return Err(invalid_code());
    }
    devices::insert(
        &transaction,
        &DeviceRecord {
            credential_digest: credential_digest(&secret),
            device: DeviceListing {
                id: device_id.to_string(),
                name: device_name.to_owned(),
                agency: record.agency.clone(),
                officer: record.officer.clone(),
                enrolled_at: now,
                revoked_at: None,
                last_seen_at: None,
            },
        },
    )?;
    transaction.commit()?;
    Ok(EnrollmentGrant {
        device_id,
        credential: secret,
        agency: record.agency,
        officer: record.officer,
        center: state.identity(),
    })
}

/// The enrolled, unrevoked device a bearer header names.
pub fn authenticate(
    connection: &Connection,
    authorization: Option<&str>,
) -> Result<String, ApiFailure> {
    let (device_id, secret) = authorization
        .and_then(first_contact_protocol::api::parse_bearer)
        .ok_or_else(ApiFailure::unauthorized)?;
    let record =
        devices::find(connection, &device_id.to_string())?.ok_or_else(ApiFailure::unauthorized)?;
    if record.device.revoked_at.is_some()
        || !same_secret(&record.credential_digest, &credential_digest(secret))
    {
        return Err(ApiFailure::unauthorized());
    }
    Ok(record.device.id)
}

fn credential_digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn random_secret() -> Result<String, CenterError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| CenterError::Keys(format!("no randomness: {e}")))?;
    Ok(hex::encode(bytes))
}
