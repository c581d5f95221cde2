//! A finalised referral's journey, as the Outbox shows it: queued → delivered → the Center's
//! decisions and any reconsideration requests, in the order they happened.
import type { DecisionView } from "./bindings/DecisionView";
import type { JourneyState } from "./bindings/JourneyState";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { ReconsiderationEntry } from "./bindings/ReconsiderationEntry";

export type JourneyEvent =
  | { kind: "decision"; at: string; decision: DecisionView; answers: ReconsiderationEntry | null }
  | { kind: "reconsideration"; at: string; request: ReconsiderationEntry };

/** What the referral waits for next, if anything. */
export type Waiting = "delivery" | "decision" | "answer" | null;

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

/** Whether the Center has the referral (it gave a reference, or a decision came back). */
export function isDelivered(entry: OutboxEntry): boolean {
  return (
    entry.center_reference !== null ||
    entry.delivered_at !== null ||
    entry.state === "delivered" ||
    entry.state === "decided" ||
    entry.decisions.length > 0
  );
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

/** A reconsideration request no decision answers yet. */
export function isOpenRequest(entry: OutboxEntry, request: ReconsiderationEntry): boolean {
  return !entry.decisions.some((d) => d.answers === request.id);
}

/** What the referral is waiting for; null when nothing (or when it needs the worker's attention). */
export function waitingFor(entry: OutboxEntry): Waiting {
  if (entry.attention !== null || entry.state === "needs_attention") return null;
  if (!isDelivered(entry)) return "delivery";
  if (entry.decisions.length === 0) return "decision";
  const open = entry.reconsiderations.find((r) => isOpenRequest(entry, r));
  if (open && open.attention === null && open.state !== "needs_attention") return "answer";
  return null;
}
