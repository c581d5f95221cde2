import { describe, expect, it } from "vitest";
import { isOfferedLanguage, languageLabel } from "./languageNames";

const translate = (key: string) => ({ "interview_language.ar": "Arabic", "interview_language.ku": "Kurdish" })[key];

describe("language names", () => {
  it("names an offered language by the locale file and its own name", () => {
    expect(languageLabel("ar", translate, "en")).toBe("Arabic — العربية");
    expect(languageLabel("ku", translate, "en")).toBe("Kurdish — Kurdî / کوردی");
  });

  it("names another code by the browser, with the code", () => {
    expect(languageLabel("sw", translate, "en")).toBe("Swahili (sw)");
  });

  it("falls back to the code", () => {
    expect(languageLabel("qqq", translate, "en")).toBe("qqq");
    expect(languageLabel("not a code", translate, "en")).toBe("not a code");
  });

  it("knows which languages are offered", () => {
    expect(isOfferedLanguage("rom")).toBe(true);
    expect(isOfferedLanguage("sw")).toBe(false);
  });
});
