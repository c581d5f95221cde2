//! The Center's two key pairs, created on first start in its data folder: X25519 (age) to open
//! envelopes, Ed25519 to sign receipts, decisions and publications. The public recipient is also
//! written to `center.pub`, the file a field device can be configured with.
//!
//! The running server never opens an envelope, so it never holds the age identity: it works from
//! the recipient in `center.pub` and the signing key. Only opening (`center admin open`) reads the
//! identity file, at that moment, so the identity can live on another machine or an offline
//! medium and be brought to the data folder (or named with `--identity-file`) only to open.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::ExposeSecret;
use first_contact_protocol::api::enrollment::CenterIdentity;
use first_contact_protocol::CenterSigner;
use zeroize::Zeroizing;

use crate::error::CenterError;
use crate::private_files::{read, write_private, write_public};

pub const IDENTITY_FILE: &str = "center-identity.txt";
pub const SIGNING_KEY_FILE: &str = "center-signing.key";
pub const RECIPIENT_FILE: &str = "center.pub";

/// Where the keys live: by default all in the Center's data folder.
#[derive(Debug, Clone)]
pub struct KeyPaths {
    pub identity: PathBuf,
    pub signing: PathBuf,
    /// Where the public recipient is written for field devices.
    pub recipient: PathBuf,
}

impl KeyPaths {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            identity: dir.join(IDENTITY_FILE),
            signing: dir.join(SIGNING_KEY_FILE),
            recipient: dir.join(RECIPIENT_FILE),
        }
    }
}

/// What the running Center holds: the public recipient, the signing key, and only the *path*
/// of the identity, which [`CenterKeys::opening_identity`] reads when an envelope is opened.
pub struct CenterKeys {
    pub recipient: age::x25519::Recipient,
    pub signer: CenterSigner,
    identity_file: PathBuf,
}

impl std::fmt::Debug for CenterKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CenterKeys({})", self.recipient)
    }
}

impl CenterKeys {
    /// Loads the keys from their default files in `dir`, creating any that are missing.
    pub fn load_or_create(dir: &Path) -> Result<Self, CenterError> {
        Self::load_or_create_at(&KeyPaths::in_dir(dir))
    }

    /// Loads the recipient and the signing key from `paths`, creating them on first start.
    ///
    /// The recipient comes from its file whenever that exists; the identity is then not read at
    /// all, and its absence is normal. Only with neither file is a new identity made (written
    /// 0600, and its recipient beside it); a lone identity (an older folder without
    /// `center.pub`) has its recipient written out once. A missing identity is never replaced
    /// while the recipient exists: that would silently change the key devices seal to.
    pub fn load_or_create_at(paths: &KeyPaths) -> Result<Self, CenterError> {
        let recipient = match read(&paths.recipient)? {
            Some(bytes) => parse_recipient(&paths.recipient, &bytes)?,
            None => {
                let recipient = match read(&paths.identity)? {
                    Some(bytes) => parse_identity(&paths.identity, &bytes)?.to_public(),
                    None => create_identity(&paths.identity)?,
                };
                write_public(&paths.recipient, format!("{recipient}\n").as_bytes())?;
                recipient
            }
        };
        let signing_path = paths.signing.clone();
        let signer = match read(&signing_path)? {
            Some(bytes) => {
                let text = Zeroizing::new(String::from_utf8_lossy(&bytes).trim().to_owned());
                let seed =
                    Zeroizing::new(hex::decode(text.as_str()).map_err(|e| {
                        CenterError::Keys(format!("{}: {e}", signing_path.display()))
                    })?);
                CenterSigner::from_seed(&seed)?
            }
            None => {
                let signer = CenterSigner::generate()?;
                let text = Zeroizing::new(hex::encode(signer.to_seed().as_slice()));
                write_private(&signing_path, text.as_bytes())?;
                signer
            }
        };
        Ok(Self {
            recipient,
            signer,
            identity_file: paths.identity.clone(),
        })
    }

    pub fn center_identity(&self, name: &str) -> CenterIdentity {
        CenterIdentity {
            name: name.to_owned(),
            recipient: self.recipient.to_string(),
            signing_key: self.signer.public().to_text(),
        }
    }

    /// Reads the identity that opens envelopes, for one opening; drop it right after. Fails
    /// clearly if the file is not there, and if it holds another Center's identity.
    pub fn opening_identity(&self) -> Result<age::x25519::Identity, CenterError> {
        let path = &self.identity_file;
        let bytes = read(path)?.ok_or_else(|| {
            CenterError::Keys(format!(
                "opening an envelope needs the Center's age identity, which is not at {} \
                 (bring it there or name it with --identity-file / CENTER_IDENTITY_FILE)",
                path.display()
            ))
        })?;
        let identity = parse_identity(path, &bytes)?;
        if identity.to_public().to_string() != self.recipient.to_string() {
            return Err(CenterError::Keys(format!(
                "{} is not the identity of this Center's recipient {}",
                path.display(),
                self.recipient
            )));
        }
        Ok(identity)
    }
}

fn create_identity(path: &Path) -> Result<age::x25519::Recipient, CenterError> {
    let identity = age::x25519::Identity::generate();
    let text = Zeroizing::new(format!(
        "# First Contact Center: opens sealed referrals. Keep secret; back up offline.\n# public key: {}\n{}\n",
        identity.to_public(),
        identity.to_string().expose_secret()
    ));
    write_private(path, text.as_bytes())?;
    Ok(identity.to_public())
}

fn parse_identity(path: &Path, bytes: &[u8]) -> Result<age::x25519::Identity, CenterError> {
    let text = Zeroizing::new(String::from_utf8_lossy(bytes).into_owned());
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("AGE-SECRET-KEY-"))
        .ok_or_else(|| CenterError::Keys(format!("{} holds no age identity", path.display())))?;
    age::x25519::Identity::from_str(line)
        .map_err(|e| CenterError::Keys(format!("{}: {e}", path.display())))
}

fn parse_recipient(path: &Path, bytes: &[u8]) -> Result<age::x25519::Recipient, CenterError> {
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("age1"))
        .ok_or_else(|| CenterError::Keys(format!("{} holds no age recipient", path.display())))?;
    age::x25519::Recipient::from_str(line)
        .map_err(|e| CenterError::Keys(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn keys_are_created_private_once_and_reloaded_the_same() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        for file in [IDENTITY_FILE, SIGNING_KEY_FILE] {
            let mode = std::fs::metadata(dir.path().join(file))
                .unwrap_or_else(|e| panic!("{e}"))
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{file}");
        }
        let again = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.center_identity("C"), again.center_identity("C"));
        let published = std::fs::read_to_string(dir.path().join(RECIPIENT_FILE))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(published.trim(), first.recipient.to_string());
    }

    #[test]
    fn without_the_identity_the_keys_load_from_the_recipient_and_nothing_is_recreated() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let identity = dir.path().join(IDENTITY_FILE);
        std::fs::remove_file(&identity).unwrap_or_else(|e| panic!("{e}"));
        let again = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.center_identity("C"), again.center_identity("C"));
        assert!(!identity.exists(), "a new identity was made");
        let refused = again.opening_identity().err().map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|e| e.contains("needs the Center's age identity")),
            "{refused:?}"
        );
    }

    #[test]
    fn the_identity_is_read_only_to_open_and_must_be_this_centers() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let keys = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let opening = keys.opening_identity().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(opening.to_public().to_string(), keys.recipient.to_string());
        let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        CenterKeys::load_or_create(other.path()).unwrap_or_else(|e| panic!("{e}"));
        std::fs::copy(
            other.path().join(IDENTITY_FILE),
            dir.path().join(IDENTITY_FILE),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let refused = keys.opening_identity().err().map(|e| e.to_string());
        assert!(
            refused
                .as_deref()
                .is_some_and(|e| e.contains("is not the identity")),
            "{refused:?}"
        );
    }

    #[test]
    fn a_lone_identity_gets_its_recipient_written_out() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let first = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        std::fs::remove_file(dir.path().join(RECIPIENT_FILE)).unwrap_or_else(|e| panic!("{e}"));
        let again = CenterKeys::load_or_create(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first.center_identity("C"), again.center_identity("C"));
        let published = std::fs::read_to_string(dir.path().join(RECIPIENT_FILE))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(published.trim(), first.recipient.to_string());
    }

    #[test]
    fn a_damaged_key_file_is_refused_not_replaced() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join(SIGNING_KEY_FILE), "zz").unwrap_or_else(|e| panic!("{e}"));
        assert!(CenterKeys::load_or_create(dir.path()).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(SIGNING_KEY_FILE)).unwrap_or_default(),
            "zz"
        );
    }
}
