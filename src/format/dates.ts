import { DateTime } from "luxon";

/**
 * A calendar date as editors write it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
 * The form is the precision; nothing here ever touches a time zone, so a
 * date cannot shift with the machine it is formatted on.
 */
export type Precision = "day" | "month" | "year";

export interface PartialDate {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  readonly precision: Precision;
  /** The date exactly as written, also a valid HTML `datetime` value. */
  readonly iso: string;
  /** The first and the last day it can mean, as days since 1970-01-01: for fast comparisons. */
  readonly first: number;
  readonly last: number;
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a calendar date; `day` 0 is the last day of the month before. */
const epochDay = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / DAY_MS;

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * The years a date may fall in: far around any report, and within what the
 * build handles (Date.UTC reads years below 100 as 19xx; a year is printed and
 * parsed back with four digits).
 */
export const YEARS = { min: 1900, max: 2999 } as const;

/** Whether `year` is one a report may be for or a date may fall in. */
export const isReportYear = (year: number): boolean => Number.isInteger(year) && year >= YEARS.min && year <= YEARS.max;

/** A value read, or why not; `find`: the text of the value that the message is about, where the message should point. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; find?: { readonly text: string; readonly nth?: number } };

/** Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (a bare YAML number counts as a year). */
export function parsePartialDate(input: unknown): ParseResult<PartialDate> {
  const text = typeof input === "number" && Number.isInteger(input) ? String(input) : input;
  if (typeof text !== "string") {
    return { ok: false, message: "must be a date written YYYY-MM-DD, YYYY-MM or YYYY" };
  }
  const match = FORM.exec(text.trim());
  if (!match) {
    return { ok: false, message: `"${text}" must be written YYYY-MM-DD, YYYY-MM or YYYY` };
  }
  const year = Number(match[1]);
  if (!isReportYear(year)) {
    return { ok: false, message: `${text.trim()} is not in the years ${YEARS.min} to ${YEARS.max}; check the year` };
  }
  const month = match[2] === undefined ? undefined : Number(match[2]);
  const day = match[3] === undefined ? undefined : Number(match[3]);
  const daysInMonth = month === undefined ? 31 : epochDay(year, month + 1, 0) - epochDay(year, month, 0);
  if ((month !== undefined && (month < 1 || month > 12)) || (day !== undefined && (day < 1 || day > daysInMonth))) {
    return { ok: false, message: `${text.trim()} is not a date in the calendar` };
  }
  const precision: Precision = day !== undefined ? "day" : month !== undefined ? "month" : "year";
  const first = epochDay(year, month ?? 1, day ?? 1);
  const last = day !== undefined ? first : month !== undefined ? epochDay(year, month + 1, 0) : epochDay(year + 1, 1, 0);
  return { ok: true, value: { year, month, day, precision, iso: text.trim(), first, last } };
}

/** Like parsePartialDate, for values already known to be valid (tests, sample code). */
export function partialDate(text: string): PartialDate {
  const parsed = parsePartialDate(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

function toDateTime(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: "utc", locale: "en-GB" });
}

/** The first day a partial date can mean. */
export function firstDay(date: PartialDate): DateTime {
  return toDateTime(date.year, date.month ?? 1, date.day ?? 1);
}

/** The last day a partial date can mean. */
export function lastDay(date: PartialDate): DateTime {
  if (date.precision === "day") return firstDay(date);
  if (date.precision === "month") return firstDay(date).endOf("month").startOf("day");
  return toDateTime(date.year, 12, 31);
}

/** Orders by first day, then the more precise date first. */
export function compareDates(a: PartialDate, b: PartialDate): number {
  return a.first - b.first || a.last - b.last;
}

const EN_DASH = "\u2013";

function full(date: PartialDate): string {
  const dt = firstDay(date);
  if (date.precision === "day") return dt.toFormat("d LLLL yyyy");
  if (date.precision === "month") return dt.toFormat("LLLL yyyy");
  return dt.toFormat("yyyy");
}

/**
 * Formats a date or a range as official documents write it:
 * `7–8 May 2018`, `30 November – 1 December 2017`, `May 2016`, `2016`.
 * Shared trailing parts are written once; a range of single words takes a
 * closed en dash, a range of longer parts a spaced one.
 */
export function formatDateRange(start: PartialDate, end?: PartialDate): string {
  if (!end || (end.iso === start.iso)) return full(start);
  const a = firstDay(start);
  const b = firstDay(end);
  if (start.precision === "day" && end.precision === "day") {
    if (a.hasSame(b, "month")) return `${a.toFormat("d")}${EN_DASH}${b.toFormat("d LLLL yyyy")}`;
    if (a.hasSame(b, "year")) return `${a.toFormat("d LLLL")} ${EN_DASH} ${b.toFormat("d LLLL yyyy")}`;
  } else if (start.precision === "month" && end.precision === "month") {
    if (a.hasSame(b, "year")) return `${a.toFormat("LLLL")}${EN_DASH}${b.toFormat("LLLL yyyy")}`;
  } else if (start.precision === "year" && end.precision === "year") {
    return `${start.year}${EN_DASH}${end.year}`;
  }
  return `${full(start)} ${EN_DASH} ${full(end)}`;
}

/** `2018-05-07` → `7 May 2018`, for single dates such as meeting days. */
export function formatDate(date: PartialDate): string {
  return full(date);
}

/** Whether `inner` starts within the days from `from` to `to`, both included. */
export function within(inner: PartialDate, from: PartialDate, to: PartialDate): boolean {
  return inner.first >= from.first && inner.first <= to.last;
}
