/** The id of a new event, made from its date, place and title: short, readable, and free of words that carry no meaning. */
import { slugify } from "../format/text.ts";

/** Words that carry no meaning in a file name: articles, prepositions, conjunctions. Each also ends a phrase of the title. */
const SMALL_WORDS = new Set([
  "a", "an", "the", "of", "and", "or", "for", "on", "in", "at", "to", "by", "with", "from", "as", "into",
  "along", "among", "between", "under", "within", "towards", "toward", "against", "about", "through", "per", "via",
]);
const ORDINAL_WORDS = new Set([
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
  "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth",
]);
const TENS = new Set(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]);
/** `6th`, `21st`: a meeting's number says nothing of what it was about, and the date tells it from the others. */
const ORDINAL_FIGURE = /^\d+(?:st|nd|rd|th)$/;
/** Punctuation that ends a phrase of the title: a file name is never cut inside one. */
const PHRASE_END = /[,;:.!?()[\]{}"\u201C\u201D\u2013\u2014/|]+|\s-\s/;
/** File names (and so web addresses) of events stay at most this long. */
export const MAX_EVENT_ID = 60;
/** The longest id that `--id` may give: far above what reads well, below what a file system refuses. */
export const MAX_GIVEN_ID = 120;

/** `words` without each run of words that is `run` (`budapest`, `process`). */
function withoutRun(words: readonly string[], run: readonly string[]): string[] {
  if (run.length === 0) return [...words];
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (run.every((w, j) => words[i + j] === w)) i += run.length;
    else out.push(words[i++]!);
  }
  return out;
}

/**
 * The phrases of a title that carry its meaning, as slug words: split at
 * punctuation and at small words (which are left out), without ordinals
 * (`6th`, `sixth`, `twenty-first`) and without the names in `omit` (the
 * process's own name, the place, which the file name holds already).
 */
export function titlePhrases(title: string, omit: readonly string[] = []): string[][] {
  const runs = omit.map((name) => slugify(name).split("-").filter(Boolean)).filter((run) => run.length > 0);
  const phrases: string[][] = [];
  for (const part of title.split(PHRASE_END)) {
    let phrase: string[] = [];
    const words = slugify(part.replace(/['\u2019]/g, "")).split("-").filter(Boolean);
    words.forEach((word, i) => {
      if (SMALL_WORDS.has(word)) {
        phrases.push(phrase);
        phrase = [];
      } else if (!ORDINAL_FIGURE.test(word) && !ORDINAL_WORDS.has(word) && !(TENS.has(word) && ORDINAL_WORDS.has(words[i + 1] ?? ""))) phrase.push(word);
    });
    phrases.push(phrase);
  }
  return phrases.map((phrase) => runs.reduce(withoutRun, phrase)).filter((phrase) => phrase.length > 0);
}

/**
 * `<date>-<place>-<phrases of the title>`: the title's phrases that carry
 * meaning (titlePhrases), whole and in order, as many as fit in MAX_EVENT_ID
 * characters. A phrase is never cut: a cut one reads as another word (the
 * "Budapest Process" cut to "budapest", a place). `place` is the place's id,
 * or the name of a country named by its code; `omit` are names that say
 * nothing of the event, such as the process's own.
 */
export function eventId(date: string, place: string, title: string, omit: readonly string[] = []): string {
  const placeSlug = slugify(place);
  let id = `${date}-${placeSlug}`;
  for (const phrase of titlePhrases(title, [...omit, place])) {
    const longer = `${id}-${phrase.join("-")}`;
    if (longer.length > MAX_EVENT_ID) break;
    id = longer;
  }
  return id;
}
