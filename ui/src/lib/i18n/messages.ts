//! Pure helpers for locale dictionaries: flattening, interpolation, plural forms.

export type Dict = { [key: string]: string | Dict };
export type Flat = Record<string, string>;
export type Params = Record<string, string | number | undefined>;
export type PluralCategory = "one" | "few" | "other";

/** Flattens nested locale JSON into dotted keys: { a: { b: "x" } } → { "a.b": "x" }. */
export function flatten(dict: Dict, prefix = ""): Flat {
  const out: Flat = {};
  for (const [key, value] of Object.entries(dict)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") {
      out[full] = value;
    } else {
      Object.assign(out, flatten(value, full));
    }
  }
  return out;
}

/** Replaces `{name}` with params.name; unknown placeholders are left visible. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * Plural category for a count. English: one / other. Serbian: one (1, 21, 31…),
 * few (2–4, 22–24… but not 12–14), other.
 */
export function pluralCategory(language: string, count: number): PluralCategory {
  const n = Math.abs(Math.trunc(count));
  if (language.startsWith("sr")) {
    const mod10 = n % 10;
    const mod100 = n % 100;
    if (mod10 === 1 && mod100 !== 11) return "one";
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return "few";
    return "other";
  }
  return n === 1 ? "one" : "other";
}
