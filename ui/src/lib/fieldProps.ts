//! What every field of the referral form is given, and what it makes of it: the field path
//! names the control's id (`f-<path>`, safe in an id and in `for`), its test id (`ref-<path>`,
//! what the e2e tests and focusField look for) and the issues shown under it.
import type { FieldIssue } from "./bindings/FieldIssue";

export interface FieldProps {
  /** The field path the backend's issues name, e.g. "person.name". */
  field: string;
  label: string;
  /** All the form's issues; the field shows those about its own path. */
  issues: FieldIssue[];
  /** A hint under the field, which the control is described by. */
  hint?: string;
  /** Id of a hint elsewhere (e.g. one shared by a group of fields). */
  describedby?: string;
}

/** The props of the searchable pickers (country, language), which bring their own hint text. */
export interface PickerProps extends Omit<FieldProps, "hint"> {
  value: string;
  /** Called when the value changes (the picker's own input events do not reach autosave). */
  onedit: () => void;
  /** Show the how-to hint under the box (off where a group of fields shares one). */
  hint?: boolean;
}

/** A labelled input outside the referral form (a date, a passphrase): the caller names it. */
export interface InputProps {
  id: string;
  testid: string;
  label: string;
  value: string;
}

export function fieldId(field: string): string {
  return `f-${field.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

export function fieldTestId(field: string): string {
  return `ref-${field}`;
}

/** The control's aria-describedby: its own hint's id when it has one, then the one elsewhere. */
export function describedBy(id: string, hasHint: boolean, elsewhere: string | undefined): string | undefined {
  return [hasHint ? `${id}-hint` : "", elsewhere ?? ""].filter(Boolean).join(" ") || undefined;
}
