//! The explainable screening assessment: per dimension, which observed indicators count and which
//! clause of the element rule (if any) makes it positive; then the combination rule with a trace
//! of every part. Deterministic and pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::age::AgePathKind;
use crate::catalogue::{Catalogue, Clause, ElementRule, RuleExpr, Strength};
use crate::error::AssessmentError;
use crate::screening::{Learnt, Observation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Verdict {
    IndicatorsPresent,
    NotEnoughIndicators,
    NoRule,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StrengthCounts {
    pub strong: u32,
    pub medium: u32,
    pub weak: u32,
    pub unknown: u32,
}

impl StrengthCounts {
    fn add(&mut self, strength: Strength) {
        match strength {
            Strength::Strong => self.strong += 1,
            Strength::Medium => self.medium += 1,
            Strength::Weak => self.weak += 1,
            Strength::Unknown => self.unknown += 1,
        }
    }

    pub fn of(&self, strength: Strength) -> u32 {
        match strength {
            Strength::Strong => self.strong,
            Strength::Medium => self.medium,
            Strength::Weak => self.weak,
            Strength::Unknown => self.unknown,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ObservedIndicator {
    pub key: String,
    pub strength: Strength,
    pub learnt: Learnt,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DimensionResult {
    pub key: String,
    pub observed: Vec<ObservedIndicator>,
    pub counts: StrengthCounts,
    /// `None` when the set has no element rule.
    pub positive: Option<bool>,
    /// Id of the first clause of the element rule that is met.
    pub clause: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TraceKind {
    Dimension,
    All,
    Any,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleTrace {
    pub kind: TraceKind,
    pub dimension: Option<String>,
    pub satisfied: bool,
    pub children: Vec<RuleTrace>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CombinationOutcome {
    pub rule: String,
    pub satisfied: bool,
    pub trace: RuleTrace,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Assessment {
    pub catalogue_version: String,
    pub set_id: String,
    pub set_version: String,
    pub path: AgePathKind,
    pub verdict: Verdict,
    pub element_rule: Option<String>,
    pub dimensions: Vec<DimensionResult>,
    pub combination: Option<CombinationOutcome>,
    /// Observations kept on the screening whose indicator is not in this set.
    pub ignored_observations: u32,
}

/// The first clause of `rule` met by `counts`.
pub fn first_clause<'r>(rule: &'r ElementRule, counts: &StrengthCounts) -> Option<&'r Clause> {
    rule.clauses.iter().find(|clause| {
        clause.requires.iter().all(|requirement| {
            let available: u32 = requirement.strengths.iter().map(|s| counts.of(*s)).sum();
            available >= requirement.count
        })
    })
}

/// Evaluates a combination expression over the positive dimensions.
pub fn evaluate(expr: &RuleExpr, positive: &dyn Fn(&str) -> bool) -> RuleTrace {
    match expr {
        RuleExpr::Dimension(key) => RuleTrace {
            kind: TraceKind::Dimension,
            dimension: Some(key.clone()),
            satisfied: positive(key),
            children: vec![],
        },
        RuleExpr::All(parts) | RuleExpr::Any(parts) => {
            let children: Vec<RuleTrace> = parts.iter().map(|p| evaluate(p, positive)).collect();
            let (kind, satisfied) = if matches!(expr, RuleExpr::All(_)) {
                (TraceKind::All, children.iter().all(|c| c.satisfied))
            } else {
                (TraceKind::Any, children.iter().any(|c| c.satisfied))
            };
            RuleTrace {
                kind,
                dimension: None,
                satisfied,
                children,
            }
        }
    }
}

/// Assesses `observations` against the set `set_id`. An indicator observed twice counts once.
pub fn assess(
    catalogue: &Catalogue,
    set_id: &str,
    path: AgePathKind,
    observations: &[Observation],
) -> Result<Assessment, AssessmentError> {
    let set = catalogue
        .set(set_id)
        .ok_or_else(|| AssessmentError::UnknownSet(set_id.to_owned()))?;
    // The loader guarantees that a set's rule ids resolve.
    let element_rule = set
        .element_rule
        .as_deref()
        .and_then(|id| catalogue.element_rule(id));
    let combination_rule = set
        .combination_rule
        .as_deref()
        .and_then(|id| catalogue.combination_rule(id));

    let mut seen = std::collections::HashSet::new();
    let mut ignored = 0;
    let mut dimensions: Vec<DimensionResult> = set
        .dimensions
        .iter()
        .map(|d| DimensionResult {
            key: d.key.clone(),
            observed: vec![],
            counts: StrengthCounts::default(),
            positive: None,
            clause: None,
        })
        .collect();
    for observation in observations {
        if !seen.insert(observation.indicator.as_str()) {
            continue;
        }
        let found = set
            .dimensions
            .iter()
            .enumerate()
            .find_map(|(d, dimension)| {
                dimension
                    .indicators
                    .iter()
                    .find(|i| i.key == observation.indicator)
                    .map(|indicator| (d, indicator))
            });
        match found {
            Some((d, indicator)) => {
                let result = &mut dimensions[d];
                result.counts.add(indicator.strength);
                result.observed.push(ObservedIndicator {
                    key: indicator.key.clone(),
                    strength: indicator.strength,
                    learnt: observation.learnt,
                    note: observation.note.clone(),
                });
            }
            None => ignored += 1,
        }
    }

    if let Some(rule) = element_rule {
        for result in &mut dimensions {
            let clause = first_clause(rule, &result.counts);
            result.positive = Some(clause.is_some());
            result.clause = clause.map(|c| c.id.clone());
        }
    }
    let combination = combination_rule.map(|rule| {
        let positive = |key: &str| {
            dimensions
                .iter()
                .any(|d| d.key == key && d.positive == Some(true))
        };
        let trace = evaluate(&rule.expression, &positive);
        CombinationOutcome {
            rule: rule.id.clone(),
            satisfied: trace.satisfied,
            trace,
        }
    });
    let verdict = match (&element_rule, &combination) {
        (Some(_), Some(outcome)) if outcome.satisfied => Verdict::IndicatorsPresent,
        (Some(_), Some(_)) => Verdict::NotEnoughIndicators,
        _ => Verdict::NoRule,
    };
    Ok(Assessment {
        catalogue_version: catalogue.version.clone(),
        set_id: set.id.clone(),
        set_version: set.version.clone(),
        path,
        verdict,
        element_rule: element_rule.map(|r| r.id.clone()),
        dimensions,
        combination,
        ignored_observations: ignored,
    })
}

#[cfg(test)]
#[path = "assessment_tests.rs"]
mod tests;
