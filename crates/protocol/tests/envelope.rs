//! The sealed envelope: round trip, binding of the metadata, refusal of foreign or damaged
//! envelopes, and opening with the standard `age` and `zstd` tools.

use std::io::Write;
use std::process::{Command, Stdio};

use first_contact_protocol::{
    open, open_any, seal, CenterKey, EnvelopeKind, EnvelopeMeta, ProtocolError,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Form {
    alias: String,
    narrative: String,
}

fn meta() -> EnvelopeMeta {
    EnvelopeMeta {
        kind: EnvelopeKind::Referral,
        id: "01938f0e-6b5a-7c21-9d4e-2f1a3b4c5d6e".into(),
        payload_format: 1,
        catalogue_version: "2026.11.0".into(),
        created_at: "2026-11-28T10:15:00+01:00".into(),
    }
}

fn form() -> Form {
    Form {
        alias: "Mirjana Ostojić".into(),
        narrative:
            "Worked fourteen hours a day in the greenhouse near Šabac; passport kept by the owner. "
                .repeat(200),
    }
}

fn keys() -> (age::x25519::Identity, CenterKey) {
    let identity = age::x25519::Identity::generate();
    let key = identity
        .to_public()
        .to_string()
        .parse()
        .unwrap_or_else(|e| panic!("{e}"));
    (identity, key)
}

fn sealed() -> (age::x25519::Identity, Vec<u8>) {
    let (identity, key) = keys();
    let bytes = seal(&meta(), &form(), &key).unwrap_or_else(|e| panic!("{e}"));
    (identity, bytes)
}

#[test]
fn the_center_opens_what_the_field_sealed() {
    let (identity, bytes) = sealed();
    let opened: Form = open(&bytes, &identity, &meta()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(opened, form());
}

#[test]
fn the_envelope_reveals_nothing_and_is_compressed() {
    let (_, bytes) = sealed();
    let plain = serde_json::to_vec(&form()).unwrap_or_default();
    assert!(
        // age adds a grease stanza of random length to the header, so leave room for it.
        bytes.len() < plain.len() / 4,
        "{} vs {}",
        bytes.len(),
        plain.len()
    );
    for secret in ["Mirjana", "Šabac", "passport", "2026.11.0", "01938f0e"] {
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
            "{secret}"
        );
    }
    assert!(bytes.starts_with(b"age-encryption.org/v1\n"));
}

#[test]
fn sealing_twice_gives_different_bytes_but_the_same_content() {
    let (identity, key) = keys();
    let first = seal(&meta(), &form(), &key).unwrap_or_else(|e| panic!("{e}"));
    let second = seal(&meta(), &form(), &key).unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(first, second, "age uses a fresh file key each time");
    let (a, x): (EnvelopeMeta, Form) =
        open_any(&first, &identity).unwrap_or_else(|e| panic!("{e}"));
    let (b, y): (EnvelopeMeta, Form) =
        open_any(&second, &identity).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((a, x), (b, y));
}

#[test]
fn swapped_metadata_is_detected() {
    let (identity, bytes) = sealed();
    let mut other = meta();
    other.id = "01938f0e-0000-7000-8000-000000000000".into();
    match open::<Form>(&bytes, &identity, &other) {
        Err(ProtocolError::MetadataMismatch { field, .. }) => assert_eq!(field, "id"),
        other => panic!("expected a mismatch, got {other:?}"),
    }
    for change in [
        |m: &mut EnvelopeMeta| m.catalogue_version = "2027.1.0".into(),
        |m: &mut EnvelopeMeta| m.created_at = "2026-11-29T10:15:00+01:00".into(),
        |m: &mut EnvelopeMeta| m.kind = EnvelopeKind::Reconsideration,
        |m: &mut EnvelopeMeta| m.payload_format = 2,
    ] {
        let mut expected = meta();
        change(&mut expected);
        assert!(matches!(
            open::<Form>(&bytes, &identity, &expected),
            Err(ProtocolError::MetadataMismatch { .. })
        ));
    }
}

#[test]
fn another_key_or_a_damaged_envelope_cannot_be_opened() {
    let (_, bytes) = sealed();
    let stranger = age::x25519::Identity::generate();
    assert!(matches!(
        open::<Form>(&bytes, &stranger, &meta()),
        Err(ProtocolError::Open(_))
    ));
    let (identity, mut damaged) = sealed();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x01;
    assert!(matches!(
        open::<Form>(&damaged, &identity, &meta()),
        Err(ProtocolError::Open(_))
    ));
    assert!(matches!(
        open::<Form>(b"not an envelope", &identity, &meta()),
        Err(ProtocolError::Open(_))
    ));
}

/// What docs/protocol.md tells a Center to do: `age -d -i key | zstd -d`.
#[test]
fn the_standard_age_and_zstd_tools_open_an_envelope() {
    let (identity, bytes) = sealed();
    let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let key_file = directory.path().join("center.key");
    let envelope = directory.path().join("referral.age");
    {
        use age::secrecy::ExposeSecret;
        std::fs::write(&key_file, identity.to_string().expose_secret())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&envelope, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let decrypted = Command::new("age")
        .args(["--decrypt", "--identity"])
        .arg(&key_file)
        .arg(&envelope)
        .output()
        .unwrap_or_else(|e| {
            panic!("the age tool (Debian package age, installed by make test): {e}")
        });
    assert!(
        decrypted.status.success(),
        "{}",
        String::from_utf8_lossy(&decrypted.stderr)
    );
    let mut zstd = Command::new("zstd")
        .args(["--decompress", "--stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("the zstd tool: {e}"));
    zstd.stdin
        .take()
        .unwrap_or_else(|| panic!("stdin"))
        .write_all(&decrypted.stdout)
        .unwrap_or_else(|e| panic!("{e}"));
    let output = zstd.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert!(output.status.success());
    let document: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(document["envelope_format"], 1);
    assert_eq!(document["kind"], "referral");
    assert_eq!(document["id"], meta().id);
    assert_eq!(document["catalogue_version"], "2026.11.0");
    assert_eq!(document["payload"]["alias"], "Mirjana Ostojić");
}

/// The recipient is bound inside the encryption: an envelope that says it was sealed to another
/// key than the one that opens it is refused, even though it decrypts.
#[test]
fn an_envelope_names_its_recipient_inside_and_opening_checks_it() {
    let (identity, key) = keys();
    let sealed = seal(&meta(), &form(), &key).unwrap_or_else(|e| panic!("{e}"));
    assert!(open_any::<Form>(&sealed, &identity).is_ok());

    // Made by hand as the format says (JSON, zstd, age), naming another recipient inside.
    let other = age::x25519::Identity::generate().to_public().to_string();
    let document = serde_json::json!({
        "envelope_format": 1, "kind": "referral", "id": meta().id, "payload_format": 1,
        "catalogue_version": meta().catalogue_version, "created_at": meta().created_at,
        "recipient": other, "payload": form(),
    });
    let compressed = zstd::stream::encode_all(document.to_string().as_bytes(), 3)
        .unwrap_or_else(|e| panic!("{e}"));
    let forged = age::encrypt(&identity.to_public(), &compressed).unwrap_or_else(|e| panic!("{e}"));
    match open_any::<Form>(&forged, &identity) {
        Err(ProtocolError::MetadataMismatch { field, inside, .. }) => {
            assert_eq!((field, inside), ("recipient", other));
        }
        other => panic!("expected a recipient mismatch, got {other:?}"),
    }
    // And without a recipient inside at all, it is not this format's envelope.
    let mut bare = document.clone();
    bare.as_object_mut().map(|o| o.remove("recipient"));
    let compressed =
        zstd::stream::encode_all(bare.to_string().as_bytes(), 3).unwrap_or_else(|e| panic!("{e}"));
    let bare = age::encrypt(&identity.to_public(), &compressed).unwrap_or_else(|e| panic!("{e}"));
    assert!(open_any::<Form>(&bare, &identity).is_err());
}
