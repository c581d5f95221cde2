//! docs/openapi.yaml promises that its examples are real: every signed document verifies with
//! the example signing key, receipts and decisions carry references of the Center's form
//! (`CTR-<year>-<number>`), and the enrollment proof is the one the example code gives. This
//! reads the file as lines (the examples are written one member a line) and checks all three,
//! so an edit that breaks an example fails here rather than misleading an implementer.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use first_contact_protocol::api::batch_receipt::BatchReceipt;
use first_contact_protocol::api::delivery::Receipt;
use first_contact_protocol::api::enrollment::{CenterIdentity, EnrollmentCode};
use first_contact_protocol::api::feedback::Decision;
use first_contact_protocol::api::publication::Publication;
use first_contact_protocol::{CenterVerifier, Purpose, SignedDocument};

fn openapi() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.yaml");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
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
fn every_signed_example_verifies_and_names_a_center_reference() {
    let text = openapi();
    let (_, verifier) = example_center(&text);
    let lines: Vec<&str> = text
        .lines()
        .map(|line| line.trim_start().trim_start_matches("- "))
        .collect();
    let mut checked = 0;
    for (at, line) in lines.iter().enumerate() {
        let Some(purpose) = line.strip_prefix("purpose: ") else {
            continue;
        };
        let (Some(payload), Some(signature)) = (
            lines.get(at + 1).and_then(|l| l.strip_prefix("payload: ")),
            lines
                .get(at + 2)
                .and_then(|l| l.strip_prefix("signature: ")),
        ) else {
            continue; // a schema's `purpose:` member, not an example
        };
        let purpose: Purpose = serde_json::from_value(serde_json::json!(purpose))
            .unwrap_or_else(|e| panic!("line {at}: {e}"));
        let document = SignedDocument {
            purpose,
            payload: unquote(payload),
            signature: signature.to_owned(),
        };
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
    assert!(checked >= 7, "only {checked} signed examples found");
    for reference in values(&text, "center_reference") {
        assert!(is_center_reference(reference), "{reference}");
    }
}

#[test]
fn the_example_proof_is_the_one_the_example_code_gives() {
    let text = openapi();
    let (center, _) = example_center(&text);
    let codes = values(&text, "code");
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
    let proof = values(&text, "proof")
        .into_iter()
        .find(|value| value.len() == 64)
        .unwrap_or_else(|| panic!("no example proof"));
    code.check_proof(&ca_der, &center, proof)
        .unwrap_or_else(|e| panic!("{e}"));
}
