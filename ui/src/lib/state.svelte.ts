//! Application-wide state: lock phase, current view, the cached catalogue, and
//! the hide/lock sequence. Holds no personal data while locked, with one exception:
//! an edit the backend refused because it had locked itself is kept in memory (never
//! on disk) and saved right after the next unlock, so nothing typed is lost.
import { flushSync } from "svelte";
import { api } from "./api";
import type { ApiError } from "./errors";
import type { AppStatus } from "./bindings/AppStatus";
import type { Catalogue } from "./bindings/Catalogue";
import type { Language } from "./bindings/Language";
import type { Profile } from "./bindings/Profile";
import type { ReferralView } from "./bindings/ReferralView";
import type { ScreeningView } from "./bindings/ScreeningView";
import { toApiError } from "./errors";
import { applyLanguage } from "./i18n/index.svelte";

export type Phase = "starting" | "setup" | "locked" | "unlocked" | "fatal";

export type Route =
  | { name: "screenings" }
  | { name: "editor"; id: string }
  | { name: "result"; id: string }
  | { name: "referrals"; highlight?: string }
  | { name: "referral"; id: string }
  | { name: "criteria" }
  | { name: "help" }
  | { name: "settings" };

export const app = $state<{
  phase: Phase;
  status: AppStatus | null;
  fatal: ApiError | null;
  route: Route;
  profile: Profile | null;
}>({
  phase: "starting",
  status: null,
  fatal: null,
  route: { name: "screenings" },
  profile: null,
});

export const catalogue = $state<{ value: Catalogue | null; error: ApiError | null }>({
  value: null,
  error: null,
});

let catalogueLoading: Promise<void> | null = null;

/** Loads the catalogue once per unlocked session (it is the same for everyone). */
export function loadCatalogue(): Promise<void> {
  if (catalogue.value !== null) return Promise.resolve();
  if (catalogueLoading === null) {
    catalogueLoading = api
      .catalogue()
      .then((value) => {
        catalogue.value = value;
        catalogue.error = null;
      })
      .catch((error: unknown) => {
        catalogue.error = toApiError(error);
      })
      .finally(() => {
        catalogueLoading = null;
      });
  }
  return catalogueLoading;
}

/** Takes the catalogue in use again if its version changed (a new one from the Center). */
export async function refreshCatalogue(): Promise<void> {
  if (catalogue.value === null) return;
  try {
    const value = await api.catalogue();
    if (catalogue.value !== null && value.version !== catalogue.value.version) catalogue.value = value;
  } catch {
    // The one in use stays; the next sync tries again.
  }
}

// ---- saves in flight, so that locking and the next view wait for them ----

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
const pendingSaves = new Set<Promise<unknown>>();

export function trackSave(save: Promise<unknown>): void {
  pendingSaves.add(save);
  void save.finally(() => pendingSaves.delete(save));
}

/** Resolves when every save started so far has finished (successfully or not). */
export async function savesSettled(): Promise<void> {
  while (pendingSaves.size > 0) {
    await Promise.allSettled([...pendingSaves]);
  }
}

// Drafts the backend refused to save because it had locked itself, by kind ("screening",
// "referral"): kept in memory only, as the save to repeat, and saved right after the next
// unlock. A later refusal of the same kind replaces the earlier (it holds everything typed).
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
const keptEdits = new Map<string, () => Promise<unknown>>();

export function keepUntilUnlock(kind: string, save: () => Promise<unknown>): void {
  keptEdits.set(kind, save);
}

async function saveKeptEdits(): Promise<void> {
  for (const [kind, save] of [...keptEdits]) {
    try {
      await save();
      keptEdits.delete(kind);
    } catch {
      // Keep it; the editor will show its own save status when reopened.
    }
  }
}

// ---- navigation ----

export function navigate(route: Route): void {
  app.route = route;
}

/** A view handed to the next one once, so that it need not be fetched again (a draft just
 * created). Kept out of `app` so that no personal data sits in application state. */
class Handover<V> {
  private held: V | null = null;
  constructor(private readonly idOf: (view: V) => string) {}

  give(view: V): void {
    this.held = view;
  }

  /** The held view if it is the one with `id`; either way nothing is held afterwards. */
  take(id: string): V | null {
    const view = this.held;
    this.held = null;
    return view !== null && this.idOf(view) === id ? view : null;
  }

  drop(): void {
    this.held = null;
  }
}

const newScreening = new Handover<ScreeningView>((view) => view.screening.id);
const newReferral = new Handover<ReferralView>((view) => view.referral.id);

export function openNewScreening(view: ScreeningView): void {
  newScreening.give(view);
  navigate({ name: "editor", id: view.screening.id });
}

export function takeNewScreening(id: string): ScreeningView | null {
  return newScreening.take(id);
}

export function openNewReferral(view: ReferralView): void {
  newReferral.give(view);
  navigate({ name: "referral", id: view.referral.id });
}

export function takeNewReferral(id: string): ReferralView | null {
  return newReferral.take(id);
}

// ---- start, unlock, lock ----

function applyStatus(status: AppStatus): void {
  app.status = status;
  applyLanguage(status.language);
}

export async function boot(): Promise<void> {
  app.phase = "starting";
  try {
    const status = await api.appStatus();
    applyStatus(status);
    app.fatal = null;
    app.phase = !status.profile_exists ? "setup" : status.unlocked ? "unlocked" : "locked";
  } catch (error) {
    app.fatal = toApiError(error);
    app.phase = "fatal";
  }
}

/** Reads the status again, e.g. after enrolling (the Center's key is then known). */
export async function refreshStatus(): Promise<void> {
  try {
    applyStatus(await api.appStatus());
  } catch {
    // The last known status stays; the next unlock reads it again.
  }
}

/** After create_profile or unlock succeeded. */
export async function enterUnlocked(profile: Profile): Promise<void> {
  app.profile = profile;
  await saveKeptEdits();
  try {
    applyStatus(await api.appStatus());
  } catch {
    // The status is a convenience here; the last known one stays.
  }
  if (app.status) {
    app.status.unlocked = true;
    app.status.profile_exists = true;
  }
  app.phase = "unlocked";
}

/**
 * Hide and lock: the lock screen replaces the view at once, then pending saves
 * finish, then the backend is locked.
 */
export async function lockNow(): Promise<void> {
  if (app.phase !== "unlocked") return;
  app.phase = "locked";
  app.profile = null;
  newScreening.drop();
  newReferral.drop();
  flushSync();
  await savesSettled();
  try {
    await api.lock();
  } catch {
    // Already locked, or the backend is gone: the screen is locked either way.
  }
  if (app.status) app.status.unlocked = false;
}

let requestedLanguage: Language | null = null;

export async function changeLanguage(language: Language): Promise<void> {
  requestedLanguage = language;
  applyLanguage(language);
  if (app.status) app.status.language = language;
  try {
    const status = await api.setLanguage(language);
    // A later choice wins over a slow answer to an earlier one.
    if (requestedLanguage === language) applyStatus(status);
  } catch {
    // Shown in the chosen language anyway; remembered next time it succeeds.
  }
}

export async function changeIdleMinutes(minutes: number): Promise<void> {
  applyStatus(await api.setIdleLockMinutes(minutes));
}
