//! The Center sync status, polled about once a second while the app is unlocked (the status
//! bar starts and stops the polling). Holds no personal data: counts, a phase, times. The poll
//! also notices a lock the backend made on its own (idle time, a suspend): the backend answers
//! `locked`, and the api module's listener hides the screen.
import { api } from "./api";
import type { SyncStatus } from "./bindings/SyncStatus";
import { refreshCatalogue } from "./state.svelte";

export const POLL_MS = 1000;

export const sync = $state<{ status: SyncStatus | null; now: number }>({ status: null, now: Date.now() });

let timer: ReturnType<typeof setTimeout> | null = null;
// Which polling loop is current: a stop (or a later start) ends the loops before it.
let generation = 0;
let running = false;

/** Asks the backend for the status once, now. */
export async function refreshSync(): Promise<void> {
  const mine = generation;
  try {
    const status = await api.syncStatus();
    if (running && mine === generation) {
      const synced = status.last_synced_at !== sync.status?.last_synced_at;
      sync.status = status;
      // A sync may have brought a new signed catalogue from the Center.
      if (synced && status.last_synced_at !== null) void refreshCatalogue();
    }
  } catch {
    // Keep the last known status; "locked" is handled by the api module's listener.
  }
  sync.now = Date.now();
}

async function tick(mine: number): Promise<void> {
  timer = null;
  await refreshSync();
  if (running && mine === generation) timer = setTimeout(() => void tick(mine), POLL_MS);
}

/** Starts polling; the returned function stops it and forgets the status. */
export function startSyncPolling(): () => void {
  generation += 1;
  running = true;
  if (timer !== null) clearTimeout(timer);
  void tick(generation);
  const mine = generation;
  return () => {
    if (mine !== generation) return;
    generation += 1;
    running = false;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    sync.status = null;
  };
}

/** Wakes the background delivery, then shows its new status at once. */
export async function syncNow(): Promise<void> {
  await api.syncNow();
  await refreshSync();
}
