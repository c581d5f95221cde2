//! Running the Center: open its folder (database, keys, PKI), then serve the routes over TLS on
//! a TCP listener. Stopping aborts the accept loop and every open connection, as a crash or a
//! restart would.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::admission::Admission;
use crate::config::CenterConfig;
use crate::error::CenterError;
use crate::keys::CenterKeys;
use crate::limits::Limits;
use crate::private_files::ensure_private_dir;
use crate::rate_limit::RateLimit;
use crate::state::{timestamp, CenterState, Clock};
use crate::tls::TlsFiles;

const RETENTION_SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Opens the Center's folder, creating keys, PKI and database on first start.
pub fn open(
    config: &CenterConfig,
    clock: Clock,
) -> Result<(Arc<CenterState>, TlsFiles), CenterError> {
    ensure_private_dir(&config.data_dir)?;
    let keys = CenterKeys::load_or_create_at(&config.keys)?;
    let tls = match &config.tls {
        Some(files) => files.clone(),
        None => TlsFiles::development(&config.data_dir)?,
    };
    let database = crate::db::open(&config.database)?;
    let state = CenterState::new(
        database,
        keys,
        config.name.clone(),
        tls.ca_pem()?,
        tls.ca_der()?,
        clock,
    );
    Ok((Arc::new(state), tls))
}

/// A Center serving on a port.
#[derive(Debug)]
pub struct RunningCenter {
    pub address: SocketAddr,
    pub state: Arc<CenterState>,
    tasks: Vec<JoinHandle<()>>,
}

impl RunningCenter {
    /// `https://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("https://{}", self.address)
    }

    /// Stops at once, dropping open connections mid-request.
    pub fn stop(self) {
        for task in &self.tasks {
            task.abort();
        }
    }

    /// Waits until the server stops (it only does when aborted or the listener fails).
    pub async fn wait(mut self) {
        for task in self.tasks.drain(..) {
            let _ = task.await;
        }
    }
}

pub async fn start(config: &CenterConfig, clock: Clock) -> Result<RunningCenter, CenterError> {
    let (state, tls) = open(config, clock)?;
    let listener = TcpListener::bind(config.listen).await?;
    let address = listener.local_addr()?;
    let router = crate::routes::router(Arc::clone(&state));
    let mut tasks = vec![serve_tls_with(
        listener,
        tls.server_config()?,
        router,
        config.limits.clone(),
    )];
    if let Some(days) = config.retention_days {
        tasks.push(tokio::spawn(retention_sweeps(Arc::clone(&state), days)));
    }
    Ok(RunningCenter {
        address,
        state,
        tasks,
    })
}

/// Serves `router` over TLS on `listener` with the default limits, until the returned task is
/// aborted (which drops every open connection too).
pub fn serve_tls(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    router: axum::Router,
) -> JoinHandle<()> {
    serve_tls_with(listener, tls, router, Limits::default())
}

/// Serves `router` over TLS on `listener` under `limits`, with the enrollment rate limit in
/// front of it.
pub fn serve_tls_with(
    listener: TcpListener,
    tls: Arc<rustls::ServerConfig>,
    router: axum::Router,
    limits: Limits,
) -> JoinHandle<()> {
    let router = router.layer(axum::middleware::from_fn_with_state(
        RateLimit::new(limits.enrollment_per_minute),
        crate::rate_limit::enrollment,
    ));
    tokio::spawn(accept_loop(
        listener,
        TlsAcceptor::from(tls),
        router,
        Arc::new(limits),
    ))
}

async fn accept_loop(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    router: axum::Router,
    limits: Arc<Limits>,
) {
    let admission = Admission::new(limits.max_connections, limits.max_connections_per_ip);
    // Owned here so that aborting this task drops every connection with it.
    let mut connections = JoinSet::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        let Ok((stream, peer)) = accepted else {
            // Out of file descriptors and the like: pause rather than spin.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        // Over a cap, the connection is closed here, before any TLS work: it costs the Center a
        // descriptor for a moment, no handshake and no task.
        let Ok(ticket) = admission.admit(peer.ip()) else {
            drop(stream);
            continue;
        };
        let acceptor = acceptor.clone();
        let router = router.clone();
        let limits = Arc::clone(&limits);
        connections.spawn(async move {
            let _ticket = ticket;
            let Ok(Ok(stream)) =
                tokio::time::timeout(limits.handshake_timeout, acceptor.accept(stream)).await
            else {
                return;
            };
            crate::connection::serve(stream, peer.ip(), router, limits).await;
        });
    }
}

async fn retention_sweeps(state: Arc<CenterState>, days: u32) {
    loop {
        let cutoff = timestamp(state.now() - chrono::Duration::days(i64::from(days)));
        let now = state.now_text();
        if let Ok(connection) = state.database() {
            // A failed sweep is retried at the next one; nothing is lost by waiting.
            let _ = crate::db::envelopes::purge_decided_before(&connection, &cutoff, &now);
        }
        tokio::time::sleep(RETENTION_SWEEP_EVERY).await;
    }
}
