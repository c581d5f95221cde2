//! Date formatting for display. Stored dates stay ISO (YYYY-MM-DD).
import type { Language } from "./bindings/Language";

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2024-03-05" → "5 Mar 2024" (en) or "5. 3. 2024." (Serbian); anything else is returned as is. */
export function formatDate(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12) return iso;
  return language === "en" ? `${day} ${EN_MONTHS[month - 1]} ${y}` : `${day}. ${month}. ${y}.`;
}

/** An RFC 3339 timestamp shown as local date and time (24-hour clock). */
export function formatDateTime(timestamp: string, language: Language): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const pad = (n: number) => String(n).padStart(2, "0");
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return `${formatDate(day, language)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * An RFC 3339 timestamp, short: the local time alone ("14:02") on the same local day as
 * `now`, else with the date as well.
 */
export function formatTime(timestamp: string, language: Language, now: Date = new Date()): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const sameDay =
    date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  if (!sameDay) return formatDateTime(timestamp, language);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Parses the estimated-age input: whole years or empty. Returns undefined when invalid. */
export function parseWholeYears(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (!/^\d{1,3}$/.test(trimmed)) return undefined;
  return Number(trimmed);
}
