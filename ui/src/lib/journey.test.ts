import { describe, expect, it } from "vitest";
import type { DecisionView } from "./bindings/DecisionView";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { ReconsiderationEntry } from "./bindings/ReconsiderationEntry";
import { isDelivered, isOpenRequest, journeyEvents, waitingFor } from "./journey";

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
  center_reference: null,
  delivered_at: null,
  attention: null,
  ...over,
});
const delivered = { state: "delivered" as const, center_reference: "C-1", delivered_at: "2024-03-05T11:00:00Z" };

describe("isDelivered", () => {
  it("from the state, the Center's reference or a decision", () => {
    expect(isDelivered(queued)).toBe(false);
    expect(isDelivered(entry({ state: "delivered" }))).toBe(true);
    expect(isDelivered(entry({ center_reference: "C-1" }))).toBe(true);
    expect(isDelivered(entry({ decisions: [decision("d1", "2024-03-06T00:00:00Z")] }))).toBe(true);
  });
});

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

describe("waitingFor", () => {
  it("delivery, then a decision, then an answer", () => {
    expect(waitingFor(queued)).toBe("delivery");
    expect(waitingFor(entry(delivered))).toBe("decision");
    const decided = entry({ ...delivered, state: "decided", decisions: [decision("d1", "2024-03-06T00:00:00Z")] });
    expect(waitingFor(decided)).toBeNull();
    const asked = { ...decided, reconsiderations: [request("q1", "2024-03-07T00:00:00Z")] };
    expect(isOpenRequest(asked, asked.reconsiderations[0])).toBe(true);
    expect(waitingFor(asked)).toBe("answer");
    const answered = {
      ...asked,
      decisions: [...asked.decisions, decision("d2", "2024-03-08T00:00:00Z", { answers: "q1" })],
    };
    expect(isOpenRequest(answered, answered.reconsiderations[0])).toBe(false);
    expect(waitingFor(answered)).toBeNull();
  });
  it("nothing while the Center refused it", () => {
    expect(waitingFor(entry({ state: "needs_attention", attention: "conflict" }))).toBeNull();
    const refusedRequest = entry({
      ...delivered,
      decisions: [decision("d1", "2024-03-06T00:00:00Z")],
      reconsiderations: [request("q1", "2024-03-07T00:00:00Z", { state: "needs_attention", attention: "conflict" })],
    });
    expect(waitingFor(refusedRequest)).toBeNull();
  });
});
