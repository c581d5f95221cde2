//! The referral form's field paths (as the backend names them in FieldIssue.field): which are
//! shown next to an input, how a path is named to the worker, and where focus goes to fix it.
//! The paths, when each is shown and the labour types come from the backend's one list
//! (bindings/referralForm.json, written by the domain crate's tests).
import type { AgePathKind } from "./bindings/AgePathKind";
import type { ExploitationType } from "./bindings/ExploitationType";
import type { FieldIssue } from "./bindings/FieldIssue";
import type { FormField } from "./bindings/FormField";
import type { Referral } from "./bindings/Referral";
import type { ReferralExploitation } from "./bindings/ReferralExploitation";
import referralForm from "./bindings/referralForm.json";

const FORM = referralForm as { list_index: string; labour_types: ExploitationType[]; fields: FormField[] };

/** Exploitation types that ask for the labour sector (the backend's list). */
export const LABOUR_TYPES: readonly ExploitationType[] = FORM.labour_types;

/** The labour sector is shown for a labour type, and whenever it holds text (so it can be cleared). */
export function labourSectorShown(exploitation: ReferralExploitation): boolean {
  return (
    exploitation.types.some((type) => LABOUR_TYPES.includes(type)) || exploitation.labour_sector.trim() !== ""
  );
}

/** The form field `field` names ("places.transit.1.country" → "places.transit.*.country"), with
 * the list it indexes and the index, if any. */
function formField(field: string): { form: FormField; list?: string; index?: number } | undefined {
  const parts = field.split(".");
  for (const form of FORM.fields) {
    const pattern = form.path.split(".");
    if (pattern.length !== parts.length) continue;
    const at = pattern.indexOf(FORM.list_index);
    const matches = pattern.every((part, i) => (i === at ? /^\d+$/.test(parts[i]) : part === parts[i]));
    if (!matches) continue;
    if (at < 0) return { form };
    return { form, list: pattern.slice(0, at).join("."), index: Number(parts[at]) };
  }
  return undefined;
}

/** The length of the list at `path` in the referral (0 if there is none). */
function listLength(referral: Referral, path: string): number {
  let value: unknown = referral;
  for (const part of path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  return Array.isArray(value) ? value.length : 0;
}

/** Whether an issue about `field` is shown next to its input in the form as it now stands. */
export function isPlaced(field: string, referral: Referral, path: AgePathKind): boolean {
  const found = formField(field);
  if (!found) return false;
  if (found.list !== undefined && (found.index ?? 0) >= listLength(referral, found.list)) return false;
  switch (found.form.shown) {
    case "always":
      return true;
    case "labour_sector":
      return labourSectorShown(referral.exploitation);
    case "adult_path":
      return path === "adult";
    case "child_path":
      return path === "child";
  }
}

/** Issues with no input on screen (listed together at the top of the form). */
export function unplacedReferralIssues(issues: FieldIssue[], referral: Referral, path: AgePathKind): FieldIssue[] {
  return issues.filter((issue) => !isPlaced(issue.field, referral, path));
}

/**
 * Where to put focus for an issue, most specific first: the field itself, then each enclosing
 * part ("places.transit.1.country" → …, "places.transit.1", "places.transit", "places").
 */
export function focusCandidates(field: string): string[] {
  const parts = field.split(".").filter((p) => p !== "");
  const out: string[] = [];
  for (let end = parts.length; end > 0; end--) out.push(parts.slice(0, end).join("."));
  return out;
}
