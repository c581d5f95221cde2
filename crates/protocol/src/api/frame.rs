//! The binary delivery batch, `application/vnd.first-contact.batch`, the body of
//! `POST /v1/deliveries`: a length-prefixed framing that carries the sealed bytes as they are
//! (no base64, no JSON), the recipient once per batch, and each item's outside metadata.
//! docs/protocol.md ("The batch frame") describes it byte by byte; this module owns the
//! encoder and the strict parser. The parser never panics, never reads past its input, never
//! allocates more than the input holds, and refuses trailing bytes, so one body has one reading.

use crate::api::delivery::{DeliveryBatch, DeliveryItem};
use crate::api::{MAX_BATCH_ITEMS, MAX_REQUEST_BYTES};
use crate::envelope::{EnvelopeKind, EnvelopeMeta};
use crate::error::FrameError;

/// The body's media type.
pub const BATCH_MEDIA_TYPE: &str = "application/vnd.first-contact.batch";
/// The first four bytes of every batch.
pub const MAGIC: [u8; 4] = *b"FCDB";
/// The one version of the framing; a change to the layout is a new number.
pub const VERSION: u8 = 1;
/// The longest text field, in bytes. Labels are at most 64 characters, 256 bytes of UTF-8;
/// the bound leaves room for the checks that count characters to answer per item.
pub const MAX_TEXT_BYTES: usize = 1024;

const KIND_REFERRAL: u8 = 1;
const KIND_RECONSIDERATION: u8 = 2;
const KIND_NOTIFICATION: u8 = 3;

/// One item: the outside metadata of the envelope and its sealed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramedItem {
    pub id: String,
    pub kind: EnvelopeKind,
    /// For a reconsideration: the id of the referral it is about. Framed as an empty text
    /// when absent, so an empty `regarding` and none are the same thing here.
    pub regarding: Option<String>,
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
    pub envelope: Vec<u8>,
}

impl FramedItem {
    /// The item of an envelope sealed with `meta`, about `regarding` for a reconsideration.
    pub fn sealed(meta: EnvelopeMeta, regarding: Option<String>, envelope: Vec<u8>) -> Self {
        Self {
            id: meta.id,
            kind: meta.kind,
            regarding,
            payload_format: meta.payload_format,
            catalogue_version: meta.catalogue_version,
            created_at: meta.created_at,
            envelope,
        }
    }
}

/// A batch: the age recipient every item was sealed to, and 1 to [`MAX_BATCH_ITEMS`] items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FramedBatch {
    pub recipient: String,
    pub items: Vec<FramedItem>,
}

impl FramedBatch {
    /// The same batch as the JSON route's body (older Centers, benchmarks, tests).
    pub fn to_json_batch(&self) -> DeliveryBatch {
        DeliveryBatch {
            items: self
                .items
                .iter()
                .map(|item| DeliveryItem {
                    id: item.id.clone(),
                    kind: item.kind,
                    regarding: item.regarding.clone(),
                    payload_format: item.payload_format,
                    catalogue_version: item.catalogue_version.clone(),
                    created_at: item.created_at.clone(),
                    recipient: self.recipient.clone(),
                    envelope: DeliveryItem::encode_envelope(&item.envelope),
                })
                .collect(),
        }
    }
}

fn kind_byte(kind: EnvelopeKind) -> u8 {
    match kind {
        EnvelopeKind::Referral => KIND_REFERRAL,
        EnvelopeKind::Reconsideration => KIND_RECONSIDERATION,
        EnvelopeKind::Notification => KIND_NOTIFICATION,
    }
}

fn put_text(out: &mut Vec<u8>, field: &'static str, text: &str) -> Result<(), FrameError> {
    let length = u16::try_from(text.len())
        .ok()
        .filter(|_| text.len() <= MAX_TEXT_BYTES)
        .ok_or(FrameError::TooLong {
            field,
            length: text.len(),
            limit: MAX_TEXT_BYTES,
        })?;
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

/// Writes `batch` as a frame; refuses what the parser would refuse, so a device never sends a
/// body the Center cannot read.
pub fn encode(batch: &FramedBatch) -> Result<Vec<u8>, FrameError> {
    let count = batch.items.len();
    if count == 0 || count > MAX_BATCH_ITEMS {
        return Err(FrameError::ItemCount {
            count,
            limit: MAX_BATCH_ITEMS,
        });
    }
    let envelopes: usize = batch.items.iter().map(|item| item.envelope.len()).sum();
    let mut out = Vec::with_capacity(envelopes + 128 * count + batch.recipient.len());
    out.extend_from_slice(&MAGIC);
    out.push(VERSION);
    put_text(&mut out, "recipient", &batch.recipient)?;
    // `count` is at most MAX_BATCH_ITEMS, checked above.
    out.extend_from_slice(&u16::try_from(count).unwrap_or(u16::MAX).to_be_bytes());
    for item in &batch.items {
        put_text(&mut out, "id", &item.id)?;
        out.push(kind_byte(item.kind));
        put_text(
            &mut out,
            "regarding",
            item.regarding.as_deref().unwrap_or(""),
        )?;
        out.extend_from_slice(&item.payload_format.to_be_bytes());
        put_text(&mut out, "catalogue_version", &item.catalogue_version)?;
        put_text(&mut out, "created_at", &item.created_at)?;
        let length = u32::try_from(item.envelope.len())
            .ok()
            .filter(|_| item.envelope.len() <= MAX_REQUEST_BYTES)
            .ok_or(FrameError::TooLong {
                field: "envelope",
                length: item.envelope.len(),
                limit: MAX_REQUEST_BYTES,
            })?;
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&item.envelope);
    }
    if out.len() > MAX_REQUEST_BYTES {
        return Err(FrameError::TooLong {
            field: "batch",
            length: out.len(),
            limit: MAX_REQUEST_BYTES,
        });
    }
    Ok(out)
}

/// A cursor over the input that only ever hands out what is there.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, length: usize, what: &'static str) -> Result<&'a [u8], FrameError> {
        if self.rest.len() < length {
            return Err(FrameError::Truncated(what));
        }
        let (taken, rest) = self.rest.split_at(length);
        self.rest = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], FrameError> {
        let mut array = [0u8; N];
        array.copy_from_slice(self.take(N, what)?);
        Ok(array)
    }

    fn text(&mut self, field: &'static str) -> Result<String, FrameError> {
        let length = usize::from(u16::from_be_bytes(self.array(field)?));
        if length > MAX_TEXT_BYTES {
            return Err(FrameError::TooLong {
                field,
                length,
                limit: MAX_TEXT_BYTES,
            });
        }
        let bytes = self.take(length, field)?;
        std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|_| FrameError::NotUtf8(field))
    }
}

/// Reads a frame. Only the framing is checked here; what the Center checks of each item (a
/// UUID id, labels, the sealed bytes, the envelope's size bound) is answered per item, as on
/// the JSON route.
pub fn decode(body: &[u8]) -> Result<FramedBatch, FrameError> {
    if body.len() > MAX_REQUEST_BYTES {
        return Err(FrameError::TooLong {
            field: "batch",
            length: body.len(),
            limit: MAX_REQUEST_BYTES,
        });
    }
    let mut reader = Reader { rest: body };
    let header: [u8; 5] = reader.array("the header")?;
    if header[..4] != MAGIC || header[4] != VERSION {
        return Err(FrameError::BadHeader);
    }
    let recipient = reader.text("recipient")?;
    let count = usize::from(u16::from_be_bytes(reader.array("the item count")?));
    if count == 0 || count > MAX_BATCH_ITEMS {
        return Err(FrameError::ItemCount {
            count,
            limit: MAX_BATCH_ITEMS,
        });
    }
    let mut items = Vec::with_capacity(count);
    for _ in 0..count {
        let id = reader.text("id")?;
        let [kind] = reader.array("kind")?;
        let kind = match kind {
            KIND_REFERRAL => EnvelopeKind::Referral,
            KIND_RECONSIDERATION => EnvelopeKind::Reconsideration,
            KIND_NOTIFICATION => EnvelopeKind::Notification,
            other => return Err(FrameError::UnknownKind(other)),
        };
        let regarding = Some(reader.text("regarding")?).filter(|text| !text.is_empty());
        let payload_format = u32::from_be_bytes(reader.array("payload_format")?);
        let catalogue_version = reader.text("catalogue_version")?;
        let created_at = reader.text("created_at")?;
        let length = u32::from_be_bytes(reader.array("envelope")?);
        // A length the input cannot hold is refused before anything is allocated for it.
        let length = usize::try_from(length)
            .ok()
            .filter(|length| *length <= MAX_REQUEST_BYTES)
            .ok_or(FrameError::TooLong {
                field: "envelope",
                length: length as usize,
                limit: MAX_REQUEST_BYTES,
            })?;
        let envelope = reader.take(length, "envelope")?.to_vec();
        items.push(FramedItem {
            id,
            kind,
            regarding,
            payload_format,
            catalogue_version,
            created_at,
            envelope,
        });
    }
    if !reader.rest.is_empty() {
        return Err(FrameError::TrailingBytes(reader.rest.len()));
    }
    Ok(FramedBatch { recipient, items })
}

#[cfg(test)]
#[path = "frame_tests.rs"]
mod tests;
