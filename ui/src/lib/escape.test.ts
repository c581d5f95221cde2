import { describe, expect, it } from "vitest";
import { DoubleEscape } from "./escape";

describe("DoubleEscape", () => {
  it("fires on the second Escape within 1 s", () => {
    const d = new DoubleEscape();
    expect(d.press("Escape", 0)).toBe(false);
    expect(d.press("Escape", 999)).toBe(true);
  });

  it("fires at exactly 1 s but not later", () => {
    const a = new DoubleEscape();
    a.press("Escape", 0);
    expect(a.press("Escape", 1000)).toBe(true);
    const b = new DoubleEscape();
    b.press("Escape", 0);
    expect(b.press("Escape", 1001)).toBe(false);
    // …but that late press starts a new window.
    expect(b.press("Escape", 1500)).toBe(true);
  });

  it("other keys do not count and do not reset", () => {
    const d = new DoubleEscape();
    expect(d.press("a", 0)).toBe(false);
    d.press("Escape", 100);
    expect(d.press("Enter", 200)).toBe(false);
    expect(d.press("Escape", 300)).toBe(true);
  });

  it("needs a fresh pair after firing", () => {
    const d = new DoubleEscape();
    d.press("Escape", 0);
    expect(d.press("Escape", 100)).toBe(true);
    expect(d.press("Escape", 200)).toBe(false);
    expect(d.press("Escape", 300)).toBe(true);
  });

  it("reset forgets a first press", () => {
    const d = new DoubleEscape();
    d.press("Escape", 0);
    d.reset();
    expect(d.press("Escape", 100)).toBe(false);
  });
});
