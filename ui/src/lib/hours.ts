//! A line's hours in words, for the Help view: "Mon–Fri 09:00–17:00". Whether a line is open
//! now is decided in Rust (`directory::open_at`) and arrives with each search hit.
import type { Hours } from "./bindings/Hours";
import type { Weekday } from "./bindings/Weekday";

export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Days in week order, runs of three or more joined ("mon–fri"), shorter runs listed. */
function dayRuns(days: readonly Weekday[], name: (day: Weekday) => string): string {
  const chosen = WEEKDAYS.map((day) => days.includes(day));
  const parts: string[] = [];
  let start = 0;
  while (start < WEEKDAYS.length) {
    if (!chosen[start]) {
      start += 1;
      continue;
    }
    let end = start;
    while (end + 1 < WEEKDAYS.length && chosen[end + 1]) end += 1;
    if (end - start >= 2) parts.push(`${name(WEEKDAYS[start])}–${name(WEEKDAYS[end])}`);
    else for (let i = start; i <= end; i += 1) parts.push(name(WEEKDAYS[i]));
    start = end + 1;
  }
  return parts.join(", ");
}

/** `always` for a line that always answers; otherwise each slot's days and times. */
export function hoursText(hours: Hours, name: (day: Weekday) => string, always: string): string {
  switch (hours.kind) {
    case "always":
      return always;
    case "weekly":
      return hours.slots.map((slot) => `${dayRuns(slot.days, name)} ${slot.opens}–${slot.closes}`).join("; ");
  }
}
