//! The Center over HTTPS (reqwest + rustls), behind the [`CenterApi`] trait the engine uses.
//! Every answer is bounded in size and must be the protocol's JSON; anything else (a captive
//! portal's HTML page, a proxy's error) is refused as an unexpected response. Delivery uses the
//! binary route and asks for its answer zstd-compressed; the JSON route stays callable
//! ([`HttpCenter::deliver_json`]) for tests and comparisons.

use std::future::Future;
use std::time::Duration;

use first_contact_protocol::api::delivery::{DeliveryBatch, DeliveryResults};
use first_contact_protocol::api::errors::{ErrorBody, ErrorCode};
use first_contact_protocol::api::feedback::DecisionPage;
use first_contact_protocol::api::frame::{self, FramedBatch, BATCH_MEDIA_TYPE};
use first_contact_protocol::api::publication::PublicationKind;
use first_contact_protocol::api::{bearer, paths, MAX_RESPONSE_BYTES};
use first_contact_protocol::SignedDocument;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{SyncError, SyncProblem};

/// What the sync engine needs from the Center.
pub trait CenterApi: Send + Sync {
    /// Delivers a batch through `POST /v1/deliveries`; the answer is the signed batch receipt,
    /// not yet verified.
    fn deliver(
        &self,
        batch: &FramedBatch,
    ) -> impl Future<Output = Result<SignedDocument, SyncError>> + Send;
    fn decisions(&self, after: i64)
        -> impl Future<Output = Result<DecisionPage, SyncError>> + Send;
    /// The latest signed publication of `kind`, or `None` if the Center has none.
    fn publication(
        &self,
        kind: PublicationKind,
    ) -> impl Future<Output = Result<Option<SignedDocument>, SyncError>> + Send;
}

#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    /// A whole request, answer included.
    pub request: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// The Center at `base` (`https://host:port`), over TLS configured by the caller.
#[derive(Debug, Clone)]
pub struct HttpCenter {
    client: reqwest::Client,
    base: String,
    authorization: Option<String>,
}

impl HttpCenter {
    pub fn new(
        base: &str,
        tls: rustls::ClientConfig,
        credential: Option<(uuid::Uuid, &str)>,
        timeouts: Timeouts,
    ) -> Result<Self, SyncError> {
        let base = check_address(base)?.0;
        let client = reqwest::Client::builder()
            .tls_backend_preconfigured(tls)
            .connect_timeout(timeouts.connect)
            .timeout(timeouts.request)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SyncError::new(SyncProblem::WrongCertificate, e.to_string()))?;
        Ok(Self {
            client,
            base,
            authorization: credential.map(|(id, secret)| bearer(&id, secret)),
        })
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, SyncError> {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(authorization) = &self.authorization {
            request = request.header(reqwest::header::AUTHORIZATION, authorization);
        }
        answer(request.send().await.map_err(|e| transport_error(&e))?).await
    }

    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, SyncError> {
        let body = serde_json::to_vec(body)
            .map_err(|e| SyncError::new(SyncProblem::Storage, format!("request body: {e}")))?;
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body);
        if let Some(authorization) = &self.authorization {
            request = request.header(reqwest::header::AUTHORIZATION, authorization);
        }
        answer(request.send().await.map_err(|e| transport_error(&e))?).await
    }

    /// The JSON delivery route, as devices from before the binary one use it.
    pub async fn deliver_json(&self, batch: &DeliveryBatch) -> Result<DeliveryResults, SyncError> {
        self.post(paths::ENVELOPES, batch).await
    }
}

impl CenterApi for HttpCenter {
    async fn deliver(&self, batch: &FramedBatch) -> Result<SignedDocument, SyncError> {
        let body = frame::encode(batch)
            .map_err(|e| SyncError::new(SyncProblem::Storage, format!("request body: {e}")))?;
        let mut request = self
            .client
            .post(format!("{}{}", self.base, paths::DELIVERIES))
            .header(reqwest::header::CONTENT_TYPE, BATCH_MEDIA_TYPE)
            .header(reqwest::header::ACCEPT_ENCODING, "zstd")
            .body(body);
        if let Some(authorization) = &self.authorization {
            request = request.header(reqwest::header::AUTHORIZATION, authorization);
        }
        answer(request.send().await.map_err(|e| transport_error(&e))?).await
    }

    async fn decisions(&self, after: i64) -> Result<DecisionPage, SyncError> {
        self.get(&format!("{}?after={after}", paths::DECISIONS))
            .await
    }

    async fn publication(
        &self,
        kind: PublicationKind,
    ) -> Result<Option<SignedDocument>, SyncError> {
        let path = paths::PUBLICATION.replace("{kind}", kind.as_str());
        match self.get(&path).await {
            Ok(document) => Ok(Some(document)),
            Err(error) if error.code == Some(ErrorCode::NotFound) => Ok(None),
            Err(error) => Err(error),
        }
    }
}

/// `https://host[:port]` without a trailing slash, and the host, or why not.
pub fn check_address(address: &str) -> Result<(String, String), SyncError> {
    let bad = |why: &str| SyncError::new(SyncProblem::BadAddress, why.to_owned());
    let url = reqwest::Url::parse(address.trim()).map_err(|e| bad(&e.to_string()))?;
    if url.scheme() != "https" {
        return Err(bad("the Center's address starts with https://"));
    }
    let host = url
        .host_str()
        .ok_or_else(|| bad("the Center's address names no host"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
        return Err(bad("the Center's address is only https://host[:port]"));
    }
    Ok((url.as_str().trim_end_matches('/').to_owned(), host))
}

async fn answer<T: DeserializeOwned>(response: reqwest::Response) -> Result<T, SyncError> {
    let status = response.status();
    let is_json = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim_start().starts_with("application/json"));
    let encoding = response
        .headers()
        .get(reqwest::header::CONTENT_ENCODING)
        .map(|value| value.to_str().unwrap_or("?").trim().to_ascii_lowercase());
    let body = bounded_body(response).await?;
    let body = match encoding.as_deref() {
        None | Some("identity") => body,
        Some("zstd") => decompress(&body)?,
        Some(other) => {
            return Err(SyncError::new(
                SyncProblem::UnexpectedResponse,
                format!("an answer in an encoding not asked for: {other:?}"),
            ))
        }
    };
    let unexpected = |what: String| SyncError::new(SyncProblem::UnexpectedResponse, what);
    if status.is_success() {
        if !is_json {
            return Err(unexpected(format!("a {status} answer that is not JSON")));
        }
        return serde_json::from_slice(&body)
            .map_err(|e| unexpected(format!("a {status} answer that is not the protocol's: {e}")));
    }
    let Some(error) = is_json
        .then(|| serde_json::from_slice::<ErrorBody>(&body).ok())
        .flatten()
    else {
        if status.is_server_error() {
            return Err(SyncError::new(
                SyncProblem::CenterUnavailable,
                format!("{status}"),
            ));
        }
        return Err(unexpected(format!(
            "a {status} answer that is not the protocol's"
        )));
    };
    let code = error.error.code;
    let problem = match code {
        ErrorCode::Unauthorized => SyncProblem::Unauthorized,
        ErrorCode::EnrollmentCodeInvalid => SyncProblem::EnrollmentCodeInvalid,
        // Both pass with waiting: the limit refills, a slow link may be faster next time.
        ErrorCode::Unavailable | ErrorCode::RateLimited => SyncProblem::CenterUnavailable,
        ErrorCode::RequestTimeout => SyncProblem::Interrupted,
        ErrorCode::NotFound
        | ErrorCode::MethodNotAllowed
        | ErrorCode::MalformedRequest
        | ErrorCode::PayloadTooLarge
        | ErrorCode::Conflict
        | ErrorCode::WrongRecipient => SyncProblem::UnexpectedResponse,
    };
    Err(SyncError {
        code: Some(code),
        ..SyncError::new(
            problem,
            format!("{}: {}", code.as_str(), error.error.message),
        )
    })
}

async fn bounded_body(mut response: reqwest::Response) -> Result<Vec<u8>, SyncError> {
    let too_large = || {
        SyncError::new(
            SyncProblem::ResponseTooLarge,
            format!("an answer over {MAX_RESPONSE_BYTES} bytes"),
        )
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_RESPONSE_BYTES as u64)
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(|e| transport_error(&e))? {
        if body.len() + chunk.len() > MAX_RESPONSE_BYTES {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// A zstd answer, decompressed to at most [`MAX_RESPONSE_BYTES`]: the bound holds for what
/// the answer says, not only for what travelled.
fn decompress(body: &[u8]) -> Result<Vec<u8>, SyncError> {
    use std::io::Read;
    let decoder = zstd::stream::Decoder::new(body).map_err(|e| {
        SyncError::new(
            SyncProblem::UnexpectedResponse,
            format!("a zstd answer: {e}"),
        )
    })?;
    let mut out = Vec::new();
    decoder
        .take(MAX_RESPONSE_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| {
            SyncError::new(
                SyncProblem::UnexpectedResponse,
                format!("a zstd answer: {e}"),
            )
        })?;
    if out.len() > MAX_RESPONSE_BYTES {
        return Err(SyncError::new(
            SyncProblem::ResponseTooLarge,
            format!("an answer over {MAX_RESPONSE_BYTES} bytes"),
        ));
    }
    Ok(out)
}

/// Classifies a failed request: certificate problems (found in the error's sources) first,
/// then stalls and broken connections, then no connection at all.
fn transport_error(error: &reqwest::Error) -> SyncError {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        if let Some(tls) = current.downcast_ref::<rustls::Error>() {
            return crate::tls::certificate_problem(tls);
        }
        // An io::Error's `source` skips the error it wraps; `get_ref` does not.
        source = match current.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        };
    }
    let problem = if error.is_connect() {
        SyncProblem::Offline
    } else {
        SyncProblem::Interrupted
    };
    SyncError::new(problem, error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_https_addresses_are_accepted() {
        assert_eq!(
            check_address(" https://127.0.0.1:8443/ ").ok(),
            Some(("https://127.0.0.1:8443".to_owned(), "127.0.0.1".to_owned()))
        );
        assert_eq!(
            check_address("https://[::1]:9").map(|(_, host)| host).ok(),
            Some("::1".to_owned())
        );
        for bad in [
            "http://center.example",
            "center.example",
            "https://c.example/v1",
            "https://u@c.example",
            "",
        ] {
            assert_eq!(
                check_address(bad).map_err(|e| e.problem).err(),
                Some(SyncProblem::BadAddress),
                "{bad}"
            );
        }
    }
}
