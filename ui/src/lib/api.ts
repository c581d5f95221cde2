//! Every call into the Rust side goes through here: one typed wrapper per Tauri
//! command. A failed call rejects with an ApiError.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { AppStatus } from "./bindings/AppStatus";
import type { Assessment } from "./bindings/Assessment";
import type { Catalogue } from "./bindings/Catalogue";
import type { EnrollApproval } from "./bindings/EnrollApproval";
import type { EnrollInput } from "./bindings/EnrollInput";
import type { EnrollmentView } from "./bindings/EnrollmentView";
import type { Language } from "./bindings/Language";
import type { NewProfile } from "./bindings/NewProfile";
import type { OutboxEntry } from "./bindings/OutboxEntry";
import type { OutboxPage } from "./bindings/OutboxPage";
import type { PassphraseChange } from "./bindings/PassphraseChange";
import type { Profile } from "./bindings/Profile";
import type { Recovery } from "./bindings/Recovery";
import type { RecoveryCodeView } from "./bindings/RecoveryCodeView";
import type { Referral } from "./bindings/Referral";
import type { ReferralDraftSummary } from "./bindings/ReferralDraftSummary";
import type { ReconsiderationInput } from "./bindings/ReconsiderationInput";
import type { ReferralView } from "./bindings/ReferralView";
import type { Screening } from "./bindings/Screening";
import type { ScreeningRetention } from "./bindings/ScreeningRetention";
import type { ScreeningPage } from "./bindings/ScreeningPage";
import type { ScreeningView } from "./bindings/ScreeningView";
import type { SyncStatus } from "./bindings/SyncStatus";
import { toApiError } from "./errors";

type LockedListener = () => void;
let onLocked: LockedListener | null = null;

/** Called whenever any command reports that the backend is locked (e.g. it auto-locked). */
export function setLockedListener(listener: LockedListener | null): void {
  onLocked = listener;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    const error: ApiError = toApiError(reason);
    if (error.code === "locked" && onLocked) onLocked();
    throw error;
  }
}

export const api = {
  appStatus: () => call<AppStatus>("app_status"),
  createProfile: (input: NewProfile) => call<Profile>("create_profile", { input }),
  unlock: (passphrase: string) => call<Profile>("unlock", { passphrase }),
  lock: () => call<null>("lock"),
  recordActivity: () => call<null>("record_activity"),
  changePassphrase: (change: PassphraseChange) => call<null>("change_passphrase", { change }),
  newRecoveryCode: (passphrase: string) => call<RecoveryCodeView>("new_recovery_code", { passphrase }),
  recover: (recovery: Recovery) => call<Profile>("recover", { recovery }),
  rekey: (passphrase: string) => call<null>("rekey", { passphrase }),
  setLanguage: (language: Language) => call<AppStatus>("set_language", { language }),
  setIdleLockMinutes: (minutes: number) => call<AppStatus>("set_idle_lock_minutes", { minutes }),
  catalogue: () => call<Catalogue>("catalogue"),
  listScreenings: (query: string, offset: number) => call<ScreeningPage>("list_screenings", { query, offset }),
  newScreening: () => call<ScreeningView>("new_screening"),
  openScreening: (id: string) => call<ScreeningView>("open_screening", { id }),
  saveScreening: (screening: Screening) => call<ScreeningView>("save_screening", { screening }),
  assessScreening: (id: string) => call<Assessment>("assess_screening", { id }),
  // Tauri passes `fromScreening` to the Rust argument `from_screening`.
  newReferral: (fromScreening: string | null) => call<ReferralView>("new_referral", { fromScreening }),
  openReferral: (id: string) => call<ReferralView>("open_referral", { id }),
  saveReferral: (referral: Referral) => call<ReferralView>("save_referral", { referral }),
  listReferralDrafts: () => call<ReferralDraftSummary[]>("list_referral_drafts"),
  deleteReferralDraft: (id: string) => call<null>("delete_referral_draft", { id }),
  deleteScreening: (id: string) => call<null>("delete_screening", { id }),
  screeningRetention: () => call<ScreeningRetention>("screening_retention"),
  setScreeningRetentionDays: (days: number) => call<ScreeningRetention>("set_screening_retention_days", { days }),
  finaliseReferral: (id: string) => call<OutboxEntry>("finalise_referral", { id }),
  outbox: (offset: number) => call<OutboxPage>("outbox", { offset }),
  requestReconsideration: (input: ReconsiderationInput) => call<OutboxEntry>("request_reconsideration", { input }),
  // The Center connection: delivery runs in the background; these report on it and nudge it.
  syncStatus: () => call<SyncStatus>("sync_status"),
  syncNow: () => call<null>("sync_now"),
  enrollment: () => call<EnrollmentView | null>("enrollment"),
  /** Talks to the Center: may take several seconds. */
  enroll: (input: EnrollInput, approval: EnrollApproval) => call<EnrollmentView>("enroll", { input, approval }),
  /** The code in its printed form, or the error saying why it is not one (the rule is Rust's). */
  tidyEnrollmentCode: (code: string) => call<string>("tidy_enrollment_code", { code }),
};
