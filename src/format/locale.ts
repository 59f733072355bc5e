/**
 * Dates, numbers and plural categories in the report's languages. English
 * keeps the forms the report has always printed (dates.ts, counts.ts); every
 * other language is written by the Unicode CLDR data that Intl carries, so
 * that a new language needs no code: `ru` gives "7–8 мая 2018 г." with the
 * genitive month, `ar` its month names. Digits are Latin in every language:
 * the figures are checked against the tables, and the report's fonts carry them.
 *
 * ICU's data changes between Node.js versions; the tests pin the strings of
 * the version the project runs on (Node 20.20, ICU 78).
 */
import { formatNumber } from "./counts.ts";
import { formatDateRange as formatEnglishRange, firstDay, type PartialDate } from "./dates.ts";

/** The report's working language, in which its data is written and its catalogue is complete. */
export const SOURCE_LANGUAGE = "en";

/** The plural category of a number in a language: `one`, `few`, `many`… (Intl.PluralRules). */
export type PluralCategory = Intl.LDMLPluralRule;

export interface LocaleFormats {
  /** The BCP 47 tag: `en`, `ru`, `ar`. */
  readonly lang: string;
  /** `1,200`; `1 200` (U+00A0) in Russian. */
  number(value: number): string;
  /** `7 May 2018`, `May 2018`, `2018`; `7 мая 2018 г.` */
  date(date: PartialDate): string;
  /** `7–8 May 2018`, `30 мая – 1 июня 2018 г.`: a date or a range, shared parts written once. */
  dateRange(start: PartialDate, end?: PartialDate): string;
  /** A date or a range without its year, which a chart's axis gives: `7–8 May`, `30 Nov – 1 Dec`, `May–Jun`; `7–8 мая`. */
  shortDateRange(start: PartialDate, end?: PartialDate): string;
  /** A month with its year, as a chart's label: `May 2018`, `май 2018 г.` */
  monthYear(year: number, month: number): string;
  /** A month's short name, for a chart's axis: `May`, `май`. */
  monthShort(year: number, month: number): string;
  plural(value: number): PluralCategory;
  /** A language's name, by its ISO 639-1 code: `Russian`; `русский`. Undefined for a code Intl does not name. */
  languageName(code: string): string | undefined;
  /** `1.2`, `1,2`: a number with `digits` decimals. */
  decimal(value: number, digits: number): string;
  /** `1, 2 and 5`; `1, 2 и 5`: a list as a sentence reads it. */
  list(items: readonly string[]): string;
}

const EN_DASH = "\u2013";

/** The name Intl gives a two-letter language code, if it has one of its own. */
function named(names: Intl.DisplayNames, code: string): string | undefined {
  if (!/^[a-z]{2}$/.test(code)) return undefined;
  const name = names.of(code);
  return name && name !== code ? name : undefined;
}

/** A calendar day as an instant at midnight UTC, formatted in UTC: never shifted by the machine's zone. */
const utc = (year: number, month = 1, day = 1) => new Date(Date.UTC(year, month - 1, day));

const DAY = { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } as const;
const MONTH = { month: "long", year: "numeric", timeZone: "UTC" } as const;
const MONTH_ALONE = { month: "long", timeZone: "UTC" } as const;
const MONTH_SHORT = { month: "short", timeZone: "UTC" } as const;
const DAY_SHORT = { day: "numeric", month: "short", timeZone: "UTC" } as const;
const YEAR = { year: "numeric", timeZone: "UTC" } as const;

// Joined from their parts: `format()` of V8 turns ICU's narrow no-break space (U+202F, before "г.") into a plain
// space, so that a date would break before "г."; the parts keep it, in single dates and ranges alike.
const joined = (parts: readonly Intl.DateTimeFormatPart[]) => parts.map((p) => p.value).join("");

function intlFormats(lang: string): LocaleFormats {
  const tag = `${lang}-u-nu-latn`;
  const number = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const plural = new Intl.PluralRules(lang);
  const day = new Intl.DateTimeFormat(tag, DAY);
  const month = new Intl.DateTimeFormat(tag, MONTH);
  const monthAlone = new Intl.DateTimeFormat(tag, MONTH_ALONE);
  const monthShort = new Intl.DateTimeFormat(tag, MONTH_SHORT);
  const dayShort = new Intl.DateTimeFormat(tag, DAY_SHORT);
  const year = new Intl.DateTimeFormat(tag, YEAR);
  const list = new Intl.ListFormat(tag, { type: "conjunction" });
  const languages = new Intl.DisplayNames(tag, { type: "language", fallback: "none" });
  const styleOf = (d: PartialDate) => (d.precision === "day" ? day : d.precision === "month" ? month : year);
  const at = (d: PartialDate) => utc(d.year, d.month, d.day);
  const single = (d: PartialDate) => joined(styleOf(d).formatToParts(at(d)));
  return {
    lang,
    number: (value) => number.format(value),
    date: single,
    dateRange(start, end) {
      if (!end || end.iso === start.iso) return single(start);
      if (start.precision === end.precision && start.precision !== "month") {
        // Days and years: CLDR's own range patterns ("7–8 мая 2018 г.", "30 мая – 1 июня 2018 г.").
        return joined(styleOf(start).formatRangeToParts(at(start), at(end)));
      }
      if (start.precision === "month" && end.precision === "month" && start.year === end.year) {
        // CLDR repeats the year in a range of months ("май 2016 г. – июнь 2016 г."); documents write it once.
        return `${joined(monthAlone.formatToParts(at(start)))}${EN_DASH}${single(end)}`;
      }
      return `${single(start)} ${EN_DASH} ${single(end)}`;
    },
    shortDateRange(start, end) {
      const short = (d: PartialDate) => (d.precision === "day" ? dayShort : monthShort);
      if (!end || end.iso === start.iso) return joined(short(start).formatToParts(at(start)));
      if (start.precision === end.precision) return joined(short(start).formatRangeToParts(at(start), at(end)));
      return `${joined(short(start).formatToParts(at(start)))} ${EN_DASH} ${joined(short(end).formatToParts(at(end)))}`;
    },
    monthYear: (y, m) => joined(month.formatToParts(utc(y, m))),
    monthShort: (y, m) => joined(monthShort.formatToParts(utc(y, m))),
    plural: (value) => plural.select(value),
    list: (items) => list.format(items),
    languageName: (code) => named(languages, code),
    decimal: (value, digits) => new Intl.NumberFormat(tag, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value),
  };
}

/** `7–8 May`, `30 Nov – 1 Dec`, `May`, `May–Jun`, as the report's timelines have always labelled them. */
function englishShortRange(start: PartialDate, end?: PartialDate): string {
  const a = firstDay(start);
  const one = (date: PartialDate) => firstDay(date).toFormat(date.precision === "day" ? "d LLL" : "LLL");
  if (!end || end.iso === start.iso) return one(start);
  const b = firstDay(end);
  if (start.precision === "day" && end.precision === "day" && a.hasSame(b, "month")) return `${a.toFormat("d")}${EN_DASH}${b.toFormat("d LLL")}`;
  if (start.precision === "month" && end.precision === "month") return `${a.toFormat("LLL")}${EN_DASH}${b.toFormat("LLL")}`;
  return `${one(start)} ${EN_DASH} ${one(end)}`;
}

const ENGLISH_PLURAL = new Intl.PluralRules("en");
const ENGLISH_LANGUAGES = new Intl.DisplayNames("en", { type: "language", fallback: "none" });
// British usage, as the report's English: no comma before "and".
const ENGLISH_LIST = new Intl.ListFormat("en-GB", { type: "conjunction" });

/** English as the report has always printed it (British forms, closed en dashes between single words). */
const ENGLISH: LocaleFormats = {
  lang: SOURCE_LANGUAGE,
  number: formatNumber,
  date: (date) => formatEnglishRange(date),
  dateRange: formatEnglishRange,
  shortDateRange: englishShortRange,
  monthYear: (y, m) => firstDay({ year: y, month: m, precision: "month" } as PartialDate).toFormat("LLLL yyyy"),
  monthShort: (y, m) => firstDay({ year: y, month: m, precision: "month" } as PartialDate).toFormat("LLL"),
  plural: (value) => ENGLISH_PLURAL.select(value),
  list: (items) => ENGLISH_LIST.format(items),
  languageName: (code) => named(ENGLISH_LANGUAGES, code),
  decimal: (value, digits) => value.toFixed(digits),
};

const cache = new Map<string, LocaleFormats>([[SOURCE_LANGUAGE, ENGLISH]]);

/** Whether Intl knows `lang` as a language tag (`ru`, `ar`, `pt-BR`); a misspelt tag is refused, not formatted as English. */
export function isLanguageTag(lang: string): boolean {
  try {
    return Intl.getCanonicalLocales(lang).length === 1 && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(lang);
  } catch {
    return false;
  }
}

/** The formats of a language, made once per build: creating Intl formatters is costly. */
export function localeFormats(lang: string): LocaleFormats {
  let found = cache.get(lang);
  if (!found) {
    if (!isLanguageTag(lang)) throw new Error(`"${lang}" is not a language tag such as "en" or "ru"`);
    found = intlFormats(lang);
    cache.set(lang, found);
  }
  return found;
}
