//! The Serbian glossary (glossary.sr.json) held against the locale files: one term per thing,
//! „…“ quotation marks, and no raw dimension codes in Serbian text.
import { describe, expect, it } from "vitest";
import catalogue from "../../../../crates/domain/catalogue/catalogue.json";
import en from "../../locales/en.json";
import srLatn from "../../locales/sr-Latn.json";
import glossary from "./glossary.sr.json";
import { flatten, type Flat } from "./messages";
import { latinToCyrillic } from "./translit";

type Term = {
  concept: string;
  forbidden?: string[];
  forbidden_words?: string[];
  allowed?: string[];
  en_forbidden?: string[];
};

const english = flatten(en);
const serbian = flatten(srLatn);
const cyrillic: Flat = Object.fromEntries(Object.entries(serbian).map(([k, v]) => [k, latinToCyrillic(v)]));
const terms: Term[] = glossary.terms;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A stem: case-insensitive, at the start of a word, any ending (inflected forms); "…$" a whole word. */
const stem = (s: string) =>
  s.endsWith("$")
    ? new RegExp(`(?<![\\p{L}\\p{N}])${escape(s.slice(0, -1))}(?![\\p{L}\\p{N}])`, "iu")
    : new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}`, "iu");
/** A whole word, case as written (codes such as DR). */
const word = (s: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}(?![\\p{L}\\p{N}])`, "u");
const withoutPlaceholders = (s: string) => s.replace(/\{[^{}]*\}/g, "");

/** "key: variant" for every message in `dict` that uses a forbidden variant of `term`. */
function offences(dict: Flat, term: Term, variants: RegExp[], allowed: string[]): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(dict)) {
    let text = withoutPlaceholders(value);
    for (const phrase of allowed) text = text.replace(new RegExp(escape(phrase), "giu"), " ");
    for (const re of variants) {
      const m = re.exec(text);
      if (m) out.push(`${key}: “${m[0]}” (${term.concept})`);
    }
  }
  return out;
}

function serbianOffences(dict: Flat, script: (s: string) => string): string[] {
  return terms.flatMap((term) =>
    offences(
      dict,
      term,
      [...(term.forbidden ?? []).map((v) => stem(script(v))), ...(term.forbidden_words ?? []).map(word)],
      (term.allowed ?? []).map(script),
    ),
  );
}

/** Quotation problems: a mark other than „ and “, or „ and “ not in pairs. */
function quoteProblems(dict: Flat): string[] {
  const { open, close, forbidden } = glossary.quotes;
  const pair = new RegExp(`${open}[^${open}${close}]*${close}`, "gu");
  return Object.entries(dict)
    .filter(([, value]) => {
      const text = withoutPlaceholders(value);
      if (forbidden.some((mark) => text.includes(mark))) return true;
      const rest = text.replace(pair, "");
      return rest.includes(open) || rest.includes(close);
    })
    .map(([key, value]) => `${key}: ${value}`);
}

describe("Serbian glossary", () => {
  it("every entry names a concept and at least one forbidden variant", () => {
    expect(terms.length).toBeGreaterThan(0);
    for (const term of terms) {
      expect(term.concept, JSON.stringify(term)).toBeTruthy();
      expect([...(term.forbidden ?? []), ...(term.forbidden_words ?? [])].length, term.concept).toBeGreaterThan(0);
    }
  });

  it("no Serbian Latin message uses a forbidden variant", () => {
    expect(serbianOffences(serbian, (s) => s)).toEqual([]);
  });

  it("no Serbian Cyrillic message uses a forbidden variant", () => {
    expect(serbianOffences(cyrillic, latinToCyrillic)).toEqual([]);
  });

  it("no English message uses a variant the glossary forbids in English", () => {
    const found = terms.flatMap((term) =>
      offences(english, term, (term.en_forbidden ?? []).map(stem), []),
    );
    expect(found).toEqual([]);
  });

  it("Serbian messages quote with „…“ only", () => {
    expect(quoteProblems(serbian)).toEqual([]);
    expect(quoteProblems(cyrillic)).toEqual([]);
  });

  it("the matcher finds inflected forms and respects word starts", () => {
    expect(stem("laptop").test("na ovom laptopu")).toBe(true);
    expect(stem("odlazn").test("u Odlaznoj pošti")).toBe(true);
    expect(stem("mejl").test("Telefon ili imejl")).toBe(false);
    expect(stem("šifru$").test("Ponovo šifrujte")).toBe(false);
    expect(stem("šifru$").test("unesite šifru.")).toBe(true);
    expect(word("DR").test("drugi Centar")).toBe(false);
    expect(word("DR").test("(DR)")).toBe(true);
    expect(quoteProblems({ a: "„Uputi”" })).toEqual(["a: „Uputi”"]);
    expect(quoteProblems({ a: "„Uputi“ i „{title}“" })).toEqual([]);
    expect(quoteProblems({ a: "„Uputi" })).toEqual(["a: „Uputi"]);
  });
});

describe("dimension codes", () => {
  // The built-in catalogue; a catalogue update with new codes falls back to the code itself.
  const keys = [...new Set(catalogue.sets.flatMap((set) => set.dimensions.map((d) => d.key)))];

  it("every dimension of the built-in catalogue has an abbreviation in both languages", () => {
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(english[`dimension_code.${key}`], key).toBe(key);
      expect(serbian[`dimension_code.${key}`], key).toBeTruthy();
    }
  });

  it("Serbian abbreviations are Serbian, not the catalogue's codes", () => {
    // DOM (domaćinstvo) happens to be Serbian as well.
    const raw = keys.filter((key) => key !== "DOM" && serbian[`dimension_code.${key}`] === key);
    expect(raw).toEqual([]);
    const values = keys.map((key) => serbian[`dimension_code.${key}`]);
    expect(new Set(values).size, "abbreviations must be distinct").toBe(values.length);
  });
});
