/**
 * Soft hyphens (U+00AD) in the prose of rendered HTML, put in at build time:
 * the printing Chromium has no hyphenation dictionaries offline, so
 * `hyphens: auto` does nothing, while `hyphens: manual` breaks a line at a
 * soft hyphen and shows a hyphen only there. The points come from the TeX
 * patterns of the `hyphen` package, British English for English (the report
 * writes British English); a language without patterns gets none.
 */
import { createRequire } from "node:module";
import type { HyphenationFunctionSync } from "hyphen";

export const SOFT_HYPHEN = "\u00ad";

/** A word is hyphenated from this many letters on, and keeps at least this many on either side of a break: no "a-" or "-ed" at a line end. */
export const MIN_WORD = 6;
export const MIN_LEFT = 3;
export const MIN_RIGHT = 3;

// Each language's patterns are a CommonJS module in a folder (`hyphen/en-gb/index.js`), which an ES import cannot name; read on first use.
const require = createRequire(import.meta.url);
/** What each language's module exports (@types/hyphen's `hyphen/<lang>.d.ts`). */
interface HyphenModule {
  readonly hyphenateSync: HyphenationFunctionSync;
}
const PATTERNS: Readonly<Record<string, () => HyphenationFunctionSync>> = {
  en: () => (require("hyphen/en-gb") as HyphenModule).hyphenateSync,
  ru: () => (require("hyphen/ru") as HyphenModule).hyphenateSync,
};
const loaded = new Map<string, HyphenationFunctionSync | null>();

/** The hyphenation of a language (`en`, `en-GB`, `ru`), or null for one without patterns. */
function hyphenatorOf(lang: string): HyphenationFunctionSync | null {
  const primary = lang.toLowerCase().split(/[-_]/)[0]!;
  let found = loaded.get(primary);
  if (found === undefined) {
    found = Object.hasOwn(PATTERNS, primary) ? PATTERNS[primary]!() : null;
    loaded.set(primary, found);
  }
  return found;
}

/**
 * Words and texts already hyphenated, by language: a text is printed on several pages (an event's
 * summary on its page, its year's page and print page), and its words recur. Bounded, since the live
 * preview runs for hours.
 */
const MAX_CACHED = 50_000;
const cache = <V>(map: Map<string, V>, key: string, make: () => V): V => {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    if (map.size >= MAX_CACHED) map.clear();
    map.set(key, value);
  }
  return value;
};
const words = new Map<HyphenationFunctionSync, Map<string, string>>();
const texts = new Map<string, string>();

/** `organisation` → `organ·isa·tion` (each `·` a soft hyphen): one word of lower-case letters, with the breaks of its language that keep MIN_LEFT and MIN_RIGHT letters. */
function hyphenateWord(word: string, hyphenate: HyphenationFunctionSync): string {
  if (word.length < MIN_WORD) return word;
  let known = words.get(hyphenate);
  if (!known) words.set(hyphenate, (known = new Map<string, string>()));
  return cache(known, word, () => breakWord(word, hyphenate));
}

/**
 * An f and the letter after it that the report's serif draws as one ligature (ff, fi, fl, ft, …), also
 * across a soft hyphen: the PDF's text then has the two letters in one glyph, and a reader of it the word
 * cut there. No break is offered between them.
 */
const LIGATURE = /f[bfhijklt]/;

function breakWord(word: string, hyphenate: HyphenationFunctionSync): string {
  const pieces = hyphenate(word, { minWordLength: MIN_WORD }).split(SOFT_HYPHEN);
  let out = "";
  let at = 0;
  for (const [i, piece] of pieces.entries()) {
    if (i > 0 && at >= MIN_LEFT && word.length - at >= MIN_RIGHT && !LIGATURE.test(word.slice(at - 1, at + 1))) out += SOFT_HYPHEN;
    out += piece;
    at += piece.length;
  }
  return out;
}

/** Characters that make a run of text a name, code or address, never to be broken: digits, capitals, `@ / : _ . #`, an entity (`AT&amp;T`) or a soft hyphen already there. */
const UNBREAKABLE = /[\p{N}\p{Lu}\p{Lt}@/:_.#&;\u00ad]/u;
/** What may precede or follow a word within its run: punctuation, quotes, brackets, entities (`&quot;`). */
const EDGES = /^((?:&#?\w+;|[^\p{L}\p{M}\p{N}&])*)(.*?)((?:&#?\w+;|[^\p{L}\p{M}\p{N}&])*)$/su;

/**
 * A run of text between spaces, as it stands in HTML: `well-known` is hyphenated in its parts; a run
 * whose word holds a capital, a digit or a character of an address is left whole (`Türkiye`, `ICMPD`,
 * `2019`, `www.icmpd.org`, `info@icmpd.org`, `https://…`, `snake_case`, `#tag`), punctuation around it aside.
 */
function hyphenateRun(run: string, hyphenate: HyphenationFunctionSync): string {
  const [, before, core, after] = EDGES.exec(run)!;
  // `#tag`, `@name` and `/path` are codes too.
  if (core!.length < MIN_WORD || UNBREAKABLE.test(core!) || /[#@/]$/.test(before!)) return run;
  return before! + core!.replace(/[\p{L}\p{M}]+/gu, (word) => hyphenateWord(word, hyphenate)) + after!;
}

/** Elements whose text is no running prose: code, whose words are exact, headings, short and set large, scripts and styles. */
const SKIP = new Set(["code", "pre", "kbd", "samp", "var", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"]);

/**
 * The HTML with soft hyphens in the words of its text in language `lang` (the page's, given explicitly:
 * a build renders several languages), as markdown renders it: tags and their attributes (link
 * addresses among them) are left as they are, and so is the text of the elements in SKIP.
 */
export function hyphenateHtml(html: string, lang: string): string {
  const hyphenate = hyphenatorOf(lang);
  if (!hyphenate || html === "") return html;
  return cache(texts, `${lang}\n${html}`, () => hyphenateText(html, hyphenate));
}

function hyphenateText(html: string, hyphenate: HyphenationFunctionSync): string {
  const skipping: string[] = [];
  return html
    .split(/(<[^>]*>)/)
    .map((piece, i) => {
      if (i % 2 === 1) {
        const tag = /^<(\/?)([a-zA-Z][\w-]*)/.exec(piece);
        const name = tag?.[2]!.toLowerCase();
        if (name !== undefined && SKIP.has(name) && !piece.endsWith("/>")) {
          if (tag![1] === "") skipping.push(name);
          else if (skipping.includes(name)) skipping.splice(skipping.lastIndexOf(name), 1);
        }
        return piece;
      }
      return skipping.length > 0 ? piece : piece.replace(/[^\s<>]+/g, (run) => hyphenateRun(run, hyphenate));
    })
    .join("");
}

/** The text without its soft hyphens: what a reader types, searches for and copies. */
export const withoutSoftHyphens = (text: string): string => text.replaceAll(SOFT_HYPHEN, "");

/**
 * Lines of text as one running text, as a reader reads them on: a line that ends in a soft hyphen (its
 * last word hyphenated, as src/pdf/pdf-reading.ts reads a PDF) goes on into the next without it, other
 * lines are joined by a space; spaces made single.
 */
export function runningText(lines: readonly string[]): string {
  return lines
    .join("\n")
    .replace(/\u00ad\s*\n\s*/g, "")
    .replace(/\s+/g, " ")
    .trim();
}
