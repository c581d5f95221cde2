//! The sealed envelope: a document `{meta…, payload}` serialised as JSON, compressed with zstd
//! and encrypted to the Center's X25519 key in the age format. Only the Center can open it; the
//! metadata travels inside the encryption too, so an envelope delivered under another id, kind,
//! catalogue version or creation time is detected when it is opened. See docs/protocol.md.

use std::io::Read;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::center_key::CenterKey;
use crate::error::ProtocolError;

pub const ENVELOPE_FORMAT: u32 = 1;
/// zstd level: small envelopes for slow links, still well under a millisecond per referral.
const COMPRESSION_LEVEL: i32 = 9;
/// Nothing a worker types comes near this; a larger plaintext is refused (decompression bomb).
pub const MAX_PLAINTEXT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EnvelopeKind {
    Referral,
    Reconsideration,
    /// An anonymous notification: an adult declined to be referred, and the case still counts
    /// (`first_contact_domain::notification`).
    Notification,
}

impl EnvelopeKind {
    /// The kind as stored and sent (the serde form).
    pub fn as_str(self) -> &'static str {
        match self {
            EnvelopeKind::Referral => "referral",
            EnvelopeKind::Reconsideration => "reconsideration",
            EnvelopeKind::Notification => "notification",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            EnvelopeKind::Referral,
            EnvelopeKind::Reconsideration,
            EnvelopeKind::Notification,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }
}

/// What is known about an envelope without opening it, and bound inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EnvelopeMeta {
    pub kind: EnvelopeKind,
    pub id: String,
    /// Version of the payload's own schema (e.g. the referral form).
    pub payload_format: u32,
    pub catalogue_version: String,
    pub created_at: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Document<T> {
    envelope_format: u32,
    #[serde(flatten)]
    meta: EnvelopeMeta,
    /// The age recipient (`age1…`) the envelope was sealed to, bound inside it: a Center opening
    /// it checks that it was meant for its own key.
    recipient: String,
    payload: T,
}

/// Seals `payload` for the Center. The bytes returned are final: store and resend them as they are.
pub fn seal<T: Serialize>(
    meta: &EnvelopeMeta,
    payload: &T,
    center: &CenterKey,
) -> Result<Vec<u8>, ProtocolError> {
    let document = Document {
        envelope_format: ENVELOPE_FORMAT,
        meta: meta.clone(),
        recipient: center.to_string(),
        payload,
    };
    let json = serde_json::to_vec(&document).map_err(|e| ProtocolError::Seal(e.to_string()))?;
    if json.len() > MAX_PLAINTEXT_BYTES {
        return Err(ProtocolError::TooLarge(MAX_PLAINTEXT_BYTES));
    }
    // One shot over a buffer of known size: faster than the streaming encoder, and the frame
    // records the size, which the streaming decoder on the other side reads as well.
    let compressed = zstd::bulk::compress(&json, COMPRESSION_LEVEL)
        .map_err(|e| ProtocolError::Seal(e.to_string()))?;
    age::encrypt(center.recipient(), &compressed).map_err(|e| ProtocolError::Seal(e.to_string()))
}

/// Opens an envelope and checks that its inner metadata is what it was delivered as.
pub fn open<T: DeserializeOwned>(
    sealed: &[u8],
    identity: &age::x25519::Identity,
    expected: &EnvelopeMeta,
) -> Result<T, ProtocolError> {
    let (meta, payload) = open_any::<T>(sealed, identity)?;
    let checks: [(&'static str, String, String); 5] = [
        (
            "kind",
            meta.kind.as_str().into(),
            expected.kind.as_str().into(),
        ),
        ("id", meta.id, expected.id.clone()),
        (
            "payload_format",
            meta.payload_format.to_string(),
            expected.payload_format.to_string(),
        ),
        (
            "catalogue_version",
            meta.catalogue_version,
            expected.catalogue_version.clone(),
        ),
        ("created_at", meta.created_at, expected.created_at.clone()),
    ];
    for (field, inside, outside) in checks {
        if inside != outside {
            return Err(ProtocolError::MetadataMismatch {
                field,
                inside,
                outside,
            });
        }
    }
    Ok(payload)
}

/// Opens an envelope and returns its metadata and payload, whatever they are.
pub fn open_any<T: DeserializeOwned>(
    sealed: &[u8],
    identity: &age::x25519::Identity,
) -> Result<(EnvelopeMeta, T), ProtocolError> {
    let compressed =
        age::decrypt(identity, sealed).map_err(|e| ProtocolError::Open(e.to_string()))?;
    let decoder = zstd::stream::Decoder::new(compressed.as_slice())
        .map_err(|e| ProtocolError::Open(e.to_string()))?;
    let mut json = Vec::new();
    let limit = u64::try_from(MAX_PLAINTEXT_BYTES).unwrap_or(u64::MAX) + 1;
    decoder
        .take(limit)
        .read_to_end(&mut json)
        .map_err(|e| ProtocolError::Open(e.to_string()))?;
    if json.len() > MAX_PLAINTEXT_BYTES {
        return Err(ProtocolError::TooLarge(MAX_PLAINTEXT_BYTES));
    }
    let format: FormatOnly =
        serde_json::from_slice(&json).map_err(|e| ProtocolError::Open(e.to_string()))?;
    if format.envelope_format != ENVELOPE_FORMAT {
        return Err(ProtocolError::UnsupportedFormat(format.envelope_format));
    }
    let document: Document<T> =
        serde_json::from_slice(&json).map_err(|e| ProtocolError::Open(e.to_string()))?;
    let own = identity.to_public().to_string();
    if document.recipient != own {
        return Err(ProtocolError::MetadataMismatch {
            field: "recipient",
            inside: document.recipient,
            outside: own,
        });
    }
    Ok((document.meta, document.payload))
}

#[derive(Deserialize)]
struct FormatOnly {
    envelope_format: u32,
}
