//! Small list edits for the referral form (languages, transit places), as pure functions that
//! return a new list; and the tidying of a typed language code. Validity is the backend's call.
import type { Place } from "./bindings/Place";

/** `list` with `value` added at the end, unless it is empty or already there (ignoring case). */
export function appendUnique(list: readonly string[], value: string): string[] {
  const v = value.trim();
  if (v === "" || list.some((item) => item.toLowerCase() === v.toLowerCase())) return [...list];
  return [...list, v];
}

/** `list` without the entry at `index` (unchanged when there is none). */
export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** `list` with the entry at `index` replaced. */
export function replaceAt<T>(list: readonly T[], index: number, value: T): T[] {
  return list.map((item, i) => (i === index ? value : item));
}

/** A typed language code in its usual spelling ("SR-latn" → "sr-Latn"); kept as typed when it is no code. */
export function tidyLanguageTag(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  try {
    return Intl.getCanonicalLocales(trimmed)[0] ?? trimmed;
  } catch {
    return trimmed;
  }
}

export function blankPlace(): Place {
  return { country: "", locality: "", from: "", to: "" };
}

/** Nothing was typed into the place, so removing it loses nothing. */
export function isBlankPlace(place: Place): boolean {
  return [place.country, place.locality, place.from, place.to].every((v) => v.trim() === "");
}
