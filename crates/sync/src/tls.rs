//! TLS for talking to the Center: rustls with the ring provider and one trusted root, the CA
//! pinned at enrollment. Before enrollment, a verifier that accepts any certificate but keeps
//! what it was shown, so it can be checked against the CA once the Center has proved (with the
//! enrollment code) that the CA is its own.

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::error::{SyncError, SyncProblem};

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

fn bad_ca(detail: impl std::fmt::Display) -> SyncError {
    SyncError::new(
        SyncProblem::WrongCertificate,
        format!("the pinned CA: {detail}"),
    )
}

/// The CA certificate in a PEM text, DER.
pub fn ca_der(ca_pem: &str) -> Result<CertificateDer<'static>, SyncError> {
    CertificateDer::from_pem_slice(ca_pem.as_bytes()).map_err(bad_ca)
}

fn roots(ca_pem: &str) -> Result<Arc<RootCertStore>, SyncError> {
    let mut roots = RootCertStore::empty();
    roots.add(ca_der(ca_pem)?).map_err(bad_ca)?;
    Ok(Arc::new(roots))
}

/// A client configuration that trusts only `ca_pem`.
pub fn pinned(ca_pem: &str) -> Result<rustls::ClientConfig, SyncError> {
    let mut config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(bad_ca)?
        .with_root_certificates(roots(ca_pem)?)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

/// The certificates a server presented before anything was trusted.
#[derive(Debug, Default, Clone)]
pub struct Presented {
    pub end_entity: Option<CertificateDer<'static>>,
    pub intermediates: Vec<CertificateDer<'static>>,
}

/// Accepts any certificate and records it; only for fetching the enrollment proof, whose
/// answer is worthless until [`check_presented`] passes.
#[derive(Debug)]
pub struct Recording {
    seen: Arc<Mutex<Presented>>,
    schemes: Vec<SignatureScheme>,
}

impl Recording {
    pub fn config() -> Result<(rustls::ClientConfig, Arc<Mutex<Presented>>), SyncError> {
        let seen = Arc::new(Mutex::new(Presented::default()));
        let verifier = Recording {
            seen: Arc::clone(&seen),
            schemes: provider()
                .signature_verification_algorithms
                .supported_schemes(),
        };
        let config = rustls::ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(bad_ca)?
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok((config, seen))
    }
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut seen) = self.seen.lock() {
            seen.end_entity = Some(end_entity.clone().into_owned());
            seen.intermediates = intermediates
                .iter()
                .map(|c| c.clone().into_owned())
                .collect();
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &provider().signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.schemes.clone()
    }
}

/// Checks that what the server presented chains to `ca_pem` for `host`.
pub fn check_presented(presented: &Presented, ca_pem: &str, host: &str) -> Result<(), SyncError> {
    let end_entity = presented.end_entity.as_ref().ok_or_else(|| {
        SyncError::new(
            SyncProblem::WrongCertificate,
            "no certificate was presented",
        )
    })?;
    let verifier = WebPkiServerVerifier::builder_with_provider(roots(ca_pem)?, provider())
        .build()
        .map_err(bad_ca)?;
    let name = ServerName::try_from(host.to_owned())
        .map_err(|e| SyncError::new(SyncProblem::BadAddress, e.to_string()))?;
    verifier
        .verify_server_cert(
            end_entity,
            &presented.intermediates,
            &name,
            &[],
            UnixTime::now(),
        )
        .map(|_| ())
        .map_err(|e| certificate_problem(&e))
}

/// Names a certificate failure: an expired or not-yet-valid certificate most often means the
/// laptop's clock is wrong.
pub fn certificate_problem(error: &rustls::Error) -> SyncError {
    use rustls::CertificateError;
    let problem = match error {
        rustls::Error::InvalidCertificate(
            CertificateError::Expired
            | CertificateError::NotValidYet
            | CertificateError::ExpiredContext { .. }
            | CertificateError::NotValidYetContext { .. },
        ) => SyncProblem::ClockSkew,
        _ => SyncProblem::WrongCertificate,
    };
    SyncError::new(problem, error.to_string())
}
