//! Published data: the indicator catalogue and the service directory, each a versioned
//! document signed by the Center (purpose `publication`) and served at
//! `GET /v1/publications/{kind}`. A device verifies it against the key pinned at enrollment.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicationKind {
    Catalogue,
    Directory,
}

impl PublicationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PublicationKind::Catalogue => "catalogue",
            PublicationKind::Directory => "directory",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [PublicationKind::Catalogue, PublicationKind::Directory]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    pub kind: PublicationKind,
    pub version: String,
    pub published_at: String,
    /// The catalogue (as in `catalogue.json`) or the directory, as JSON.
    pub content: serde_json::Value,
}
