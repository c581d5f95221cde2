//! Data model of the catalogue file. Field names match the JSON exactly; see docs/catalogue.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::text::Text;

pub const SUPPORTED_FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Strength {
    Strong,
    Medium,
    Weak,
    Unknown,
}

/// How sure the project is of the strengths (or rule) as published here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Certainty {
    Confident,
    Moderate,
    Unverified,
    Unweighted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Population {
    Adult,
    Child,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Exploitation {
    Labour,
    Sexual,
    General,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Catalogue {
    pub format: u32,
    pub id: String,
    pub version: String,
    pub published: String,
    pub notes: Text,
    pub element_rules: Vec<ElementRule>,
    pub combination_rules: Vec<CombinationRule>,
    pub sets: Vec<IndicatorSet>,
    pub excluded: Vec<ExcludedSet>,
}

impl Catalogue {
    pub fn set(&self, id: &str) -> Option<&IndicatorSet> {
        self.sets.iter().find(|set| set.id == id)
    }

    pub fn element_rule(&self, id: &str) -> Option<&ElementRule> {
        self.element_rules.iter().find(|rule| rule.id == id)
    }

    pub fn combination_rule(&self, id: &str) -> Option<&CombinationRule> {
        self.combination_rules.iter().find(|rule| rule.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct IndicatorSet {
    pub id: String,
    pub version: String,
    pub title: Text,
    pub source: Text,
    pub provenance: Text,
    pub certainty: Certainty,
    pub population: Population,
    pub exploitation: Exploitation,
    pub element_rule: Option<String>,
    pub combination_rule: Option<String>,
    pub dimensions: Vec<Dimension>,
}

impl IndicatorSet {
    pub fn indicators(&self) -> impl Iterator<Item = (&Dimension, &Indicator)> {
        self.dimensions
            .iter()
            .flat_map(|dimension| dimension.indicators.iter().map(move |i| (dimension, i)))
    }

    pub fn indicator(&self, key: &str) -> Option<(&Dimension, &Indicator)> {
        self.indicators()
            .find(|(_, indicator)| indicator.key == key)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Dimension {
    pub key: String,
    pub title: Text,
    pub description: Text,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Indicator {
    pub key: String,
    pub strength: Strength,
    pub label: Text,
    pub explanation: Text,
    pub provenance: Option<Text>,
}

/// When is a dimension positive: the first clause whose requirements are all met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ElementRule {
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub certainty: Certainty,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Clause {
    pub id: String,
    pub label: Text,
    pub requires: Vec<Requirement>,
}

/// At least `count` observed indicators whose strength is one of `strengths`. The strengths of
/// the requirements of one clause never overlap (the loader checks), so counting suffices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Requirement {
    pub count: u32,
    pub strengths: Vec<Strength>,
}

/// How positive dimensions combine into the screening outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CombinationRule {
    pub id: String,
    pub title: Text,
    pub description: Text,
    pub certainty: Certainty,
    pub expression: RuleExpr,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[ts(export)]
pub enum RuleExpr {
    Dimension(String),
    All(Vec<RuleExpr>),
    Any(Vec<RuleExpr>),
}

impl RuleExpr {
    pub fn dimensions(&self) -> Vec<&str> {
        match self {
            RuleExpr::Dimension(key) => vec![key.as_str()],
            RuleExpr::All(parts) | RuleExpr::Any(parts) => {
                parts.iter().flat_map(RuleExpr::dimensions).collect()
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct ExcludedSet {
    pub id: String,
    pub title: Text,
    pub reason: Text,
}
