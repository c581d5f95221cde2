import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, parseWholeYears } from "./format";

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
