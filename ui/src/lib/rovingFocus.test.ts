import { describe, expect, it } from "vitest";
import { moveIndex, stopIndex } from "./rovingFocus";

describe("stopIndex", () => {
  const keys = ["DR.wages", "DR.conditions", "DR.housing"];

  it("is the first item when nothing was focused yet", () => {
    expect(stopIndex(keys, undefined)).toBe(0);
  });

  it("is the item focused last", () => {
    expect(stopIndex(keys, "DR.housing")).toBe(2);
  });

  it("falls back to the first item when the remembered one left the list", () => {
    expect(stopIndex(keys, "GEN.other-set")).toBe(0);
  });

  it("is -1 for an empty list", () => {
    expect(stopIndex([], "DR.wages")).toBe(-1);
  });
});

describe("moveIndex", () => {
  it("moves down and up one item with either pair of arrows", () => {
    expect(moveIndex(5, 1, { key: "ArrowDown" })).toBe(2);
    expect(moveIndex(5, 1, { key: "ArrowRight" })).toBe(2);
    expect(moveIndex(5, 1, { key: "ArrowUp" })).toBe(0);
    expect(moveIndex(5, 1, { key: "ArrowLeft" })).toBe(0);
  });

  it("stops at the ends instead of wrapping", () => {
    expect(moveIndex(5, 4, { key: "ArrowDown" })).toBe(4);
    expect(moveIndex(5, 0, { key: "ArrowUp" })).toBe(0);
  });

  it("goes to the first and last item with Home and End", () => {
    expect(moveIndex(5, 2, { key: "Home" })).toBe(0);
    expect(moveIndex(5, 2, { key: "End" })).toBe(4);
  });

  it("leaves Space, Tab, Enter and letters to the browser", () => {
    for (const key of [" ", "Tab", "Enter", "a", "?", "Escape"]) {
      expect(moveIndex(5, 2, { key }), key).toBeNull();
    }
  });

  it("leaves a key with a modifier to the browser and the system", () => {
    expect(moveIndex(5, 2, { key: "ArrowLeft", altKey: true })).toBeNull();
    expect(moveIndex(5, 2, { key: "Home", ctrlKey: true })).toBeNull();
    expect(moveIndex(5, 2, { key: "ArrowDown", metaKey: true })).toBeNull();
    expect(moveIndex(5, 2, { key: "ArrowDown", shiftKey: true })).toBeNull();
  });

  it("keeps a stale index inside the list", () => {
    expect(moveIndex(3, 7, { key: "ArrowUp" })).toBe(1);
    expect(moveIndex(3, -1, { key: "ArrowDown" })).toBe(1);
  });

  it("handles nothing in an empty list", () => {
    expect(moveIndex(0, 0, { key: "ArrowDown" })).toBeNull();
  });
});
