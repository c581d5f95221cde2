import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SyncStatus } from "./bindings/SyncStatus";

const status: SyncStatus = { phase: "up_to_date", done: 0, total: 0, problem: null, retry_at: null, last_synced_at: null };
const syncStatus = vi.fn(async () => status);
const syncNowCall = vi.fn(async () => null);

vi.mock("./api", () => ({ api: { syncStatus: () => syncStatus(), syncNow: () => syncNowCall() } }));

const { POLL_MS, startSyncPolling, sync, syncNow } = await import("./syncState.svelte");

describe("sync polling", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    syncStatus.mockClear();
    syncNowCall.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("asks about once a second until stopped, then forgets the status", async () => {
    const stop = startSyncPolling();
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.status).toEqual(status);
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(syncStatus).toHaveBeenCalledTimes(4);
    stop();
    expect(sync.status).toBeNull();
    await vi.advanceTimersByTimeAsync(POLL_MS * 5);
    expect(syncStatus).toHaveBeenCalledTimes(4);
  });

  it("runs one loop even when restarted, and an old stop does not end the new loop", async () => {
    const first = startSyncPolling();
    const second = startSyncPolling();
    first();
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(syncStatus).toHaveBeenCalledTimes(4); // two immediate asks, then one loop
    second();
    await vi.advanceTimersByTimeAsync(POLL_MS * 2);
    expect(syncStatus).toHaveBeenCalledTimes(4);
  });

  it("keeps the last status when a call fails", async () => {
    const stop = startSyncPolling();
    await vi.advanceTimersByTimeAsync(0);
    syncStatus.mockRejectedValueOnce({ code: "unexpected", message_key: "errors.unexpected", params: {} });
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(sync.status).toEqual(status);
    stop();
  });

  it("Sync now wakes the backend and refreshes at once", async () => {
    const stop = startSyncPolling();
    await vi.advanceTimersByTimeAsync(0);
    const before = syncStatus.mock.calls.length;
    await syncNow();
    expect(syncNowCall).toHaveBeenCalledTimes(1);
    expect(syncStatus.mock.calls.length).toBe(before + 1);
    stop();
  });
});
