import { describe, expect, it } from "vitest";
import { flatten, interpolate, pluralCategory } from "./messages";

describe("flatten", () => {
  it("joins nested keys with dots", () => {
    expect(flatten({ a: "1", b: { c: "2", d: { e: "3" } } })).toEqual({ a: "1", "b.c": "2", "b.d.e": "3" });
  });
});

describe("interpolate", () => {
  it("fills known placeholders and keeps unknown ones visible", () => {
    expect(interpolate("{count} of {total} ({x})", { count: 2, total: "5" })).toBe("2 of 5 ({x})");
  });
  it("returns the template unchanged without params", () => {
    expect(interpolate("a {b}")).toBe("a {b}");
  });
});

describe("pluralCategory", () => {
  it("English", () => {
    expect(pluralCategory("en", 1)).toBe("one");
    expect(pluralCategory("en", 0)).toBe("other");
    expect(pluralCategory("en", 2)).toBe("other");
  });
  it("Serbian", () => {
    expect([1, 21, 101].map((n) => pluralCategory("sr-Latn", n))).toEqual(["one", "one", "one"]);
    expect([2, 3, 4, 22, 34].map((n) => pluralCategory("sr-Cyrl", n))).toEqual(["few", "few", "few", "few", "few"]);
    expect([0, 5, 11, 12, 13, 14, 15, 111, 112].map((n) => pluralCategory("sr-Latn", n))).toEqual(
      Array(9).fill("other"),
    );
  });
});
