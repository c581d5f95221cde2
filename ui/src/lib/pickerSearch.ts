//! The search behind the searchable pickers (countries, languages): text folded so that any
//! script, case or accent finds a name, and matches ranked the same way in every picker.

/** One choice in a picker: the value it stands for, its name in the UI language, and search keys. */
export type PickerOption = {
  code: string;
  /** The name in the UI language (the code when there is no name). */
  name: string;
  /** Folded names in every UI language (and the option's own), for searching in any script. */
  keys: string[];
};

/** Lower case, without accents and punctuation, spaces collapsed: "Côte d’Ivoire" → "cote d ivoire". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The options matching what was typed, best first: the code itself, then names starting with
 * it, then names with a word starting with it, then names containing it; ties keep the
 * options' order. Empty text: all.
 */
export function searchOptions<T extends PickerOption>(options: readonly T[], text: string): T[] {
  const query = fold(text);
  if (query === "") return [...options];
  const code = text.trim().toLowerCase();
  const rank = (option: T): number => {
    if (option.code.toLowerCase() === code) return 0;
    if (option.keys.some((k) => k.startsWith(query))) return 1;
    if (option.keys.some((k) => k.split(" ").some((word) => word.startsWith(query)))) return 2;
    if (option.keys.some((k) => k.includes(query))) return 3;
    return 4;
  };
  return options
    .map((option, index) => ({ option, index, rank: rank(option) }))
    .filter((r) => r.rank < 4)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.option);
}

/** The one option whose name, in any language, is exactly the typed text; null for none or several. */
export function exactName<T extends PickerOption>(options: readonly T[], text: string): string | null {
  const query = fold(text);
  if (query === "") return null;
  const exact = options.filter((o) => o.keys.includes(query));
  return exact.length === 1 ? exact[0].code : null;
}
