//! Valid inputs to start each target from, made with the project's own code and the fixed test
//! keys: sealed envelopes, a catalogue the loader accepts (the built-in one, shrunk), request
//! bodies, an enrollment file and signed documents. `examples/write_seeds.rs` writes them into
//! `fuzz/corpus/<target>/`; the corpus test also runs them, so they stay valid.

use first_contact_domain::catalogue;
use first_contact_protocol::api::delivery::{DeliveryBatch, DeliveryItem, Receipt};
use first_contact_protocol::api::enrollment::{EnrollmentFile, EnrollmentRequest};
use first_contact_protocol::api::feedback::{Decision, DecisionOutcome};
use first_contact_protocol::api::frame::{self, FramedBatch, FramedItem};
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{seal, EnvelopeKind, EnvelopeMeta, Purpose};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{fixed, test_center_key, test_meta, test_signer};

/// One seed: the target it is for, a file name and the bytes.
#[derive(Debug, Clone)]
pub struct Seed {
    pub target: &'static str,
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

fn seed(target: &'static str, name: &'static str, bytes: impl Into<Vec<u8>>) -> Seed {
    Seed {
        target,
        name,
        bytes: bytes.into(),
    }
}

fn text<T: Serialize>(value: &T) -> String {
    fixed("seed serialisation", serde_json::to_string_pretty(value))
}

fn referral_payload() -> Value {
    json!({
        "person": {"alias": "Mirjana Ostojić", "age": 24},
        "context": {"place": "Šabac", "urgency": "high"},
        "observations": [{"key": "DR.wages", "strength": "medium"}],
        "narrative": "Passport kept by the owner.",
        "consent": true
    })
}

fn sealed(meta: &EnvelopeMeta, payload: &Value) -> Vec<u8> {
    fixed("seal", seal(meta, payload, &test_center_key()))
}

fn plaintext(meta: &EnvelopeMeta, payload: &Value) -> Vec<u8> {
    let mut document = json!({"envelope_format": 1, "payload": payload});
    if let (Value::Object(document), Value::Object(meta)) =
        (&mut document, fixed("meta", serde_json::to_value(meta)))
    {
        document.extend(meta);
    }
    let mut bytes = vec![0];
    bytes.extend(document.to_string().into_bytes());
    bytes
}

/// The built-in catalogue with every array element the loader does not need taken out, and
/// every string it does not need cut to one character, one at a time: a small catalogue that
/// still passes every rule and `keep`.
pub fn small_catalogue(keep: &dyn Fn(&catalogue::Catalogue) -> bool) -> String {
    let mut whole: Value = fixed(
        "built-in catalogue",
        serde_json::from_str(catalogue::BUILT_IN_JSON),
    );
    let loads = |value: &Value| catalogue::load(&value.to_string()).is_ok_and(|c| keep(&c));
    loop {
        let before = whole.clone();
        shrink(&mut whole, &mut Vec::new(), &loads);
        if whole == before {
            return whole.to_string();
        }
    }
}

/// Two small catalogues: the smallest the loader accepts, and the smallest that still has a
/// weighted set with an element rule and a combination rule.
pub fn small_catalogues() -> [String; 2] {
    [
        small_catalogue(&|_| true),
        small_catalogue(&|c| {
            c.sets
                .iter()
                .any(|set| set.element_rule.is_some() && set.combination_rules.is_some())
        }),
    ]
}

/// Tries each child of the node at `path`, depth first, keeping each change that still loads.
fn shrink(whole: &mut Value, path: &mut Vec<PathStep>, loads: &dyn Fn(&Value) -> bool) {
    let mut index = 0;
    loop {
        let step = match at(whole, path) {
            Some(Value::Array(items)) if index < items.len() => PathStep::Index(index),
            Some(Value::Object(map)) if index < map.len() => match map.keys().nth(index) {
                Some(key) => PathStep::Key(key.clone()),
                None => return,
            },
            _ => return,
        };
        let mut attempt = whole.clone();
        let tried = match (at_mut(&mut attempt, path), &step) {
            (Some(Value::Array(items)), PathStep::Index(i)) => {
                items.remove(*i);
                true
            }
            (Some(Value::Object(map)), PathStep::Key(key)) => match map.get_mut(key) {
                Some(Value::String(s)) if s.chars().count() > 1 => {
                    *s = s.chars().take(1).collect();
                    true
                }
                _ => false,
            },
            _ => false,
        };
        if tried && loads(&attempt) {
            *whole = attempt;
            if matches!(step, PathStep::Index(_)) {
                continue;
            }
        }
        path.push(step);
        shrink(whole, path, loads);
        path.pop();
        index += 1;
    }
}

#[derive(Debug, Clone)]
enum PathStep {
    Index(usize),
    Key(String),
}

fn at<'v>(value: &'v Value, path: &[PathStep]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, step| match step {
        PathStep::Index(i) => value.get(*i),
        PathStep::Key(key) => value.get(key),
    })
}

fn at_mut<'v>(value: &'v mut Value, path: &[PathStep]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |value, step| match step {
        PathStep::Index(i) => value.get_mut(*i),
        PathStep::Key(key) => value.get_mut(key),
    })
}

fn item(kind: EnvelopeKind, regarding: Option<&str>, bytes: &[u8]) -> DeliveryItem {
    let meta = test_meta();
    DeliveryItem {
        id: meta.id,
        kind,
        regarding: regarding.map(str::to_owned),
        payload_format: meta.payload_format,
        catalogue_version: meta.catalogue_version,
        created_at: meta.created_at,
        recipient: crate::test_identity().to_public().to_string(),
        envelope: DeliveryItem::encode_envelope(bytes),
    }
}

fn directory_content() -> Value {
    fixed(
        "the built-in directory",
        serde_json::from_str(first_contact_domain::directory::BUILT_IN_JSON),
    )
}

fn signed<T: Serialize>(purpose: Purpose, value: &T) -> String {
    text(&fixed("signature", test_signer().sign(purpose, value)))
}

/// Every seed of every target, with `catalogues` as the catalogue's (see [`small_catalogues`]).
fn framed(batch: FramedBatch) -> Vec<u8> {
    fixed("seed frame", frame::encode(&batch))
}

fn framed_item(kind: EnvelopeKind, regarding: Option<&str>, envelope: &[u8]) -> FramedItem {
    let meta = test_meta();
    FramedItem {
        id: meta.id,
        kind,
        regarding: regarding.map(str::to_owned),
        payload_format: meta.payload_format,
        catalogue_version: meta.catalogue_version,
        created_at: meta.created_at,
        envelope: envelope.to_vec(),
    }
}

pub fn all(catalogues: &[String]) -> Vec<Seed> {
    let meta = test_meta();
    let payload = referral_payload();
    let envelope = sealed(&meta, &payload);
    let mut other_meta = meta.clone();
    other_meta.catalogue_version = "2025.01.0".into();
    let reconsideration = EnvelopeMeta {
        kind: EnvelopeKind::Reconsideration,
        ..meta.clone()
    };
    let signer = test_signer();
    let device_id = fixed(
        "device id",
        uuid::Uuid::parse_str("0193a4f2-7c1e-7d22-8b3a-5e6f7a8b9c0d"),
    );
    let receipt = Receipt {
        id: meta.id.clone(),
        kind: EnvelopeKind::Referral,
        device_id,
        center_reference: "CTR-2026-000001".into(),
        received_at: "2026-11-28T09:16:00Z".into(),
        sha256: first_contact_protocol::api::delivery::envelope_digest(&envelope),
    };
    let decision = Decision {
        decision_id: "0193a4f3-0000-7000-8000-000000000001".into(),
        sequence: 3,
        referral_id: meta.id.clone(),
        center_reference: "CTR-2026-000001".into(),
        outcome: DecisionOutcome::NotIdentified,
        reasons: "Not enough indicators.".into(),
        criteria_version: "2026.1".into(),
        decided_at: "2026-11-30T12:00:00Z".into(),
        answers: None,
        device_id,
    };
    let publication = Publication {
        kind: PublicationKind::Directory,
        version: "2026.12.0".into(),
        published_at: "2026-12-01T08:00:00Z".into(),
        content: directory_content(),
    };
    let mut seeds: Vec<Seed> = catalogues
        .iter()
        .zip(["smallest", "weighted", "other"])
        .map(|(catalogue, name)| seed("catalogue", name, catalogue.clone()))
        .collect();
    seeds.extend([
        seed("envelope_open", "referral", envelope.clone()),
        seed(
            "envelope_open",
            "other-version",
            sealed(&other_meta, &payload),
        ),
        seed(
            "envelope_open",
            "reconsideration",
            sealed(
                &reconsideration,
                &json!({"referral_id": meta.id, "grounds": "New facts.", "new_information": ""}),
            ),
        ),
        seed("envelope_plaintext", "referral", plaintext(&meta, &payload)),
        seed(
            "envelope_plaintext",
            "other-kind",
            plaintext(&reconsideration, &json!([1, 2.5, "x", null])),
        ),
        seed("directory", "content", text(&directory_content())),
        seed("directory", "publication", text(&publication)),
        seed(
            "delivery_batch",
            "two-items",
            text(&DeliveryBatch {
                items: vec![
                    item(EnvelopeKind::Referral, None, &envelope),
                    item(
                        EnvelopeKind::Reconsideration,
                        Some("01938f0e-6b5a-7c21-9d4e-2f1a3b4c5d6f"),
                        &envelope[..200.min(envelope.len())],
                    ),
                ],
            }),
        ),
        seed(
            "delivery_batch",
            "small-envelope",
            text(&DeliveryBatch {
                items: vec![item(
                    EnvelopeKind::Referral,
                    None,
                    b"age-encryption.org/v1\n-> X25519 abc\n",
                )],
            }),
        ),
        seed(
            "delivery_frame",
            "two-items",
            framed(FramedBatch {
                recipient: test_center_key().to_string(),
                items: vec![
                    framed_item(EnvelopeKind::Referral, None, &envelope),
                    framed_item(
                        EnvelopeKind::Reconsideration,
                        Some("01938f0e-6b5a-7c21-9d4e-2f1a3b4c5d6f"),
                        &envelope[..200.min(envelope.len())],
                    ),
                ],
            }),
        ),
        seed(
            "delivery_frame",
            "small-envelope",
            framed(FramedBatch {
                recipient: "age1other".into(),
                items: vec![framed_item(
                    EnvelopeKind::Referral,
                    None,
                    b"age-encryption.org/v1\n-> X25519 abc\n",
                )],
            }),
        ),
        seed(
            "enrollment_request",
            "request",
            text(&EnrollmentRequest {
                code: "ABCD-EFGH-JKMN-PQRS".into(),
                device_name: "Laptop 3, Novi Sad".into(),
            }),
        ),
        seed(
            "enrollment_request",
            "typed-code",
            r#"{"code": "abcd efgh jkmn pqrs", "device_name": " x "}"#,
        ),
        seed(
            "enrollment_file",
            "file",
            text(&EnrollmentFile {
                first_contact_enrollment: 1,
                center_address: "https://center.example.rs:8443".into(),
                code: "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01".into(),
                expires_at: "2026-12-08T00:00:00Z".into(),
                center_fingerprint: Some(
                    "3F2A 9C01 77B4 E0D2 5A19 C3F8 0B6E 41D7 9A2C 5E80".into(),
                ),
            }),
        ),
        seed(
            "signed_document",
            "receipt",
            signed(Purpose::Receipt, &receipt),
        ),
        seed(
            "signed_document",
            "decision",
            signed(Purpose::Decision, &decision),
        ),
        seed(
            "signed_document",
            "publication",
            signed(Purpose::Publication, &publication),
        ),
        seed("signed_document", "key", signer.public().to_text()),
    ]);
    seeds
}
