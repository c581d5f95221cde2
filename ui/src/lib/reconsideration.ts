//! Checking a request for reconsideration before it is sealed (the backend checks again).
import type { ApiError } from "./errors";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { ReconsiderationInput } from "./bindings/ReconsiderationInput";

import limits from "./bindings/reconsiderationLimits.json";

// The backend's own limits (crates/app/src/center.rs), written out by its tests.
export const MAX_GROUNDS_CHARS: number = limits.max_grounds_chars;
export const MAX_NEW_INFORMATION_CHARS: number = limits.max_new_information_chars;

function chars(text: string): number {
  return [...text].length;
}

/** The input to send, or the error to show at once. */
export function reconsiderationInput(
  referralId: string,
  grounds: string,
  newInformation: string,
): { input: ReconsiderationInput } | { error: ApiError; field: "grounds" | "info" } {
  const g = grounds.trim();
  const info = newInformation.trim();
  if (g === "") {
    return {
      field: "grounds",
      error: { code: "reconsideration_grounds_required", message_key: "errors.reconsideration_grounds_required", params: {} },
    };
  }
  if (chars(g) > MAX_GROUNDS_CHARS) {
    return { field: "grounds", error: { code: "too_long", message_key: "issues.too_long", params: { max: String(MAX_GROUNDS_CHARS) } } };
  }
  if (chars(info) > MAX_NEW_INFORMATION_CHARS) {
    return {
      field: "info",
      error: { code: "too_long", message_key: "issues.too_long", params: { max: String(MAX_NEW_INFORMATION_CHARS) } },
    };
  }
  return { input: { referral_id: referralId, grounds: g, new_information: info } };
}

/** Whether the request with `reference` under `entry` still waits to be sent: the "queued"
 * notice shown after asking goes away once it is delivered or answered. */
export function requestStillQueued(entry: OutboxEntry, reference: string): boolean {
  return entry.reconsiderations.some((r) => r.reference === reference && r.state === "queued");
}
