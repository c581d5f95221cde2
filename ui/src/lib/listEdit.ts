//! Small list edits for the referral form (languages, transit places), as pure functions that
//! return a new list. Validity is the backend's call.
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

export function blankPlace(): Place {
  return { country: "", locality: "", from: "", to: "" };
}

/** Nothing was typed into the place, so removing it loses nothing. */
export function isBlankPlace(place: Place): boolean {
  return [place.country, place.locality, place.from, place.to].every((v) => v.trim() === "");
}
