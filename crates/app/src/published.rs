//! The Center's publications in use: its latest signed catalogue and directory, each verified
//! again with the enrolled Center's key and accepted by the app's own loader before it replaces
//! the local one; otherwise the local one stays, and the status says why.

use std::sync::Arc;

use first_contact_domain::catalogue::{self, Catalogue};
use first_contact_domain::directory::{self, Directory, DirectoryIndex};
use first_contact_domain::{CatalogueError, DirectoryError};
use first_contact_protocol::api::publication::{Publication, PublicationKind};
use first_contact_protocol::{CenterVerifier, Purpose, SignedDocument};
use first_contact_store::enrollment as enrollment_table;
use first_contact_store::publications;

use crate::error::{ApiError, AppError};
use crate::App;

/// The help directory in use and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct DirectoryInUse {
    pub index: Arc<DirectoryIndex>,
    pub from_center: bool,
}

impl DirectoryInUse {
    pub fn built_in() -> Result<Self, AppError> {
        let directory = directory::built_in().map_err(AppError::Directory)?;
        Ok(Self {
            index: Arc::new(DirectoryIndex::new(directory)),
            from_center: false,
        })
    }
}

impl App {
    /// Uses the Center's latest catalogue and directory where the store holds ones that verify
    /// and load. Run at unlock and when a new publication arrives.
    pub(crate) fn apply_publications(&mut self) {
        let Some(session) = self.session.as_ref() else {
            return;
        };
        let connection = &session.connection;
        let stored = |kind: PublicationKind| publications::get(connection, kind.as_str());
        let (catalogue, directory, enrollment) = (
            stored(PublicationKind::Catalogue),
            stored(PublicationKind::Directory),
            enrollment_table::get(connection),
        );
        let Ok(Some(enrollment)) = enrollment else {
            return;
        };
        let key = &enrollment.signing_key;
        if let Ok(Some(stored)) = catalogue {
            (self.catalogue, self.catalogue_problem) = match verified_catalogue(&stored.signed, key)
            {
                Ok(catalogue) => (catalogue, None),
                Err(problem) => (
                    self.local_catalogue.clone(),
                    Some(AppError::Catalogue(problem).to_api()),
                ),
            };
        }
        if let Ok(Some(stored)) = directory {
            (self.directory, self.directory_problem) = match verified_directory(&stored.signed, key)
            {
                Ok(directory) => (
                    DirectoryInUse {
                        index: Arc::new(DirectoryIndex::new(directory)),
                        from_center: true,
                    },
                    None,
                ),
                Err(problem) => (
                    self.built_in_directory.clone(),
                    Some(AppError::Directory(problem).to_api()),
                ),
            };
        }
    }

    /// Why a publication of `kind` that arrived was not installed.
    pub(crate) fn refused_publication(&mut self, kind: PublicationKind, problem: ApiError) {
        match kind {
            PublicationKind::Catalogue => self.catalogue_problem = Some(problem),
            PublicationKind::Directory => self.directory_problem = Some(problem),
        }
    }
}

/// Why a publication that arrived cannot be installed, if it cannot: the app's own loader
/// refuses its content.
pub(crate) fn unloadable(publication: &Publication) -> Option<AppError> {
    let content = publication.content.to_string();
    match publication.kind {
        PublicationKind::Catalogue => catalogue::load(&content).err().map(AppError::Catalogue),
        PublicationKind::Directory => directory::load(&content).err().map(AppError::Directory),
    }
}

const PUBLICATION: &str = "the Center's publication";

fn verified_catalogue(signed: &str, signing_key: &str) -> Result<Catalogue, CatalogueError> {
    let content =
        verified_content(signed, signing_key, PublicationKind::Catalogue).map_err(|problem| {
            CatalogueError {
                place: PUBLICATION.into(),
                problem,
            }
        })?;
    catalogue::load(&content)
}

fn verified_directory(signed: &str, signing_key: &str) -> Result<Directory, DirectoryError> {
    let content =
        verified_content(signed, signing_key, PublicationKind::Directory).map_err(|problem| {
            DirectoryError {
                place: PUBLICATION.into(),
                problem,
            }
        })?;
    directory::load(&content)
}

/// The content of a stored signed publication of `kind`, its signature verified again.
fn verified_content(
    signed: &str,
    signing_key: &str,
    kind: PublicationKind,
) -> Result<String, String> {
    let document: SignedDocument = serde_json::from_str(signed).map_err(|e| e.to_string())?;
    let verifier = CenterVerifier::from_text(signing_key).map_err(|e| e.to_string())?;
    let publication: Publication = verifier
        .verify(Purpose::Publication, &document)
        .map_err(|e| e.to_string())?;
    if publication.kind != kind {
        return Err(format!("not a {}", kind.as_str()));
    }
    Ok(publication.content.to_string())
}
