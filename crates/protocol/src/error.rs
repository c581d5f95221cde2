//! Errors of the wire formats.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ProtocolError {
    #[error("no Center key is configured ({0})")]
    CenterKeyMissing(String),
    #[error("the Center key is not a valid age X25519 public key: {0}")]
    CenterKeyMalformed(String),
    #[error("the envelope could not be sealed: {0}")]
    Seal(String),
    #[error("the envelope could not be opened: {0}")]
    Open(String),
    #[error("the envelope's contents exceed {0} bytes")]
    TooLarge(usize),
    #[error("the envelope says {field} is {inside:?}, but it was delivered as {outside:?}")]
    MetadataMismatch {
        field: &'static str,
        inside: String,
        outside: String,
    },
    #[error("unsupported envelope format {0}")]
    UnsupportedFormat(u32),
    #[error("signature: {0}")]
    Signature(String),
    #[error("enrollment: {0}")]
    Enrollment(String),
}
