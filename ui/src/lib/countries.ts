//! Countries for the nationality and place pickers: the ISO 3166-1 alpha-2 codes the backend
//! accepts, their names in the UI language (from the browser's Intl.DisplayNames, with the
//! code as a fallback), and the search behind the pickers. Validation stays in the backend.
import countryCodes from "./bindings/countryCodes.json";
import type { Language } from "./bindings/Language";
import { exactName, fold, searchOptions, type PickerOption } from "./pickerSearch";

/** Officially assigned ISO 3166-1 alpha-2 codes, sorted: the backend's list, generated. */
export const COUNTRY_CODES: readonly string[] = countryCodes;

const CODE_SET: ReadonlySet<string> = new Set(COUNTRY_CODES);

export type CountryOption = PickerOption;

export { fold };

/** Whether `code` is an assigned alpha-2 code, in capitals. */
export function isCountryCode(code: string): boolean {
  return CODE_SET.has(code);
}

type NameOf = (code: string) => string | undefined;

/** Country names in one locale; undefined when the browser cannot name regions. */
function namer(locale: string): NameOf | undefined {
  try {
    const names = new Intl.DisplayNames([locale], { type: "region", fallback: "none" });
    return (code) => {
      try {
        return names.of(code) ?? undefined;
      } catch {
        return undefined;
      }
    };
  } catch {
    return undefined;
  }
}

const LOCALES: readonly Language[] = ["en", "sr-Latn", "sr-Cyrl"];
const cache = new Map<Language, CountryOption[]>();

/** Every country, named in `language` and sorted by that name. */
export function countryOptions(language: Language): CountryOption[] {
  const cached = cache.get(language);
  if (cached) return cached;
  const namers = new Map(LOCALES.map((l) => [l, namer(l)]));
  const options = COUNTRY_CODES.map((code) => {
    const names = LOCALES.map((l) => namers.get(l)?.(code)).filter((n): n is string => !!n);
    const name = namers.get(language)?.(code) ?? code;
    return { code, name, keys: [...new Set([name, ...names].map(fold))] };
  });
  const collator = new Intl.Collator(language);
  options.sort((a, b) => collator.compare(a.name, b.name));
  cache.set(language, options);
  return options;
}

/** "Serbia (RS)"; the code alone when there is no name; empty for no code. */
export function countryLabel(options: readonly CountryOption[], code: string): string {
  if (!code) return "";
  const option = options.find((o) => o.code === code);
  return option && option.name !== code ? `${option.name} (${code})` : code;
}

/** The countries matching what was typed, best first (the code, then names as [`searchOptions`] ranks them). */
export function searchCountries(options: readonly CountryOption[], text: string): CountryOption[] {
  return searchOptions(options, text);
}

/**
 * The code that typed text stands for without a choice from the list: a code ("rs", "RS"), a
 * label as the picker shows it ("Serbia (RS)"), or a country's full name in any UI language.
 * Null when the text is empty or means no single country.
 */
export function resolveCountry(options: readonly CountryOption[], text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const code = /^\s*([A-Za-z]{2})\s*$/.exec(trimmed)?.[1] ?? /\(([A-Za-z]{2})\)$/.exec(trimmed)?.[1];
  if (code !== undefined && isCountryCode(code.toUpperCase())) return code.toUpperCase();
  return exactName(options, trimmed);
}
