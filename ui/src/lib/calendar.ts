//! The date picker's arithmetic on ISO dates (`YYYY-MM-DD`): the weeks of a month, Monday
//! first, and moving by days and months. Calendar dates only: no time zone is involved, so a
//! day never shifts at midnight or across daylight saving.
import { daysInMonth, isoDate } from "./dateInput";

export type YearMonth = { year: number; month: number };

/** Year, month and day of an ISO date, or undefined when it is not one. */
export function partsOf(iso: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isoDate(year, month, day) === undefined ? undefined : { year, month, day };
}

/** Today on the laptop's clock, as an ISO date. */
export function today(now: Date = new Date()): string {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? "";
}

/** 0 for Monday … 6 for Sunday. */
function weekdayIndex(year: number, month: number, day: number): number {
  // Date.UTC is only used for the weekday; years below 100 would be read as 19xx.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month - 1, day);
  return (date.getUTCDay() + 6) % 7;
}

/** The month's weeks, Monday first; days of the neighbouring months are null. */
export function monthWeeks({ year, month }: YearMonth): (string | null)[][] {
  const cells: (string | null)[] = Array(weekdayIndex(year, month, 1)).fill(null);
  for (let day = 1; day <= daysInMonth(year, month); day++) cells.push(isoDate(year, month, day) ?? null);
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The date `days` days after `iso` (before, if negative). */
export function addDays(iso: string, days: number): string {
  const p = partsOf(iso);
  if (!p) return iso;
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(p.year, p.month - 1, p.day + days);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) ?? iso;
}

/** The month `months` after `ym` (before, if negative). */
export function addMonths({ year, month }: YearMonth, months: number): YearMonth {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The same day `months` months on, or the month's last day when it is shorter (31 Jan → 28 Feb). */
export function addMonthsToDate(iso: string, months: number): string {
  const p = partsOf(iso);
  if (!p) return iso;
  const ym = addMonths(p, months);
  return isoDate(ym.year, ym.month, Math.min(p.day, daysInMonth(ym.year, ym.month))) ?? iso;
}
