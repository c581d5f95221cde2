//! Enrolling this device with a Center: fetch the Center's proof over a connection that trusts
//! nothing yet, check that the certificate shown chains to the CA in the proof and that the
//! proof was made with the code's secret, and only then send the code, over TLS pinned to that
//! CA. See docs/protocol.md, "Enrollment".

use first_contact_protocol::api::enrollment::{
    CenterIdentity, EnrollmentCode, EnrollmentGrant, EnrollmentProof, EnrollmentRequest,
};
use first_contact_protocol::api::paths;
use first_contact_protocol::{center_fingerprint, CenterKey, CenterVerifier};

use crate::error::{SyncError, SyncProblem};
use crate::http::{check_address, HttpCenter, Timeouts};
use crate::tls::{self, Recording};

/// What a device keeps after enrolling (encrypted, in its field store).
#[derive(Clone, PartialEq, Eq)]
pub struct Enrollment {
    pub center_address: String,
    pub device_id: uuid::Uuid,
    pub credential: String,
    pub ca_pem: String,
    pub center: CenterIdentity,
    pub agency: String,
    pub officer: String,
}

impl std::fmt::Debug for Enrollment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrollment")
            .field("center_address", &self.center_address)
            .field("device_id", &self.device_id)
            .finish_non_exhaustive()
    }
}

impl Enrollment {
    /// A client for this Center: pinned CA, this device's credential.
    pub fn client(&self, timeouts: Timeouts) -> Result<HttpCenter, SyncError> {
        HttpCenter::new(
            &self.center_address,
            tls::pinned(&self.ca_pem)?,
            Some((self.device_id, &self.credential)),
            timeouts,
        )
    }

    pub fn verifier(&self) -> Result<CenterVerifier, SyncError> {
        CenterVerifier::from_text(&self.center.signing_key)
            .map_err(|e| SyncError::new(SyncProblem::BadSignature, e.to_string()))
    }

    /// The fingerprint of what this enrollment pins.
    pub fn fingerprint(&self) -> Result<String, SyncError> {
        Ok(center_fingerprint(
            &tls::ca_der(&self.ca_pem)?,
            &self.center,
        ))
    }

    pub fn center_key(&self) -> Result<CenterKey, SyncError> {
        self.center
            .recipient
            .parse()
            .map_err(|e: first_contact_protocol::ProtocolError| {
                SyncError::new(SyncProblem::UnexpectedResponse, e.to_string())
            })
    }
}

/// A Center that has proved it knows the code's secret, over a certificate that chains to the
/// CA in its proof. The code has not been sent yet: the caller may still decide not to.
#[derive(Debug)]
pub struct ProvenCenter {
    base: String,
    code: EnrollmentCode,
    proof: EnrollmentProof,
    ca_der: Vec<u8>,
    timeouts: Timeouts,
}

impl ProvenCenter {
    /// What the device would pin, digested for the worker to compare.
    pub fn fingerprint(&self) -> String {
        center_fingerprint(&self.ca_der, &self.proof.center)
    }

    /// Sends the code over TLS pinned to the proven CA and returns the enrollment to store.
    pub async fn enroll(self, device_name: &str) -> Result<Enrollment, SyncError> {
        let pinned = HttpCenter::new(
            &self.base,
            tls::pinned(&self.proof.ca_certificate_pem)?,
            None,
            self.timeouts,
        )?;
        let grant: EnrollmentGrant = pinned
            .post(
                paths::ENROLLMENT,
                &EnrollmentRequest {
                    code: self.code.display(),
                    device_name: device_name.to_owned(),
                },
            )
            .await?;
        if grant.center != self.proof.center {
            return Err(SyncError::new(
                SyncProblem::EnrollmentProofFailed,
                "the Center's keys changed between the proof and the enrollment",
            ));
        }
        let enrollment = Enrollment {
            center_address: self.base,
            device_id: grant.device_id,
            credential: grant.credential,
            ca_pem: self.proof.ca_certificate_pem,
            center: grant.center,
            agency: grant.agency,
            officer: grant.officer,
        };
        // Refuse keys this device could not use, now rather than at the first referral.
        enrollment.verifier()?;
        enrollment.center_key()?;
        Ok(enrollment)
    }
}

/// Asks the Center at `address` to prove it knows `code`; nothing secret is sent.
pub async fn prove(
    address: &str,
    code: &str,
    timeouts: Timeouts,
) -> Result<ProvenCenter, SyncError> {
    let (base, host) = check_address(address)?;
    let code = EnrollmentCode::parse(code)
        .map_err(|e| SyncError::new(SyncProblem::EnrollmentCodeInvalid, e.to_string()))?;

    let (recording, presented) = Recording::config()?;
    let stranger = HttpCenter::new(&base, recording, None, timeouts)?;
    let proof: EnrollmentProof = stranger
        .get(&paths::ENROLLMENT_PROOF.replace("{code_id}", code.id()))
        .await?;
    let presented = presented
        .lock()
        .map(|seen| seen.clone())
        .map_err(|_| SyncError::new(SyncProblem::WrongCertificate, "no certificate recorded"))?;
    tls::check_presented(&presented, &proof.ca_certificate_pem, &host)?;
    let ca_der = tls::ca_der(&proof.ca_certificate_pem)?;
    code.check_proof(&ca_der, &proof.center, &proof.proof)
        .map_err(|e| SyncError::new(SyncProblem::EnrollmentProofFailed, e.to_string()))?;
    Ok(ProvenCenter {
        base,
        code,
        proof,
        ca_der: ca_der.to_vec(),
        timeouts,
    })
}

/// Proves and enrolls in one go, for callers with nothing to check in between.
pub async fn enroll(
    address: &str,
    code: &str,
    device_name: &str,
    timeouts: Timeouts,
) -> Result<Enrollment, SyncError> {
    prove(address, code, timeouts)
        .await?
        .enroll(device_name)
        .await
}
