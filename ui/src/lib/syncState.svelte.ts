//! The Center sync status as the backend reports it: it emits `sync-status` whenever the status
//! changes, and the window asks once when it starts listening (the status bar starts and stops
//! this). Holds no personal data: counts, a phase, times. A clock ticks once a second for the
//! countdown and "synced … ago"; it asks the backend nothing.
import { api, onEvent } from "./api";
import type { SyncStatus } from "./bindings/SyncStatus";
import { refreshCatalogue } from "./state.svelte";

/** How often the relative times on the bar move on. */
export const CLOCK_MS = 1000;

export const sync = $state<{ status: SyncStatus | null; now: number }>({ status: null, now: Date.now() });

// Which listening is current: a stop (or a later start) ends the ones before it.
let generation = 0;

function show(status: SyncStatus, mine: number): void {
  if (mine !== generation) return;
  const synced = status.last_synced_at !== sync.status?.last_synced_at;
  sync.status = status;
  sync.now = Date.now();
  // A sync may have brought a new signed catalogue from the Center.
  if (synced && status.last_synced_at !== null) void refreshCatalogue();
}

/** Asks the backend for the status once, now. */
export async function refreshSync(): Promise<void> {
  const mine = generation;
  try {
    show(await api.syncStatus(), mine);
  } catch {
    // Keep the last known status; "locked" is handled by the api module's listener.
  }
}

/** Starts listening; the returned function stops it and forgets the status. */
export function startSyncUpdates(): () => void {
  generation += 1;
  const mine = generation;
  const clock = setInterval(() => {
    sync.now = Date.now();
  }, CLOCK_MS);
  const unlisten = onEvent("sync-status", (status) => show(status, mine));
  void refreshSync();
  return () => {
    clearInterval(clock);
    void unlisten.then((stop) => stop());
    if (mine !== generation) return;
    generation += 1;
    sync.status = null;
  };
}

/** Wakes the background delivery, then shows its status at once (events follow its progress). */
export async function syncNow(): Promise<void> {
  await api.syncNow();
  await refreshSync();
}
