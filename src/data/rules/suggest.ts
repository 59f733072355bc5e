import { closest, distance } from "fastest-levenshtein";
// With the English names, by which a country written by its name is found.
import { isoCountries as countryCodes } from "../countries.ts";

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

/**
 * The ISO 3166-1 alpha-2 code meant by a country written another way: in
 * lower case (`bd`), as its alpha-3 (`BGD`) or numeric (`050`) code, or by its
 * English name (`Bangladesh`).
 */
export function alpha2Code(typed: string): string | undefined {
  const text = typed.trim();
  const code = countryCodes.toAlpha2(text.toUpperCase()) ?? countryCodes.getAlpha2Code(text, "en");
  return code !== undefined && code !== typed ? code : undefined;
}

/** ` did you mean "BD"?` for a country code written another way, or nothing. */
export function didYouMeanCountry(typed: unknown): string {
  const code = typeof typed === "string" ? alpha2Code(typed) : undefined;
  return code === undefined ? "" : `, did you mean "${code}"?`;
}
