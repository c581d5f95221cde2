//! Structural checks of a parsed catalogue. Each failure names the place in the file.

use std::collections::HashSet;

use super::model::*;
use crate::data_file::{identifier, non_empty, problem, text, unique, Checked, Problem};

pub(super) fn check(catalogue: &Catalogue) -> Checked {
    if catalogue.format != SUPPORTED_FORMAT {
        return Err(problem(
            "format",
            format!(
                "format {} is not supported (expected {SUPPORTED_FORMAT})",
                catalogue.format
            ),
        ));
    }
    identifier("id", &catalogue.id)?;
    non_empty("version", &catalogue.version)?;
    non_empty("published", &catalogue.published)?;
    text("notes", &catalogue.notes)?;

    unique(
        "element_rules",
        catalogue.element_rules.iter().map(|r| &r.id),
    )?;
    for (i, rule) in catalogue.element_rules.iter().enumerate() {
        element_rule(&format!("element_rules[{i}]"), rule)?;
    }
    unique(
        "combination_rules",
        catalogue.combination_rules.iter().map(|r| &r.id),
    )?;
    for (i, rule) in catalogue.combination_rules.iter().enumerate() {
        let place = format!("combination_rules[{i}]");
        identifier(&format!("{place}.id"), &rule.id)?;
        text(&format!("{place}.title"), &rule.title)?;
        text(&format!("{place}.description"), &rule.description)?;
        expression(&format!("{place}.expression"), &rule.expression)?;
        if let Some(care) = &rule.duty_of_care {
            expression(&format!("{place}.duty_of_care"), care)?;
        }
    }

    if catalogue.sets.is_empty() {
        return Err(problem("sets", "the catalogue has no indicator set"));
    }
    unique(
        "sets",
        catalogue
            .sets
            .iter()
            .map(|s| &s.id)
            .chain(catalogue.excluded.iter().map(|s| &s.id)),
    )?;
    for (i, set) in catalogue.sets.iter().enumerate() {
        indicator_set(&format!("sets[{i}]"), set, catalogue)?;
    }
    for (i, excluded) in catalogue.excluded.iter().enumerate() {
        let place = format!("excluded[{i}]");
        identifier(&format!("{place}.id"), &excluded.id)?;
        text(&format!("{place}.title"), &excluded.title)?;
        text(&format!("{place}.reason"), &excluded.reason)?;
    }
    Ok(())
}

fn element_rule(place: &str, rule: &ElementRule) -> Checked {
    identifier(&format!("{place}.id"), &rule.id)?;
    text(&format!("{place}.title"), &rule.title)?;
    text(&format!("{place}.description"), &rule.description)?;
    if rule.clauses.is_empty() {
        return Err(problem(
            format!("{place}.clauses"),
            "an element rule needs at least one clause",
        ));
    }
    unique(
        &format!("{place}.clauses"),
        rule.clauses.iter().map(|c| &c.id),
    )?;
    for (c, clause) in rule.clauses.iter().enumerate() {
        let place = format!("{place}.clauses[{c}]");
        identifier(&format!("{place}.id"), &clause.id)?;
        text(&format!("{place}.label"), &clause.label)?;
        if clause.requires.is_empty() {
            return Err(problem(
                format!("{place}.requires"),
                "a clause needs at least one requirement",
            ));
        }
        let mut seen = HashSet::new();
        for (r, requirement) in clause.requires.iter().enumerate() {
            let place = format!("{place}.requires[{r}]");
            if requirement.count == 0 {
                return Err(problem(
                    format!("{place}.count"),
                    "a requirement must ask for at least one indicator",
                ));
            }
            if requirement.strengths.is_empty() {
                return Err(problem(
                    format!("{place}.strengths"),
                    "a requirement must name at least one strength",
                ));
            }
            for strength in &requirement.strengths {
                if *strength == Strength::Unknown {
                    return Err(problem(
                        format!("{place}.strengths"),
                        "a rule cannot count indicators of unknown strength",
                    ));
                }
                if !seen.insert(*strength) {
                    return Err(problem(
                        format!("{place}.strengths"),
                        "the requirements of one clause must not share a strength",
                    ));
                }
            }
        }
    }
    Ok(())
}

fn expression(place: &str, expr: &RuleExpr) -> Checked {
    match expr {
        RuleExpr::Dimension(key) => dimension_key(&format!("{place}.dimension"), key),
        RuleExpr::All(parts) | RuleExpr::Any(parts) => {
            if parts.is_empty() {
                return Err(problem(place, "`all` and `any` need at least one part"));
            }
            for (i, part) in parts.iter().enumerate() {
                expression(&format!("{place}[{i}]"), part)?;
            }
            Ok(())
        }
        RuleExpr::Act(answers) => {
            if answers.is_empty() {
                return Err(problem(
                    format!("{place}.act"),
                    "`act` needs at least one answer",
                ));
            }
            let mut seen = HashSet::new();
            if answers.iter().any(|answer| !seen.insert(*answer)) {
                return Err(problem(
                    format!("{place}.act"),
                    "`act` names an answer twice",
                ));
            }
            Ok(())
        }
        RuleExpr::Observed(keys) => {
            if keys.is_empty() {
                return Err(problem(
                    format!("{place}.observed"),
                    "`observed` needs at least one dimension or indicator key",
                ));
            }
            for (i, key) in keys.iter().enumerate() {
                let place = format!("{place}.observed[{i}]");
                match key.split_once('.') {
                    Some((dimension, _)) => indicator_key(&place, key, dimension)?,
                    None => dimension_key(&place, key)?,
                }
            }
            Ok(())
        }
    }
}

fn indicator_set(place: &str, set: &IndicatorSet, catalogue: &Catalogue) -> Checked {
    identifier(&format!("{place}.id"), &set.id)?;
    non_empty(&format!("{place}.version"), &set.version)?;
    text(&format!("{place}.title"), &set.title)?;
    text(&format!("{place}.source"), &set.source)?;
    text(&format!("{place}.provenance"), &set.provenance)?;
    if set.dimensions.is_empty() {
        return Err(problem(
            format!("{place}.dimensions"),
            "an indicator set needs at least one dimension",
        ));
    }
    unique(
        &format!("{place}.dimensions"),
        set.dimensions.iter().map(|d| &d.key),
    )?;
    unique(
        &format!("{place}.dimensions"),
        set.indicators().map(|(_, i)| &i.key),
    )?;
    for (d, dimension) in set.dimensions.iter().enumerate() {
        let place = format!("{place}.dimensions[{d}]");
        dimension_key(&format!("{place}.key"), &dimension.key)?;
        text(&format!("{place}.title"), &dimension.title)?;
        text(&format!("{place}.description"), &dimension.description)?;
        if dimension.indicators.is_empty() {
            return Err(problem(
                format!("{place}.indicators"),
                "a dimension needs at least one indicator",
            ));
        }
        for (i, indicator) in dimension.indicators.iter().enumerate() {
            let place = format!("{place}.indicators[{i}]");
            indicator_key(&format!("{place}.key"), &indicator.key, &dimension.key)?;
            text(&format!("{place}.label"), &indicator.label)?;
            text(&format!("{place}.explanation"), &indicator.explanation)?;
            if let Some(provenance) = &indicator.provenance {
                text(&format!("{place}.provenance"), provenance)?;
            }
        }
    }
    rules_of_set(place, set, catalogue)
}

fn rules_of_set(place: &str, set: &IndicatorSet, catalogue: &Catalogue) -> Checked {
    let has_unknown = set
        .indicators()
        .any(|(_, indicator)| indicator.strength == Strength::Unknown);
    match (&set.element_rule, &set.combination_rules) {
        (None, None) => Ok(()),
        (Some(element), Some(rules)) => {
            if has_unknown {
                return Err(problem(
                    format!("{place}.element_rule"),
                    "a set with indicators of unknown strength cannot have a rule",
                ));
            }
            if catalogue.element_rule(element).is_none() {
                return Err(problem(
                    format!("{place}.element_rule"),
                    format!("no element rule `{element}`"),
                ));
            }
            let adult = combination_of_set(
                &format!("{place}.combination_rules.adult"),
                &rules.adult,
                set,
                catalogue,
            )?;
            if adult.expression.asks_act() || adult.duty_of_care.is_some() {
                return Err(problem(
                    format!("{place}.combination_rules.adult"),
                    format!(
                        "rule `{}` asks the child path's act question or carries a duty of \
                         care, so it cannot be the adults' rule",
                        rules.adult
                    ),
                ));
            }
            combination_of_set(
                &format!("{place}.combination_rules.child"),
                &rules.child,
                set,
                catalogue,
            )?;
            Ok(())
        }
        _ => Err(problem(
            format!("{place}.element_rule"),
            "a set has both an element rule and combination rules, or neither",
        )),
    }
}

/// The combination rule `id`, checked to name only dimensions and indicators the set has.
fn combination_of_set<'c>(
    place: &str,
    id: &str,
    set: &IndicatorSet,
    catalogue: &'c Catalogue,
) -> Result<&'c CombinationRule, Problem> {
    let Some(rule) = catalogue.combination_rule(id) else {
        return Err(problem(place, format!("no combination rule `{id}`")));
    };
    let parts = std::iter::once(&rule.expression).chain(rule.duty_of_care.as_ref());
    for expr in parts {
        for key in expr.dimensions() {
            if !set.dimensions.iter().any(|d| d.key == key) {
                return Err(problem(
                    place,
                    format!("rule `{id}` names dimension `{key}`, which this set lacks"),
                ));
            }
        }
        for key in observed_indicators(expr) {
            if set.indicator(key).is_none() {
                return Err(problem(
                    place,
                    format!("rule `{id}` names indicator `{key}`, which this set lacks"),
                ));
            }
        }
    }
    Ok(rule)
}

/// Indicator keys (not dimension keys) named by `observed` parts of an expression.
fn observed_indicators(expr: &RuleExpr) -> Vec<&str> {
    match expr {
        RuleExpr::Observed(keys) => keys
            .iter()
            .map(String::as_str)
            .filter(|key| key.contains('.'))
            .collect(),
        RuleExpr::All(parts) | RuleExpr::Any(parts) => {
            parts.iter().flat_map(observed_indicators).collect()
        }
        RuleExpr::Dimension(_) | RuleExpr::Act(_) => vec![],
    }
}

/// Dimension keys: `A-Z`, `0-9`, `-`.
fn dimension_key(place: &str, value: &str) -> Checked {
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(problem(
            place,
            format!("`{value}` is not a dimension key (A-Z, 0-9, -)"),
        ))
    }
}

/// Indicator keys are `<dimension key>.<identifier>`.
fn indicator_key(place: &str, value: &str, dimension: &str) -> Checked {
    match value.split_once('.') {
        Some((prefix, slug)) if prefix == dimension => identifier(place, slug),
        _ => Err(problem(
            place,
            format!("`{value}` must be `{dimension}.` followed by an identifier"),
        )),
    }
}
