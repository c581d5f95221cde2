//! Publishing signed catalogue and directory versions. A catalogue is validated with the same
//! loader the field app uses before it is signed, so a device never receives one it would
//! refuse to read.

use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{Purpose, SignedDocument};
use rusqlite::Connection;

use crate::db::publications;
use crate::error::CenterError;
use crate::failure::ApiFailure;
use crate::state::CenterState;

pub fn publish(
    state: &CenterState,
    connection: &Connection,
    kind: PublicationKind,
    content_json: &str,
) -> Result<Publication, CenterError> {
    let (content, version) = check_content(kind, content_json)?;
    if publications::version_exists(connection, kind.as_str(), &version)? {
        return Err(CenterError::Invalid(format!(
            "{} version {version} is published already; give the new one a new version",
            kind.as_str()
        )));
    }
    let publication = Publication {
        kind,
        version,
        published_at: state.now_text(),
        content,
    };
    let signed = state.keys.signer.sign(Purpose::Publication, &publication)?;
    let signed = serde_json::to_string(&signed).map_err(|e| CenterError::Invalid(e.to_string()))?;
    publications::insert(
        connection,
        kind.as_str(),
        &publication.version,
        &publication.published_at,
        &signed,
    )?;
    Ok(publication)
}

/// What is checked of a publication before it is signed: that it is JSON, and that a catalogue
/// or a directory is one the field app's loader accepts. Answers the content and
/// the version.
pub fn check_content(
    kind: PublicationKind,
    content_json: &str,
) -> Result<(serde_json::Value, String), CenterError> {
    let content: serde_json::Value = serde_json::from_str(content_json)
        .map_err(|e| CenterError::Invalid(format!("the {} is not JSON: {e}", kind.as_str())))?;
    // The field app's own loader, so that nothing is published that a device would refuse.
    let invalid = |place: String, problem: String| {
        CenterError::Invalid(format!(
            "the {} is not valid: {place}: {problem}",
            kind.as_str()
        ))
    };
    let version = match kind {
        PublicationKind::Catalogue => {
            first_contact_domain::catalogue::load(content_json)
                .map_err(|e| invalid(e.place, e.problem))?
                .version
        }
        PublicationKind::Directory => {
            first_contact_domain::directory::load(content_json)
                .map_err(|e| invalid(e.place, e.problem))?
                .version
        }
    };
    Ok((content, version))
}

pub fn latest(connection: &Connection, kind: &str) -> Result<SignedDocument, ApiFailure> {
    let not_found = || {
        ApiFailure::new(
            first_contact_protocol::api::errors::ErrorCode::NotFound,
            format!("nothing is published as {kind:?}"),
        )
    };
    let kind = PublicationKind::parse(kind).ok_or_else(not_found)?;
    let signed = publications::latest(connection, kind.as_str())?.ok_or_else(not_found)?;
    serde_json::from_str(&signed)
        .map_err(|e| ApiFailure::unavailable(format!("stored publication: {e}")))
}
