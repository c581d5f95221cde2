//! The keyring file: the database's random data key, wrapped (XChaCha20-Poly1305) by a key
//! derived from the worker's passphrase with Argon2id. Nothing in the file is secret or personal;
//! without the passphrase it reveals nothing but the derivation parameters.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::StoreError;
use crate::passphrase::Passphrase;

const FORMAT: u32 = 1;
const KEY_BYTES: usize = 32;
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;

/// Argon2id cost. The defaults aim at 0.3–1 s on an old laptop (docs/benchmarks.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        Self {
            memory_kib: 96 * 1024,
            iterations: 3,
            parallelism: 1,
        }
    }
}

impl KdfParams {
    /// The lowest cost the store accepts: OWASP's Argon2id minimum (19 MiB, 2 passes).
    pub const MINIMUM: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        parallelism: 1,
    };

    fn is_acceptable(&self) -> bool {
        self.memory_kib >= Self::MINIMUM.memory_kib
            && self.iterations >= Self::MINIMUM.iterations
            && (1..=16).contains(&self.parallelism)
            && self.memory_kib <= 4 * 1024 * 1024
            && self.iterations <= 64
    }
}

/// The database key in memory; wiped when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct DataKey([u8; KEY_BYTES]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    pub fn random() -> Result<Self, StoreError> {
        let mut key = [0u8; KEY_BYTES];
        fill_random(&mut key)?;
        Ok(Self(key))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyring {
    format: u32,
    kdf: KdfParams,
    salt: String,
    nonce: String,
    wrapped_key: String,
}

impl Keyring {
    /// Wraps `key` under `passphrase`.
    pub fn wrap(
        key: &DataKey,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<Self, StoreError> {
        let mut salt = [0u8; SALT_BYTES];
        let mut nonce = [0u8; NONCE_BYTES];
        fill_random(&mut salt)?;
        fill_random(&mut nonce)?;
        let mut keyring = Self {
            format: FORMAT,
            kdf,
            salt: hex::encode(salt),
            nonce: hex::encode(nonce),
            wrapped_key: String::new(),
        };
        let wrapping = derive(passphrase, &salt, kdf)?;
        let cipher = XChaCha20Poly1305::new((&wrapping.0).into());
        let aad = keyring.associated_data();
        let wrapped = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: &aad,
                },
            )
            .map_err(|_| StoreError::Corrupt("key wrapping failed".into()))?;
        keyring.wrapped_key = hex::encode(wrapped);
        Ok(keyring)
    }

    /// Unwraps the data key; a wrong passphrase and a tampered file both fail authentication.
    pub fn unwrap_key(&self, passphrase: &Passphrase) -> Result<DataKey, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("keyring: {what}"));
        if self.format != FORMAT {
            return Err(corrupt("unknown format"));
        }
        if !self.kdf.is_acceptable() {
            return Err(corrupt("key derivation parameters out of range"));
        }
        let salt = hex::decode(&self.salt).map_err(|_| corrupt("salt"))?;
        let nonce = hex::decode(&self.nonce).map_err(|_| corrupt("nonce"))?;
        let wrapped = hex::decode(&self.wrapped_key).map_err(|_| corrupt("wrapped key"))?;
        if salt.len() != SALT_BYTES || nonce.len() != NONCE_BYTES {
            return Err(corrupt("lengths"));
        }
        let wrapping = derive(passphrase, &salt, self.kdf)?;
        let cipher = XChaCha20Poly1305::new((&wrapping.0).into());
        let mut plain = cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &wrapped,
                    aad: &self.associated_data(),
                },
            )
            .map_err(|_| StoreError::WrongPassphrase)?;
        let mut key = [0u8; KEY_BYTES];
        let result = if plain.len() == KEY_BYTES {
            key.copy_from_slice(&plain);
            Ok(DataKey(key))
        } else {
            Err(corrupt("key length"))
        };
        plain.zeroize();
        key.zeroize();
        result
    }

    pub fn to_json(&self) -> Result<Vec<u8>, StoreError> {
        Ok(serde_json::to_vec_pretty(self)?)
    }

    pub fn from_json(bytes: &[u8]) -> Result<Self, StoreError> {
        serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("keyring: {e}")))
    }

    /// Binds the format, parameters and salt to the ciphertext, so none can be swapped.
    fn associated_data(&self) -> Vec<u8> {
        format!(
            "first-contact keyring v{} argon2id m={} t={} p={} salt={}",
            self.format, self.kdf.memory_kib, self.kdf.iterations, self.kdf.parallelism, self.salt
        )
        .into_bytes()
    }
}

fn fill_random(buffer: &mut [u8]) -> Result<(), StoreError> {
    getrandom::fill(buffer).map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
}

fn derive(passphrase: &Passphrase, salt: &[u8], kdf: KdfParams) -> Result<DataKey, StoreError> {
    let params = Params::new(
        kdf.memory_kib,
        kdf.iterations,
        kdf.parallelism,
        Some(KEY_BYTES),
    )
    .map_err(|e| StoreError::Corrupt(format!("keyring parameters: {e}")))?;
    let mut key = [0u8; KEY_BYTES];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.expose().as_bytes(), salt, &mut key)
        .map_err(|e| StoreError::Corrupt(format!("key derivation: {e}")))?;
    let derived = DataKey(key);
    key.zeroize();
    Ok(derived)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip() -> (DataKey, Keyring) {
        let key = DataKey::random().unwrap_or_else(|e| panic!("{e}"));
        let ring = Keyring::wrap(&key, &"correct horse battery".into(), KdfParams::MINIMUM)
            .unwrap_or_else(|e| panic!("{e}"));
        (key, ring)
    }

    #[test]
    fn right_passphrase_unwraps_the_same_key() {
        let (key, ring) = round_trip();
        let unwrapped = ring
            .unwrap_key(&"correct horse battery".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unwrapped.bytes(), key.bytes());
    }

    #[test]
    fn wrong_passphrase_is_refused() {
        let (_, ring) = round_trip();
        assert!(matches!(
            ring.unwrap_key(&"correct horse battery!".into()),
            Err(StoreError::WrongPassphrase)
        ));
    }

    #[test]
    fn weakened_parameters_are_detected() {
        let (_, mut ring) = round_trip();
        ring.kdf.iterations += 1;
        assert!(matches!(
            ring.unwrap_key(&"correct horse battery".into()),
            Err(StoreError::WrongPassphrase)
        ));
        ring.kdf.memory_kib = 8;
        assert!(matches!(
            ring.unwrap_key(&"correct horse battery".into()),
            Err(StoreError::Corrupt(_))
        ));
    }

    #[test]
    fn file_holds_no_key_material_in_clear() {
        let (key, ring) = round_trip();
        let json = String::from_utf8(ring.to_json().unwrap_or_default()).unwrap_or_default();
        assert!(!json.contains(&hex::encode(key.bytes())));
        assert_eq!(Keyring::from_json(json.as_bytes()).ok(), Some(ring));
    }
}
