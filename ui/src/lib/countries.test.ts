import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, countryLabel, countryOptions, fold, isCountryCode, resolveCountry, searchCountries } from "./countries";

const codes = (list: { code: string }[]) => list.map((o) => o.code);

describe("countries", () => {
  it("has the 249 assigned codes, sorted and unique, and nothing user-assigned", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect(isCountryCode("RS")).toBe(true);
    expect(isCountryCode("rs")).toBe(false);
    expect(isCountryCode("XK")).toBe(false);
  });

  it("folds case, accents and punctuation", () => {
    expect(fold("  Côte d’Ivoire ")).toBe("cote d ivoire");
    expect(fold("Đakovica, Šabac")).toBe("dakovica sabac");
    expect(fold("Србија")).toBe("србија");
  });

  it("names every country in the UI language, sorted by name", () => {
    const en = countryOptions("en");
    expect(en).toHaveLength(249);
    expect(en.find((o) => o.code === "DE")?.name).toBe("Germany");
    expect(countryOptions("sr-Latn").find((o) => o.code === "DE")?.name).toBe("Nemačka");
    expect(countryOptions("sr-Cyrl").find((o) => o.code === "RS")?.name).toBe("Србија");
    const names = en.map((o) => o.name);
    expect(names).toEqual([...names].sort(new Intl.Collator("en").compare));
  });

  it("labels a code with its name, and the code too", () => {
    const en = countryOptions("en");
    expect(countryLabel(en, "RS")).toBe("Serbia (RS)");
    expect(countryLabel(en, "")).toBe("");
    expect(countryLabel(en, "ZZ")).toBe("ZZ");
  });

  it("finds countries by code first, then by the start of a name or word, then anywhere", () => {
    const en = countryOptions("en");
    expect(codes(searchCountries(en, "rs"))[0]).toBe("RS");
    expect(codes(searchCountries(en, "ser"))).toContain("RS");
    expect(codes(searchCountries(en, "ser"))[0]).toBe("RS");
    const guinea = codes(searchCountries(en, "guinea"));
    // "Guinea", "Guinea-Bissau" start with it; "Equatorial Guinea", "Papua New Guinea" have a word that does.
    expect(guinea.indexOf("GN")).toBeLessThan(guinea.indexOf("GQ"));
    expect(guinea).toContain("PG");
    expect(searchCountries(en, "")).toHaveLength(249);
    expect(searchCountries(en, "qqqq")).toEqual([]);
  });

  it("finds a country by its name in another UI language and without diacritics", () => {
    const cyrillic = countryOptions("sr-Cyrl");
    expect(codes(searchCountries(cyrillic, "Nemac"))).toContain("DE");
    expect(codes(searchCountries(cyrillic, "Germany"))).toContain("DE");
    const latin = countryOptions("sr-Latn");
    expect(codes(searchCountries(latin, "nemacka"))[0]).toBe("DE");
    expect(codes(searchCountries(latin, "Немачка"))[0]).toBe("DE");
  });

  it("resolves typed text that names one country, and nothing else", () => {
    const en = countryOptions("en");
    expect(resolveCountry(en, "rs")).toBe("RS");
    expect(resolveCountry(en, " RS ")).toBe("RS");
    expect(resolveCountry(en, "Serbia (RS)")).toBe("RS");
    expect(resolveCountry(en, "serbia")).toBe("RS");
    expect(resolveCountry(en, "Srbija")).toBe("RS");
    expect(resolveCountry(en, "Niger")).toBe("NE");
    expect(resolveCountry(en, "Nigeria")).toBe("NG");
    expect(resolveCountry(en, "Ser")).toBeNull();
    expect(resolveCountry(en, "XK")).toBeNull();
    expect(resolveCountry(en, "")).toBeNull();
  });
});
