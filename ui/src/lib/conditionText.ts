//! Writing a "who to call now" condition (CaseCondition) out as readable text, e.g.
//! "safety needed or risk to the person or observed: threats of violence". The condition is the
//! directory's data and is evaluated in Rust (`directory::who_to_call`); this only words it.
import type { CaseCondition } from "./bindings/CaseCondition";
import type { CaseFact } from "./bindings/CaseFact";

export type ConditionWords = {
  and: string;
  or: string;
  fact: (fact: CaseFact) => string;
  /** The words for an `indicator` part, given its keys. */
  indicators: (keys: readonly string[]) => string;
};

function render(condition: CaseCondition, words: ConditionWords, nested: boolean): string {
  if ("fact" in condition) return words.fact(condition.fact);
  if ("indicator" in condition) return words.indicators(condition.indicator);
  const [parts, joiner] = "all" in condition ? [condition.all, words.and] : [condition.any, words.or];
  if (parts.length === 1) return render(parts[0], words, nested);
  const text = parts.map((part) => render(part, words, true)).join(` ${joiner} `);
  return nested ? `(${text})` : text;
}

export function conditionText(condition: CaseCondition, words: ConditionWords): string {
  return render(condition, words, false);
}
