import { describe, expect, it } from "vitest";
import { languageOptions, pickerLabel, resolveLanguage } from "./languageNames";
import { searchOptions } from "./pickerSearch";

const none = () => undefined;
const codes = (list: { code: string }[]) => list.map((o) => o.code);

describe("language picker options", () => {
  const en = languageOptions("en", none);

  it("offers the caseload's languages first, then every other language once, by name", () => {
    expect(codes(en).slice(0, 3)).toEqual(["sr", "rom", "ar"]);
    expect(new Set(codes(en)).size).toBe(en.length);
    expect(en.length).toBeGreaterThan(150);
    const rest = en.slice(18).map((o) => o.name);
    expect(rest).toEqual([...rest].sort(new Intl.Collator("en").compare));
  });

  it("names each language in the UI language and in itself", () => {
    const arabic = en.find((o) => o.code === "ar");
    expect(arabic?.name).toBe("Arabic");
    expect(arabic?.endonym).toBe("العربية");
    expect(arabic?.dir).toBe("rtl");
    expect(pickerLabel(arabic!)).toBe("Arabic — العربية");
    const swahili = en.find((o) => o.code === "sw");
    expect(swahili?.name).toBe("Swahili");
    expect(swahili?.endonym).toBe("Kiswahili");
    expect(languageOptions("sr-Latn", none).find((o) => o.code === "de")?.name).toBe("nemački");
  });

  it("prefers the locale files' names", () => {
    const named = languageOptions("en", (key) => (key === "interview_language.fa" ? "Persian (Farsi/Dari)" : undefined));
    expect(named.find((o) => o.code === "fa")?.name).toBe("Persian (Farsi/Dari)");
  });

  it("finds a language by its name in any UI language or script, or in itself", () => {
    expect(codes(searchOptions(en, "arab"))[0]).toBe("ar");
    expect(codes(searchOptions(en, "nemač"))).toContain("de");
    expect(codes(searchOptions(en, "немач"))).toContain("de");
    expect(codes(searchOptions(en, "العربية"))).toEqual(["ar"]);
    expect(codes(searchOptions(en, "kiswa"))).toEqual(["sw"]);
    expect(searchOptions(en, "qqqq")).toEqual([]);
  });

  it("resolves typed text only when it names one language", () => {
    expect(resolveLanguage(en, "AR")).toBe("ar");
    expect(resolveLanguage(en, "Arabic — العربية")).toBe("ar");
    expect(resolveLanguage(en, "arapski")).toBe("ar");
    expect(resolveLanguage(en, "r")).toBeNull();
    expect(resolveLanguage(en, "  ")).toBeNull();
  });
});
