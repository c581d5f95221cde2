//! Intake: storing delivered envelopes, idempotently, for both delivery routes (the JSON one,
//! `POST /v1/envelopes`, and the binary one, `POST /v1/deliveries`). One batch is one
//! transaction; each item gets its own result. A repeat of a stored id with the same bytes
//! (from the same device) gets the stored receipt again, byte for byte; any other repeat is a
//! conflict for that item only. Every stored envelope keeps its own signed receipt, whichever
//! route brought it, so either route can answer a retry.

use std::borrow::Cow;

use chrono::Datelike;
use first_contact_protocol::api::batch_receipt::{BatchItem, BatchReceipt};
use first_contact_protocol::api::delivery::{
    envelope_digest, DeliveryBatch, DeliveryItem, DeliveryResults, ItemOutcome, ItemResult, Receipt,
};
use first_contact_protocol::api::errors::ErrorCode;
use first_contact_protocol::api::frame::{FramedBatch, FramedItem};
use first_contact_protocol::api::MAX_BATCH_ITEMS;
use first_contact_protocol::{EnvelopeKind, Purpose, SignedDocument};
use rusqlite::Connection;

use crate::db::envelopes::{self, EnvelopeRecord};
use crate::failure::ApiFailure;
use crate::state::CenterState;

/// The largest sealed envelope accepted: the plaintext bound plus age's overhead.
pub const MAX_ENVELOPE_BYTES: usize = first_contact_protocol::api::MAX_ENVELOPE_BYTES;
const MAX_LABEL_CHARS: usize = 64;

/// An item's outside metadata, as either route carries it.
#[derive(Debug, Clone, Copy)]
pub struct ItemMeta<'a> {
    pub id: &'a str,
    pub kind: EnvelopeKind,
    pub regarding: Option<&'a str>,
    pub payload_format: u32,
    pub catalogue_version: &'a str,
    pub created_at: &'a str,
    pub recipient: &'a str,
}

/// Both item types carry the outside labels under the same names: one projection for both.
macro_rules! item_meta {
    ($item:expr, $recipient:expr) => {
        ItemMeta {
            id: &$item.id,
            kind: $item.kind,
            regarding: $item.regarding.as_deref(),
            payload_format: $item.payload_format,
            catalogue_version: &$item.catalogue_version,
            created_at: &$item.created_at,
            recipient: $recipient,
        }
    };
}

impl<'a> ItemMeta<'a> {
    fn of_json(item: &'a DeliveryItem) -> Self {
        item_meta!(item, &item.recipient)
    }

    fn of_frame(item: &'a FramedItem, recipient: &'a str) -> Self {
        item_meta!(item, recipient)
    }
}

/// What an accepted item is answered with: its signed receipt (the JSON route's answer, and
/// what is stored) and that receipt's content (what a batch receipt lists).
struct Accepted {
    signed: SignedDocument,
    receipt: Receipt,
}

/// An item's id and its answer.
type Settled = (String, Result<Accepted, ApiFailure>);

/// Runs `items` (each checked already: its bytes, or why it is refused) through one
/// transaction; one answer per item, in order.
fn settle<'a>(
    state: &CenterState,
    connection: &mut Connection,
    device_id: &str,
    items: impl Iterator<Item = (ItemMeta<'a>, Result<Cow<'a, [u8]>, ApiFailure>)>,
) -> Result<Vec<Settled>, ApiFailure> {
    let received_at = state.now_text();
    let year = state.now().year();
    let transaction = connection.transaction()?;
    let mut results = Vec::new();
    for (meta, bytes) in items {
        let outcome = match bytes {
            Ok(bytes) => accept(
                state,
                &transaction,
                device_id,
                &meta,
                &bytes,
                &received_at,
                year,
            )?,
            Err(rejection) => Err(rejection),
        };
        results.push((meta.id.to_owned(), outcome));
    }
    crate::db::devices::touch(&transaction, device_id, &received_at)?;
    transaction.commit()?;
    Ok(results)
}

/// The JSON route: one signed receipt per accepted item.
pub fn deliver(
    state: &CenterState,
    connection: &mut Connection,
    device_id: &str,
    batch: &DeliveryBatch,
) -> Result<DeliveryResults, ApiFailure> {
    check_batch(batch)?;
    let items = batch
        .items
        .iter()
        .map(|item| (ItemMeta::of_json(item), check_item(item).map(Cow::Owned)));
    let results = settle(state, connection, device_id, items)?
        .into_iter()
        .map(|(id, outcome)| ItemResult {
            id,
            outcome: match outcome {
                Ok(accepted) => ItemOutcome::Accepted {
                    receipt: accepted.signed,
                },
                Err(rejection) => ItemOutcome::Rejected {
                    status: rejection.code.http_status(),
                    code: rejection.code,
                    message: rejection.message,
                },
            },
        })
        .collect();
    Ok(DeliveryResults { results })
}

/// The binary route: one signed batch receipt for the whole batch. The frame's parser has
/// bounded the item count already.
pub fn deliver_framed(
    state: &CenterState,
    connection: &mut Connection,
    device_id: &str,
    batch: &FramedBatch,
) -> Result<SignedDocument, ApiFailure> {
    let items = batch.items.iter().map(|item| {
        let meta = ItemMeta::of_frame(item, &batch.recipient);
        let bytes = check_framed_item(item).map(|()| Cow::Borrowed(item.envelope.as_slice()));
        (meta, bytes)
    });
    let items = settle(state, connection, device_id, items)?
        .into_iter()
        .map(|(id, outcome)| match outcome {
            Ok(accepted) => BatchItem::accepted(&accepted.receipt),
            Err(rejection) => BatchItem::Rejected {
                id,
                status: rejection.code.http_status(),
                code: rejection.code,
                message: rejection.message,
            },
        })
        .collect();
    let receipt = BatchReceipt {
        device_id: parse_device(device_id)?,
        items,
    };
    state
        .keys
        .signer
        .sign(Purpose::BatchReceipt, &receipt)
        .map_err(|e| ApiFailure::unavailable(e.to_string()))
}

fn parse_device(device_id: &str) -> Result<uuid::Uuid, ApiFailure> {
    uuid::Uuid::parse_str(device_id)
        .map_err(|e| ApiFailure::unavailable(format!("stored device id: {e}")))
}

/// The outer result fails the whole batch (storage); the inner one is this item's answer.
fn accept(
    state: &CenterState,
    connection: &Connection,
    device_id: &str,
    item: &ItemMeta<'_>,
    bytes: &[u8],
    received_at: &str,
    year: i32,
) -> Result<Result<Accepted, ApiFailure>, ApiFailure> {
    if let Err(rejection) = check_regarding(connection, device_id, item)? {
        return Ok(Err(rejection));
    }
    if let Err(rejection) = check_recipient(item.recipient, &state.keys.recipient.to_string()) {
        return Ok(Err(rejection));
    }
    let sha256 = envelope_digest(bytes);
    if let Some(stored) = envelopes::find(connection, item.id)? {
        if stored.sha256 == sha256 && stored.device_id == device_id {
            let signed: SignedDocument = serde_json::from_str(&stored.receipt)
                .map_err(|e| ApiFailure::unavailable(format!("stored receipt: {e}")))?;
            // The Center's own stored text: read, not verified, to list it in a batch receipt.
            let receipt = serde_json::from_str(&signed.payload)
                .map_err(|e| ApiFailure::unavailable(format!("stored receipt: {e}")))?;
            return Ok(Ok(Accepted { signed, receipt }));
        }
        return Ok(Err(ApiFailure::new(
            ErrorCode::Conflict,
            "an envelope with this id was delivered before with other bytes",
        )));
    }
    let number = envelopes::next_number(connection)?;
    let center_reference = format!("CTR-{year}-{number:06}");
    let receipt = Receipt {
        id: item.id.to_owned(),
        kind: item.kind,
        device_id: parse_device(device_id)?,
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
            id: item.id.to_owned(),
            kind: item.kind.as_str().to_owned(),
            regarding: item.regarding.map(str::to_owned),
            device_id: device_id.to_owned(),
            center_reference,
            payload_format: item.payload_format,
            catalogue_version: item.catalogue_version.to_owned(),
            created_at: item.created_at.to_owned(),
            received_at: received_at.to_owned(),
            sha256,
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            receipt: stored_receipt,
            purged_at: None,
        },
        bytes,
    )?;
    Ok(Ok(Accepted { signed, receipt }))
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

/// A reconsideration must regard a referral this device delivered.
fn check_regarding(
    connection: &Connection,
    device_id: &str,
    item: &ItemMeta<'_>,
) -> Result<Result<(), ApiFailure>, ApiFailure> {
    if let (EnvelopeKind::Reconsideration, Some(regarding)) = (item.kind, item.regarding) {
        let known = envelopes::find(connection, regarding)?;
        let own_referral = known
            .is_some_and(|referral| referral.kind == "referral" && referral.device_id == device_id);
        if !own_referral {
            return Ok(Err(ApiFailure::malformed(
                "the referral this regards was not delivered by this device",
            )));
        }
    }
    Ok(Ok(()))
}

/// An item declaring another recipient was sealed for another Center: this one could not open
/// it, so it gets no receipt (which would let the device delete it). Checked without opening.
pub fn check_recipient(recipient: &str, own: &str) -> Result<(), ApiFailure> {
    if recipient == own {
        Ok(())
    } else {
        Err(ApiFailure::new(
            ErrorCode::WrongRecipient,
            format!(
                "the envelope was sealed to {}, not to this Center's key",
                recipient.chars().take(80).collect::<String>()
            ),
        ))
    }
}

/// Everything about a JSON item that can be checked without the database: its id, labels, the
/// size and form of its envelope, and whether its kind has a `regarding`. Answers the decoded
/// envelope bytes. A reconsideration's `regarding` is then looked up by [`deliver`].
pub fn check_item(item: &DeliveryItem) -> Result<Vec<u8>, ApiFailure> {
    check_labels(&ItemMeta::of_json(item))?;
    let too_large = || {
        ApiFailure::malformed(format!(
            "the envelope is larger than {MAX_ENVELOPE_BYTES} bytes"
        ))
    };
    if item.envelope.len() > MAX_ENVELOPE_BYTES.div_ceil(3) * 4 + 4 {
        return Err(too_large());
    }
    let Ok(bytes) = item.decode_envelope() else {
        return Err(ApiFailure::malformed("the envelope is not base64"));
    };
    check_sealed(&bytes)?;
    check_kind(item.kind, item.regarding.as_deref())?;
    Ok(bytes)
}

/// The same checks as [`check_item`], in the same order, for an item of the binary route
/// (whose bytes need no decoding).
pub fn check_framed_item(item: &FramedItem) -> Result<(), ApiFailure> {
    check_labels(&ItemMeta::of_frame(item, ""))?;
    check_sealed(&item.envelope)?;
    check_kind(item.kind, item.regarding.as_deref())
}

fn check_labels(item: &ItemMeta<'_>) -> Result<(), ApiFailure> {
    let reject = |message: String| Err(ApiFailure::malformed(message));
    if uuid::Uuid::parse_str(item.id).is_err() {
        return reject("the id is not a UUID".into());
    }
    for (field, value) in [
        ("catalogue_version", item.catalogue_version),
        ("created_at", item.created_at),
    ] {
        if value.trim().is_empty() || value.chars().count() > MAX_LABEL_CHARS {
            return reject(format!(
                "{field} must have 1 to {MAX_LABEL_CHARS} characters"
            ));
        }
    }
    // Declared a date-time in openapi.yaml; a reader of the stored metadata relies on it.
    if chrono::DateTime::parse_from_rfc3339(item.created_at).is_err() {
        return reject("created_at is not an RFC 3339 date-time".into());
    }
    Ok(())
}

/// The sealed bytes' size bound and age structure.
fn check_sealed(bytes: &[u8]) -> Result<(), ApiFailure> {
    if bytes.len() > MAX_ENVELOPE_BYTES {
        return Err(ApiFailure::malformed(format!(
            "the envelope is larger than {MAX_ENVELOPE_BYTES} bytes"
        )));
    }
    crate::age_file::check(bytes).map_err(|problem| ApiFailure::malformed(problem.to_string()))
}

fn check_kind(kind: EnvelopeKind, regarding: Option<&str>) -> Result<(), ApiFailure> {
    match (kind, regarding) {
        (EnvelopeKind::Referral | EnvelopeKind::Notification, None)
        | (EnvelopeKind::Reconsideration, Some(_)) => Ok(()),
        (EnvelopeKind::Referral, Some(_)) => Err(ApiFailure::malformed(
            "a referral is not regarding anything",
        )),
        (EnvelopeKind::Notification, Some(_)) => Err(ApiFailure::malformed(
            "an anonymous notification is not regarding anything",
        )),
        (EnvelopeKind::Reconsideration, None) => Err(ApiFailure::malformed(
            "a reconsideration request names the referral it regards",
        )),
    }
}
