import { describe, expect, it } from "vitest";
import type { RuleExpr } from "./bindings/RuleExpr";
import { ruleDimensions, ruleText, type RuleWords } from "./ruleText";

const words: RuleWords = {
  and: "and",
  or: "or",
  dimension: (k: string) => k,
  act: (answers) => `act(${answers.join("|")})`,
  observed: (keys) => `seen(${keys.join("|")})`,
};
const d = (dimension: string): RuleExpr => ({ dimension });

describe("ruleText", () => {
  it("writes the usual act/means/purpose rule", () => {
    const expr: RuleExpr = { all: [{ any: [d("DR"), d("CR"), d("AVR")] }, d("EX"), { any: [d("CD"), d("AVD")] }] };
    expect(ruleText(expr, words)).toBe("(DR or CR or AVR) and EX and (CD or AVD)");
    expect(ruleDimensions(expr)).toEqual(["DR", "CR", "AVR", "EX", "CD", "AVD"]);
  });

  it("uses dimension titles and the language's words", () => {
    const expr: RuleExpr = { any: [d("a"), { all: [d("b"), d("c")] }] };
    const titles: Record<string, string> = { a: "Regrutovanje", b: "Eksploatacija", c: "Prinuda" };
    expect(ruleText(expr, { ...words, and: "i", or: "ili", dimension: (k) => titles[k] })).toBe(
      "Regrutovanje ili (Eksploatacija i Prinuda)",
    );
  });

  it("does not bracket single items", () => {
    expect(ruleText(d("EX"), words)).toBe("EX");
    expect(ruleText({ all: [{ any: [d("A")] }, d("B")] }, words)).toBe("A and B");
  });

  it("writes the children's act and observed parts with the words given", () => {
    const expr: RuleExpr = {
      all: [{ act: ["yes", "not_known"] }, { any: [d("EX"), d("CD"), { observed: ["EX", "CD.forced-tasks"] }] }],
    };
    expect(ruleText(expr, words)).toBe("act(yes|not_known) and (EX or CD or seen(EX|CD.forced-tasks))");
    expect(ruleDimensions(expr)).toEqual(["EX", "CD"]);
  });
});
