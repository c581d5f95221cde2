//! Wire formats shared by the field app and the Center (docs/protocol.md): the sealed envelope
//! in which a finalised referral leaves the laptop, the bodies of the `/v1` HTTP API, and the
//! Center's signatures. Versioned; nothing here does I/O beyond reading a key file.

pub mod api;
pub mod center_key;
pub mod envelope;
pub mod error;
pub mod fingerprint;
pub mod reference;
pub mod signing;

pub use center_key::CenterKey;
pub use envelope::{open, open_any, seal, EnvelopeKind, EnvelopeMeta, ENVELOPE_FORMAT};
pub use error::{FrameError, ProtocolError};
pub use fingerprint::{center_fingerprint, same_fingerprint};
pub use reference::reference_for;
pub use signing::{CenterSigner, CenterVerifier, Purpose, SignedDocument};
