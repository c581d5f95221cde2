//! The Center's settings. Every one has a command-line flag and an environment variable
//! (src/main.rs); these are the values the library works from.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::keys::KeyPaths;
use crate::limits::Limits;
use crate::tls::TlsFiles;

#[derive(Debug, Clone)]
pub struct CenterConfig {
    pub listen: SocketAddr,
    pub data_dir: PathBuf,
    /// The name devices show for this Center.
    pub name: String,
    /// The SQLite database; by default `center.sqlite3` in the data folder.
    pub database: PathBuf,
    pub keys: KeyPaths,
    /// The certificate chain, key and CA to pin; by default a development PKI in the folder.
    pub tls: Option<TlsFiles>,
    /// Days the sealed bytes of a case are kept after its last decision, once no
    /// reconsideration request waits, before they are emptied (the hash, receipt and decision
    /// history stay); `None` keeps them.
    pub retention_days: Option<u32>,
    /// Time limits and caps on clients (docs/protocol.md, "Limits").
    pub limits: Limits,
}

impl CenterConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        let data_dir = data_dir.into();
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 8443)),
            name: "Center for the Protection of Victims of Trafficking".into(),
            database: data_dir.join(crate::db::DATABASE_FILE),
            keys: KeyPaths::in_dir(&data_dir),
            tls: None,
            retention_days: None,
            limits: Limits::default(),
            data_dir,
        }
    }
}
