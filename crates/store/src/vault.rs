//! The life cycle of the data folder: is there a profile, create one, unlock it.
//!
//! Creating is crash-safe: the database is built first and the keyring file is renamed into
//! place last, so a crash leaves either no profile (and an unreadable leftover, removed on the
//! next attempt) or a complete one.

use std::fs;
use std::path::{Path, PathBuf};

use first_contact_domain::Profile;
use rusqlite::Connection;

use crate::database;
use crate::error::StoreError;
use crate::files::{ensure_directory, sync_directory, write_atomically};
use crate::keyring::{DataKey, KdfParams, Keyring};
use crate::passphrase::Passphrase;
use crate::profile;
use crate::recovery::RecoveryCode;

const DATABASE: &str = "field.db";
const KEYRING: &str = "keyring.json";
const RECOVERY: &str = "recovery.json";
/// The keyring of a rekey under way: written before the database is re-encrypted, renamed over
/// `keyring.json` after, so a crash in between leaves a key that opens the database.
const KEYRING_NEXT: &str = "keyring.next.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultState {
    NoProfile,
    Locked,
}

/// An open store as the app holds it: the worker's connection and a second one, opened with the
/// same key at the same moment, for work the worker did not ask for (sync). Each has its own
/// owner, so a long sync pass never waits on the worker's lock nor the worker on sync's; SQLite
/// orders their writes (WAL: readers never wait, one writer at a time within `busy_timeout`).
/// The key is needed again only to open connections, and it is in hand only here.
#[derive(Debug)]
pub struct Opened {
    pub connection: Connection,
    pub background: Connection,
}

impl Opened {
    fn open(path: &Path, key: &DataKey) -> Result<Self, StoreError> {
        let connection = database::open(path, key)?;
        let background = database::open_existing(path, key)?;
        Ok(Self {
            connection,
            background,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Vault {
    directory: PathBuf,
}

impl Vault {
    pub fn at(directory: impl Into<PathBuf>) -> Self {
        Self {
            directory: directory.into(),
        }
    }

    pub fn directory(&self) -> &Path {
        &self.directory
    }

    pub fn database_path(&self) -> PathBuf {
        self.directory.join(DATABASE)
    }

    fn keyring_path(&self) -> PathBuf {
        self.directory.join(KEYRING)
    }

    fn recovery_path(&self) -> PathBuf {
        self.directory.join(RECOVERY)
    }

    fn next_keyring_path(&self) -> PathBuf {
        self.directory.join(KEYRING_NEXT)
    }

    pub fn state(&self) -> VaultState {
        if self.keyring_path().is_file() {
            VaultState::Locked
        } else {
            VaultState::NoProfile
        }
    }

    /// Creates the encrypted store with `profile` and returns an open connection.
    pub fn create(
        &self,
        passphrase: &Passphrase,
        kdf: KdfParams,
        profile: &Profile,
    ) -> Result<Connection, StoreError> {
        self.create_opened(passphrase, kdf, profile)
            .map(|opened| opened.connection)
    }

    /// [`Vault::create`], with the background connection too.
    pub fn create_opened(
        &self,
        passphrase: &Passphrase,
        kdf: KdfParams,
        profile: &Profile,
    ) -> Result<Opened, StoreError> {
        ensure_directory(&self.directory)?;
        if self.state() == VaultState::Locked {
            return Err(StoreError::ProfileExists);
        }
        // Without a keyring nothing here can ever be decrypted: it is a leftover of an
        // interrupted creation.
        self.remove_database_files()?;
        match fs::remove_file(self.recovery_path()) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(error.into()),
        }
        let key = DataKey::random()?;
        let keyring = Keyring::wrap(&key, passphrase, kdf)?;
        let result = Opened::open(&self.database_path(), &key).and_then(|opened| {
            profile::insert(&opened.connection, profile)?;
            write_atomically(&self.keyring_path(), &keyring.to_json()?)?;
            Ok(opened)
        });
        if result.is_err() {
            let _ = self.remove_database_files();
        }
        result
    }

    /// Opens the store with the worker's passphrase. A wrong passphrase fails before the
    /// database is touched.
    pub fn unlock(&self, passphrase: &Passphrase) -> Result<Connection, StoreError> {
        self.unlock_opened(passphrase)
            .map(|opened| opened.connection)
    }

    /// [`Vault::unlock`], with the background connection too.
    pub fn unlock_opened(&self, passphrase: &Passphrase) -> Result<Opened, StoreError> {
        let key = self.data_key(passphrase)?;
        if !self.database_path().is_file() {
            return Err(StoreError::Corrupt("the database file is missing".into()));
        }
        self.check_writable()?;
        match Opened::open(&self.database_path(), &key) {
            Ok(opened) => {
                // A rekey that stopped before re-encrypting: the old key is still the one.
                remove_if_present(&self.next_keyring_path())?;
                Ok(opened)
            }
            Err(StoreError::Corrupt(problem)) => self.finish_rekey(passphrase, problem),
            Err(other) => Err(other),
        }
    }

    /// After a crash between re-encrypting the database and replacing the keyring: the next
    /// keyring's key opens the database, and becomes the keyring.
    fn finish_rekey(&self, passphrase: &Passphrase, problem: String) -> Result<Opened, StoreError> {
        let bytes = match fs::read(self.next_keyring_path()) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Corrupt(problem))
            }
            Err(error) => return Err(error.into()),
        };
        let key = Keyring::from_json(&bytes)?.unwrap_key(passphrase)?;
        let opened = Opened::open(&self.database_path(), &key)?;
        replace(&self.next_keyring_path(), &self.keyring_path())?;
        Ok(opened)
    }

    /// Re-encrypts the database under a new random key (after a suspected compromise: a copy
    /// of the old keyring and passphrase no longer opens it) and wraps that key under
    /// `passphrase`. The recovery code wrapped the old key, so it is removed: make a new one.
    pub fn rekey(
        &self,
        connection: &Connection,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        self.rekey_beside(connection, &mut None, passphrase, kdf)
    }

    /// [`Vault::rekey`] with a second connection open beside `connection`: SQLCipher rekeys
    /// through one connection and needs the store to itself, so `background` is closed first
    /// (once the passphrase is known to be right) and opened again afterwards under whichever
    /// key now opens the store — the new one, or the old one if the rekey did not happen.
    pub fn rekey_beside(
        &self,
        connection: &Connection,
        background: &mut Option<Connection>,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        let old = self.data_key(passphrase)?;
        let had_background = background.is_some();
        if let Some(open) = background.take() {
            let _ = database::close(open);
        }
        let key = DataKey::random()?;
        let rekeyed = self.rekey_to(connection, &key, passphrase, kdf);
        if had_background {
            let reopened = database::open_existing(&self.database_path(), &key)
                .or_else(|_| database::open_existing(&self.database_path(), &old));
            *background = Some(reopened?);
        }
        rekeyed
    }

    fn rekey_to(
        &self,
        connection: &Connection,
        key: &DataKey,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        let keyring = Keyring::wrap(key, passphrase, kdf)?;
        write_atomically(&self.next_keyring_path(), &keyring.to_json()?)?;
        database::rekey(connection, key)?;
        replace(&self.next_keyring_path(), &self.keyring_path())?;
        remove_if_present(&self.recovery_path())
    }

    /// Re-wraps the data key under `new` (a new salt and nonce, at `kdf`), once `current` has
    /// unwrapped it. The keyring file is replaced atomically: a crash leaves either the old
    /// passphrase or the new one working, never neither. The database itself is not touched.
    pub fn change_passphrase(
        &self,
        current: &Passphrase,
        new: &Passphrase,
        kdf: KdfParams,
    ) -> Result<(), StoreError> {
        let key = self.data_key(current)?;
        let keyring = Keyring::wrap(&key, new, kdf)?;
        write_atomically(&self.keyring_path(), &keyring.to_json()?)
    }

    /// Makes a new recovery code: the data key, unwrapped with `passphrase`, is wrapped a second
    /// time under a random code, in `recovery.json` (replaced atomically, so an earlier code
    /// stops working). The code is returned to be shown once; it is stored nowhere in clear.
    pub fn new_recovery_code(
        &self,
        passphrase: &Passphrase,
        kdf: KdfParams,
    ) -> Result<RecoveryCode, StoreError> {
        let key = self.data_key(passphrase)?;
        let code = RecoveryCode::generate()?;
        let wrapped = Keyring::wrap(&key, &code.as_passphrase(), kdf)?;
        write_atomically(&self.recovery_path(), &wrapped.to_json()?)?;
        Ok(code)
    }

    /// Whether a recovery code exists for this store.
    pub fn has_recovery_code(&self) -> bool {
        self.recovery_path().is_file()
    }

    /// A forgotten passphrase: unwraps the data key with the recovery code, wraps it under
    /// `new` as the passphrase from now on (the keyring replaced atomically), and opens the
    /// store. The recovery code keeps working. A wrong code changes nothing.
    pub fn recover(
        &self,
        code: &RecoveryCode,
        new: &Passphrase,
        kdf: KdfParams,
    ) -> Result<Connection, StoreError> {
        self.recover_opened(code, new, kdf)
            .map(|opened| opened.connection)
    }

    /// [`Vault::recover`], with the background connection too.
    pub fn recover_opened(
        &self,
        code: &RecoveryCode,
        new: &Passphrase,
        kdf: KdfParams,
    ) -> Result<Opened, StoreError> {
        let bytes = match fs::read(self.recovery_path()) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NotFound)
            }
            Err(error) => return Err(error.into()),
        };
        let key = Keyring::from_json(&bytes)?.unwrap_key(&code.as_passphrase())?;
        if !self.database_path().is_file() {
            return Err(StoreError::Corrupt("the database file is missing".into()));
        }
        self.check_writable()?;
        let opened = Opened::open(&self.database_path(), &key)?;
        let keyring = Keyring::wrap(&key, new, kdf)?;
        write_atomically(&self.keyring_path(), &keyring.to_json()?)?;
        Ok(opened)
    }

    /// Checks the passphrase (as slowly as unlocking does) without opening the database: for
    /// actions that ask the worker to confirm who they are while the store is already open.
    pub fn check_passphrase(&self, passphrase: &Passphrase) -> Result<(), StoreError> {
        self.data_key(passphrase).map(drop)
    }

    fn data_key(&self, passphrase: &Passphrase) -> Result<crate::keyring::DataKey, StoreError> {
        let bytes = match fs::read(self.keyring_path()) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NoProfile)
            }
            Err(error) => return Err(error.into()),
        };
        Keyring::from_json(&bytes)?.unwrap_key(passphrase)
    }

    /// The store is useless read-only (every keystroke is saved), so say so at unlock rather
    /// than at the first save.
    fn check_writable(&self) -> Result<(), StoreError> {
        let probe = self.directory.join(".write-probe");
        fs::write(&probe, b"")?;
        fs::remove_file(&probe)?;
        Ok(())
    }

    fn remove_database_files(&self) -> Result<(), StoreError> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let path = self.directory.join(format!("{DATABASE}{suffix}"));
            match fs::remove_file(&path) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(())
    }
}

fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Renames `from` over `to` and makes the rename durable (the folder is synced).
fn replace(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::rename(from, to)?;
    sync_directory(to)
}
