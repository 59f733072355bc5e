import { closest, distance } from "fastest-levenshtein";

/** The known word closest to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, known: Iterable<string>): string | undefined {
  const candidates = [...known];
  if (candidates.length === 0) return undefined;
  const best = closest(word.toLowerCase(), candidates);
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word.toLowerCase(), best) <= limit ? best : undefined;
}

/** ` did you mean "x"?`, or nothing. */
export function didYouMean(word: string, known: Iterable<string>): string {
  const best = suggest(word, known);
  return best === undefined ? "" : `, did you mean "${best}"?`;
}
