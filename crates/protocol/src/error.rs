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

/// Why a binary delivery batch (`application/vnd.first-contact.batch`) could not be read or
/// written. Every one refuses the whole batch: a frame that is not well formed cannot be cut
/// into items to answer one by one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrameError {
    #[error("the body does not start with the batch magic and version 1")]
    BadHeader,
    #[error("the body ends inside {0}")]
    Truncated(&'static str),
    #[error("{field} is {length} bytes long; at most {limit} are allowed")]
    TooLong {
        field: &'static str,
        length: usize,
        limit: usize,
    },
    #[error("a batch has 1 to {limit} items, not {count}")]
    ItemCount { count: usize, limit: usize },
    #[error("{0} is not UTF-8")]
    NotUtf8(&'static str),
    #[error("unknown envelope kind {0}")]
    UnknownKind(u8),
    #[error("{0} bytes follow the last item")]
    TrailingBytes(usize),
}
