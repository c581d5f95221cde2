//! Wire formats shared by the field app and the Center. Today: the sealed envelope in which a
//! finalised referral leaves the laptop (docs/protocol.md). Versioned; nothing here does I/O
//! beyond reading a key file.

pub mod center_key;
pub mod envelope;
pub mod error;
pub mod reference;

pub use center_key::CenterKey;
pub use envelope::{open, open_any, seal, EnvelopeKind, EnvelopeMeta, ENVELOPE_FORMAT};
pub use error::ProtocolError;
pub use reference::reference_for;
