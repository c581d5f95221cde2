//! The reference Center server: the other end of First Contact's protocol (docs/protocol.md).
//! Devices enroll with one-time codes, deliver sealed referrals and reconsideration requests
//! (stored exactly as received, idempotently, with a signed receipt), and read a feed of the
//! decisions on what they sent; the Center publishes signed catalogue and directory versions.
//! `center admin …` (src/main.rs over [`admin`]) is how staff drive it.

pub mod admin;
pub mod admission;
pub mod age_file;
pub mod answer_encoding;
pub mod config;
pub mod connection;
pub mod db;
pub mod decisions;
pub mod enrollment;
pub mod error;
pub mod failure;
pub mod intake;
pub mod keys;
pub mod limits;
pub mod printable;
mod private_files;
pub mod publishing;
pub mod rate_limit;
pub mod routes;
pub mod server;
pub mod state;
pub mod tls;

pub use config::CenterConfig;
pub use error::CenterError;
pub use limits::Limits;
pub use server::{open, start, RunningCenter};
pub use state::{system_clock, CenterState, Clock};
