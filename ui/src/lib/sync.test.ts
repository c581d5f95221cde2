import { describe, expect, it } from "vitest";
import type { SyncStatus } from "./bindings/SyncStatus";
import { canSyncNow, countdown, needsEnrollment, shouldRefreshOutbox, syncLine, syncProblem, syncProgress } from "./sync";

const base: SyncStatus = { phase: "up_to_date", done: 0, total: 0, problem: null, retry_at: null, last_synced_at: null };
const status = (over: Partial<SyncStatus>): SyncStatus => ({ ...base, ...over });
const time = (ts: string) => `<${ts}>`;

describe("syncLine", () => {
  it("says when it last synced, or just up to date", () => {
    expect(syncLine(status({ last_synced_at: "T1" }), time)).toEqual({ key: "sync.phase.up_to_date", params: { time: "<T1>" } });
    expect(syncLine(status({}), time)).toEqual({ key: "sync.phase.up_to_date_never", params: {} });
  });
  it("gives the retry time when offline or waiting", () => {
    expect(syncLine(status({ phase: "offline", retry_at: "T2" }), time)).toEqual({
      key: "sync.phase.offline_retry",
      params: { time: "<T2>" },
    });
    expect(syncLine(status({ phase: "offline" }), time).key).toBe("sync.phase.offline");
    expect(syncLine(status({ phase: "waiting_to_retry", retry_at: "T3" }), time)).toEqual({
      key: "sync.phase.waiting_to_retry",
      params: { time: "<T3>" },
    });
    expect(syncLine(status({ phase: "waiting_to_retry" }), time).key).toBe("sync.phase.waiting");
  });
  it("counts while sending, never past the total", () => {
    expect(syncLine(status({ phase: "sending", done: 3, total: 10 }), time)).toEqual({
      key: "sync.phase.sending",
      params: { done: 3, total: 10 },
    });
    expect(syncLine(status({ phase: "sending", done: 12, total: 10 }), time).params.done).toBe(10);
    expect(syncLine(status({ phase: "sending", total: 0 }), time).key).toBe("sync.phase.sending_some");
  });
  it("names the other phases by key, and survives an unknown one", () => {
    for (const phase of ["not_enrolled", "paused", "connecting", "needs_enrollment"] as const) {
      expect(syncLine(status({ phase }), time)).toEqual({ key: `sync.phase.${phase}`, params: {} });
    }
    const later = status({ phase: "defrosting" as SyncStatus["phase"] });
    expect(syncLine(later, time)).toEqual({ key: "sync.phase.unknown", params: { phase: "defrosting" } });
  });
});

describe("syncProblem", () => {
  const known = (key: string) => key !== "errors.sync_new_thing";
  it("shows the problem only while waiting to retry", () => {
    expect(syncProblem(status({ phase: "waiting_to_retry", problem: "clock_skew" }), known)).toEqual({
      key: "errors.sync_clock_skew",
      params: {},
    });
    expect(syncProblem(status({ phase: "offline", problem: "offline" }), known)).toBeNull();
    expect(syncProblem(status({ phase: "waiting_to_retry" }), known)).toBeNull();
  });
  it("falls back for a problem this version does not know", () => {
    const s = status({ phase: "waiting_to_retry", problem: "new_thing" as SyncStatus["problem"] });
    expect(syncProblem(s, known)).toEqual({ key: "errors.unexpected", params: { code: "new_thing" } });
  });
});

describe("countdown", () => {
  const now = Date.parse("2024-03-05T10:00:00Z");
  it("counts seconds under a minute and whole minutes above", () => {
    expect(countdown("2024-03-05T10:00:42Z", now)).toEqual({ key: "sync.in_seconds", params: { count: 42 } });
    expect(countdown("2024-03-05T10:00:00.300Z", now)).toEqual({ key: "sync.in_seconds", params: { count: 1 } });
    expect(countdown("2024-03-05T10:01:00Z", now)).toEqual({ key: "sync.in_minutes", params: { count: 1 } });
    expect(countdown("2024-03-05T10:02:01Z", now)).toEqual({ key: "sync.in_minutes", params: { count: 3 } });
    expect(countdown("2024-03-05T11:00:00+01:00", now)).toBeNull();
  });
  it("is null when due, unknown or unreadable", () => {
    expect(countdown("2024-03-05T09:59:59Z", now)).toBeNull();
    expect(countdown(null, now)).toBeNull();
    expect(countdown("soon", now)).toBeNull();
  });
});

describe("syncProgress", () => {
  it("only while sending something", () => {
    expect(syncProgress(status({ phase: "sending", done: 3, total: 10 }))).toEqual({ value: 3, max: 10 });
    expect(syncProgress(status({ phase: "sending", done: 0, total: 0 }))).toBeNull();
    expect(syncProgress(status({ phase: "connecting", done: 1, total: 2 }))).toBeNull();
  });
});

describe("enrollment and Sync now", () => {
  it("needs enrollment when not enrolled or refused", () => {
    expect(needsEnrollment(status({ phase: "not_enrolled" }))).toBe(true);
    expect(needsEnrollment(status({ phase: "needs_enrollment" }))).toBe(true);
    expect(needsEnrollment(status({ phase: "offline" }))).toBe(false);
  });
  it("offers Sync now only when it can do something", () => {
    expect(canSyncNow(null)).toBe(false);
    expect(canSyncNow(status({ phase: "not_enrolled" }))).toBe(false);
    expect(canSyncNow(status({ phase: "paused" }))).toBe(false);
    expect(canSyncNow(status({ phase: "offline" }))).toBe(true);
    expect(canSyncNow(status({ phase: "up_to_date" }))).toBe(true);
  });
});

describe("shouldRefreshOutbox", () => {
  it("not on the first status, nor when nothing moved", () => {
    expect(shouldRefreshOutbox(null, status({}))).toBe(false);
    expect(shouldRefreshOutbox(status({ phase: "connecting" }), status({ phase: "sending", total: 2 }))).toBe(false);
    const same = status({ last_synced_at: "T1" });
    expect(shouldRefreshOutbox(same, { ...same })).toBe(false);
    expect(shouldRefreshOutbox(same, null)).toBe(false);
  });
  it("when something was delivered or a round finished", () => {
    expect(shouldRefreshOutbox(status({ phase: "sending", done: 1, total: 3 }), status({ phase: "sending", done: 2, total: 3 }))).toBe(true);
    expect(shouldRefreshOutbox(status({ phase: "sending", done: 3, total: 3 }), status({ done: 3, total: 3 }))).toBe(true);
    expect(shouldRefreshOutbox(status({ last_synced_at: "T1" }), status({ last_synced_at: "T2" }))).toBe(true);
  });
  it("when the enrollment state changes", () => {
    expect(shouldRefreshOutbox(status({ phase: "offline" }), status({ phase: "needs_enrollment" }))).toBe(true);
  });
});
