//! What the Center publishes is signed with its Ed25519 key: receipts, decisions, catalogue and
//! directory versions. A signed document carries its JSON as a string, so the signature covers
//! exactly the bytes that were signed and no canonical form is needed; a purpose is bound in,
//! so a receipt can never be replayed as a decision or a publication.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::ProtocolError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Receipt,
    /// The one receipt for a whole batch delivered through `POST /v1/deliveries`.
    BatchReceipt,
    Decision,
    Publication,
}

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::Receipt => "receipt",
            Purpose::BatchReceipt => "batch_receipt",
            Purpose::Decision => "decision",
            Purpose::Publication => "publication",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedDocument {
    pub purpose: Purpose,
    /// The signed JSON, as text.
    pub payload: String,
    /// Ed25519 signature, base64, over `first-contact/v1/<purpose>\n<payload>`.
    pub signature: String,
}

fn message(purpose: Purpose, payload: &str) -> Vec<u8> {
    let mut message = format!("first-contact/v1/{}\n", purpose.label()).into_bytes();
    message.extend_from_slice(payload.as_bytes());
    message
}

/// The Center's signing key. Its secret half never leaves the Center's data folder.
pub struct CenterSigner(SigningKey);

impl std::fmt::Debug for CenterSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CenterSigner({})", self.public().to_text())
    }
}

impl CenterSigner {
    pub fn generate() -> Result<Self, ProtocolError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(seed.as_mut_slice())
            .map_err(|e| ProtocolError::Signature(format!("no randomness: {e}")))?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    /// The 32-byte seed, for the Center's key file.
    pub fn to_seed(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.0.to_bytes())
    }

    pub fn from_seed(seed: &[u8]) -> Result<Self, ProtocolError> {
        let seed: [u8; 32] = seed
            .try_into()
            .map_err(|_| ProtocolError::Signature("a signing key seed is 32 bytes".into()))?;
        Ok(Self(SigningKey::from_bytes(&seed)))
    }

    pub fn public(&self) -> CenterVerifier {
        CenterVerifier(self.0.verifying_key())
    }

    pub fn sign<T: Serialize>(
        &self,
        purpose: Purpose,
        value: &T,
    ) -> Result<SignedDocument, ProtocolError> {
        let payload =
            serde_json::to_string(value).map_err(|e| ProtocolError::Signature(e.to_string()))?;
        Ok(self.sign_payload(purpose, payload))
    }

    /// Signs JSON text as it is, character for character (an example written by hand keeps its
    /// member order and spacing).
    pub fn sign_payload(&self, purpose: Purpose, payload: String) -> SignedDocument {
        let signature = self.0.sign(&message(purpose, &payload));
        SignedDocument {
            purpose,
            signature: BASE64.encode(signature.to_bytes()),
            payload,
        }
    }
}

/// The Center's public signing key, as pinned by a device at enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CenterVerifier(VerifyingKey);

impl CenterVerifier {
    /// The key as it travels and is stored: base64 of its 32 bytes.
    pub fn to_text(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }

    pub fn from_text(text: &str) -> Result<Self, ProtocolError> {
        let bytes = BASE64
            .decode(text.trim())
            .map_err(|e| ProtocolError::Signature(format!("signing key: {e}")))?;
        let bytes: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| ProtocolError::Signature("a signing key is 32 bytes".into()))?;
        VerifyingKey::from_bytes(&bytes)
            .map(Self)
            .map_err(|e| ProtocolError::Signature(format!("signing key: {e}")))
    }

    /// Checks the signature and the purpose, then parses the payload.
    pub fn verify<T: DeserializeOwned>(
        &self,
        expected: Purpose,
        document: &SignedDocument,
    ) -> Result<T, ProtocolError> {
        if document.purpose != expected {
            return Err(ProtocolError::Signature(format!(
                "expected a {} but got a {}",
                expected.label(),
                document.purpose.label()
            )));
        }
        let bytes = BASE64
            .decode(&document.signature)
            .map_err(|e| ProtocolError::Signature(format!("signature: {e}")))?;
        let signature = Signature::from_slice(&bytes)
            .map_err(|e| ProtocolError::Signature(format!("signature: {e}")))?;
        self.0
            .verify_strict(&message(expected, &document.payload), &signature)
            .map_err(|_| ProtocolError::Signature("the signature does not match".into()))?;
        serde_json::from_str(&document.payload)
            .map_err(|e| ProtocolError::Signature(format!("signed payload: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Note {
        text: String,
    }

    fn signer() -> CenterSigner {
        CenterSigner::generate().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_signed_document_verifies_with_the_public_key_as_text() {
        let signer = signer();
        let note = Note { text: "ok".into() };
        let document = signer
            .sign(Purpose::Publication, &note)
            .unwrap_or_else(|e| panic!("{e}"));
        let verifier =
            CenterVerifier::from_text(&signer.public().to_text()).unwrap_or_else(|e| panic!("{e}"));
        let back: Note = verifier
            .verify(Purpose::Publication, &document)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, note);
        let reloaded =
            CenterSigner::from_seed(signer.to_seed().as_slice()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reloaded.public(), signer.public());
    }

    #[test]
    fn tampering_another_key_or_another_purpose_is_refused() {
        let signer = signer();
        let document = signer
            .sign(Purpose::Receipt, &Note { text: "ok".into() })
            .unwrap_or_else(|e| panic!("{e}"));
        let mut tampered = document.clone();
        tampered.payload = tampered.payload.replace("ok", "no");
        assert!(signer
            .public()
            .verify::<Note>(Purpose::Receipt, &tampered)
            .is_err());
        assert!(self::signer()
            .public()
            .verify::<Note>(Purpose::Receipt, &document)
            .is_err());
        assert!(signer
            .public()
            .verify::<Note>(Purpose::Decision, &document)
            .is_err());
        let mut relabelled = document;
        relabelled.purpose = Purpose::Decision;
        assert!(signer
            .public()
            .verify::<Note>(Purpose::Decision, &relabelled)
            .is_err());
    }
}
