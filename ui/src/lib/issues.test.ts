import { describe, expect, it } from "vitest";
import type { FieldIssue } from "./bindings/FieldIssue";
import type { Observation } from "./bindings/Observation";
import { fieldMessage, issuesFor, issuesForIndicator, observationKeyOf, unplacedIssues } from "./issues";

const issue = (field: string, code: FieldIssue["code"] = "required"): FieldIssue => ({ field, code, params: {} });
const obs: Observation[] = [
  { indicator: "a", learnt: "observed", note: "" },
  { indicator: "zz", learnt: "observed", note: "" },
];

describe("issues", () => {
  it("finds issues by field", () => {
    expect(issuesFor([issue("person.alias"), issue("context.place")], "person.alias")).toHaveLength(1);
  });

  it("maps observation issues to indicator keys", () => {
    expect(observationKeyOf(issue("observations.zz.note", "too_long"), obs)).toBe("zz");
    expect(observationKeyOf(issue("observations.0.note", "too_long"), obs)).toBe("a");
    expect(observationKeyOf(issue("observations[1]"), obs)).toBe("zz");
    expect(observationKeyOf(issue("observations.7.note"), obs)).toBeUndefined();
    expect(observationKeyOf(issue("observations.gone.note"), obs)).toBeUndefined();
    expect(issuesForIndicator([issue("observations.a.note")], "a", obs)).toHaveLength(1);
  });

  it("lists the issues that have no place on screen", () => {
    const all = [issue("person.alias"), issue("observations.a.note"), issue("observations.zz.note"), issue("odd")];
    const rest = unplacedIssues(all, new Set(["person.alias"]), obs, new Set(["a"]));
    expect(rest.map((i) => i.field)).toEqual(["observations.zz.note", "odd"]);
  });

  it("names fields by locale key, with the position of a list entry", () => {
    expect(fieldMessage("person.name")).toEqual({ key: "fields.person.name", params: {} });
    expect(fieldMessage("places.transit.1.country")).toEqual({ key: "fields.places.transit.country", params: { n: 2 } });
    expect(fieldMessage("person.languages.0")).toEqual({ key: "fields.person.languages.item", params: { n: 1 } });
    expect(fieldMessage("indicators.observations.2.note")).toEqual({
      key: "fields.indicators.observations.note",
      params: { n: 3 },
    });
  });
});
