//! docs/openapi.yaml promises that its examples are real: every signed document is signed by
//! the example signing key (whose seed the file gives, so an implementer can sign their own),
//! receipts and decisions carry references of the Center's form (`CTR-<year>-<number>`), and
//! the enrollment proof is the one the example code gives. This reads the file as lines (the
//! examples are written one member a line) and checks all three, so an edit that breaks an
//! example fails here rather than misleading an implementer.
//!
//! After editing an example's payload, `FIRST_CONTACT_RESIGN_EXAMPLES=1 cargo test --workspace
//! --test openapi_examples` writes the signatures, the signing key and the proof afresh.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use first_contact_protocol::api::batch_receipt::BatchReceipt;
use first_contact_protocol::api::delivery::Receipt;
use first_contact_protocol::api::enrollment::{CenterIdentity, EnrollmentCode};
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::api::publication::Publication;
use first_contact_protocol::{CenterSigner, CenterVerifier, Purpose, SignedDocument};

const OPENAPI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.yaml");

/// The example signing key's seed, hex. Public on purpose, and written in openapi.yaml: it
/// signs examples, never anything a device should trust.
const EXAMPLE_SEED: &str = "ef8c45b51912bd0d65cdd20b0ae0090102ac0ef6749b2ad82ee0735b7ccba2b2";

fn example_signer() -> CenterSigner {
    let seed = hex::decode(EXAMPLE_SEED).unwrap_or_else(|e| panic!("{e}"));
    CenterSigner::from_seed(&seed).unwrap_or_else(|e| panic!("{e}"))
}

/// The file as it is, or first written afresh when `FIRST_CONTACT_RESIGN_EXAMPLES=1`. Read
/// (and written) once for all the tests: they run on parallel threads, and one must never read
/// the file while another rewrites it.
fn openapi() -> String {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let text = std::fs::read_to_string(OPENAPI).unwrap_or_else(|e| panic!("{OPENAPI}: {e}"));
        if !std::env::var("FIRST_CONTACT_RESIGN_EXAMPLES").is_ok_and(|v| v == "1") {
            return text;
        }
        let resigned = resigned(&text);
        std::fs::write(OPENAPI, &resigned).unwrap_or_else(|e| panic!("{OPENAPI}: {e}"));
        resigned
    })
    .clone()
}

/// A line's member, without its indentation and any `- `.
fn member(line: &str) -> &str {
    line.trim_start().trim_start_matches("- ")
}

/// Replaces the value of a `<name>: <value>` line, keeping its indentation.
fn with_value(line: &str, value: &str) -> String {
    let at = line
        .find(": ")
        .unwrap_or_else(|| panic!("not a member: {line}"));
    format!("{}: {value}", &line[..at])
}

/// The signed example at `at`, if the line starts one: `purpose`, `payload`, `signature`.
fn signed_example(lines: &[&str], at: usize) -> Option<SignedDocument> {
    let purpose = member(lines[at]).strip_prefix("purpose: ")?;
    let payload = lines
        .get(at + 1)
        .and_then(|l| member(l).strip_prefix("payload: "))?;
    let signature = lines
        .get(at + 2)
        .and_then(|l| member(l).strip_prefix("signature: "))?;
    let purpose: Purpose = serde_json::from_value(serde_json::json!(purpose))
        .unwrap_or_else(|e| panic!("line {at}: {e}"));
    Some(SignedDocument {
        purpose,
        payload: unquote(payload),
        signature: signature.to_owned(),
    })
}

/// `text` with every signing key the example key, every signed example signed by it, and the
/// enrollment proof made for it.
fn resigned(text: &str) -> String {
    let signer = example_signer();
    let key = signer.public().to_text();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    for at in 0..lines.len() {
        if member(lines[at]).starts_with("signing_key: ") {
            out[at] = with_value(lines[at], &key);
        }
        if let Some(document) = signed_example(&lines, at) {
            let fresh = signer.sign_payload(document.purpose, document.payload);
            out[at + 2] = with_value(lines[at + 2], &fresh.signature);
        }
    }
    let mut text = out.join("\n") + "\n";
    let (old_proof, new_proof) = (example_proof(&text).to_owned(), expected_proof(&text));
    text = text.replacen(
        &format!("proof: {old_proof}"),
        &format!("proof: {new_proof}"),
        1,
    );
    text
}

/// The values of the lines that read `<name>: <value>` (after any `- `), in file order.
fn values<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    let prefix = format!("{name}: ");
    text.lines()
        .map(|line| line.trim_start().trim_start_matches("- "))
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .collect()
}

fn unquote(value: &str) -> String {
    value
        .strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or(value)
        .replace("''", "'")
}

fn is_center_reference(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), ["CTR", year, number]
        if year.len() == 4 && number.len() >= 6
            && year.chars().chain(number.chars()).all(|c| c.is_ascii_digit()))
}

fn example_center(text: &str) -> (CenterIdentity, CenterVerifier) {
    let keys = values(text, "signing_key");
    assert!(
        !keys.is_empty() && keys.iter().all(|key| *key == keys[0]),
        "{keys:?}"
    );
    let center = CenterIdentity {
        name: values(text, "name")
            .into_iter()
            .find(|name| *name == "Example Center")
            .unwrap_or_else(|| panic!("no example Center name"))
            .to_owned(),
        recipient: values(text, "recipient")[0].to_owned(),
        signing_key: keys[0].to_owned(),
    };
    let verifier = CenterVerifier::from_text(keys[0]).unwrap_or_else(|e| panic!("{e}"));
    (center, verifier)
}

#[test]
fn every_signed_example_is_signed_by_the_example_key_and_names_a_center_reference() {
    let text = openapi();
    assert!(
        text.contains(EXAMPLE_SEED),
        "openapi.yaml no longer gives the example key's seed"
    );
    let signer = example_signer();
    let (center, verifier) = example_center(&text);
    assert_eq!(center.signing_key, signer.public().to_text());
    let lines: Vec<&str> = text.lines().collect();
    let mut checked = 0;
    let mut batch_receipts = 0;
    for at in 0..lines.len() {
        let Some(document) = signed_example(&lines, at) else {
            continue; // a schema's `purpose:` member, not an example
        };
        let purpose = document.purpose;
        assert_eq!(
            signer
                .sign_payload(purpose, document.payload.clone())
                .signature,
            document.signature,
            "line {}: not signed by the example key over this payload",
            at + 1
        );
        let reference = match purpose {
            Purpose::Receipt => Some(
                verifier
                    .verify::<Receipt>(purpose, &document)
                    .map(|receipt| receipt.center_reference),
            ),
            Purpose::BatchReceipt => {
                let batch = verifier
                    .verify::<BatchReceipt>(purpose, &document)
                    .unwrap_or_else(|e| panic!("line {at}: {e}"));
                for item in &batch.items {
                    if let Some(receipt) = item.receipt(batch.device_id) {
                        assert!(is_center_reference(&receipt.center_reference), "line {at}");
                    }
                }
                batch_receipts += 1;
                None
            }
            Purpose::Decision => Some(
                verifier
                    .verify::<Decision>(purpose, &document)
                    .map(|decision| decision.center_reference),
            ),
            Purpose::Publication => {
                verifier
                    .verify::<Publication>(purpose, &document)
                    .unwrap_or_else(|e| panic!("line {at}: {e}"));
                None
            }
        };
        if let Some(reference) = reference {
            let reference = reference.unwrap_or_else(|e| panic!("line {at}: {e}"));
            assert!(is_center_reference(&reference), "line {at}: {reference}");
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} signed examples found");
    assert!(batch_receipts >= 1, "no signed batch receipt example");
    for reference in values(&text, "center_reference") {
        assert!(is_center_reference(reference), "{reference}");
    }
}

/// The proof written in the file.
fn example_proof(text: &str) -> &str {
    values(text, "proof")
        .into_iter()
        .find(|value| value.len() == 64)
        .unwrap_or_else(|| panic!("no example proof"))
}

/// The proof the example code gives for the example CA and Center.
fn expected_proof(text: &str) -> String {
    let (center, _) = example_center(text);
    let codes = values(text, "code");
    let code = codes
        .iter()
        .find_map(|value| EnrollmentCode::parse(value).ok())
        .unwrap_or_else(|| panic!("no example code among {codes:?}"));
    let pem_body: String = text
        .split("-----BEGIN CERTIFICATE-----")
        .nth(1)
        .and_then(|rest| rest.split("-----END CERTIFICATE-----").next())
        .unwrap_or_else(|| panic!("no example CA"))
        .split_whitespace()
        .collect();
    let ca_der = BASE64.decode(pem_body).unwrap_or_else(|e| panic!("{e}"));
    code.proof(&ca_der, &center)
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_example_proof_is_the_one_the_example_code_gives() {
    let text = openapi();
    assert_eq!(example_proof(&text), expected_proof(&text));
}
