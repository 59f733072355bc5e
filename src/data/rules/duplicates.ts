/**
 * Events entered twice: the same date, place and title (an error), or the same
 * date and place with a title that reads almost the same (a warning), as when
 * two editors each enter a meeting from a different source. Either inflates
 * the key figures.
 */
import { distance } from "fastest-levenshtein";

/** An event as the duplicate check sees it; `item` is the caller's, handed back in the results. */
export interface Entry<T> {
  readonly date: string;
  /** The place id, or undefined for an online meeting without one. */
  readonly place: string | undefined;
  readonly title: string;
  readonly item: T;
}

export interface Duplicates<T> {
  /** Groups of events with the same date, place and title (compared in lower case, spaces collapsed). */
  readonly exact: readonly (readonly T[])[];
  /** Pairs with the same date and place whose titles are near enough to be one event. */
  readonly near: readonly (readonly [T, T])[];
}

/** Words that say nothing about which meeting it was. */
const STOP_WORDS = new Set(["a", "an", "the", "of", "in", "on", "at", "for", "and", "to", "with", "by", "from", "its", "their"]);

export function normalisedTitle(title: string): string {
  return title.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** The words of a title that tell meetings apart: letters and digits only, no accents, no stop words, plurals as singulars. */
export function titleWords(title: string): string[] {
  const words = title.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u);
  const out = new Set<string>();
  for (const word of words) {
    if (word === "" || STOP_WORDS.has(word)) continue;
    out.add(word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word);
  }
  return [...out];
}

const sameWord = (a: string, b: string) => a === b || (a.length >= 5 && b.length >= 5 && distance(a, b) <= 1);

/**
 * How alike two titles are, from 0 to 1: the share of their words they have in
 * common (a word mistyped by one letter counts as the same). Titles whose
 * numbers differ ("session 2", "3rd meeting") are different events: 0.
 */
export function titleSimilarity(a: readonly string[], b: readonly string[]): number {
  const numbers = (words: readonly string[]) => words.filter((w) => /\d/.test(w)).sort().join(" ");
  if (a.length === 0 || b.length === 0 || numbers(a) !== numbers(b)) return 0;
  const unused = [...b];
  let shared = 0;
  for (const word of a) {
    const match = unused.findIndex((other) => sameWord(word, other));
    if (match >= 0) {
      shared++;
      unused.splice(match, 1);
    }
  }
  return shared / (a.length + b.length - shared);
}

/**
 * Titles at least this alike are one event. "Joint Working Group Meeting in
 * Sarajevo" and "Joint Working Group meeting, Sarajevo" are 1; two meetings
 * on other subjects ("Expert meeting on return and reintegration", "Expert
 * meeting on labour migration") share a third of their words.
 */
export const NEAR_DUPLICATE = 0.75;

/**
 * The duplicates among `entries`. Only events of the same date and place are
 * compared, so the work grows with the size of those groups (a few events),
 * not with the square of the whole data set.
 */
export function findDuplicates<T>(entries: Iterable<Entry<T>>): Duplicates<T> {
  const groups = new Map<string, Entry<T>[]>();
  for (const entry of entries) {
    const key = `${entry.date}\u0000${entry.place ?? ""}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const exact: T[][] = [];
  const near: [T, T][] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const byTitle = new Map<string, Entry<T>[]>();
    for (const entry of group) {
      const title = normalisedTitle(entry.title);
      byTitle.set(title, [...(byTitle.get(title) ?? []), entry]);
    }
    for (const same of byTitle.values()) if (same.length > 1) exact.push(same.map((e) => e.item));
    // One of each title: the copies of an exact duplicate are reported as such, not again as near ones.
    const distinct = [...byTitle.values()].map((same) => ({ item: same[0]!.item, words: titleWords(same[0]!.title) }));
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        if (titleSimilarity(distinct[i]!.words, distinct[j]!.words) >= NEAR_DUPLICATE) near.push([distinct[i]!.item, distinct[j]!.item]);
      }
    }
  }
  return { exact, near };
}
