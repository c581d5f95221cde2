import { describe, expect, it } from "vitest";
import { conditionText, type ConditionWords } from "./conditionText";

const words: ConditionWords = {
  and: "and",
  or: "or",
  fact: (fact) => fact.replace(/_/g, " "),
  indicators: (keys) => `observed: ${keys.join(", ")}`,
};

describe("conditionText", () => {
  it("words a single fact", () => {
    expect(conditionText({ fact: "child" }, words)).toBe("child");
  });

  it("joins the parts of any and all, bracketing only nested groups", () => {
    const condition = {
      any: [{ fact: "safety_need" as const }, { all: [{ fact: "adult" as const }, { indicator: ["CD.violence", "GEN.injuries"] }] }],
    };
    expect(conditionText(condition, words)).toBe("safety need or (adult and observed: CD.violence, GEN.injuries)");
  });

  it("does not bracket a group of one", () => {
    expect(conditionText({ all: [{ any: [{ fact: "male" }] }] }, words)).toBe("male");
  });
});
