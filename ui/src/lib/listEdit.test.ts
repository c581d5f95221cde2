import { describe, expect, it } from "vitest";
import { appendUnique, blankPlace, isBlankPlace, removeAt } from "./listEdit";

describe("list edits", () => {
  it("appends a trimmed value once, ignoring case, and never mutates", () => {
    const list = ["ar", "fa"];
    expect(appendUnique(list, " ps ")).toEqual(["ar", "fa", "ps"]);
    expect(appendUnique(list, "AR")).toEqual(["ar", "fa"]);
    expect(appendUnique(list, "  ")).toEqual(["ar", "fa"]);
    expect(list).toEqual(["ar", "fa"]);
  });

  it("removes by index", () => {
    expect(removeAt(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(removeAt(["a"], 5)).toEqual(["a"]);
  });

  it("knows a blank place from one with anything typed", () => {
    expect(isBlankPlace(blankPlace())).toBe(true);
    expect(isBlankPlace({ ...blankPlace(), locality: "  " })).toBe(true);
    expect(isBlankPlace({ ...blankPlace(), from: "2023" })).toBe(false);
    expect(isBlankPlace({ ...blankPlace(), country: "RS" })).toBe(false);
  });
});
