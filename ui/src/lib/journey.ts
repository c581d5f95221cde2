//! A finalised referral's journey, as the Outbox shows it: queued → delivered → the Center's
//! decisions and any reconsideration requests, in the order they happened. What follows from
//! the journey (delivered, what it waits for, which requests are open) comes from the backend.
import type { DecisionView } from "./bindings/DecisionView";
import type { JourneyState } from "./bindings/JourneyState";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { ReconsiderationEntry } from "./bindings/ReconsiderationEntry";

export type JourneyEvent =
  | { kind: "decision"; at: string; decision: DecisionView; answers: ReconsiderationEntry | null }
  | { kind: "reconsideration"; at: string; request: ReconsiderationEntry };

function time(timestamp: string): number {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}

/** The locale key naming an item's state, worded for a referral or for a reconsideration
 * request. Every state is listed, so a state added in Rust fails the type check here. */
export function stateKey(of: "referral" | "request", state: JourneyState): string {
  const group = of === "referral" ? "outbox.states" : "outbox.reconsideration_states";
  switch (state) {
    case "queued":
    case "delivered":
    case "decided":
    case "answered":
    case "needs_attention":
      return `${group}.${state}`;
  }
}

/** Decisions and reconsideration requests, oldest first (a decision before a request made at the same time). */
export function journeyEvents(entry: OutboxEntry): JourneyEvent[] {
  const requests = new Map(entry.reconsiderations.map((r) => [r.id, r]));
  const events: JourneyEvent[] = [
    ...entry.decisions.map(
      (decision): JourneyEvent => ({
        kind: "decision",
        at: decision.decided_at,
        decision,
        answers: decision.answers === null ? null : (requests.get(decision.answers) ?? null),
      }),
    ),
    ...entry.reconsiderations.map((request): JourneyEvent => ({ kind: "reconsideration", at: request.requested_at, request })),
  ];
  return events.sort((a, b) => time(a.at) - time(b.at) || (a.kind === b.kind ? 0 : a.kind === "decision" ? -1 : 1));
}
