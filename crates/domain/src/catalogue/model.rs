//! Data model of the catalogue file. Field names match the JSON exactly; see docs/catalogue.md.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::screening::ChildAct;
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
    /// The combination rule for each age path. The assessment picks one by the screening's
    /// path, so a child is never judged by the adults' rule whatever set is open.
    pub combination_rules: Option<PathRules>,
    pub dimensions: Vec<Dimension>,
}

/// Ids of the combination rules a weighted set uses, one per age path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PathRules {
    pub adult: String,
    pub child: String,
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
    /// For a child rule: when this holds, the worker is told to notify the Centre for Social
    /// Work whatever the outcome of `expression` (the duty of care does not wait for the act
    /// to be established).
    pub duty_of_care: Option<RuleExpr>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[ts(export)]
pub enum RuleExpr {
    /// The dimension is positive (its element rule is met).
    Dimension(String),
    All(Vec<RuleExpr>),
    Any(Vec<RuleExpr>),
    /// The child path's act question was answered with one of these (unanswered counts as
    /// `not_known`). Only child rules may ask it.
    Act(Vec<ChildAct>),
    /// At least one of these was observed: a dimension key stands for any indicator of that
    /// dimension, an indicator key for that indicator alone.
    Observed(Vec<String>),
}

impl RuleExpr {
    /// Dimension keys the expression names, directly or through an indicator key.
    pub fn dimensions(&self) -> Vec<&str> {
        match self {
            RuleExpr::Dimension(key) => vec![key.as_str()],
            RuleExpr::All(parts) | RuleExpr::Any(parts) => {
                parts.iter().flat_map(RuleExpr::dimensions).collect()
            }
            RuleExpr::Act(_) => vec![],
            RuleExpr::Observed(keys) => keys
                .iter()
                .map(|key| key.split_once('.').map_or(key.as_str(), |(d, _)| d))
                .collect(),
        }
    }

    /// Whether the expression asks the act question anywhere.
    pub fn asks_act(&self) -> bool {
        match self {
            RuleExpr::Act(_) => true,
            RuleExpr::All(parts) | RuleExpr::Any(parts) => parts.iter().any(RuleExpr::asks_act),
            RuleExpr::Dimension(_) | RuleExpr::Observed(_) => false,
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
