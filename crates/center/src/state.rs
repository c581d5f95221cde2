//! What every request of the running Center shares: the database, the keys, the CA devices
//! pin, the Center's name and the clock (passed in, so tests can move time).

use std::sync::{Arc, Mutex};

use chrono::{DateTime, SecondsFormat, Utc};
use first_contact_protocol::api::enrollment::CenterIdentity;
use rusqlite::Connection;

use crate::error::CenterError;
use crate::failure::ApiFailure;
use crate::keys::CenterKeys;

pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub fn system_clock() -> Clock {
    Arc::new(Utc::now)
}

pub struct CenterState {
    database: Mutex<Connection>,
    pub keys: CenterKeys,
    pub name: String,
    pub ca_pem: String,
    pub ca_der: Vec<u8>,
    clock: Clock,
}

impl std::fmt::Debug for CenterState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CenterState")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl CenterState {
    pub fn new(
        database: Connection,
        keys: CenterKeys,
        name: String,
        ca_pem: String,
        ca_der: Vec<u8>,
        clock: Clock,
    ) -> Self {
        Self {
            database: Mutex::new(database),
            keys,
            name,
            ca_pem,
            ca_der,
            clock,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Now, as stored and sent: RFC 3339 in UTC with microseconds, so text order is time order.
    pub fn now_text(&self) -> String {
        timestamp(self.now())
    }

    pub fn identity(&self) -> CenterIdentity {
        self.keys.center_identity(&self.name)
    }

    /// What devices pin, digested for people to compare (printed on enrollment files).
    pub fn fingerprint(&self) -> String {
        first_contact_protocol::center_fingerprint(&self.ca_der, &self.identity())
    }

    /// Runs `work` with the database on a blocking thread.
    pub async fn with_database<T, F>(self: &Arc<Self>, work: F) -> Result<T, ApiFailure>
    where
        T: Send + 'static,
        F: FnOnce(&CenterState, &mut Connection) -> Result<T, ApiFailure> + Send + 'static,
    {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let mut connection = state
                .database
                .lock()
                .map_err(|_| ApiFailure::unavailable("the database lock is poisoned"))?;
            work(&state, &mut connection)
        })
        .await
        .map_err(|e| ApiFailure::unavailable(format!("the request's worker stopped: {e}")))?
    }

    /// Synchronous access, for administration and tests.
    pub fn database(&self) -> Result<std::sync::MutexGuard<'_, Connection>, CenterError> {
        self.database
            .lock()
            .map_err(|_| CenterError::Invalid("the database lock is poisoned".into()))
    }
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}
