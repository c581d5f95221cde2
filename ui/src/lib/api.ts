//! Every call into the Rust side goes through here: one wrapper per Tauri command, each typed by
//! the generated `Commands` contract (names, arguments and replies come from the Rust
//! signatures). A failed call rejects with an ApiError.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { Commands, Events } from "./bindings/commands";
import type { DirectoryQuery } from "./bindings/DirectoryQuery";
import type { EnrollApproval } from "./bindings/EnrollApproval";
import type { EnrollInput } from "./bindings/EnrollInput";
import type { Language } from "./bindings/Language";
import type { NewProfile } from "./bindings/NewProfile";
import type { PassphraseChange } from "./bindings/PassphraseChange";
import type { Recovery } from "./bindings/Recovery";
import type { Referral } from "./bindings/Referral";
import type { ReconsiderationInput } from "./bindings/ReconsiderationInput";
import type { Screening } from "./bindings/Screening";
import type { WhoToCallQuery } from "./bindings/WhoToCallQuery";
import type { NotificationInput } from "./bindings/NotificationInput";
import type { ApiError } from "./errors";
import { toApiError } from "./errors";

type Name = keyof Commands;
type Args<K extends Name> = Commands[K]["args"];
type Reply<K extends Name> = Commands[K]["reply"];

type LockedListener = () => void;
let onLocked: LockedListener | null = null;

/** Listens to an event the backend emits, by its generated name and payload type. */
export function onEvent<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): Promise<UnlistenFn> {
  return listen<Events[K]>(name, (event) => handler(event.payload));
}

let lockedEvents: Promise<UnlistenFn> | null = null;

/** Called whenever the backend reports that it is locked: a command answers `locked`, or the
 * backend locked on its own (idle time, a suspend) and says so with the `locked` event. */
export function setLockedListener(listener: LockedListener | null): void {
  onLocked = listener;
  if (listener !== null && lockedEvents === null) lockedEvents = onEvent("locked", () => onLocked?.());
  if (listener === null && lockedEvents !== null) {
    void lockedEvents.then((stop) => stop());
    lockedEvents = null;
  }
}

/** Calls `command` with its arguments (none when the contract says null). */
async function call<K extends Name>(command: K, ...args: Args<K> extends null ? [] : [Args<K>]): Promise<Reply<K>> {
  try {
    return await invoke<Reply<K>>(command, args[0] ?? undefined);
  } catch (reason) {
    const error: ApiError = toApiError(reason);
    if (error.code === "locked" && onLocked) onLocked();
    throw error;
  }
}

export const api = {
  appStatus: () => call("app_status"),
  createProfile: (input: NewProfile) => call("create_profile", { input }),
  unlock: (passphrase: string) => call("unlock", { passphrase }),
  lock: () => call("lock"),
  recordActivity: () => call("record_activity"),
  changePassphrase: (change: PassphraseChange) => call("change_passphrase", { change }),
  newRecoveryCode: (passphrase: string) => call("new_recovery_code", { passphrase }),
  recover: (recovery: Recovery) => call("recover", { recovery }),
  rekey: (passphrase: string) => call("rekey", { passphrase }),
  setLanguage: (language: Language) => call("set_language", { language }),
  setIdleLockMinutes: (minutes: number) => call("set_idle_lock_minutes", { minutes }),
  catalogue: () => call("catalogue"),
  directoryInfo: () => call("directory_info"),
  searchDirectory: (query: DirectoryQuery) => call("search_directory", { query }),
  whoToCall: (query: WhoToCallQuery) => call("who_to_call", { query }),
  previewNotification: (input: NotificationInput) => call("preview_notification", { input }),
  sendNotification: (input: NotificationInput) => call("send_notification", { input }),
  listScreenings: (query: string, offset: number) => call("list_screenings", { query, offset }),
  newScreening: () => call("new_screening"),
  openScreening: (id: string) => call("open_screening", { id }),
  saveScreening: (screening: Screening) => call("save_screening", { screening }),
  assessScreening: (id: string) => call("assess_screening", { id }),
  // Tauri passes `fromScreening` to the Rust argument `from_screening`.
  newReferral: (fromScreening: string | null) => call("new_referral", { fromScreening }),
  openReferral: (id: string) => call("open_referral", { id }),
  saveReferral: (referral: Referral) => call("save_referral", { referral }),
  listReferralDrafts: () => call("list_referral_drafts"),
  deleteReferralDraft: (id: string) => call("delete_referral_draft", { id }),
  deleteScreening: (id: string) => call("delete_screening", { id }),
  screeningRetention: () => call("screening_retention"),
  setScreeningRetentionDays: (days: number) => call("set_screening_retention_days", { days }),
  finaliseReferral: (id: string) => call("finalise_referral", { id }),
  outbox: (offset: number) => call("outbox", { offset }),
  requestReconsideration: (input: ReconsiderationInput) => call("request_reconsideration", { input }),
  // The Center connection: delivery runs in the background; these report on it and nudge it.
  syncStatus: () => call("sync_status"),
  syncNow: () => call("sync_now"),
  enrollment: () => call("enrollment"),
  /** Talks to the Center: may take several seconds. */
  enroll: (input: EnrollInput, approval: EnrollApproval) => call("enroll", { input, approval }),
  /** The code in its printed form, or the error saying why it is not one (the rule is Rust's). */
  tidyEnrollmentCode: (code: string) => call("tidy_enrollment_code", { code }),
};
