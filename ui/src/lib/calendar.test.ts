import { describe, expect, it } from "vitest";
import { addDays, addMonths, addMonthsToDate, monthWeeks, partsOf, today } from "./calendar";

describe("monthWeeks", () => {
  it("starts weeks on Monday", () => {
    // 1 March 2024 was a Friday.
    const weeks = monthWeeks({ year: 2024, month: 3 });
    expect(weeks[0]).toEqual([null, null, null, null, "2024-03-01", "2024-03-02", "2024-03-03"]);
    expect(weeks[weeks.length - 1]).toEqual(["2024-03-25", "2024-03-26", "2024-03-27", "2024-03-28", "2024-03-29", "2024-03-30", "2024-03-31"]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it("handles a month starting on Monday and a leap February", () => {
    // 1 January 2024 was a Monday.
    expect(monthWeeks({ year: 2024, month: 1 })[0][0]).toBe("2024-01-01");
    const february = monthWeeks({ year: 2024, month: 2 });
    const days = february.flat().filter(Boolean);
    expect(days[days.length - 1]).toBe("2024-02-29");
    for (const week of february) expect(week).toHaveLength(7);
  });
});

describe("moving", () => {
  it("moves by days across months and years", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-29", 1)).toBe("2024-03-01");
    expect(addDays("2024-01-01", -1)).toBe("2023-12-31");
    expect(addDays("2024-03-31", 7)).toBe("2024-04-07");
    expect(addDays("nonsense", 1)).toBe("nonsense");
  });

  it("moves by months, keeping the day where it can", () => {
    expect(addMonths({ year: 2024, month: 12 }, 1)).toEqual({ year: 2025, month: 1 });
    expect(addMonths({ year: 2024, month: 1 }, -1)).toEqual({ year: 2023, month: 12 });
    expect(addMonths({ year: 2024, month: 3 }, -12)).toEqual({ year: 2023, month: 3 });
    expect(addMonthsToDate("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonthsToDate("2024-03-15", -1)).toBe("2024-02-15");
    expect(addMonthsToDate("2024-02-29", 12)).toBe("2025-02-28");
  });

  it("reads ISO dates and today", () => {
    expect(partsOf("2024-03-05")).toEqual({ year: 2024, month: 3, day: 5 });
    expect(partsOf("2024-02-30")).toBeUndefined();
    expect(today(new Date(2026, 0, 12, 23, 59))).toBe("2026-01-12");
  });
});
