//! The Center's two key pairs, created on first start in its data folder: X25519 (age) to open
//! envelopes, Ed25519 to sign receipts, decisions and publications. The public recipient is also
//! written to `center.pub`, the file a field device can be configured with.

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

pub struct CenterKeys {
    pub identity: age::x25519::Identity,
    pub signer: CenterSigner,
}

impl std::fmt::Debug for CenterKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CenterKeys({})", self.identity.to_public())
    }
}

impl CenterKeys {
    /// Loads the keys from their default files in `dir`, creating any that are missing.
    pub fn load_or_create(dir: &Path) -> Result<Self, CenterError> {
        Self::load_or_create_at(&KeyPaths::in_dir(dir))
    }

    /// Loads the keys from `paths`, creating any that are missing.
    pub fn load_or_create_at(paths: &KeyPaths) -> Result<Self, CenterError> {
        let identity_path = paths.identity.clone();
        let identity = match read(&identity_path)? {
            Some(bytes) => {
                let text = Zeroizing::new(String::from_utf8_lossy(&bytes).into_owned());
                let line = text
                    .lines()
                    .map(str::trim)
                    .find(|line| line.starts_with("AGE-SECRET-KEY-"))
                    .ok_or_else(|| {
                        CenterError::Keys(format!(
                            "{} holds no age identity",
                            identity_path.display()
                        ))
                    })?;
                age::x25519::Identity::from_str(line)
                    .map_err(|e| CenterError::Keys(format!("{}: {e}", identity_path.display())))?
            }
            None => {
                let identity = age::x25519::Identity::generate();
                let text = Zeroizing::new(format!(
                    "# First Contact Center: opens sealed referrals. Keep secret; back up offline.\n# public key: {}\n{}\n",
                    identity.to_public(),
                    identity.to_string().expose_secret()
                ));
                write_private(&identity_path, text.as_bytes())?;
                identity
            }
        };
        let recipient = format!("{}\n", identity.to_public());
        if read(&paths.recipient)?.as_deref() != Some(recipient.as_bytes()) {
            write_public(&paths.recipient, recipient.as_bytes())?;
        }
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
        Ok(Self { identity, signer })
    }

    pub fn center_identity(&self, name: &str) -> CenterIdentity {
        CenterIdentity {
            name: name.to_owned(),
            recipient: self.identity.to_public().to_string(),
            signing_key: self.signer.public().to_text(),
        }
    }
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
        assert_eq!(published.trim(), first.identity.to_public().to_string());
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
