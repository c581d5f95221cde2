//! Writing a combination rule (RuleExpr) out as readable text, e.g.
//! "(DR or CR or AVR) and EX and (CD or AVD)", or for the children's rule
//! "the act (yes, not known) and (EX or CD or any of: EX, forced tasks)".
import type { ChildAct } from "./bindings/ChildAct";
import type { RuleExpr } from "./bindings/RuleExpr";

export type RuleWords = {
  and: string;
  or: string;
  /** The name to show for a dimension key (e.g. its title). */
  dimension: (key: string) => string;
  /** The words for an `act` part, given the answers that meet it. */
  act: (answers: readonly ChildAct[]) => string;
  /** The words for an `observed` part, given its dimension and indicator keys. */
  observed: (keys: readonly string[]) => string;
};

function render(expr: RuleExpr, words: RuleWords, nested: boolean): string {
  if ("dimension" in expr) return words.dimension(expr.dimension);
  if ("act" in expr) return words.act(expr.act);
  if ("observed" in expr) return words.observed(expr.observed);
  const [children, joiner] = "all" in expr ? [expr.all, words.and] : [expr.any, words.or];
  if (children.length === 1) return render(children[0], words, nested);
  const text = children.map((child) => render(child, words, true)).join(` ${joiner} `);
  return nested ? `(${text})` : text;
}

export function ruleText(expr: RuleExpr, words: RuleWords): string {
  return render(expr, words, false);
}

/** Dimension keys an expression names (directly or by an indicator key), in order of first appearance. */
export function ruleDimensions(expr: RuleExpr): string[] {
  const out: string[] = [];
  const add = (key: string) => {
    if (!out.includes(key)) out.push(key);
  };
  const walk = (e: RuleExpr) => {
    if ("dimension" in e) add(e.dimension);
    else if ("observed" in e) e.observed.forEach((key) => add(key.split(".")[0]));
    else if ("all" in e) e.all.forEach(walk);
    else if ("any" in e) e.any.forEach(walk);
  };
  walk(expr);
  return out;
}
