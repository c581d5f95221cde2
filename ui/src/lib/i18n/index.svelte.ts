//! The UI language and the `t()` lookup. Serbian Cyrillic is generated from the
//! Serbian Latin locale at run time (see translit.ts).
import en from "../../locales/en.json";
import srLatn from "../../locales/sr-Latn.json";
import type { ApiError } from "../errors";
import type { FieldIssue } from "../bindings/FieldIssue";
import type { Language } from "../bindings/Language";
import type { Text } from "../bindings/Text";
import { errorMessage, issueMessage } from "../errors";
import { fieldMessage } from "../issues";
import { flatten, interpolate, pluralCategory, type Flat, type Params } from "./messages";
import { latinToCyrillic } from "./translit";

export const LANGUAGES: readonly Language[] = ["sr-Latn", "sr-Cyrl", "en"];

/** Each language named in itself, the same whatever the current UI language. */
export const LANGUAGE_ENDONYMS: Record<Language, string> = {
  "sr-Latn": "Srpski (latinica)",
  "sr-Cyrl": "Српски (ћирилица)",
  en: "English",
};

const english: Flat = flatten(en);
const serbianLatin: Flat = flatten(srLatn);
let serbianCyrillic: Flat | null = null;

function dictionary(language: Language): Flat {
  switch (language) {
    case "en":
      return english;
    case "sr-Latn":
      return serbianLatin;
    case "sr-Cyrl":
      if (serbianCyrillic === null) {
        serbianCyrillic = Object.fromEntries(
          Object.entries(serbianLatin).map(([k, v]) => [k, latinToCyrillic(v)]),
        );
      }
      return serbianCyrillic;
  }
}

export function isLanguage(value: unknown): value is Language {
  return value === "en" || value === "sr-Latn" || value === "sr-Cyrl";
}

export const locale = $state<{ language: Language }>({ language: "en" });

/** Switches the UI language locally (the backend is told separately) and sets <html lang>. */
export function applyLanguage(language: Language): void {
  locale.language = language;
  if (typeof document !== "undefined") {
    document.documentElement.lang = language;
  }
}

export function has(key: string): boolean {
  return key in english;
}

/** The message for `key` in the current language, with `{params}` filled in. */
export function t(key: string, params?: Params): string {
  const template = dictionary(locale.language)[key] ?? english[key] ?? key;
  return interpolate(template, params);
}

/** Plural-aware message: looks up `key.one` / `key.few` / `key.other`; `{count}` is filled in. */
export function tn(key: string, count: number, params?: Params): string {
  return t(`${key}.${pluralCategory(locale.language, count)}`, { count, ...params });
}

// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, not UI state
const cyrillicCache = new Map<string, string>();

/** A catalogue text in the current language. */
export function tx(text: Text | null | undefined): string {
  if (!text) return "";
  // A text missing in Serbian falls back to English rather than showing nothing.
  const serbian = text["sr-Latn"] || text.en;
  switch (locale.language) {
    case "en":
      return text.en || text["sr-Latn"];
    case "sr-Latn":
      return serbian;
    case "sr-Cyrl": {
      const latin = serbian;
      let cyrillic = cyrillicCache.get(latin);
      if (cyrillic === undefined) {
        cyrillic = latinToCyrillic(latin);
        cyrillicCache.set(latin, cyrillic);
      }
      return cyrillic;
    }
  }
}

/**
 * The abbreviation shown beside a dimension's name: the catalogue's code ("DR") in English, a
 * Serbian one ("VO", Vrbovanje obmanom) in Serbian. An indicator key ("CD.forced-tasks") gives
 * its dimension's. A code the locale files do not know (a newer catalogue) is shown as it is.
 */
export function dimensionCode(key: string): string {
  const dimension = key.split(".")[0];
  const messageKey = `dimension_code.${dimension}`;
  return has(messageKey) ? t(messageKey) : dimension;
}

/** The localised text of an ApiError (unknown codes get a generic message showing the code). */
export function errorText(error: ApiError): string {
  const m = errorMessage(error, has);
  return t(m.key, m.params);
}

/** The localised text of a field issue. */
export function issueText(issue: FieldIssue): string {
  const m = issueMessage(issue, has);
  return t(m.key, m.params);
}

/** The name of a field path for the worker ("Transit place 2: country"); the path itself if unnamed. */
export function fieldText(field: string): string {
  const m = fieldMessage(field);
  return has(m.key) ? t(m.key, m.params) : field;
}
