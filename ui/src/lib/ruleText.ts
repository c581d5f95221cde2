//! Writing a combination rule (RuleExpr) out as readable text, e.g.
//! "(DR or CR or AVR) and EX and (CD or AVD)".
import type { RuleExpr } from "./bindings/RuleExpr";

export type RuleWords = {
  and: string;
  or: string;
  /** The name to show for a dimension key (e.g. its title). */
  dimension: (key: string) => string;
};

function render(expr: RuleExpr, words: RuleWords, nested: boolean): string {
  if ("dimension" in expr) return words.dimension(expr.dimension);
  const [children, joiner] = "all" in expr ? [expr.all, words.and] : [expr.any, words.or];
  if (children.length === 1) return render(children[0], words, nested);
  const text = children.map((child) => render(child, words, true)).join(` ${joiner} `);
  return nested ? `(${text})` : text;
}

export function ruleText(expr: RuleExpr, words: RuleWords): string {
  return render(expr, words, false);
}

/** Dimension keys mentioned in an expression, in order of first appearance. */
export function ruleDimensions(expr: RuleExpr): string[] {
  const out: string[] = [];
  const walk = (e: RuleExpr) => {
    if ("dimension" in e) {
      if (!out.includes(e.dimension)) out.push(e.dimension);
    } else {
      ("all" in e ? e.all : e.any).forEach(walk);
    }
  };
  walk(expr);
  return out;
}
