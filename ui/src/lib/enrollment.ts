//! Checking what the worker typed to enroll before it goes to the Center: the address
//! (https://host[:port]), the one-time code (six groups of four characters of Crockford's base32, typed
//! in any case, with spaces or hyphens, O/I/L read as 0/1/1), or a pasted enrollment file.
import type { ApiError } from "./bindings/ApiError";
import type { EnrollInput } from "./bindings/EnrollInput";

export const CODE_FORMAT = "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX";
export const ADDRESS_PLACEHOLDER = "https://…";

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUP = 4;
const GROUPS = 6;
/** Codes of earlier versions had four groups (16 characters); the Center no longer takes them. */
const OLD_LENGTH = 16;

/** The code's characters as the Center reads them, or null if one is not in the alphabet. */
function codeCharacters(text: string): string | null {
  let normal = "";
  for (const raw of text.toUpperCase()) {
    if (raw === " " || raw === "-" || raw === "\t" || raw === "\u00a0") continue;
    const c = raw === "O" ? "0" : raw === "I" || raw === "L" ? "1" : raw;
    if (!ALPHABET.includes(c)) return null;
    normal += c;
  }
  return normal;
}

/** Whether the text is a code of the earlier four-group form, which needs replacing, not retyping. */
export function isOldCode(text: string): boolean {
  return codeCharacters(text)?.length === OLD_LENGTH;
}

/** The code in its printed form "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01", or null if it cannot be one. */
export function normaliseCode(text: string): string | null {
  const normal = codeCharacters(text);
  if (normal === null || normal.length !== GROUP * GROUPS) return null;
  const groups: string[] = [];
  for (let i = 0; i < normal.length; i += GROUP) groups.push(normal.slice(i, i + GROUP));
  return groups.join("-");
}

/** The address as the Center's client expects it (no trailing slash), or null if it is not https://host[:port]. */
export function normaliseAddress(text: string): string | null {
  const trimmed = text.trim();
  if (!/^https:\/\//i.test(trimmed)) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.hostname === "") return null;
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    return null;
  }
  return `${url.protocol}//${url.host}`;
}

function localError(code: string, messageKey: string, params: Record<string, string> = {}): ApiError {
  return { code, message_key: messageKey, params };
}

export type EnrollForm = { address: string; code: string; file: string };

/**
 * The input for `enroll`, or the error to show without asking the Center. A pasted file
 * wins over the address and code (the backend reads both from it).
 */
export function enrollInput(form: EnrollForm): { input: EnrollInput } | { error: ApiError } {
  const file = form.file.trim();
  if (file !== "") return { input: { center_address: "", code: "", enrollment_file: file } };
  if (form.address.trim() === "" && form.code.trim() === "") {
    return { error: localError("enrollment_missing", "center.missing") };
  }
  const address = normaliseAddress(form.address);
  if (address === null) return { error: localError("sync_bad_address", "errors.sync_bad_address") };
  if (isOldCode(form.code)) return { error: localError("enrollment_code_old", "center.code_old") };
  const code = normaliseCode(form.code);
  if (code === null) return { error: localError("enrollment_code_format", "center.code_invalid", { format: CODE_FORMAT }) };
  return { input: { center_address: address, code, enrollment_file: null } };
}

/** The first group of a device id, enough to tell devices apart when talking to the Center. */
export function shortDeviceId(id: string): string {
  const first = id.split("-")[0] ?? id;
  return first.length >= 6 && first.length <= 12 ? first : id.slice(0, 8);
}
