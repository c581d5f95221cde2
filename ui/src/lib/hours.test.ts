import { describe, expect, it } from "vitest";
import { hoursText } from "./hours";

const name = (day: string) => day[0].toUpperCase() + day.slice(1);

describe("hoursText", () => {
  it("says a line that always answers in the words given", () => {
    expect(hoursText({ kind: "always" }, name, "24/7")).toBe("24/7");
  });

  it("joins runs of three or more days and lists shorter ones, in week order", () => {
    const weekly = {
      kind: "weekly" as const,
      slots: [
        { days: ["fri" as const, "mon" as const, "tue" as const, "wed" as const, "thu" as const], opens: "09:00", closes: "17:00" },
        { days: ["sun" as const, "sat" as const], opens: "10:00", closes: "14:00" },
      ],
    };
    expect(hoursText(weekly, name, "")).toBe("Mon–Fri 09:00–17:00; Sat, Sun 10:00–14:00");
  });

  it("keeps separate runs apart", () => {
    const weekly = {
      kind: "weekly" as const,
      slots: [{ days: ["mon" as const, "wed" as const, "thu" as const, "fri" as const], opens: "08:00", closes: "24:00" }],
    };
    expect(hoursText(weekly, name, "")).toBe("Mon, Wed–Fri 08:00–24:00");
  });
});
