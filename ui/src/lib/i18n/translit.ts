//! Serbian Latin → Cyrillic transliteration (Gaj's alphabet → Vuk's alphabet).
//! Text inside {placeholders} is left untouched, so message parameters survive.

const SINGLE: Record<string, string> = {
  a: "а", b: "б", c: "ц", č: "ч", ć: "ћ", d: "д", đ: "ђ", e: "е", f: "ф", g: "г",
  h: "х", i: "и", j: "ј", k: "к", l: "л", m: "м", n: "н", o: "о", p: "п", r: "р",
  s: "с", š: "ш", t: "т", u: "у", v: "в", z: "з", ž: "ж",
};

const DIGRAPH: Record<string, string> = { lj: "љ", nj: "њ", dž: "џ" };

/**
 * Words in which a Latin pair that looks like a digraph is really two letters
 * (prefix boundary: nad-živeti, pod-žanr; in-jekcija, kon-jugacija). Matched
 * against the lower-cased start of the word.
 */
const SPLIT_PAIR_WORD_STARTS = [
  /^(nad|od|pod|pred)ž/,
  /^injek/,
  /^konjug/,
  /^konjunk/,
  /^vanjez/,
];

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();
}

/** Returns the index (within `word`) of pairs that must not be read as one letter. */
function splitPairs(word: string): Set<number> {
  const lower = word.toLowerCase();
  const out = new Set<number>();
  for (const re of SPLIT_PAIR_WORD_STARTS) {
    const m = re.exec(lower);
    if (m) {
      // The pair is the last two letters of the matched start (d+ž or n+j).
      const end = m[0].length;
      const pairStart = lower.lastIndexOf(lower[end - 1] === "ž" ? "dž" : "nj", end);
      if (pairStart >= 0) out.add(pairStart);
    }
  }
  return out;
}

/**
 * Names that stay in Latin letters in Serbian Cyrillic text (international acronyms), and
 * any word with a letter Serbian does not have (q, w, x, y), such as "WCMS".
 */
const KEEP_LATIN = new Set(["UNODC", "ILO", "OSCE"]);
const FOREIGN_LETTER = /[qwxy]/i;

function transliterateWord(word: string): string {
  if (KEEP_LATIN.has(word) || FOREIGN_LETTER.test(word)) return word;
  const split = splitPairs(word);
  let out = "";
  let i = 0;
  while (i < word.length) {
    const ch = word[i];
    const next = word[i + 1];
    if (next !== undefined && !split.has(i)) {
      const pair = (ch + next).toLowerCase();
      const cyr = DIGRAPH[pair];
      if (cyr !== undefined) {
        // "Lj" and "LJ" are both capital Љ; "lJ" is not a real spelling, treat as small.
        out += isUpper(ch) ? cyr.toUpperCase() : cyr;
        i += 2;
        continue;
      }
    }
    const lower = ch.toLowerCase();
    const cyr = SINGLE[lower];
    if (cyr === undefined) {
      out += ch;
    } else {
      out += isUpper(ch) ? cyr.toUpperCase() : cyr;
    }
    i += 1;
  }
  return out;
}

function transliterateSegment(text: string): string {
  let out = "";
  let word = "";
  for (const ch of text) {
    if (isLetter(ch)) {
      word += ch;
    } else {
      if (word) out += transliterateWord(word);
      word = "";
      out += ch;
    }
  }
  if (word) out += transliterateWord(word);
  return out;
}

/** Transliterates Serbian Latin text to Serbian Cyrillic, keeping `{placeholders}` as they are. */
export function latinToCyrillic(text: string): string {
  let out = "";
  let rest = text;
  const placeholder = /\{[^{}]*\}/;
  for (;;) {
    const m = placeholder.exec(rest);
    if (!m) {
      out += transliterateSegment(rest);
      return out;
    }
    out += transliterateSegment(rest.slice(0, m.index)) + m[0];
    rest = rest.slice(m.index + m[0].length);
  }
}
