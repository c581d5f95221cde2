//! Intake: storing delivered envelopes, idempotently. One batch is one transaction; each item
//! gets its own result. A repeat of a stored id with the same bytes (from the same device) gets
//! the stored receipt again, byte for byte; any other repeat is a conflict for that item only.

use chrono::Datelike;
use first_contact_protocol::api::delivery::{
    envelope_digest, DeliveryBatch, DeliveryItem, DeliveryResults, ItemOutcome, ItemResult, Receipt,
};
use first_contact_protocol::api::errors::ErrorCode;
use first_contact_protocol::api::MAX_BATCH_ITEMS;
use first_contact_protocol::{EnvelopeKind, Purpose, SignedDocument};
use rusqlite::Connection;

use crate::db::envelopes::{self, EnvelopeRecord};
use crate::failure::ApiFailure;
use crate::state::CenterState;

/// The largest sealed envelope accepted: the plaintext bound plus age's overhead.
pub const MAX_ENVELOPE_BYTES: usize =
    first_contact_protocol::envelope::MAX_PLAINTEXT_BYTES + 64 * 1024;
const MAX_LABEL_CHARS: usize = 64;

pub fn deliver(
    state: &CenterState,
    connection: &mut Connection,
    device_id: &str,
    batch: &DeliveryBatch,
) -> Result<DeliveryResults, ApiFailure> {
    check_batch(batch)?;
    let received_at = state.now_text();
    let year = state.now().year();
    let transaction = connection.transaction()?;
    let mut results = Vec::with_capacity(batch.items.len());
    for item in &batch.items {
        let outcome = match accept(state, &transaction, device_id, item, &received_at, year)? {
            Ok(receipt) => ItemOutcome::Accepted { receipt },
            Err(rejection) => ItemOutcome::Rejected {
                status: rejection.code.http_status(),
                code: rejection.code,
                message: rejection.message,
            },
        };
        results.push(ItemResult {
            id: item.id.clone(),
            outcome,
        });
    }
    crate::db::devices::touch(&transaction, device_id, &received_at)?;
    transaction.commit()?;
    Ok(DeliveryResults { results })
}

/// The outer result fails the whole batch (storage); the inner one is this item's answer.
fn accept(
    state: &CenterState,
    connection: &Connection,
    device_id: &str,
    item: &DeliveryItem,
    received_at: &str,
    year: i32,
) -> Result<Result<SignedDocument, ApiFailure>, ApiFailure> {
    let bytes = match check(connection, device_id, item)? {
        Ok(bytes) => bytes,
        Err(rejection) => return Ok(Err(rejection)),
    };
    if let Err(rejection) = check_recipient(item, &state.keys.recipient.to_string()) {
        return Ok(Err(rejection));
    }
    let sha256 = envelope_digest(&bytes);
    if let Some(stored) = envelopes::find(connection, &item.id)? {
        if stored.sha256 == sha256 && stored.device_id == device_id {
            let receipt = serde_json::from_str(&stored.receipt)
                .map_err(|e| ApiFailure::unavailable(format!("stored receipt: {e}")))?;
            return Ok(Ok(receipt));
        }
        return Ok(Err(ApiFailure::new(
            ErrorCode::Conflict,
            "an envelope with this id was delivered before with other bytes",
        )));
    }
    let number = envelopes::next_number(connection)?;
    let center_reference = format!("CTR-{year}-{number:06}");
    let receipt = Receipt {
        id: item.id.clone(),
        kind: item.kind,
        device_id: uuid::Uuid::parse_str(device_id)
            .map_err(|e| ApiFailure::unavailable(format!("stored device id: {e}")))?,
        center_reference: center_reference.clone(),
        received_at: received_at.to_owned(),
        sha256: sha256.clone(),
    };
    let signed = state
        .keys
        .signer
        .sign(Purpose::Receipt, &receipt)
        .map_err(|e| ApiFailure::unavailable(e.to_string()))?;
    let stored_receipt =
        serde_json::to_string(&signed).map_err(|e| ApiFailure::unavailable(e.to_string()))?;
    envelopes::insert(
        connection,
        &EnvelopeRecord {
            number,
            id: item.id.clone(),
            kind: item.kind.as_str().to_owned(),
            regarding: item.regarding.clone(),
            device_id: device_id.to_owned(),
            center_reference,
            payload_format: item.payload_format,
            catalogue_version: item.catalogue_version.clone(),
            created_at: item.created_at.clone(),
            received_at: received_at.to_owned(),
            sha256,
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            receipt: stored_receipt,
            purged_at: None,
        },
        &bytes,
    )?;
    Ok(Ok(signed))
}

/// A batch has 1 to [`MAX_BATCH_ITEMS`] items; any other is refused as a whole.
pub fn check_batch(batch: &DeliveryBatch) -> Result<(), ApiFailure> {
    if batch.items.is_empty() || batch.items.len() > MAX_BATCH_ITEMS {
        return Err(ApiFailure::malformed(format!(
            "a batch has 1 to {MAX_BATCH_ITEMS} items"
        )));
    }
    Ok(())
}

/// The item's envelope bytes if the item is well formed.
fn check(
    connection: &Connection,
    device_id: &str,
    item: &DeliveryItem,
) -> Result<Result<Vec<u8>, ApiFailure>, ApiFailure> {
    let bytes = match check_item(item) {
        Ok(bytes) => bytes,
        Err(rejection) => return Ok(Err(rejection)),
    };
    if let (EnvelopeKind::Reconsideration, Some(regarding)) = (item.kind, &item.regarding) {
        let known = envelopes::find(connection, regarding)?;
        let own_referral = known
            .is_some_and(|referral| referral.kind == "referral" && referral.device_id == device_id);
        if !own_referral {
            return Ok(Err(ApiFailure::malformed(
                "the referral this regards was not delivered by this device",
            )));
        }
    }
    Ok(Ok(bytes))
}

/// An item declaring another recipient was sealed for another Center: this one could not open
/// it, so it gets no receipt (which would let the device delete it). Checked without opening.
pub fn check_recipient(item: &DeliveryItem, own: &str) -> Result<(), ApiFailure> {
    if item.recipient == own {
        Ok(())
    } else {
        Err(ApiFailure::new(
            ErrorCode::WrongRecipient,
            format!(
                "the envelope was sealed to {}, not to this Center's key",
                item.recipient.chars().take(80).collect::<String>()
            ),
        ))
    }
}

/// Everything about an item that can be checked without the database: its id, labels, the
/// size and form of its envelope, and whether its kind has a `regarding`. Answers the decoded
/// envelope bytes. A reconsideration's `regarding` is then looked up by [`deliver`].
pub fn check_item(item: &DeliveryItem) -> Result<Vec<u8>, ApiFailure> {
    let reject = |message: String| Err(ApiFailure::malformed(message));
    if uuid::Uuid::parse_str(&item.id).is_err() {
        return reject("the id is not a UUID".into());
    }
    for (field, value) in [
        ("catalogue_version", &item.catalogue_version),
        ("created_at", &item.created_at),
    ] {
        if value.trim().is_empty() || value.chars().count() > MAX_LABEL_CHARS {
            return reject(format!(
                "{field} must have 1 to {MAX_LABEL_CHARS} characters"
            ));
        }
    }
    // Declared a date-time in openapi.yaml; a reader of the stored metadata relies on it.
    if chrono::DateTime::parse_from_rfc3339(&item.created_at).is_err() {
        return reject("created_at is not an RFC 3339 date-time".into());
    }
    if item.envelope.len() > MAX_ENVELOPE_BYTES.div_ceil(3) * 4 + 4 {
        return reject(format!(
            "the envelope is larger than {MAX_ENVELOPE_BYTES} bytes"
        ));
    }
    let Ok(bytes) = item.decode_envelope() else {
        return reject("the envelope is not base64".into());
    };
    if bytes.len() > MAX_ENVELOPE_BYTES {
        return reject(format!(
            "the envelope is larger than {MAX_ENVELOPE_BYTES} bytes"
        ));
    }
    if let Err(problem) = crate::age_file::check(&bytes) {
        return reject(problem.to_string());
    }
    match (item.kind, &item.regarding) {
        (EnvelopeKind::Referral, None) | (EnvelopeKind::Reconsideration, Some(_)) => {}
        (EnvelopeKind::Referral, Some(_)) => {
            return reject("a referral is not regarding anything".into());
        }
        (EnvelopeKind::Reconsideration, None) => {
            return reject("a reconsideration request names the referral it regards".into());
        }
    }
    Ok(bytes)
}
