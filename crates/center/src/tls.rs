//! TLS for the Center. A real deployment passes its own certificate chain and key; without
//! them the Center creates, on first start, a development certificate authority and a server
//! certificate for `localhost`, `127.0.0.1` and `::1` (the CA's key is discarded once it has
//! signed). Either way devices pin the CA given at enrollment, never the system's roots.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};

use crate::error::CenterError;
use crate::private_files::{read, write_private, write_public};

pub const DEV_CA_FILE: &str = "tls-ca.pem";
pub const DEV_CERT_FILE: &str = "tls-server.pem";
pub const DEV_KEY_FILE: &str = "tls-server.key";

/// Where the Center's certificate material is.
#[derive(Debug, Clone)]
pub struct TlsFiles {
    /// The server's certificate chain, PEM (leaf first).
    pub certificate: PathBuf,
    pub key: PathBuf,
    /// The CA devices pin, PEM; given to them at enrollment.
    pub ca: PathBuf,
}

impl TlsFiles {
    /// The development PKI in `dir`, created if it is not there.
    pub fn development(dir: &Path) -> Result<Self, CenterError> {
        let files = Self {
            certificate: dir.join(DEV_CERT_FILE),
            key: dir.join(DEV_KEY_FILE),
            ca: dir.join(DEV_CA_FILE),
        };
        if read(&files.certificate)?.is_some()
            && read(&files.key)?.is_some()
            && read(&files.ca)?.is_some()
        {
            return Ok(files);
        }
        let tls = |e: rcgen::Error| CenterError::Tls(e.to_string());
        let ca_key = KeyPair::generate().map_err(tls)?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(tls)?;
        ca_params
            .distinguished_name
            .push(DnType::CommonName, "First Contact Center development CA");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_certificate = ca_params.self_signed(&ca_key).map_err(tls)?;
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().map_err(tls)?;
        let mut server_params = CertificateParams::new(vec![
            "localhost".to_owned(),
            "127.0.0.1".to_owned(),
            "::1".to_owned(),
        ])
        .map_err(tls)?;
        server_params
            .distinguished_name
            .push(DnType::CommonName, "First Contact Center");
        let server_certificate = server_params.signed_by(&server_key, &issuer).map_err(tls)?;

        write_private(&files.key, server_key.serialize_pem().as_bytes())?;
        write_public(&files.certificate, server_certificate.pem().as_bytes())?;
        // Written last: its presence means the set is complete.
        write_public(&files.ca, ca_certificate.pem().as_bytes())?;
        Ok(files)
    }

    pub fn ca_pem(&self) -> Result<String, CenterError> {
        std::fs::read_to_string(&self.ca).map_err(|e| CenterError::file(&self.ca, e))
    }

    /// The CA certificate, DER, as the enrollment proof hashes it.
    pub fn ca_der(&self) -> Result<Vec<u8>, CenterError> {
        let pem = self.ca_pem()?;
        CertificateDer::from_pem_slice(pem.as_bytes())
            .map(|der| der.to_vec())
            .map_err(|e| CenterError::Tls(format!("{}: {e}", self.ca.display())))
    }

    pub fn server_config(&self) -> Result<Arc<rustls::ServerConfig>, CenterError> {
        let chain_pem = std::fs::read(&self.certificate)
            .map_err(|e| CenterError::file(&self.certificate, e))?;
        let chain = CertificateDer::pem_slice_iter(&chain_pem)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| CenterError::Tls(format!("{}: {e}", self.certificate.display())))?;
        if chain.is_empty() {
            return Err(CenterError::Tls(format!(
                "{} holds no certificate",
                self.certificate.display()
            )));
        }
        let key_pem = std::fs::read(&self.key).map_err(|e| CenterError::file(&self.key, e))?;
        let key = PrivateKeyDer::from_pem_slice(&key_pem)
            .map_err(|e| CenterError::Tls(format!("{}: {e}", self.key.display())))?;
        let mut config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| CenterError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| CenterError::Tls(e.to_string()))?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Arc::new(config))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_development_pki_is_created_once_and_makes_a_server_config() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let files = TlsFiles::development(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let ca = files.ca_pem().unwrap_or_else(|e| panic!("{e}"));
        assert!(ca.starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(files.server_config().is_ok());
        let again = TlsFiles::development(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.ca_pem().unwrap_or_default(), ca);
        assert!(!dir.path().join("tls-ca.key").exists());
    }
}
