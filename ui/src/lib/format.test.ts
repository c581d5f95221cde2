import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatTime, parseWholeYears } from "./format";

describe("formatDate", () => {
  it("formats per language", () => {
    expect(formatDate("2024-03-05", "en")).toBe("5 Mar 2024");
    expect(formatDate("2024-03-05", "sr-Latn")).toBe("5. 3. 2024.");
    expect(formatDate("2024-12-31", "sr-Cyrl")).toBe("31. 12. 2024.");
  });
  it("returns other text unchanged", () => {
    expect(formatDate("", "en")).toBe("");
    expect(formatDate("2024-13-01", "en")).toBe("2024-13-01");
    expect(formatDate("soon", "en")).toBe("soon");
  });
});

describe("formatDateTime", () => {
  it("shows local date and time", () => {
    const local = new Date(2024, 2, 5, 9, 7).toISOString();
    expect(formatDateTime(local, "en")).toBe("5 Mar 2024 09:07");
    expect(formatDateTime("garbage", "en")).toBe("garbage");
  });
});

describe("formatTime", () => {
  const now = new Date(2024, 2, 5, 18, 30);
  it("shows only the time on the same local day", () => {
    expect(formatTime(new Date(2024, 2, 5, 14, 2).toISOString(), "en", now)).toBe("14:02");
    expect(formatTime(new Date(2024, 2, 5, 0, 0).toISOString(), "sr-Latn", now)).toBe("00:00");
  });
  it("adds the date on another day", () => {
    expect(formatTime(new Date(2024, 2, 4, 23, 59).toISOString(), "en", now)).toBe("4 Mar 2024 23:59");
    expect(formatTime(new Date(2024, 2, 6, 9, 5).toISOString(), "sr-Latn", now)).toBe("6. 3. 2024. 09:05");
  });
  it("returns garbage unchanged", () => {
    expect(formatTime("later", "en", now)).toBe("later");
  });
});

describe("parseWholeYears", () => {
  it("accepts whole years or empty", () => {
    expect(parseWholeYears("")).toBeNull();
    expect(parseWholeYears(" 17 ")).toBe(17);
    expect(parseWholeYears("0")).toBe(0);
    expect(parseWholeYears("-3")).toBeUndefined();
    expect(parseWholeYears("12.5")).toBeUndefined();
    expect(parseWholeYears("abc")).toBeUndefined();
    expect(parseWholeYears("1000")).toBeUndefined();
  });
});
