//! The explainable screening assessment: per dimension, which observed indicators count and which
//! clause of the element rule (if any) makes it positive; then the combination rule of the
//! screening's age path, with a trace of every part, and what the worker should do next.
//! Deterministic and pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::age::AgePathKind;
use crate::catalogue::{Catalogue, Clause, ElementRule, RuleExpr, Strength};
use crate::error::AssessmentError;
use crate::screening::{ChildAct, Learnt, Observation, Screening};

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
    Act,
    Observed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleTrace {
    pub kind: TraceKind,
    pub dimension: Option<String>,
    pub satisfied: bool,
    pub children: Vec<RuleTrace>,
    /// For an `act` part: the answer it was judged on (unanswered counts as not known).
    pub act: Option<ChildAct>,
    /// For an `observed` part: the keys it asks about, and the observed indicators that met it.
    pub asked: Vec<String>,
    pub matched: Vec<String>,
}

impl RuleTrace {
    fn node(kind: TraceKind, satisfied: bool) -> Self {
        Self {
            kind,
            dimension: None,
            satisfied,
            children: vec![],
            act: None,
            asked: vec![],
            matched: vec![],
        }
    }
}

/// What the outcome asks of the worker, in the order it should be read. The UI words each one;
/// the rules that raise them live here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Advice {
    /// The combination rule is met: consider referring the person to the Center.
    ReferToCenter,
    /// A child with signs of exploitation: notify the Centre for Social Work (duty of care),
    /// whatever the outcome.
    NotifySocialWork,
    /// The child rule is met although nobody has said the child was recruited, moved or
    /// received by someone else: refer anyway and let the Center establish it.
    ActNotEstablished,
    /// The child's act question is not answered yet; it counts as not known.
    ActUnanswered,
    /// For a child no means (deception, force, abuse of vulnerability) is needed: the means
    /// dimensions are shown as context only.
    MeansNotRequired,
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
    /// The child rule's duty-of-care part, evaluated (child path only).
    pub duty_of_care: Option<RuleTrace>,
    /// Dimensions the path's rule does not require, shown as context (for a child: the means).
    pub context_dimensions: Vec<String>,
    pub advice: Vec<Advice>,
    /// Observations kept on the screening whose indicator is not in this set.
    pub ignored_observations: u32,
}

/// What an assessment is computed from.
#[derive(Debug, Clone, Copy)]
pub struct AssessmentInput<'a> {
    pub set_id: &'a str,
    pub path: AgePathKind,
    /// The child path's act answer; ignored on the adult path.
    pub child_act: Option<ChildAct>,
    pub observations: &'a [Observation],
}

impl<'a> AssessmentInput<'a> {
    /// The input of `screening` on the age path `path` (which depends on the date, so the
    /// caller works it out).
    pub fn of(screening: &'a Screening, path: AgePathKind) -> Self {
        Self {
            set_id: &screening.indicator_set,
            path,
            child_act: screening.child_act,
            observations: &screening.observations,
        }
    }
}

/// The facts a combination expression is judged on.
struct Facts<'a> {
    dimensions: &'a [DimensionResult],
    act: ChildAct,
}

impl Facts<'_> {
    fn positive(&self, key: &str) -> bool {
        self.dimensions
            .iter()
            .any(|d| d.key == key && d.positive == Some(true))
    }

    /// Observed indicators that are `key` or, for a dimension key, belong to that dimension.
    fn observed_matching<'k>(&'k self, key: &'k str) -> impl Iterator<Item = &'k str> + 'k {
        self.dimensions.iter().flat_map(move |d| {
            d.observed
                .iter()
                .filter(move |o| o.key == key || d.key == key)
                .map(|o| o.key.as_str())
        })
    }
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

/// Evaluates a combination expression over the facts of one assessment.
fn evaluate(expr: &RuleExpr, facts: &Facts) -> RuleTrace {
    match expr {
        RuleExpr::Dimension(key) => RuleTrace {
            dimension: Some(key.clone()),
            ..RuleTrace::node(TraceKind::Dimension, facts.positive(key))
        },
        RuleExpr::All(parts) | RuleExpr::Any(parts) => {
            let children: Vec<RuleTrace> = parts.iter().map(|p| evaluate(p, facts)).collect();
            let (kind, satisfied) = if matches!(expr, RuleExpr::All(_)) {
                (TraceKind::All, children.iter().all(|c| c.satisfied))
            } else {
                (TraceKind::Any, children.iter().any(|c| c.satisfied))
            };
            RuleTrace {
                children,
                ..RuleTrace::node(kind, satisfied)
            }
        }
        RuleExpr::Act(answers) => RuleTrace {
            act: Some(facts.act),
            ..RuleTrace::node(TraceKind::Act, answers.contains(&facts.act))
        },
        RuleExpr::Observed(keys) => {
            let mut matched: Vec<String> = Vec::new();
            for key in keys {
                for found in facts.observed_matching(key) {
                    if !matched.iter().any(|m| m == found) {
                        matched.push(found.to_owned());
                    }
                }
            }
            RuleTrace {
                asked: keys.clone(),
                satisfied: !matched.is_empty(),
                matched,
                ..RuleTrace::node(TraceKind::Observed, false)
            }
        }
    }
}

/// Assesses a screening's observations against its set, with the combination rule of its age
/// path. An indicator observed twice counts once.
pub fn assess(
    catalogue: &Catalogue,
    input: &AssessmentInput,
) -> Result<Assessment, AssessmentError> {
    let set = catalogue
        .set(input.set_id)
        .ok_or_else(|| AssessmentError::UnknownSet(input.set_id.to_owned()))?;
    // The loader guarantees that a set's rule ids resolve.
    let element_rule = set
        .element_rule
        .as_deref()
        .and_then(|id| catalogue.element_rule(id));
    let combination_rule = set.combination_rules.as_ref().and_then(|rules| {
        catalogue.combination_rule(match input.path {
            AgePathKind::Adult => &rules.adult,
            AgePathKind::Child => &rules.child,
        })
    });

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
    for observation in input.observations {
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
    let child = input.path == AgePathKind::Child;
    let facts = Facts {
        dimensions: &dimensions,
        act: input.child_act.unwrap_or(ChildAct::NotKnown),
    };
    let combination = combination_rule.map(|rule| {
        let trace = evaluate(&rule.expression, &facts);
        CombinationOutcome {
            rule: rule.id.clone(),
            satisfied: trace.satisfied,
            trace,
        }
    });
    let duty_of_care = combination_rule
        .filter(|_| child)
        .and_then(|rule| rule.duty_of_care.as_ref())
        .map(|care| evaluate(care, &facts));
    let context_dimensions: Vec<String> = match combination_rule {
        Some(rule) => {
            let required = rule.expression.dimensions();
            dimensions
                .iter()
                .map(|d| d.key.clone())
                .filter(|key| !required.contains(&key.as_str()))
                .collect()
        }
        None => vec![],
    };
    let verdict = match (&element_rule, &combination) {
        (Some(_), Some(outcome)) if outcome.satisfied => Verdict::IndicatorsPresent,
        (Some(_), Some(_)) => Verdict::NotEnoughIndicators,
        _ => Verdict::NoRule,
    };
    let advice = advice(
        verdict,
        child && combination.is_some(),
        input.child_act,
        duty_of_care.as_ref().is_some_and(|care| care.satisfied),
    );
    Ok(Assessment {
        catalogue_version: catalogue.version.clone(),
        set_id: set.id.clone(),
        set_version: set.version.clone(),
        path: input.path,
        verdict,
        element_rule: element_rule.map(|r| r.id.clone()),
        dimensions,
        combination,
        duty_of_care,
        context_dimensions,
        advice,
        ignored_observations: ignored,
    })
}

/// What the worker is told, from the verdict and (for a child judged by a rule) the act answer
/// and the duty of care.
fn advice(
    verdict: Verdict,
    child_rule: bool,
    child_act: Option<ChildAct>,
    care: bool,
) -> Vec<Advice> {
    let mut advice = Vec::new();
    let met = verdict == Verdict::IndicatorsPresent;
    if met {
        advice.push(Advice::ReferToCenter);
    }
    if child_rule {
        if care {
            advice.push(Advice::NotifySocialWork);
        }
        if met && child_act != Some(ChildAct::Yes) {
            advice.push(Advice::ActNotEstablished);
        }
        if child_act.is_none() {
            advice.push(Advice::ActUnanswered);
        }
        advice.push(Advice::MeansNotRequired);
    }
    advice
}

#[cfg(test)]
#[path = "assessment_tests.rs"]
mod tests;
