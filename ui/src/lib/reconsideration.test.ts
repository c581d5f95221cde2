import { describe, expect, it } from "vitest";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import limits from "./bindings/reconsiderationLimits.json";
import {
  MAX_GROUNDS_CHARS,
  MAX_NEW_INFORMATION_CHARS,
  reconsiderationInput,
  requestStillQueued,
} from "./reconsideration";

describe("reconsiderationInput", () => {
  it("trims and sends", () => {
    expect(reconsiderationInput("r1", "  She was not asked about wages. \n", "  ")).toEqual({
      input: { referral_id: "r1", grounds: "She was not asked about wages.", new_information: "" },
    });
  });
  it("requires grounds", () => {
    const r = reconsiderationInput("r1", " \n ", "new facts");
    expect("error" in r && [r.field, r.error.code, r.error.message_key]).toEqual([
      "grounds",
      "reconsideration_grounds_required",
      "errors.reconsideration_grounds_required",
    ]);
  });
  it("keeps to the backend's limits, counting characters not bytes", () => {
    // The limits come from the backend's file, not from constants of their own.
    expect([MAX_GROUNDS_CHARS, MAX_NEW_INFORMATION_CHARS]).toEqual([
      limits.max_grounds_chars,
      limits.max_new_information_chars,
    ]);
    expect(MAX_GROUNDS_CHARS).toBeGreaterThan(0);
    expect("input" in reconsiderationInput("r1", "ž".repeat(MAX_GROUNDS_CHARS), "")).toBe(true);
    const long = reconsiderationInput("r1", "a".repeat(MAX_GROUNDS_CHARS + 1), "");
    expect("error" in long && [long.field, long.error.params.max]).toEqual(["grounds", String(MAX_GROUNDS_CHARS)]);
    const info = reconsiderationInput("r1", "why", "b".repeat(MAX_NEW_INFORMATION_CHARS + 1));
    expect("error" in info && [info.field, info.error.message_key]).toEqual(["info", "issues.too_long"]);
  });
});

describe("requestStillQueued", () => {
  const entry = (state: string) =>
    ({
      reconsiderations: [
        { id: "q", reference: "FC-AAAA-BBBB", requested_at: "", state, center_reference: null, delivered_at: null, attention: null },
      ],
    }) as unknown as OutboxEntry;
  it("is true only while that request is queued", () => {
    expect(requestStillQueued(entry("queued"), "FC-AAAA-BBBB")).toBe(true);
    expect(requestStillQueued(entry("delivered"), "FC-AAAA-BBBB")).toBe(false);
    expect(requestStillQueued(entry("answered"), "FC-AAAA-BBBB")).toBe(false);
    expect(requestStillQueued(entry("queued"), "FC-OTHER-0000")).toBe(false);
  });
});
