//! What a worker types into a date field, read as an ISO date (`YYYY-MM-DD`), and what the field
//! then shows, in the app's language; also the month and weekday names of the date picker.
//! Only the shape of a date is read here: whether it may be in the future or too far back is
//! the backend's rule (crates/domain), reported as an issue like any other.
import type { Language } from "./bindings/Language";
import { formatDate } from "./format";
import { latinToCyrillic } from "./i18n/translit";

const EN_MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const SR_MONTHS = [
  "januar", "februar", "mart", "april", "maj", "jun",
  "jul", "avgust", "septembar", "oktobar", "novembar", "decembar",
];
// "5. marta 2024." is how a date is said and often written in Serbian.
const SR_MONTHS_GENITIVE = [
  "januara", "februara", "marta", "aprila", "maja", "juna",
  "jula", "avgusta", "septembra", "oktobra", "novembra", "decembra",
];
const SR_WEEKDAYS = ["pon", "uto", "sre", "čet", "pet", "sub", "ned"];
const EN_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** Every written form of each month, lower case, in all three scripts. */
const MONTH_FORMS: string[][] = EN_MONTHS.map((en, i) => {
  const latin = [SR_MONTHS[i], SR_MONTHS_GENITIVE[i]];
  return [en, ...latin, ...latin.map(latinToCyrillic)];
});

/** The month (1–12) a word names: a whole form, or the first three letters or more of one
 * ("Mar", "sept", "avg"). Three letters are enough: no two months share them in any script. */
function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  if (w.length < 3) return undefined;
  const index = MONTH_FORMS.findIndex((forms) => forms.some((form) => form.startsWith(w)));
  return index < 0 ? undefined : index + 1;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The ISO date of year, month, day, or undefined when there is no such day. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Day, month, four-digit year; dots, slashes or spaces between; a final dot as in Serbian.
const NUMERIC = /^(\d{1,2})(?:\s*[./]\s*|\s+)(\d{1,2})(?:\s*[./]\s*|\s+)(\d{4})\s*\.?$/;
// Day, month name, four-digit year: "5 Mar 2024", "5. marta 2024.", "5. март 2024.".
const NAMED = /^(\d{1,2})\s*\.?\s*(\p{L}+)\s*\.?\s*,?\s*(\d{4})\s*\.?$/u;

/**
 * Reads a typed date. Returns the ISO date, "" for an empty field, or undefined when the text
 * is not a date. What is accepted does not depend on the app's language, so that switching
 * language never makes a typed date unreadable:
 * - ISO: `2024-03-05` (also what a test or an older build puts into the field);
 * - day, month, year: `5.3.2024`, `05.03.2024.`, `5. 3. 2024.`, `5/3/2024`, `5 3 2024`;
 * - day, month name, year: `5 Mar 2024`, `5 March 2024`, `5. mart 2024.`, `5. marta 2024.`,
 *   `5. март 2024.`.
 * The day always comes first (as in Serbia and in British English): `5/3/2024` is 5 March.
 * The year has four digits: `5.3.90` is refused, since for a date of birth both 1990 and
 * 2090 (or 1924 and 2024) are readings a program should not choose between.
 * A day that does not exist (`31.2.2024`) is refused.
 */
export function parseDateInput(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  const iso = ISO.exec(trimmed);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const numeric = NUMERIC.exec(trimmed);
  if (numeric) return isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  const named = NAMED.exec(trimmed);
  if (named) {
    const month = monthOf(named[2]);
    return month === undefined ? undefined : isoDate(Number(named[3]), month, Number(named[1]));
  }
  return undefined;
}

/** What a date field shows for a stored value: "" stays empty, a date is written as elsewhere
 * in the app ("5 Mar 2024", "5. 3. 2024."), anything else is shown as it is. */
export function dateFieldText(iso: string, language: Language): string {
  return formatDate(iso, language);
}

/** What leaving a date field (or pressing Enter in it) makes of the typed text. */
export type DateCommit =
  /** A date, or empty: stored, and the field shows it in the app's format. */
  | { ok: true; value: string; text: string }
  /** Not a date: the field keeps the text and says so; the stored value becomes "". An old
   * date is not kept behind a field that shows something else: what is saved (and what the
   * backend checks, e.g. a required contact date) is then what the worker sees, no date. */
  | { ok: false; value: ""; text: string };

export function commitDateText(text: string, language: Language): DateCommit {
  const value = parseDateInput(text);
  if (value === undefined) return { ok: false, value: "", text };
  return { ok: true, value, text: dateFieldText(value, language) };
}

/** The month's name for the picker's heading and month list ("March", "mart", "март"). */
export function monthName(month: number, language: Language): string {
  switch (language) {
    case "en": {
      const name = EN_MONTHS[month - 1];
      return name.charAt(0).toUpperCase() + name.slice(1);
    }
    case "sr-Latn":
      return SR_MONTHS[month - 1];
    case "sr-Cyrl":
      return latinToCyrillic(SR_MONTHS[month - 1]);
  }
}

/** Short weekday names, Monday first (the week starts on Monday in Serbia and in the app). */
export function weekdayNames(language: Language): string[] {
  switch (language) {
    case "en":
      return EN_WEEKDAYS;
    case "sr-Latn":
      return SR_WEEKDAYS;
    case "sr-Cyrl":
      return SR_WEEKDAYS.map(latinToCyrillic);
  }
}
