import { describe, expect, it } from "vitest";
import type { DecisionView } from "./bindings/DecisionView";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { ReconsiderationEntry } from "./bindings/ReconsiderationEntry";
import { journeyEvents, stateKey } from "./journey";

const queued: OutboxEntry = {
  id: "r1",
  reference: "FC-AAAA-BBBB",
  finalised_at: "2024-03-05T10:00:00Z",
  urgency: "urgent",
  path: "adult",
  catalogue_version: "1",
  state: "queued",
  attempts: 0,
  center_reference: null,
  delivered_at: null,
  attention: null,
  decisions: [],
  reconsiderations: [],
  can_request_reconsideration: false,
  delivered: false,
  waiting_for: "delivery",
};
const entry = (over: Partial<OutboxEntry>): OutboxEntry => ({ ...queued, ...over });
const decision = (id: string, at: string, over: Partial<DecisionView> = {}): DecisionView => ({
  decision_id: id,
  outcome: "not_identified",
  reasons: "",
  criteria_version: "c1",
  decided_at: at,
  answers: null,
  ...over,
});
const request = (id: string, at: string, over: Partial<ReconsiderationEntry> = {}): ReconsiderationEntry => ({
  id,
  reference: `FC-${id}`,
  requested_at: at,
  state: "queued",
  open: true,
  center_reference: null,
  delivered_at: null,
  attention: null,
  ...over,
});
const delivered = { state: "delivered" as const, center_reference: "C-1", delivered_at: "2024-03-05T11:00:00Z" };

describe("journeyEvents", () => {
  it("orders decisions and requests by time and links answers to their request", () => {
    const r = request("q1", "2024-03-07T09:00:00+01:00");
    const e = entry({
      ...delivered,
      state: "decided",
      decisions: [decision("d2", "2024-03-09T00:00:00Z", { answers: "q1" }), decision("d1", "2024-03-06T00:00:00Z")],
      reconsiderations: [r],
    });
    const events = journeyEvents(e);
    expect(events.map((ev) => (ev.kind === "decision" ? ev.decision.decision_id : ev.request.id))).toEqual(["d1", "q1", "d2"]);
    const last = events[2];
    expect(last.kind === "decision" && last.answers).toEqual(r);
  });
  it("puts a decision before a request made at the same moment, and unknown answers stay unlinked", () => {
    const e = entry({
      decisions: [decision("d1", "2024-03-06T00:00:00Z", { answers: "gone" })],
      reconsiderations: [request("q1", "2024-03-06T00:00:00Z")],
    });
    const events = journeyEvents(e);
    expect(events.map((ev) => ev.kind)).toEqual(["decision", "reconsideration"]);
    expect(events[0].kind === "decision" && events[0].answers).toBeNull();
  });
});

describe("stateKey", () => {
  it("words a state for a referral or for a request", () => {
    expect(stateKey("referral", "delivered")).toBe("outbox.states.delivered");
    expect(stateKey("request", "answered")).toBe("outbox.reconsideration_states.answered");
  });
});
