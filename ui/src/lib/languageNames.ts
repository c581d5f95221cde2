//! Naming the languages a person speaks (BCP-47 codes) in the referral form: the locale file's
//! name and the language's own name for the languages offered, the browser's name for any
//! other code, and the code itself as the last resort.
import type { Language } from "./bindings/Language";
import { PERSON_LANGUAGES } from "./choices";

/** Looks up a locale key; undefined when the locale files do not have it. */
export type Translate = (key: string) => string | undefined;

function browserName(code: string, uiLanguage: Language): string | undefined {
  try {
    const name = new Intl.DisplayNames([uiLanguage], { type: "language", fallback: "none" }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}

/** "Arabic — العربية" for an offered language, "Swahili (sw)" for another code, else the code. */
export function languageLabel(code: string, translate: Translate, uiLanguage: Language): string {
  const offered = PERSON_LANGUAGES.find((l) => l.code === code);
  const name = translate(`interview_language.${code}`);
  if (offered && name) return `${name} — ${offered.endonym}`;
  const other = browserName(code, uiLanguage);
  return other ? `${other} (${code})` : code;
}

/** Whether `code` is one of the languages offered in the pickers. */
export function isOfferedLanguage(code: string): boolean {
  return PERSON_LANGUAGES.some((l) => l.code === code);
}
