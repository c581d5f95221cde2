//! Localised text as it appears in the catalogue, and the worker-interface languages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text in every language the catalogue is written in. Serbian Cyrillic is derived from
/// `sr_latn` by transliteration in the UI, so it is not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Text {
    pub en: String,
    #[serde(rename = "sr-Latn")]
    pub sr_latn: String,
}

impl Text {
    pub fn is_complete(&self) -> bool {
        !self.en.trim().is_empty() && !self.sr_latn.trim().is_empty()
    }
}

/// Languages of the worker interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Language {
    #[default]
    #[serde(rename = "en")]
    English,
    #[serde(rename = "sr-Latn")]
    SerbianLatin,
    #[serde(rename = "sr-Cyrl")]
    SerbianCyrillic,
}
