//! Enrollment: how a device gets its credential and learns, safely, which Center it talks to.
//!
//! The worker types the Center's address and a one-time code `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX` (or
//! pastes an enrollment file holding both). The first group names the code; the other five (100
//! bits, so that a captured proof cannot be searched offline; docs/security.md) are a secret only
//! the Center (as a hash) and the worker know. Before the device trusts the certificate
//! it was shown, it asks for a *proof*: the Center's CA, public keys and an HMAC of them keyed
//! with the secret. A machine in the middle does not know the secret, so it cannot make a proof
//! for its own certificate; only then does the device send the whole code, over TLS pinned to
//! that CA.

use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use first_contact_domain::paper_code::{self, GROUP_LEN};

use crate::error::ProtocolError;

const GROUPS: usize = 6;
/// The length of the codes issued before the secret grew to 100 bits; named in the refusal so
/// that whoever holds one knows to ask for a new code rather than look for a typing mistake.
const OLD_CODE_LEN: usize = 16;

/// The printed form of a code, as the form shows it for a placeholder.
pub const CODE_FORMAT: &str = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX";
/// The characters a code is made of (Crockford's base32), for messages.
const CODE_ALPHABET: &str = "0-9 and A-Z without I, L, O, U";

/// Why typed text is not an enrollment code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeRefusal {
    /// A code of the earlier four-group form: ask the Center for a new one, do not retype it.
    EarlierForm,
    /// Not six groups of four characters of the code's alphabet.
    NotACode,
}

/// A one-time enrollment code, normalised (upper case, no separators).
#[derive(Clone, PartialEq, Eq)]
pub struct EnrollmentCode(String);

impl std::fmt::Debug for EnrollmentCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EnrollmentCode({}-…)", self.id())
    }
}

impl EnrollmentCode {
    pub fn generate() -> Result<Self, ProtocolError> {
        let mut bytes = [0u8; GROUPS * GROUP_LEN];
        getrandom::fill(&mut bytes)
            .map_err(|e| ProtocolError::Enrollment(format!("no randomness: {e}")))?;
        Ok(Self(
            bytes.iter().map(|b| paper_code::char_for(*b)).collect(),
        ))
    }

    /// Reads a code as a person types it: any case, spaces or hyphens anywhere, and O, I, L
    /// read as 0, 1, 1. This is the only place that reads a typed code: the app's form asks
    /// for it rather than keeping its own copy.
    pub fn read(text: &str) -> Result<Self, CodeRefusal> {
        let mut normal = String::with_capacity(GROUPS * GROUP_LEN);
        if !paper_code::read_into(text, &mut normal) {
            return Err(CodeRefusal::NotACode);
        }
        match normal.len() {
            OLD_CODE_LEN => Err(CodeRefusal::EarlierForm),
            length if length == GROUPS * GROUP_LEN => Ok(Self(normal)),
            _ => Err(CodeRefusal::NotACode),
        }
    }

    /// [`read`](Self::read), with the refusal as a protocol error worded for logs.
    pub fn parse(text: &str) -> Result<Self, ProtocolError> {
        Self::read(text).map_err(|refusal| {
            ProtocolError::Enrollment(match refusal {
                CodeRefusal::EarlierForm => format!(
                    "this is a {OLD_CODE_LEN}-character enrollment code of an earlier form, no \
                     longer accepted: codes now have {} characters in {GROUPS} groups; ask the \
                     Center for a new one",
                    GROUPS * GROUP_LEN
                ),
                CodeRefusal::NotACode => format!(
                    "an enrollment code has {} characters of {CODE_ALPHABET} in {GROUPS} groups \
                     of {GROUP_LEN}",
                    GROUPS * GROUP_LEN
                ),
            })
        })
    }

    /// The public part that names the code.
    pub fn id(&self) -> &str {
        &self.0[..GROUP_LEN]
    }

    /// `XXXX-XXXX-XXXX-XXXX-XXXX-XXXX`, to print and read out.
    pub fn display(&self) -> String {
        paper_code::grouped(&self.0)
    }

    /// What the Center keeps instead of the code: a hash, which is also the key of the proof.
    /// Whoever can read it could already impersonate the Center, so it protects the code only
    /// from being read back, which is all it needs to do.
    pub fn digest(&self) -> String {
        let mut hash = Sha256::new();
        hash.update(b"first-contact/v1/enrollment-code\n");
        hash.update(self.0.as_bytes());
        hex::encode(hash.finalize())
    }

    /// The proof that whoever knows this code vouches for these Center details.
    pub fn proof(&self, ca_der: &[u8], center: &CenterIdentity) -> Result<String, ProtocolError> {
        proof_from_digest(&self.digest(), ca_der, center)
    }

    /// Checks a proof in constant time.
    pub fn check_proof(
        &self,
        ca_der: &[u8],
        center: &CenterIdentity,
        proof: &str,
    ) -> Result<(), ProtocolError> {
        let expected = self.proof(ca_der, center)?;
        if same_secret(&expected, proof) {
            Ok(())
        } else {
            Err(ProtocolError::Enrollment(
                "the Center could not prove it knows this code".into(),
            ))
        }
    }
}

/// The proof as the Center computes it, from the stored digest of the code.
pub fn proof_from_digest(
    digest: &str,
    ca_der: &[u8],
    center: &CenterIdentity,
) -> Result<String, ProtocolError> {
    let mut mac = Hmac::<Sha256>::new_from_slice(digest.as_bytes())
        .map_err(|e| ProtocolError::Enrollment(e.to_string()))?;
    mac.update(b"first-contact/v1/enrollment-proof\n");
    mac.update(hex::encode(Sha256::digest(ca_der)).as_bytes());
    for part in [&center.name, &center.recipient, &center.signing_key] {
        mac.update(b"\n");
        mac.update(part.as_bytes());
    }
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// Compares two strings in time that does not depend on where they differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Who the Center is, as a device pins it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CenterIdentity {
    pub name: String,
    /// The age X25519 recipient (`age1…`) envelopes are sealed to.
    pub recipient: String,
    /// The Ed25519 key (base64) receipts, decisions and publications are signed with.
    pub signing_key: String,
}

/// `GET /v1/enrollment/{code_id}/proof`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentProof {
    /// The certificate authority to pin, PEM.
    pub ca_certificate_pem: String,
    pub center: CenterIdentity,
    /// HMAC-SHA256, hex, keyed with the code's secret part (see [`EnrollmentCode::proof`]).
    pub proof: String,
}

/// `POST /v1/enrollment`
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentRequest {
    pub code: String,
    /// A label the Center shows in its device list, e.g. the laptop's name.
    pub device_name: String,
}

impl std::fmt::Debug for EnrollmentRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentRequest")
            .field("device_name", &self.device_name)
            .finish_non_exhaustive()
    }
}

/// The answer to a successful enrollment: the device's own credential.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentGrant {
    pub device_id: uuid::Uuid,
    /// The secret half of the bearer credential; shown once, stored encrypted by the device.
    pub credential: String,
    pub agency: String,
    pub officer: String,
    pub center: CenterIdentity,
}

impl std::fmt::Debug for EnrollmentGrant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentGrant")
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

/// What `center admin enroll --file` writes for a worker to paste instead of typing.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnrollmentFile {
    pub first_contact_enrollment: u32,
    pub center_address: String,
    pub code: String,
    pub expires_at: String,
    /// The Center's fingerprint (`crate::fingerprint`), to check out of band; the device refuses
    /// a Center whose proof does not match it. Files written before it existed have none.
    #[serde(default)]
    pub center_fingerprint: Option<String>,
}

/// The version of the enrollment file's layout this code reads and writes.
pub const ENROLLMENT_FILE_FORMAT: u32 = 1;

impl EnrollmentFile {
    /// Reads an enrollment file's text as a worker pastes it: surrounding blank space is
    /// ignored; anything but a closed JSON object of this layout, format 1, is refused.
    pub fn from_text(text: &str) -> Result<Self, ProtocolError> {
        let file: EnrollmentFile = serde_json::from_str(text.trim())
            .map_err(|e| ProtocolError::Enrollment(format!("enrollment file: {e}")))?;
        if file.first_contact_enrollment != ENROLLMENT_FILE_FORMAT {
            return Err(ProtocolError::Enrollment(format!(
                "enrollment file format {} is not {ENROLLMENT_FILE_FORMAT}",
                file.first_contact_enrollment
            )));
        }
        Ok(file)
    }
}

impl std::fmt::Debug for EnrollmentFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollmentFile")
            .field("center_address", &self.center_address)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn center() -> CenterIdentity {
        CenterIdentity {
            name: "Center".into(),
            recipient: "age1xyz".into(),
            signing_key: "key".into(),
        }
    }

    #[test]
    fn codes_are_read_as_people_type_them() {
        let code = EnrollmentCode::generate().unwrap_or_else(|e| panic!("{e}"));
        let shown = code.display();
        assert_eq!(shown.len(), 29);
        assert_eq!(shown.split('-').count(), 6);
        let typed = shown.to_lowercase().replace('-', " ");
        assert_eq!(
            EnrollmentCode::parse(&typed).unwrap_or_else(|e| panic!("{e}")),
            code
        );
        assert_eq!(
            EnrollmentCode::parse(&shown.replace('-', "")).unwrap_or_else(|e| panic!("{e}")),
            code
        );
        let misread = EnrollmentCode::parse("OIL0-1111-2222-3333-4444-5555")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(misread.display(), "0110-1111-2222-3333-4444-5555");
        assert_eq!(misread.id(), "0110");
        assert!(EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX").is_err());
        assert!(EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345").is_err());
        assert!(EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U").is_err());
        assert!(EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0Š").is_err());
    }

    #[test]
    fn a_code_of_the_earlier_16_character_form_is_refused_saying_so() {
        let refused = EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(refused.contains("earlier form"), "{refused}");
        assert!(
            refused.contains("ask the Center for a new one"),
            "{refused}"
        );
        let short = EnrollmentCode::parse("ABCD-EFGH-JKMN")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(short.contains("24 characters"), "{short}");
        assert_eq!(
            EnrollmentCode::read("ABCD EFGH JKMN PQRS").err(),
            Some(CodeRefusal::EarlierForm)
        );
        assert_eq!(
            EnrollmentCode::read("ABCD-EFGH-JKMN").err(),
            Some(CodeRefusal::NotACode)
        );
    }

    #[test]
    fn the_printed_form_is_the_format_the_form_shows() {
        let code = EnrollmentCode::generate().unwrap_or_else(|e| panic!("{e}"));
        let shape: String = code
            .display()
            .chars()
            .map(|c| if c == '-' { '-' } else { 'X' })
            .collect();
        assert_eq!(shape, CODE_FORMAT);
    }

    #[test]
    fn a_generated_code_carries_100_secret_bits() {
        // 20 characters after the id, each one of 32 equally likely symbols (a byte's low five
        // bits; 256 is a multiple of 32, so no symbol is favoured).
        let code = EnrollmentCode::generate().unwrap_or_else(|e| panic!("{e}"));
        let secret = code.0.len() - code.id().len();
        assert_eq!(secret * 5, 100);
        assert_ne!(
            EnrollmentCode::generate().map(|other| other.0).ok(),
            Some(code.0)
        );
    }

    #[test]
    fn an_enrollment_file_is_read_with_its_format_checked() {
        let text = r#"
            {"first_contact_enrollment": 1, "center_address": "https://center.example:8443",
             "code": "ABCD-EFGH-JKMN-PQRS", "expires_at": "2026-12-01T00:00:00Z"}
        "#;
        let file = EnrollmentFile::from_text(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.center_address, "https://center.example:8443");
        assert_eq!(file.code, "ABCD-EFGH-JKMN-PQRS");
        let other_format = text.replace(
            "\"first_contact_enrollment\": 1",
            "\"first_contact_enrollment\": 2",
        );
        assert!(EnrollmentFile::from_text(&other_format).is_err());
        assert!(EnrollmentFile::from_text(&text.replace('}', r#","extra": 1}"#)).is_err());
        assert!(EnrollmentFile::from_text("").is_err());
    }

    #[test]
    fn a_proof_binds_the_secret_the_ca_and_the_keys() {
        let code = EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01")
            .unwrap_or_else(|e| panic!("{e}"));
        let proof = code
            .proof(b"ca", &center())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(code.check_proof(b"ca", &center(), &proof).is_ok());
        assert!(code.check_proof(b"other ca", &center(), &proof).is_err());
        let mut other_keys = center();
        other_keys.recipient = "age1abc".into();
        assert!(code.check_proof(b"ca", &other_keys, &proof).is_err());
        let same_id_other_secret = EnrollmentCode::parse("ABCD-EFGH-JKMN-PQRS-TVWX-YZ02")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(same_id_other_secret.id(), code.id());
        assert!(same_id_other_secret
            .check_proof(b"ca", &center(), &proof)
            .is_err());
    }
}
