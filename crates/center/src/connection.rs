//! Serving one admitted TLS connection under the time limits: hyper's header-read timeout, an
//! idle timeout (no request in flight for that long and the connection is shut down
//! gracefully), and a deadline on each request's body (408 and the connection closed). It also
//! tells a client when a connection cannot be reused: an answer given before the request's body
//! was read either drains a small body first or says `Connection: close`, so that a pooled
//! client does not send its next request into a connection the Center is closing.

use std::convert::Infallible;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Request, Response, Version};
use axum::response::IntoResponse;
use first_contact_protocol::api::errors::ErrorCode;
use hyper::body::{Body as HttpBody, Frame, Incoming, SizeHint};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::Notify;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;

use crate::failure::ApiFailure;
use crate::limits::Limits;

/// The body left unread by an early answer is read and discarded up to this size, so the
/// connection can be reused; a larger one closes the connection instead (reading megabytes from
/// a client that was refused is what authenticating first avoids).
pub const DRAIN_LIMIT: usize = 64 * 1024;

/// The client's IP address, put in every request's extensions (read by the rate limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The error a request body yields once its deadline has passed.
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
pub struct BodyTimedOut;

/// Serves HTTP/1.1 or HTTP/2 on `stream` until the client closes it, a limit closes it, or the
/// task is aborted.
pub async fn serve<S>(stream: S, client: IpAddr, router: axum::Router, limits: Arc<Limits>)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let activity = Arc::new(Activity::default());
    let service = hyper::service::service_fn({
        let activity = Arc::clone(&activity);
        let limits = Arc::clone(&limits);
        move |request: Request<Incoming>| {
            let busy = activity.begin();
            let router = router.clone();
            let body_timeout = limits.body_read_timeout;
            async move {
                let response = answer(router, client, request, body_timeout).await;
                drop(busy);
                Ok::<_, Infallible>(response)
            }
        }
    });
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    builder.http2().timer(TokioTimer::new());
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        () = activity.idle_for(limits.idle_timeout) => {}
    }
    // Closes an idle HTTP/1.1 connection at once (and one still waiting for its first bytes),
    // sends GOAWAY on HTTP/2; an answer being written is finished, within one more idle period.
    connection.as_mut().graceful_shutdown();
    let _ = tokio::time::timeout(limits.idle_timeout, connection).await;
}

/// Runs one request through the router with its body watched.
async fn answer(
    router: axum::Router,
    client: IpAddr,
    request: Request<Incoming>,
    body_timeout: std::time::Duration,
) -> Response<Body> {
    let http1 = request.version() <= Version::HTTP_11;
    let declared = content_length(request.headers());
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(ClientAddress(client));
    let deadline = Instant::now() + body_timeout;
    let watch = Arc::new(Watch::default());
    let finished = body.is_end_stream();
    watch.finished.store(finished, Ordering::Release);
    let body = WatchedBody {
        finished,
        inner: Some(body),
        deadline: Box::pin(tokio::time::sleep_until(deadline)),
        watch: Arc::clone(&watch),
    };
    let Ok(mut response) = router
        .oneshot(Request::from_parts(parts, Body::new(body)))
        .await;
    let timed_out = watch.timed_out.load(Ordering::Acquire);
    if timed_out {
        // Whatever the handler made of a body cut short, the truth is that it came too slowly.
        response = ApiFailure::new(
            ErrorCode::RequestTimeout,
            format!(
                "the request body did not arrive within {} seconds",
                body_timeout.as_secs()
            ),
        )
        .into_response();
    }
    if !watch.finished.load(Ordering::Acquire) {
        let unread = watch.take_unread();
        let drained = match (unread, declared) {
            (Some(rest), Some(length)) if !timed_out && length <= DRAIN_LIMIT as u64 => {
                drain(rest, deadline).await
            }
            _ => false,
        };
        if !drained && http1 {
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
    }
    response
}

fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
}

/// Reads what is left of a small body, by the request's deadline; whether all of it came.
async fn drain(rest: Incoming, deadline: Instant) -> bool {
    let reading = axum::body::to_bytes(Body::new(rest), DRAIN_LIMIT);
    matches!(tokio::time::timeout_at(deadline, reading).await, Ok(Ok(_)))
}

/// What the request's body tells the connection once the handler is done with it.
#[derive(Debug, Default)]
struct Watch {
    finished: AtomicBool,
    timed_out: AtomicBool,
    /// The body, given back if the handler dropped it unfinished.
    unread: Mutex<Option<Incoming>>,
}

impl Watch {
    fn take_unread(&self) -> Option<Incoming> {
        self.unread
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

/// The request body as the router sees it: hyper's, cut off at the deadline, and handed back to
/// the connection if left unread.
struct WatchedBody {
    inner: Option<Incoming>,
    finished: bool,
    deadline: Pin<Box<Sleep>>,
    watch: Arc<Watch>,
}

impl WatchedBody {
    fn finish(&mut self) {
        self.finished = true;
        self.watch.finished.store(true, Ordering::Release);
    }
}

impl HttpBody for WatchedBody {
    type Data = axum::body::Bytes;
    type Error = Box<dyn std::error::Error + Send + Sync>;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        if self.finished {
            return Poll::Ready(None);
        }
        if std::future::Future::poll(self.deadline.as_mut(), cx).is_ready() {
            self.watch.timed_out.store(true, Ordering::Release);
            return Poll::Ready(Some(Err(Box::new(BodyTimedOut))));
        }
        let Some(inner) = self.inner.as_mut() else {
            return Poll::Ready(None);
        };
        let polled = Pin::new(inner).poll_frame(cx);
        match &polled {
            Poll::Ready(None) => self.finish(),
            Poll::Ready(Some(Ok(_))) if self.inner.as_ref().is_some_and(|b| b.is_end_stream()) => {
                self.finish();
            }
            _ => {}
        }
        polled.map(|frame| frame.map(|frame| frame.map_err(Into::into)))
    }

    fn is_end_stream(&self) -> bool {
        self.finished
    }

    fn size_hint(&self) -> SizeHint {
        self.inner
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), HttpBody::size_hint)
    }
}

impl Drop for WatchedBody {
    fn drop(&mut self) {
        if self.finished {
            return;
        }
        if let Some(inner) = self.inner.take() {
            *self
                .watch
                .unread
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(inner);
        }
    }
}

/// Requests in flight on one connection, and a wake-up whenever that changes.
#[derive(Debug, Default)]
struct Activity {
    in_flight: AtomicUsize,
    changed: Notify,
}

/// A request in flight; dropping it ends that.
struct Busy(Arc<Activity>);

impl Activity {
    fn begin(self: &Arc<Self>) -> Busy {
        self.in_flight.fetch_add(1, Ordering::AcqRel);
        self.changed.notify_waiters();
        Busy(Arc::clone(self))
    }

    /// Returns once no request has been in flight for `timeout` in a row.
    async fn idle_for(&self, timeout: std::time::Duration) {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            // Registered before the count is read, so a change in between still wakes us.
            changed.as_mut().enable();
            if self.in_flight.load(Ordering::Acquire) == 0 {
                if tokio::time::timeout(timeout, changed).await.is_err() {
                    return;
                }
            } else {
                changed.await;
            }
        }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
        self.0.changed.notify_waiters();
    }
}
