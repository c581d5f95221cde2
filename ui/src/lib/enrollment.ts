//! The enrollment form's input as the backend takes it. The rules for the address and the code
//! (https://host[:port]; six groups of four characters, any case, O/I/L read as 0/1/1) live in
//! Rust: the form asks `tidy_enrollment_code` and `enroll`, and shows their answers.
import type { EnrollInput } from "./bindings/EnrollInput";
import codeFormat from "./bindings/enrollmentCode.json";

export const CODE_FORMAT: string = codeFormat.format;
export const ADDRESS_PLACEHOLDER = "https://…";

export type EnrollForm = { address: string; code: string; file: string };

/**
 * The input for `enroll`. A pasted file wins over the address and code (the backend reads both
 * from it). Nothing is checked here: the backend checks the address and the code before it
 * sends anything, and answers with the error to show.
 */
export function enrollInput(form: EnrollForm): EnrollInput {
  const file = form.file.trim();
  if (file !== "") return { center_address: "", code: "", enrollment_file: file };
  return { center_address: form.address, code: form.code, enrollment_file: null };
}

/** The first group of a device id, enough to tell devices apart when talking to the Center. */
export function shortDeviceId(id: string): string {
  const first = id.split("-")[0] ?? id;
  return first.length >= 6 && first.length <= 12 ? first : id.slice(0, 8);
}
