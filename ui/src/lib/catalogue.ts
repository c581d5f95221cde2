//! Look-ups in the indicator catalogue (no rules are evaluated here: the
//! backend's Assessment says what was met).
import type { Catalogue } from "./bindings/Catalogue";
import type { Clause } from "./bindings/Clause";
import type { CombinationRule } from "./bindings/CombinationRule";
import type { Dimension } from "./bindings/Dimension";
import type { ElementRule } from "./bindings/ElementRule";
import type { Indicator } from "./bindings/Indicator";
import type { IndicatorSet } from "./bindings/IndicatorSet";

export function findSet(catalogue: Catalogue, id: string): IndicatorSet | undefined {
  return catalogue.sets.find((s) => s.id === id);
}

export function findElementRule(catalogue: Catalogue, id: string | null): ElementRule | undefined {
  return id === null ? undefined : catalogue.element_rules.find((r) => r.id === id);
}

export function findCombinationRule(catalogue: Catalogue, id: string | null): CombinationRule | undefined {
  return id === null ? undefined : catalogue.combination_rules.find((r) => r.id === id);
}

export function findClause(rule: ElementRule | undefined, id: string | null): Clause | undefined {
  return rule && id !== null ? rule.clauses.find((c) => c.id === id) : undefined;
}

export function findDimension(set: IndicatorSet | undefined, key: string): Dimension | undefined {
  return set?.dimensions.find((d) => d.key === key);
}

export function findIndicator(set: IndicatorSet | undefined, key: string): Indicator | undefined {
  if (!set) return undefined;
  for (const dimension of set.dimensions) {
    const found = dimension.indicators.find((i) => i.key === key);
    if (found) return found;
  }
  return undefined;
}

export function indicatorKeys(set: IndicatorSet | undefined): Set<string> {
  const keys = new Set<string>();
  for (const dimension of set?.dimensions ?? []) {
    for (const indicator of dimension.indicators) keys.add(indicator.key);
  }
  return keys;
}

/** An indicator of any set, for text that names indicators without a set (who to call now). */
export function findIndicatorInAnySet(catalogue: Catalogue, key: string): Indicator | undefined {
  for (const set of catalogue.sets) {
    const found = findIndicator(set, key);
    if (found) return found;
  }
  return undefined;
}
