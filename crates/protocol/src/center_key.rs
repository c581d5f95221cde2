//! The Center's public key, to which envelopes are sealed: an age X25519 recipient
//! (`age1…`, Bech32). Until enrollment exists it is read from a configuration file.

use std::path::Path;
use std::str::FromStr;

use crate::error::ProtocolError;

#[derive(Clone)]
pub struct CenterKey(age::x25519::Recipient);

impl std::fmt::Debug for CenterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CenterKey({})", self.0)
    }
}

impl FromStr for CenterKey {
    type Err = ProtocolError;

    /// Parses `age1…`; a wrong checksum, prefix or length is refused.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ProtocolError::CenterKeyMissing("empty".into()));
        }
        age::x25519::Recipient::from_str(text)
            .map(CenterKey)
            .map_err(|reason| ProtocolError::CenterKeyMalformed(reason.to_string()))
    }
}

impl CenterKey {
    /// Reads the key from a file holding one `age1…` line; blank lines and `#` comments are
    /// allowed, as in age's own recipient files.
    pub fn from_file(path: &Path) -> Result<Self, ProtocolError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ProtocolError::CenterKeyMissing(format!("{}: {e}", path.display())))?;
        let mut keys = text
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'));
        let key = keys.next().ok_or_else(|| {
            ProtocolError::CenterKeyMissing(format!("{} is empty", path.display()))
        })?;
        if keys.next().is_some() {
            return Err(ProtocolError::CenterKeyMalformed(
                "the file names more than one key".into(),
            ));
        }
        key.parse()
    }

    pub(crate) fn recipient(&self) -> &age::x25519::Recipient {
        &self.0
    }
}

impl std::fmt::Display for CenterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a_key() -> String {
        age::x25519::Identity::generate().to_public().to_string()
    }

    #[test]
    fn a_valid_key_round_trips() {
        let text = a_key();
        let key: CenterKey = text.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(key.to_string(), text);
    }

    #[test]
    fn empty_malformed_and_wrong_length_keys_are_refused() {
        assert!(matches!(
            "  ".parse::<CenterKey>(),
            Err(ProtocolError::CenterKeyMissing(_))
        ));
        assert!(matches!(
            "not-a-key".parse::<CenterKey>(),
            Err(ProtocolError::CenterKeyMalformed(_))
        ));
        let key = a_key();
        let truncated = &key[..key.len() - 4];
        assert!(matches!(
            truncated.parse::<CenterKey>(),
            Err(ProtocolError::CenterKeyMalformed(_))
        ));
        let mut altered = key.clone().into_bytes();
        let last = altered.len() - 1;
        altered[last] = if altered[last] == b'q' { b'p' } else { b'q' };
        let altered = String::from_utf8(altered).unwrap_or_default();
        assert!(matches!(
            altered.parse::<CenterKey>(),
            Err(ProtocolError::CenterKeyMalformed(_))
        ));
    }

    #[test]
    fn key_files_allow_comments_but_not_two_keys() {
        let directory = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = directory.path().join("center.pub");
        let key = a_key();
        std::fs::write(&path, format!("# Center, Belgrade\n\n{key}\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            CenterKey::from_file(&path).map(|k| k.to_string()).ok(),
            Some(key.clone())
        );
        std::fs::write(&path, format!("{key}\n{key}\n")).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            CenterKey::from_file(&path),
            Err(ProtocolError::CenterKeyMalformed(_))
        ));
        assert!(matches!(
            CenterKey::from_file(&directory.path().join("absent.pub")),
            Err(ProtocolError::CenterKeyMissing(_))
        ));
    }
}
