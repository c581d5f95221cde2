import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncStatus } from "./bindings/SyncStatus";

const status: SyncStatus = { phase: "up_to_date", done: 0, total: 0, problem: null, retry_at: null, last_synced_at: null };
const sending: SyncStatus = { ...status, phase: "sending", done: 40, total: 100 };
const syncStatus = vi.fn(async () => status);
const syncNowCall = vi.fn(async () => null);
type Handler = (payload: SyncStatus) => void;
const handlers: Handler[] = [];
const unlistened = vi.fn();
const onEvent = vi.fn(async (name: string, handler: Handler) => {
  expect(name).toBe("sync-status");
  handlers.push(handler);
  return () => {
    unlistened();
    handlers.splice(handlers.indexOf(handler), 1);
  };
});

vi.mock("./api", () => ({
  api: { syncStatus: () => syncStatus(), syncNow: () => syncNowCall() },
  onEvent: (name: string, handler: Handler) => onEvent(name, handler),
}));
vi.mock("./state.svelte", () => ({ refreshCatalogue: async () => undefined }));

const { CLOCK_MS, startSyncUpdates, sync, syncNow } = await import("./syncState.svelte");

describe("sync status from the backend's events", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    syncStatus.mockClear();
    syncNowCall.mockClear();
    unlistened.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks once, then follows the events without asking again, and forgets the status when stopped", async () => {
    const stop = startSyncUpdates();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.status).toEqual(status);
    handlers.forEach((h) => h(sending));
    expect(sync.status).toEqual(sending);
    await vi.advanceTimersByTimeAsync(CLOCK_MS * 10);
    expect(syncStatus).toHaveBeenCalledTimes(1);
    stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(unlistened).toHaveBeenCalledTimes(1);
    expect(sync.status).toBeNull();
    expect(handlers).toHaveLength(0);
  });

  it("moves the clock on for the countdown without calling the backend", async () => {
    const stop = startSyncUpdates();
    await vi.advanceTimersByTimeAsync(0);
    const before = sync.now;
    await vi.advanceTimersByTimeAsync(CLOCK_MS * 3);
    expect(sync.now - before).toBeGreaterThanOrEqual(CLOCK_MS * 3);
    expect(syncStatus).toHaveBeenCalledTimes(1);
    stop();
  });

  it("an old listening stopped after a new one started does not end the new one", async () => {
    const first = startSyncUpdates();
    const second = startSyncUpdates();
    await vi.advanceTimersByTimeAsync(0);
    first();
    await vi.advanceTimersByTimeAsync(0);
    handlers.forEach((h) => h(sending));
    expect(sync.status).toEqual(sending);
    second();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.status).toBeNull();
  });

  it("keeps the last status when asking fails", async () => {
    const stop = startSyncUpdates();
    await vi.advanceTimersByTimeAsync(0);
    syncStatus.mockRejectedValueOnce({ code: "unexpected", message_key: "errors.unexpected", params: {} });
    await syncNow();
    expect(sync.status).toEqual(status);
    stop();
  });

  it("Sync now wakes the backend and refreshes at once", async () => {
    const stop = startSyncUpdates();
    await vi.advanceTimersByTimeAsync(0);
    const before = syncStatus.mock.calls.length;
    await syncNow();
    expect(syncNowCall).toHaveBeenCalledTimes(1);
    expect(syncStatus.mock.calls.length).toBe(before + 1);
    stop();
  });
});
