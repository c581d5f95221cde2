//! "Who to call now": the rules, published in the directory, that turn the facts of a case into
//! the kinds of help to call, and their evaluation against the directory. A rule says when it
//! applies (a condition over the case's facts and observed indicators), why, and what to call:
//! a category of service, optionally only services for a named group or only local ones. Which
//! services answer is the Help view's own search, so a suggestion and a search never disagree.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::case_facts::{CaseFact, CaseFacts};
use super::model::{Audience, Category, ServiceArea};
use super::search::{DirectoryIndex, DirectoryQuery, ServiceHit};
use crate::data_file::{identifier, problem, text, unique, Checked};
use crate::text::Text;

/// At most this many services are suggested per kind of help; the Help view has the rest.
pub const MAX_SERVICES_PER_CALL: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CallRules {
    pub id: String,
    pub title: Text,
    /// How the suggestions are made, for the worker: that they are suggestions, not a protocol.
    pub description: Text,
    pub rules: Vec<CallRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CallRule {
    pub id: String,
    pub title: Text,
    /// Why these are the ones to call, shown with the suggestion.
    pub why: Text,
    pub when: CaseCondition,
    pub call: Vec<CallFor>,
}

/// A condition over a case, as written in the directory file: `{"fact": "child"}`,
/// `{"indicator": ["GEN.injuries"]}`, `{"any": [...]}`, `{"all": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase", deny_unknown_fields)]
#[ts(export)]
pub enum CaseCondition {
    Fact(CaseFact),
    /// At least one of these indicator keys was observed.
    Indicator(Vec<String>),
    All(Vec<CaseCondition>),
    Any(Vec<CaseCondition>),
}

/// A kind of help to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CallFor {
    pub category: Category,
    /// Only services that name one of these groups (a children's line, not a line for
    /// everyone); empty: services for everyone or for one of the case's groups.
    #[serde(default)]
    pub only_for: Vec<Audience>,
    /// Only services of the case's municipality or district (its Centre for Social Work), never
    /// a national line; nothing is suggested until the municipality is known.
    #[serde(default)]
    pub local: bool,
}

/// What made a rule apply: a fact of the case or an indicator observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "key", rename_all = "snake_case")]
#[ts(export)]
pub enum Because {
    Fact(CaseFact),
    Indicator(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallAdvice {
    pub rule: String,
    pub title: Text,
    pub why: Text,
    /// The facts and indicators that made the rule apply, in the order the rule names them.
    pub because: Vec<Because>,
    pub calls: Vec<CallSuggestion>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CallSuggestion {
    pub call: CallFor,
    /// At most [`MAX_SERVICES_PER_CALL`], those open now first.
    pub services: Vec<ServiceHit>,
    /// How many services answer in all.
    pub total: usize,
    /// Services of this kind exist only locally, and the case's municipality is not known.
    pub needs_municipality: bool,
}

impl CaseCondition {
    /// What makes the condition hold, or `None` when it does not.
    pub fn holds(&self, case: &CaseFacts) -> Option<Vec<Because>> {
        match self {
            CaseCondition::Fact(fact) => case
                .facts
                .contains(fact)
                .then(|| vec![Because::Fact(*fact)]),
            CaseCondition::Indicator(keys) => {
                let seen: Vec<Because> = keys
                    .iter()
                    .filter(|key| case.indicators.contains(*key))
                    .map(|key| Because::Indicator(key.clone()))
                    .collect();
                (!seen.is_empty()).then_some(seen)
            }
            CaseCondition::All(parts) => {
                let mut because = Vec::new();
                for part in parts {
                    because.extend(part.holds(case)?);
                }
                Some(because)
            }
            CaseCondition::Any(parts) => {
                let because: Vec<Because> = parts
                    .iter()
                    .filter_map(|part| part.holds(case))
                    .flatten()
                    .collect();
                (!because.is_empty()).then_some(because)
            }
        }
    }
}

/// The rules that apply to `case`, in the directory's order, each with the services to call in
/// `municipality` (a municipality id of the directory) at local time `now`.
pub fn who_to_call(
    index: &DirectoryIndex,
    case: &CaseFacts,
    municipality: Option<&str>,
    now: NaiveDateTime,
) -> Vec<CallAdvice> {
    index
        .directory()
        .who_to_call
        .rules
        .iter()
        .filter_map(|rule| {
            let because = rule.when.holds(case)?;
            Some(CallAdvice {
                rule: rule.id.clone(),
                title: rule.title.clone(),
                why: rule.why.clone(),
                because,
                calls: rule
                    .call
                    .iter()
                    .map(|call| suggest(index, case, call, municipality, now))
                    .collect(),
            })
        })
        .collect()
}

fn suggest(
    index: &DirectoryIndex,
    case: &CaseFacts,
    call: &CallFor,
    municipality: Option<&str>,
    now: NaiveDateTime,
) -> CallSuggestion {
    let query = DirectoryQuery {
        municipality: municipality.map(str::to_owned),
        category: Some(call.category),
        ..DirectoryQuery::default()
    };
    let (hits, _) = index.search(&query, now, usize::MAX);
    let groups = case.groups();
    let for_case: Vec<ServiceHit> = hits
        .into_iter()
        .filter(|hit| {
            let audiences = &hit.service.audiences;
            if call.only_for.is_empty() {
                audiences.contains(&Audience::Everyone)
                    || groups.is_empty()
                    || groups.iter().any(|group| audiences.contains(group))
            } else {
                call.only_for.iter().any(|group| audiences.contains(group))
            }
        })
        .collect();
    let national = |hit: &ServiceHit| hit.service.area == ServiceArea::National;
    // Without a municipality the search spans the country: its local services are somebody
    // else's, so only national ones are suggested, and the worker is told a place would add more.
    let (chosen, needs_municipality): (Vec<ServiceHit>, bool) = match (municipality, call.local) {
        (Some(_), true) => (
            for_case.into_iter().filter(|h| !national(h)).collect(),
            false,
        ),
        (Some(_), false) => (for_case, false),
        (None, true) => (Vec::new(), true),
        (None, false) => {
            let local_exists = for_case.iter().any(|h| !national(h));
            (
                for_case.into_iter().filter(national).collect(),
                local_exists,
            )
        }
    };
    CallSuggestion {
        call: call.clone(),
        total: chosen.len(),
        services: chosen.into_iter().take(MAX_SERVICES_PER_CALL).collect(),
        needs_municipality,
    }
}

/// The structural checks of the rules, each failure naming its place in the file.
pub(super) fn check(rules: &CallRules) -> Checked {
    identifier("who_to_call.id", &rules.id)?;
    text("who_to_call.title", &rules.title)?;
    text("who_to_call.description", &rules.description)?;
    unique("who_to_call.rules", rules.rules.iter().map(|rule| &rule.id))?;
    for (i, rule) in rules.rules.iter().enumerate() {
        let place = format!("who_to_call.rules[{i}]");
        identifier(&format!("{place}.id"), &rule.id)?;
        text(&format!("{place}.title"), &rule.title)?;
        text(&format!("{place}.why"), &rule.why)?;
        condition(&format!("{place}.when"), &rule.when)?;
        if rule.call.is_empty() {
            return Err(problem(
                format!("{place}.call"),
                "a rule names at least one kind of help to call",
            ));
        }
        for (j, call) in rule.call.iter().enumerate() {
            let place = format!("{place}.call[{j}]");
            if call.only_for.contains(&Audience::Everyone) {
                return Err(problem(
                    format!("{place}.only_for"),
                    "`everyone` is not a group to restrict to (leave `only_for` empty)",
                ));
            }
            for (k, group) in call.only_for.iter().enumerate() {
                if call.only_for[..k].contains(group) {
                    return Err(problem(
                        format!("{place}.only_for"),
                        format!("{group:?} appears twice"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn condition(place: &str, condition: &CaseCondition) -> Checked {
    match condition {
        CaseCondition::Fact(_) => Ok(()),
        CaseCondition::Indicator(keys) => {
            if keys.is_empty() {
                return Err(problem(
                    format!("{place}.indicator"),
                    "name at least one indicator key",
                ));
            }
            for (i, key) in keys.iter().enumerate() {
                let well_formed = key.split_once('.').is_some_and(|(group, name)| {
                    !group.is_empty() && !name.is_empty() && !key.contains(char::is_whitespace)
                });
                if !well_formed {
                    return Err(problem(
                        format!("{place}.indicator[{i}]"),
                        format!(
                            "`{key}` is not an indicator key (GROUP.name, e.g. `GEN.injuries`)"
                        ),
                    ));
                }
            }
            Ok(())
        }
        CaseCondition::All(parts) | CaseCondition::Any(parts) => {
            let word = if matches!(condition, CaseCondition::All(_)) {
                "all"
            } else {
                "any"
            };
            if parts.is_empty() {
                return Err(problem(
                    format!("{place}.{word}"),
                    format!("`{word}` names at least one condition"),
                ));
            }
            for (i, part) in parts.iter().enumerate() {
                self::condition(&format!("{place}.{word}[{i}]"), part)?;
            }
            Ok(())
        }
    }
}
