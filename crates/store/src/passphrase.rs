//! The worker's passphrase in memory: wiped when dropped and never printed. The store takes it
//! only in this form, so whoever calls it keeps the passphrase in memory that is wiped too.

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

#[derive(Clone, PartialEq, Eq)]
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The text, for the key derivation and the strength rule; do not copy it into a `String`.
    pub fn expose(&self) -> &str {
        self.0.as_str()
    }
}

impl From<String> for Passphrase {
    /// Takes over the string's buffer without copying it, and wipes it when dropped.
    fn from(text: String) -> Self {
        Self(Zeroizing::new(text))
    }
}

impl From<&str> for Passphrase {
    fn from(text: &str) -> Self {
        Self(Zeroizing::new(text.to_owned()))
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

/// Read straight into wiped memory from the UI's JSON (serde_json hands over the `String` it
/// built).
impl<'de> Deserialize<'de> for Passphrase {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_is_never_printed_and_reads_from_json_text() {
        let passphrase: Passphrase =
            serde_json::from_str("\"seven quiet rivers\"").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(passphrase.expose(), "seven quiet rivers");
        assert_eq!(format!("{passphrase:?}"), "Passphrase(..)");
    }
}
