//! The field store: an SQLCipher-encrypted SQLite database on the worker's laptop.
//!
//! A random 256-bit data key encrypts the database; it is kept only wrapped by a key derived
//! from the worker's passphrase with Argon2id (`keyring`). `database` configures every
//! connection in one place, `migrations` brings the schema up to date, and each table has its
//! own module of queries.

pub mod database;
pub mod decisions;
pub mod enrollment;
mod enum_text;
pub mod error;
pub mod files;
pub mod keyring;
pub mod migrations;
pub mod outbox;
mod passphrase;
pub mod preferences;
pub mod profile;
pub mod publications;
pub mod receipts;
pub mod recovery;
pub mod referral_drafts;
pub mod screening_referrals;
pub mod screening_summaries;
pub mod screenings;
mod vault;

pub use error::StoreError;
pub use keyring::KdfParams;
pub use passphrase::Passphrase;
pub use recovery::RecoveryCode;
pub use rusqlite::Connection;
pub use vault::{Opened, Vault, VaultState};
