//! The bodies of the fuzz targets in `fuzz/` (run with `make fuzz`, nightly and cargo-fuzz),
//! as plain functions of the input bytes, so that the stable test `tests/corpus.rs` feeds the
//! committed corpus through exactly the same code. A target never returns an error: it parses
//! what it is given the way the app or the Center does, and panics only when an invariant
//! breaks (a value that does not survive a round trip, a check that lets through what it
//! promises to refuse, two readers of the same text that disagree).
//!
//! Each target is listed in [`TARGETS`]; `fuzz/fuzz_targets/<name>.rs` calls the function of
//! that name. Keys are fixed test keys (below), never a real Center's.

use std::sync::OnceLock;

use first_contact_center::enrollment::{check_request, MAX_DEVICE_NAME_CHARS};
use first_contact_center::intake::{
    check_batch, check_framed_item, check_item, check_recipient, MAX_ENVELOPE_BYTES,
};
use first_contact_center::publishing::check_content;
use first_contact_domain::catalogue as loader;
use first_contact_protocol::api::delivery::{DeliveryBatch, DeliveryItem, Receipt};
use first_contact_protocol::api::enrollment::{
    EnrollmentCode, EnrollmentFile, EnrollmentRequest, ENROLLMENT_FILE_FORMAT,
};
use first_contact_protocol::api::errors::ErrorCode;
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::api::frame::{self, MAX_TEXT_BYTES};
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::api::MAX_BATCH_ITEMS;
use first_contact_protocol::envelope::MAX_PLAINTEXT_BYTES;
use first_contact_protocol::{
    open, open_any, seal, CenterKey, CenterSigner, CenterVerifier, EnvelopeKind, EnvelopeMeta,
    Purpose, SignedDocument,
};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub mod seeds;

/// The body of a target: the input bytes in, a panic if an invariant breaks.
pub type Target = fn(&[u8]);

/// Every target: its name (the folder of its corpus, the file of its fuzz target) and body.
pub const TARGETS: &[(&str, Target)] = &[
    ("envelope_open", envelope_open),
    ("envelope_plaintext", envelope_plaintext),
    ("catalogue", catalogue),
    ("directory", directory),
    ("delivery_batch", delivery_batch),
    ("delivery_frame", delivery_frame),
    ("enrollment_request", enrollment_request),
    ("enrollment_file", enrollment_file),
    ("signed_document", signed_document),
];

/// The fixed age identity the envelope targets open with. A test key: it protects nothing.
pub const TEST_IDENTITY: &str =
    "AGE-SECRET-KEY-1W0M3Q6FVXVPEE340XEK5CXH38V560GG6ZKNGYTSGWTP5VH85Y58QYMJFZ0";
/// The seed of the fixed Ed25519 key the signed-document target verifies with.
pub const TEST_SIGNING_SEED: [u8; 32] = [7; 32];

/// Where a panic is a broken harness, not a finding: the fixed keys must parse.
fn fixed<T, E: std::fmt::Display>(what: &str, result: Result<T, E>) -> T {
    match result {
        Ok(value) => value,
        Err(e) => panic!("the fixed {what} is broken: {e}"),
    }
}

pub fn test_identity() -> &'static age::x25519::Identity {
    static IDENTITY: OnceLock<age::x25519::Identity> = OnceLock::new();
    IDENTITY.get_or_init(|| fixed("test identity", TEST_IDENTITY.parse()))
}

pub fn test_center_key() -> CenterKey {
    fixed(
        "test recipient",
        test_identity().to_public().to_string().parse(),
    )
}

pub fn test_signer() -> CenterSigner {
    fixed("signing seed", CenterSigner::from_seed(&TEST_SIGNING_SEED))
}

/// The metadata the envelope targets expect: what a delivery item would have said.
pub fn test_meta() -> EnvelopeMeta {
    EnvelopeMeta {
        kind: EnvelopeKind::Referral,
        id: "01938f0e-6b5a-7c21-9d4e-2f1a3b4c5d6e".into(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T10:15:00+01:00".into(),
    }
}

/// A value serialised and parsed again is the same value.
fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = match serde_json::to_string(value) {
        Ok(text) => text,
        Err(e) => panic!("a parsed value does not serialise: {e}"),
    };
    match serde_json::from_str::<T>(&text) {
        Ok(again) => assert_eq!(&again, value, "changed by a round trip through {text}"),
        Err(e) => panic!("its own serialisation does not parse: {e}: {text}"),
    }
}

/// JSON values that are the same up to the last digits of a float, which serde_json (without
/// its `float_roundtrip` feature, as this workspace builds it) may read one unit off.
fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if x == y {
                return true;
            }
            match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => (x - y).abs() <= f64::EPSILON * 4.0 * x.abs().max(y.abs()),
                _ => false,
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, x)| y.get(key).is_some_and(|y| same_json(x, y)))
        }
        _ => a == b,
    }
}

fn json_round_trips(value: &serde_json::Value) {
    let text = value.to_string();
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(again) => assert!(same_json(&again, value), "changed by {text}"),
        Err(e) => panic!("its own serialisation does not parse: {e}: {text}"),
    }
}

/// The bytes given to `open`, as the Center opens a delivered envelope: never a panic; `open`
/// succeeds exactly when `open_any` does with the expected metadata; an opened payload sealed
/// again opens to the same payload.
pub fn envelope_open(data: &[u8]) {
    check_open(data, true);
}

/// `reseal`: whether to seal an opened payload again and open it (a zstd level-9 context per
/// run, which costs most of the time when nearly every input opens); otherwise the payload's
/// JSON is only checked to read back the same.
fn check_open(data: &[u8], reseal: bool) {
    let identity = test_identity();
    let expected = test_meta();
    let any = open_any::<serde_json::Value>(data, identity);
    let checked = open::<serde_json::Value>(data, identity, &expected);
    match (&any, &checked) {
        (Ok((meta, payload)), Ok(opened)) => {
            assert_eq!(meta, &expected);
            assert!(same_json(payload, opened));
            let json = payload.to_string();
            assert!(json.len() <= MAX_PLAINTEXT_BYTES);
            if !reseal {
                json_round_trips(payload);
                return;
            }
            let sealed = fixed("seal", seal(&expected, payload, &test_center_key()));
            match open::<serde_json::Value>(&sealed, identity, &expected) {
                Ok(again) => assert!(same_json(&again, payload), "resealed: {json}"),
                Err(e) => panic!("an opened payload sealed again does not open: {e}"),
            }
        }
        (Ok((meta, _)), Err(_)) => {
            assert_ne!(
                meta, &expected,
                "open refused what open_any read as expected"
            )
        }
        (Err(_), Ok(_)) => panic!("open accepted what open_any refused"),
        (Err(_), Err(_)) => {}
    }
}

/// The inside of an envelope: the first byte says whether the rest is plaintext JSON (even: it
/// is compressed here, as `seal` does) or the compressed frame itself (odd); either is then
/// encrypted to the test key and opened, so the decompression bound, the document's layout and
/// the metadata check are reached, which random bytes given to `open` never get past age for.
pub fn envelope_plaintext(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let frame = if mode % 2 == 0 {
        fixed("compression", zstd::stream::encode_all(rest, 1))
    } else {
        rest.to_vec()
    };
    let sealed = fixed(
        "encryption",
        age::encrypt(&test_identity().to_public(), &frame),
    );
    check_open(&sealed, false);
}

/// `catalogue::load`, as the app reads an installed or published catalogue: what it accepts
/// serialises to a catalogue it accepts again, unchanged, and the Center's check of a catalogue
/// publication accepts it too, with the same version.
pub fn catalogue(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(loaded) = loader::load(text) else {
        return;
    };
    let json = fixed("serialisation", serde_json::to_string(&loaded));
    match loader::load(&json) {
        Ok(again) => assert_eq!(again, loaded),
        Err(e) => panic!(
            "the loader refuses its own catalogue: {}: {}",
            e.place, e.problem
        ),
    }
    match check_content(PublicationKind::Catalogue, text) {
        Ok((_, version)) => assert_eq!(version, loaded.version),
        Err(e) => panic!("the Center refuses a catalogue the app loads: {e}"),
    }
}

/// The directory as the Center checks it before publishing (`publishing::check_content`, which
/// runs the app's loader) and as the device reads a verified publication:
/// the version found is the content's `version`, and a checked directory passes again after a
/// round trip; a `Publication` parsed from the text round-trips.
pub fn directory(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok((content, version)) = check_content(PublicationKind::Directory, text) {
        assert_eq!(
            content.get("version").and_then(|v| v.as_str()),
            Some(version.as_str())
        );
        json_round_trips(&content);
        match check_content(PublicationKind::Directory, &content.to_string()) {
            Ok((_, again)) => assert_eq!(again, version),
            Err(e) => panic!("a checked directory fails the check after a round trip: {e}"),
        }
    }
    if let Ok(publication) = serde_json::from_str::<Publication>(text) {
        let json = fixed("serialisation", serde_json::to_string(&publication));
        match serde_json::from_str::<Publication>(&json) {
            Ok(again) => {
                assert_eq!(again.kind, publication.kind);
                assert_eq!(again.version, publication.version);
                assert_eq!(again.published_at, publication.published_at);
                assert!(same_json(&again.content, &publication.content));
            }
            Err(e) => panic!("a publication does not parse after a round trip: {e}"),
        }
    }
}

/// The body of `POST /v1/envelopes`, read as the Center reads it, then the Center's checks of
/// the batch and of each item: a checked item really has a UUID id, bounded labels, an age file
/// of bounded size as canonical base64, and a `regarding` exactly when it is a reconsideration.
pub fn delivery_batch(data: &[u8]) {
    let Ok(batch) = serde_json::from_slice::<DeliveryBatch>(data) else {
        return;
    };
    round_trips(&batch);
    let sized = (1..=MAX_BATCH_ITEMS).contains(&batch.items.len());
    match check_batch(&batch) {
        Ok(()) => assert!(sized),
        Err(failure) => {
            assert!(!sized);
            assert_eq!(failure.code, ErrorCode::MalformedRequest);
            return;
        }
    }
    for item in &batch.items {
        delivery_item(item);
    }
}

fn delivery_item(item: &DeliveryItem) {
    let own = test_identity().to_public().to_string();
    match check_recipient(&item.recipient, &own) {
        Ok(()) => assert_eq!(item.recipient, own),
        Err(failure) => assert_eq!(failure.code, ErrorCode::WrongRecipient),
    }
    match check_item(item) {
        Ok(bytes) => {
            assert!(uuid::Uuid::parse_str(&item.id).is_ok());
            for label in [&item.catalogue_version, &item.created_at] {
                assert!(!label.trim().is_empty() && label.chars().count() <= 64);
            }
            assert!(bytes.len() <= MAX_ENVELOPE_BYTES);
            assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
            assert_eq!(DeliveryItem::encode_envelope(&bytes), item.envelope);
            assert_eq!(
                item.regarding.is_some(),
                item.kind == EnvelopeKind::Reconsideration
            );
        }
        Err(failure) => assert_eq!(failure.code, ErrorCode::MalformedRequest),
    }
}

/// The body of `POST /v1/deliveries` (the binary batch frame), read as the Center reads it,
/// then the Center's checks of each item. A frame read is written back to exactly the input
/// (the framing has one spelling of each batch), within the bounds; a checked item really has a
/// UUID id, bounded labels, an age file of bounded size, and a `regarding` exactly when it is a
/// reconsideration. The same JSON batch passes the JSON route's item checks alike.
pub fn delivery_frame(data: &[u8]) {
    let Ok(batch) = frame::decode(data) else {
        return;
    };
    assert!((1..=MAX_BATCH_ITEMS).contains(&batch.items.len()));
    assert!(batch.recipient.len() <= MAX_TEXT_BYTES);
    match frame::encode(&batch) {
        Ok(bytes) => assert_eq!(bytes, data, "a frame does not write back to its input"),
        Err(e) => panic!("a frame read cannot be written: {e}"),
    }
    let json = batch.to_json_batch();
    for (item, json_item) in batch.items.iter().zip(&json.items) {
        let framed = check_framed_item(item);
        let from_json = check_item(json_item);
        assert_eq!(
            framed.as_ref().err(),
            from_json.as_ref().err(),
            "the two routes disagree on an item"
        );
        if framed.is_ok() {
            framed_item(item);
        } else if let Err(failure) = framed {
            assert_eq!(failure.code, ErrorCode::MalformedRequest);
        }
    }
}

fn framed_item(item: &frame::FramedItem) {
    assert!(uuid::Uuid::parse_str(&item.id).is_ok());
    for label in [&item.catalogue_version, &item.created_at] {
        assert!(!label.trim().is_empty() && label.chars().count() <= 64);
    }
    assert!(item.envelope.len() <= MAX_ENVELOPE_BYTES);
    assert!(item.envelope.starts_with(b"age-encryption.org/v1\n"));
    assert_eq!(
        item.regarding.is_some(),
        item.kind == EnvelopeKind::Reconsideration
    );
}

/// The body of `POST /v1/enrollment` and the Center's check of it; and the code's reader on
/// its own: a code read is 24 characters of the alphabet, shown as six groups that read back
/// to the same code.
pub fn enrollment_request(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        enrollment_code(text);
    }
    let Ok(request) = serde_json::from_slice::<EnrollmentRequest>(data) else {
        return;
    };
    round_trips(&request);
    match check_request(&request) {
        Ok((code, name)) => {
            assert_eq!(name, name.trim());
            assert!(!name.is_empty() && name.chars().count() <= MAX_DEVICE_NAME_CHARS);
            assert_eq!(EnrollmentCode::parse(&request.code).ok(), Some(code));
        }
        Err(failure) => assert!(matches!(
            failure.code,
            ErrorCode::EnrollmentCodeInvalid | ErrorCode::MalformedRequest
        )),
    }
}

fn enrollment_code(text: &str) {
    let Ok(code) = EnrollmentCode::parse(text) else {
        return;
    };
    let shown = code.display();
    assert_eq!(shown.len(), 29, "{shown}");
    assert_eq!(code.id().len(), 4);
    assert!(shown.starts_with(code.id()));
    assert_eq!(code.digest().len(), 64);
    assert_eq!(EnrollmentCode::parse(&shown).ok(), Some(code));
}

/// An enrollment file's text, as the app reads a pasted one (`EnrollmentFile::from_text`): what
/// it accepts is format 1 and reads back the same after a round trip.
pub fn enrollment_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(file) = EnrollmentFile::from_text(text) else {
        return;
    };
    assert_eq!(file.first_contact_enrollment, ENROLLMENT_FILE_FORMAT);
    let json = fixed("serialisation", serde_json::to_string(&file));
    match EnrollmentFile::from_text(&json) {
        Ok(again) => assert!(again == file, "changed by a round trip: {json}"),
        Err(e) => panic!("an enrollment file does not read back: {e}"),
    }
}

/// A signed document as a device reads one (a receipt, a decision or a publication): parsed,
/// verified with the fixed key for each purpose, and its payload parsed as the type its purpose
/// names. Verification passes only for the document's own purpose; a verified payload is the
/// one parsed directly; a payload that is exactly the serialisation of its value signs again to
/// the same signature (Ed25519 is deterministic). The whole text is also read as a signing key
/// (`CenterVerifier::from_text`), which must give back the same text.
pub fn signed_document(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(key) = CenterVerifier::from_text(text) {
        assert_eq!(key.to_text(), text.trim());
    }
    let Ok(document) = serde_json::from_str::<SignedDocument>(text) else {
        return;
    };
    round_trips(&document);
    let verifier = test_signer().public();
    signed_as::<Receipt>(&verifier, &document, Purpose::Receipt);
    signed_as::<Decision>(&verifier, &document, Purpose::Decision);
    signed_as::<Publication>(&verifier, &document, Purpose::Publication);
}

fn signed_as<T: Serialize + DeserializeOwned + std::fmt::Debug>(
    verifier: &CenterVerifier,
    document: &SignedDocument,
    purpose: Purpose,
) {
    let direct = serde_json::from_str::<T>(&document.payload);
    if let Ok(value) = &direct {
        let json = fixed("serialisation", serde_json::to_string(value));
        assert!(
            serde_json::from_str::<T>(&json).is_ok(),
            "a payload does not parse after a round trip: {json}"
        );
    }
    let Ok(verified) = verifier.verify::<T>(purpose, document) else {
        return;
    };
    assert_eq!(document.purpose, purpose);
    assert!(direct.is_ok(), "verify parsed what serde alone refuses");
    let json = fixed("serialisation", serde_json::to_string(&verified));
    if json == document.payload {
        let again = fixed("signature", test_signer().sign(purpose, &verified));
        assert_eq!(again, *document);
    }
}
