import type { ParseResult } from "./dates.ts";

/**
 * A participation figure as sources give it: `60`, or qualified as in
 * `over 75`, `more than 30`, `about 50`, `close to 40`, `at least 12`.
 */
export interface Count {
  readonly value: number;
  /** The qualifying words, lower case (`over`, `about`…); absent for an exact figure. */
  readonly qualifier?: string;
}

/** Qualifiers that make a figure a lower bound: the true number may be higher. */
const LOWER_BOUNDS = ["more than", "over", "at least"] as const;
/** Qualifiers that make a figure an approximation: the true number may be higher or lower. */
const APPROXIMATIONS = ["about", "around", "approximately", "some", "close to", "nearly", "almost"] as const;
export const QUALIFIERS = [...LOWER_BOUNDS, ...APPROXIMATIONS] as const;

/** What a figure says of the true number: exactly it, at least it, or about it. */
export type CountPrecision = "exact" | "lower bound" | "approximate";

export function precisionOf(count: Count): CountPrecision {
  if (count.qualifier === undefined) return "exact";
  return (LOWER_BOUNDS as readonly string[]).includes(count.qualifier) ? "lower bound" : "approximate";
}

const UNITS = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** `75`, `1,200`, `1 200`, or an English number word up to ninety-nine (`seventy-five`). */
function parseNumber(text: string): number | undefined {
  if (/^\d{1,3}(?:[, ]\d{3})+$|^\d+$/.test(text)) return Number(text.replace(/[, ]/g, ""));
  const unit = UNITS.indexOf(text);
  if (unit >= 0) return unit;
  const words = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(text);
  if (!words) return undefined;
  const tens = TENS.indexOf(words[1]!);
  if (tens < 2) return undefined;
  if (words[2] === undefined) return tens * 10;
  const rest = UNITS.indexOf(words[2]);
  return rest >= 1 && rest <= 9 ? tens * 10 + rest : undefined;
}

const HINT = 'write a whole number or a phrase such as "over 75" or "about 50"';

/** The largest count: far above any meeting's, low enough that totals stay exact and readable. */
export const MAX_COUNT = 1_000_000;

function tooLarge(shown: string): ParseResult<Count> {
  return { ok: false, message: `${shown} is more than ${formatNumber(MAX_COUNT)}, the most a count may be; check the figure` };
}

/** Parses a count field: a whole number, or a qualified number in words or digits. */
export function parseCount(input: unknown): ParseResult<Count> {
  if (typeof input === "number") {
    if (Number.isInteger(input) && input > MAX_COUNT) return tooLarge(String(input));
    if (Number.isInteger(input) && input >= 0) return { ok: true, value: { value: input } };
    return { ok: false, message: `${input} is not a count: ${HINT}` };
  }
  if (typeof input !== "string") return { ok: false, message: `is not a count: ${HINT}` };
  const text = input.trim().toLowerCase().replace(/\s+/g, " ");
  const plus = /^(.*?)\s*\+$/.exec(text);
  if (plus) {
    const value = parseNumber(plus[1]!);
    if (value !== undefined && value > MAX_COUNT) return tooLarge(`"${input}"`);
    if (value !== undefined) return { ok: true, value: { value, qualifier: "at least" } };
  }
  const qualifier = QUALIFIERS.find((q) => text.startsWith(`${q} `));
  const value = parseNumber(qualifier ? text.slice(qualifier.length + 1) : text);
  if (value === undefined) return { ok: false, message: `"${input}" is not a count: ${HINT}` };
  if (value > MAX_COUNT) return tooLarge(`"${input}"`);
  return { ok: true, value: qualifier ? { value, qualifier } : { value } };
}

/** `over 75`, `60`, `1,200`: the figure as a report prints it. */
export function formatCount(count: Count): string {
  const number = formatNumber(count.value);
  return count.qualifier ? `${count.qualifier} ${number}` : number;
}

// One formatter for the whole build: creating one per call is costly.
const NUMBER = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/** Thousands separated by commas, as in English-language UN and EU documents. */
export function formatNumber(value: number): string {
  return NUMBER.format(value);
}
