import { describe, expect, it } from "vitest";
import type { Observation } from "./bindings/Observation";
import { countOutside, findObservation, setChecked } from "./observations";

describe("observations", () => {
  it("checking adds an 'observed' observation once", () => {
    const obs: Observation[] = [];
    setChecked(obs, "a", true);
    setChecked(obs, "a", true);
    expect(obs).toEqual([{ indicator: "a", learnt: "observed", note: "" }]);
  });

  it("unchecking removes only that indicator and returns it for restoring", () => {
    const obs: Observation[] = [
      { indicator: "x", learnt: "documents", note: "other set" },
      { indicator: "a", learnt: "disclosed", note: "said so" },
    ];
    const removed = setChecked(obs, "a", false);
    expect(obs).toEqual([{ indicator: "x", learnt: "documents", note: "other set" }]);
    setChecked(obs, "a", true, removed);
    expect(findObservation(obs, "a")).toEqual({ indicator: "a", learnt: "disclosed", note: "said so" });
  });

  it("counts observations outside the shown set", () => {
    const obs: Observation[] = [
      { indicator: "x", learnt: "observed", note: "" },
      { indicator: "a", learnt: "observed", note: "" },
      { indicator: "y", learnt: "observed", note: "" },
    ];
    expect(countOutside(obs, new Set(["a", "b"]))).toBe(2);
  });
});
