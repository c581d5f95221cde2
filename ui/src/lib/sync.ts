//! What the sync status bar says: pure functions from a SyncStatus to locale keys, a
//! countdown to the next try, and when the Outbox list should be reloaded.
import type { SyncPhase } from "./bindings/SyncPhase";
import type { SyncStatus } from "./bindings/SyncStatus";
import type { Params } from "./i18n/messages";

export type SyncMessage = { key: string; params: Params };

/** Phases in which the laptop has no (accepted) enrollment: the worker must enroll in Settings. */
const ENROLL_PHASES: readonly SyncPhase[] = ["not_enrolled", "needs_enrollment"];

/** The short text for the phase; `time` formats a timestamp for display. */
export function syncLine(status: SyncStatus, time: (timestamp: string) => string): SyncMessage {
  const at = (timestamp: string | null) => (timestamp ? { time: time(timestamp) } : null);
  switch (status.phase) {
    case "offline": {
      const params = at(status.retry_at);
      return params ? { key: "sync.phase.offline_retry", params } : { key: "sync.phase.offline", params: {} };
    }
    case "waiting_to_retry": {
      const params = at(status.retry_at);
      return params
        ? { key: "sync.phase.waiting_to_retry", params }
        : { key: "sync.phase.waiting", params: {} };
    }
    case "sending":
      return status.total > 0
        ? { key: "sync.phase.sending", params: { done: Math.min(status.done, status.total), total: status.total } }
        : { key: "sync.phase.sending_some", params: {} };
    case "up_to_date": {
      const params = at(status.last_synced_at);
      return params
        ? { key: "sync.phase.up_to_date", params }
        : { key: "sync.phase.up_to_date_never", params: {} };
    }
    case "not_enrolled":
    case "paused":
    case "connecting":
    case "needs_enrollment":
      return { key: `sync.phase.${status.phase}`, params: {} };
    default:
      // A phase added to the backend later than this UI.
      return { key: "sync.phase.unknown", params: { phase: String(status.phase) } };
  }
}

/** The problem's message, shown while waiting to retry after a failure. */
export function syncProblem(status: SyncStatus, known: (key: string) => boolean): SyncMessage | null {
  if (status.phase !== "waiting_to_retry" || status.problem === null) return null;
  const key = `errors.sync_${status.problem}`;
  return known(key) ? { key, params: {} } : { key: "errors.unexpected", params: { code: status.problem } };
}

/** "in 42 seconds" / "in 3 minutes" until `retryAt`; null when unknown or already due. */
export function countdown(retryAt: string | null, nowMs: number): SyncMessage | null {
  if (retryAt === null) return null;
  const at = Date.parse(retryAt);
  if (Number.isNaN(at)) return null;
  const seconds = Math.ceil((at - nowMs) / 1000);
  if (seconds <= 0) return null;
  if (seconds < 60) return { key: "sync.in_seconds", params: { count: seconds } };
  return { key: "sync.in_minutes", params: { count: Math.ceil(seconds / 60) } };
}

/** The progress bar while sending, or null. */
export function syncProgress(status: SyncStatus): { value: number; max: number } | null {
  if (status.phase !== "sending" || status.total <= 0) return null;
  return { value: Math.max(0, Math.min(status.done, status.total)), max: status.total };
}

/** Whether the status should offer the way to Settings to enroll. */
export function needsEnrollment(status: SyncStatus): boolean {
  return ENROLL_PHASES.includes(status.phase);
}

/** "Sync now" does nothing useful without an accepted enrollment, or while paused. */
export function canSyncNow(status: SyncStatus | null): boolean {
  return status !== null && !needsEnrollment(status) && status.phase !== "paused";
}

/**
 * Whether the Outbox list may have changed between two status updates: something was delivered
 * (`done` moved), a round finished (became up to date, or a new last sync time), or the
 * enrollment state changed.
 */
export function shouldRefreshOutbox(previous: SyncStatus | null, next: SyncStatus | null): boolean {
  if (previous === null || next === null) return false;
  if (next.phase === "up_to_date" && previous.phase !== "up_to_date") return true;
  if (next.done !== previous.done) return true;
  if (next.last_synced_at !== previous.last_synced_at) return true;
  return needsEnrollment(next) !== needsEnrollment(previous);
}
