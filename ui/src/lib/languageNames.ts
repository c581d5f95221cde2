//! Naming the languages a person speaks (BCP-47 codes) in the referral form: the locale file's
//! name and the language's own name for the languages offered, the browser's name for any
//! other code, and the code itself as the last resort; and the options of the language pickers.
import type { Language } from "./bindings/Language";
import { PERSON_LANGUAGES } from "./choices";
import { exactName, fold, type PickerOption } from "./pickerSearch";

/** Looks up a locale key; undefined when the locale files do not have it. */
export type Translate = (key: string) => string | undefined;

/** "Arabic — العربية" for an offered language, "Swahili (sw)" for another code, else the code. */
export function languageLabel(code: string, translate: Translate, uiLanguage: Language): string {
  const offered = PERSON_LANGUAGES.find((l) => l.code === code);
  const name = translate(`interview_language.${code}`);
  if (offered && name) return `${name} — ${offered.endonym}`;
  const other = nameIn(uiLanguage, code);
  return other ? `${other} (${code})` : code;
}

/** Whether `code` is one of the languages offered in the pickers. */
export function isOfferedLanguage(code: string): boolean {
  return PERSON_LANGUAGES.some((l) => l.code === code);
}

/**
 * The ISO 639-1 languages (and Romani, which has no two-letter code): what the pickers offer
 * beyond the caseload's languages. The backend accepts any well-formed BCP-47 tag; this list
 * is only what can be chosen by name.
 */
const OTHER_LANGUAGE_CODES: readonly string[] = (
  "aa ab ae af ak am an as av ay az ba be bg bi bm bo br bs ca ce ch co cr cs cu cv cy da de dv dz " +
  "ee el eo es et eu ff fi fj fo fy ga gd gl gn gu gv ha he ho hr ht hu hy hz ia id ie ig ii ik io " +
  "is it iu ja jv ka kg ki kj kk kl km kn ko kr ks kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk " +
  "ml mn mr ms mt my na nb nd ng nl nn no nr nv ny oc oj om or os pi pl pt qu rm rn ro rw sa sc sd " +
  "se sg si sk sl sm sn so sq ss st su sv sw ta te tg th ti tk tl tn to ts tt tw ty ug uz ve vo wa " +
  "wo xh yi yo za zu"
).split(" ");

const UI_LOCALES: readonly Language[] = ["en", "sr-Latn", "sr-Cyrl"];

export type LanguageOption = PickerOption & {
  /** The language's name in itself ("العربية"), when known. */
  endonym: string;
  dir: "ltr" | "rtl";
};

const namers = new Map<string, Intl.DisplayNames | null>();
const names = new Map<string, string | undefined>();

/** The browser's name of `code` in `locale`, asked once per pair: every picker asks for ~190. */
function nameIn(locale: string, code: string): string | undefined {
  const key = `${locale}|${code}`;
  if (names.has(key)) return names.get(key);
  let namer = namers.get(locale);
  if (namer === undefined) {
    try {
      namer = new Intl.DisplayNames([locale], { type: "language", fallback: "none" });
    } catch {
      namer = null;
    }
    namers.set(locale, namer);
  }
  let name: string | undefined;
  try {
    const found = namer?.of(code);
    name = found && found.toLowerCase() !== code.toLowerCase() ? found : undefined;
  } catch {
    name = undefined;
  }
  names.set(key, name);
  return name;
}

const RTL = new Set(["ar", "fa", "ps", "ur", "he", "yi", "dv", "sd", "ug", "ku-Arab"]);

/**
 * Every language a picker offers, named in `uiLanguage` and in itself: the caseload's
 * languages first (DOMAIN.md §5, in that order), then the rest by name. `translate` gives the
 * locale files' names, which win over the browser's.
 */
export function languageOptions(uiLanguage: Language, translate: Translate): LanguageOption[] {
  const make = (code: string, endonym?: string, dir?: "ltr" | "rtl"): LanguageOption => {
    const name = translate(`interview_language.${code}`) ?? nameIn(uiLanguage, code) ?? code;
    const own = endonym ?? nameIn(code, code) ?? "";
    const names = UI_LOCALES.map((l) => nameIn(l, code)).filter((n): n is string => !!n);
    const keys = [...new Set([name, own, ...own.split("/"), ...names].map(fold).filter(Boolean))];
    return { code, name, keys, endonym: own, dir: dir ?? (RTL.has(code) ? "rtl" : "ltr") };
  };
  const offered = PERSON_LANGUAGES.map((l) => make(l.code, l.endonym, l.dir));
  const collator = new Intl.Collator(uiLanguage);
  const others = OTHER_LANGUAGE_CODES.filter((code) => !isOfferedLanguage(code))
    .map((code) => make(code))
    .sort((a, b) => collator.compare(a.name, b.name));
  return [...offered, ...others];
}

/**
 * The code that typed text stands for without a choice from the list: a code of a listed
 * language ("ar"), a label as the picker shows it, or a language's full name in any UI
 * language or in itself. Null when the text is empty or means no single language.
 */
export function resolveLanguage(options: readonly LanguageOption[], text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const byCode = options.find((o) => o.code.toLowerCase() === trimmed.toLowerCase());
  if (byCode) return byCode.code;
  const byLabel = options.find((o) => pickerLabel(o) === trimmed);
  if (byLabel) return byLabel.code;
  return exactName(options, trimmed);
}

/** "Arabic — العربية", or the name alone when the language's own name is the same or unknown. */
export function pickerLabel(option: LanguageOption): string {
  return option.endonym && fold(option.endonym) !== fold(option.name) ? `${option.name} — ${option.endonym}` : option.name;
}
