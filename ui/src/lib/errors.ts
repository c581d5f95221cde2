//! Turning anything a command can reject with into an ApiError, and an ApiError
//! into the message key and params to show.
import type { ApiError as BackendError } from "./bindings/ApiError";
import type { ErrorCode } from "./bindings/ErrorCode";

/** Failures the UI meets on its own: a rejection that is not the backend's, a file it could
 * not read, a save that did not happen, a text over its limit before it is sent. */
export type UiErrorCode = "unexpected" | "not_saved" | "enrollment_file_unreadable" | "too_long";

/** A failure to show: the backend's (its code one of the generated ErrorCode union) or the UI's. */
export type ApiError = Omit<BackendError, "code"> & { code: ErrorCode | UiErrorCode };

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && typeof v.message_key === "string";
}

/** Normalises a rejection (ApiError, Error, string …) into an ApiError. */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const params = typeof reason.params === "object" && reason.params !== null ? reason.params : {};
    return { code: reason.code, message_key: reason.message_key, params };
  }
  // Never put the raw reason text on screen: it may be English, or contain data.
  return { code: "unexpected", message_key: "errors.unexpected", params: {} };
}

export type Message = { key: string; params: Record<string, string | undefined> };

/**
 * The locale key and params for an ApiError. Unknown codes fall back to a
 * generic message that still shows the code.
 */
export function errorMessage(error: { code: string; message_key: string; params: Record<string, string> }, known: (key: string) => boolean): Message {
  const params: Record<string, string | undefined> = { ...error.params, code: error.code };
  const byCode = `errors.${error.code}`;
  if (known(error.message_key)) return { key: error.message_key, params };
  if (known(byCode)) return { key: byCode, params };
  return { key: "errors.unexpected", params };
}

/** The locale key and params for a field issue; unknown codes fall back generically. */
export function issueMessage(
  issue: { code: string; params: Record<string, string | undefined> },
  known: (key: string) => boolean,
): Message {
  const key = `issues.${issue.code}`;
  const params = { ...issue.params, code: issue.code };
  return known(key) ? { key, params } : { key: "issues.unknown", params };
}
