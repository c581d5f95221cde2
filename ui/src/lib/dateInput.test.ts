import { describe, expect, it } from "vitest";
import type { Language } from "./bindings/Language";
import { commitDateText, daysInMonth, isoDate, monthName, parseDateInput, weekdayNames } from "./dateInput";
import { latinToCyrillic } from "./i18n/translit";

const LANGUAGES: Language[] = ["sr-Latn", "sr-Cyrl", "en"];

describe("parseDateInput", () => {
  it("reads an empty field as no date", () => {
    expect(parseDateInput("")).toBe("");
    expect(parseDateInput("   ")).toBe("");
  });

  it("reads ISO", () => {
    expect(parseDateInput("2024-03-05")).toBe("2024-03-05");
    expect(parseDateInput(" 2099-01-01 ")).toBe("2099-01-01");
  });

  it("reads day, month, year as written in Serbian", () => {
    for (const typed of ["5.3.2024", "05.03.2024", "05.03.2024.", "5. 3. 2024.", "5. 3. 2024", "5 .3 .2024"]) {
      expect(parseDateInput(typed), typed).toBe("2024-03-05");
    }
  });

  it("reads day, month, year with slashes or spaces, day first", () => {
    for (const typed of ["5/3/2024", "05/03/2024", "5 / 3 / 2024", "5 3 2024"]) {
      expect(parseDateInput(typed), typed).toBe("2024-03-05");
    }
    expect(parseDateInput("12/01/2026")).toBe("2026-01-12");
  });

  it("reads English month names, whole or short", () => {
    for (const typed of ["5 Mar 2024", "5 March 2024", "05 mar 2024", "5 MAR. 2024", "5 March, 2024", "5Mar2024"]) {
      expect(parseDateInput(typed), typed).toBe("2024-03-05");
    }
    expect(parseDateInput("30 Sept 2024")).toBe("2024-09-30");
    expect(parseDateInput("1 May 2000")).toBe("2000-05-01");
  });

  it("reads Serbian month names in both scripts, nominative and genitive", () => {
    for (const typed of ["5. mart 2024.", "5. marta 2024.", "5 mar 2024", "5. Mart 2024", "5. март 2024.", "5. марта 2024."]) {
      expect(parseDateInput(typed), typed).toBe("2024-03-05");
    }
    expect(parseDateInput("1. maja 2000.")).toBe("2000-05-01");
    expect(parseDateInput("15. avgusta 1990.")).toBe("1990-08-15");
    expect(parseDateInput("15. avg 1990")).toBe("1990-08-15");
    expect(parseDateInput("2. septembra 1990.")).toBe("1990-09-02");
    expect(parseDateInput("31. децембра 1999.")).toBe("1999-12-31");
    expect(parseDateInput("1. јун 2001.")).toBe("2001-06-01");
    expect(parseDateInput("1. јул 2001.")).toBe("2001-07-01");
  });

  it("tells every month apart by its first three letters, in every script", () => {
    for (let month = 1; month <= 12; month++) {
      for (const language of LANGUAGES) {
        const name = monthName(month, language);
        expect(parseDateInput(`1 ${name} 2020`), name).toBe(isoDate(2020, month, 1));
        expect(parseDateInput(`1 ${name.slice(0, 3)} 2020`), name).toBe(isoDate(2020, month, 1));
      }
    }
  });

  it("refuses days that do not exist", () => {
    for (const typed of ["31.2.2024", "30.2.2024", "29.2.2023", "31.4.2024", "0.1.2024", "1.13.2024", "1.0.2024", "2024-02-30", "2024-13-01", "31 Feb 2024"]) {
      expect(parseDateInput(typed), typed).toBeUndefined();
    }
    expect(parseDateInput("29.2.2024")).toBe("2024-02-29");
    expect(parseDateInput("29.2.2000")).toBe("2000-02-29");
    expect(parseDateInput("29.2.1900")).toBeUndefined();
  });

  it("refuses two-digit and other short years", () => {
    for (const typed of ["5.3.90", "5.3.24.", "5/3/24", "5 Mar 24", "5.3.199", "24-03-05"]) {
      expect(parseDateInput(typed), typed).toBeUndefined();
    }
  });

  it("refuses what is not a date", () => {
    for (const typed of ["soon", "5.3.", "5 3", "March 2024", "5 Marmalade 2024", "5 ma 2024", "5..3.2024", "5-3-2024", "2024-3-5", "5.3.2024 10:00", "১.৩.২০২৪"]) {
      expect(parseDateInput(typed), typed).toBeUndefined();
    }
  });
});

describe("commitDateText", () => {
  it("stores the date and shows it in the app's format", () => {
    expect(commitDateText("5.3.1990", "sr-Latn")).toEqual({ ok: true, value: "1990-03-05", text: "5. 3. 1990." });
    expect(commitDateText("5.3.1990", "sr-Cyrl")).toEqual({ ok: true, value: "1990-03-05", text: "5. 3. 1990." });
    expect(commitDateText("5/3/1990", "en")).toEqual({ ok: true, value: "1990-03-05", text: "5 Mar 1990" });
    expect(commitDateText("2099-01-01", "en")).toEqual({ ok: true, value: "2099-01-01", text: "1 Jan 2099" });
  });

  it("keeps an empty field empty", () => {
    expect(commitDateText("  ", "en")).toEqual({ ok: true, value: "", text: "" });
  });

  it("keeps text that is not a date on screen and stores no date", () => {
    expect(commitDateText("31.2.2024", "sr-Latn")).toEqual({ ok: false, value: "", text: "31.2.2024" });
  });

  it("reads back what it shows, in every language", () => {
    const dates = ["2024-03-05", "1990-12-31", "2000-02-29", "1931-01-01", "2026-09-09", "1999-05-01"];
    for (const language of LANGUAGES) {
      for (const iso of dates) {
        const shown = commitDateText(iso, language);
        expect(shown.ok).toBe(true);
        expect(commitDateText(shown.text, language), `${iso} in ${language}`).toEqual(shown);
      }
    }
  });
});

describe("names", () => {
  it("names months in the app's language", () => {
    expect(monthName(3, "en")).toBe("March");
    expect(monthName(3, "sr-Latn")).toBe("mart");
    expect(monthName(8, "sr-Cyrl")).toBe("август");
  });

  it("names weekdays Monday first", () => {
    expect(weekdayNames("en")).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(weekdayNames("sr-Latn")[0]).toBe("pon");
    expect(weekdayNames("sr-Cyrl")).toEqual(weekdayNames("sr-Latn").map(latinToCyrillic));
    expect(weekdayNames("sr-Cyrl")[3]).toBe("чет");
  });
});

describe("daysInMonth", () => {
  it("knows leap years", () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 4)).toBe(30);
    expect(daysInMonth(2024, 12)).toBe(31);
  });
});
