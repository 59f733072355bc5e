import { describe, expect, it } from "vitest";
import { partialDate } from "../../../src/format/dates.ts";
import { isLanguageTag, localeFormats } from "../../../src/format/locale.ts";

// Exact strings of Node 20.20 (ICU 78). U+202F is the narrow no-break space CLDR puts before "г."; U+00A0 the no-break
// space of Russian thousands.
const NNBSP = "\u202F";
const NBSP = "\u00A0";

const range = (lang: string, start: string, end?: string) =>
  localeFormats(lang).dateRange(partialDate(start), end === undefined ? undefined : partialDate(end));

describe("dates in Russian", () => {
  it.each([
    ["2018-05-07", "2018-05-08", `7–8 мая 2018${NNBSP}г.`],
    ["2018-05-30", "2018-06-01", `30 мая – 1 июня 2018${NNBSP}г.`],
    ["2017-12-28", "2018-01-02", `28 декабря 2017${NNBSP}г. – 2 января 2018${NNBSP}г.`],
    ["2016-05-15", undefined, `15 мая 2016${NNBSP}г.`],
    ["2016-05-15", "2016-05-15", `15 мая 2016${NNBSP}г.`],
    ["2016-05", undefined, `май 2016${NNBSP}г.`],
    ["2016-05", "2016-06", `май–июнь 2016${NNBSP}г.`],
    ["2016-11", "2017-02", `ноябрь 2016${NNBSP}г. – февраль 2017${NNBSP}г.`],
    ["2016", undefined, "2016"],
    ["2016", "2017", "2016–2017"],
    ["2018-05-07", "2018-06", `7 мая 2018${NNBSP}г. – июнь 2018${NNBSP}г.`],
  ])("%s to %s is %j", (start, end, expected) => {
    expect(range("ru", start, end)).toBe(expected);
  });

  it("names months for charts in the nominative", () => {
    expect(localeFormats("ru").monthYear(2018, 5)).toBe(`май 2018${NNBSP}г.`);
    expect(localeFormats("ru").monthShort(2018, 5)).toBe("май");
  });
});

describe("dates in Arabic", () => {
  it.each([
    ["2018-05-07", "2018-05-08", "7–8 مايو 2018"],
    ["2018-05-30", "2018-06-01", "30 مايو – 1 يونيو 2018"],
    ["2017-12-28", "2018-01-02", "28 ديسمبر 2017 – 2 يناير 2018"],
    ["2016-05", undefined, "مايو 2016"],
    ["2016-05", "2016-06", "مايو–يونيو 2016"],
    ["2016", "2017", "2016–2017"],
  ])("%s to %s is %j, in Latin digits", (start, end, expected) => {
    expect(range("ar", start, end)).toBe(expected);
  });
});

describe("dates in English", () => {
  it("are those the report has always printed", () => {
    expect(range("en", "2018-05-07", "2018-05-08")).toBe("7–8 May 2018");
    expect(range("en", "2017-11-30", "2017-12-01")).toBe("30 November – 1 December 2017");
    expect(range("en", "2016-05", "2016-06")).toBe("May–June 2016");
    expect(localeFormats("en").date(partialDate("2016-05"))).toBe("May 2016");
    expect(localeFormats("en").monthYear(2018, 5)).toBe("May 2018");
    expect(localeFormats("en").monthShort(2018, 9)).toBe("Sept");
  });
});

describe("numbers", () => {
  it.each([
    ["en", 1234567, "1,234,567"],
    ["en", 999, "999"],
    ["ru", 1234567, `1${NBSP}234${NBSP}567`],
    ["ru", 1200, `1${NBSP}200`],
    ["ar", 1234567, "1,234,567"],
    ["ar", 75, "75"],
  ])("%s writes %d as %j", (lang, value, expected) => {
    expect(localeFormats(lang).number(value)).toBe(expected);
  });
});

describe("plural categories", () => {
  it.each([
    ["ru", [1, 2, 5, 11, 21, 22, 25, 101, 111], ["one", "few", "many", "many", "one", "few", "many", "one", "many"]],
    ["en", [0, 1, 2, 21], ["other", "one", "other", "other"]],
    ["ar", [0, 1, 2, 3, 11, 100], ["zero", "one", "two", "few", "many", "other"]],
  ] as const)("%s", (lang, values, categories) => {
    expect(values.map((n) => localeFormats(lang).plural(n))).toEqual(categories);
  });
});

describe("language tags", () => {
  it("accepts tags and refuses what is not one", () => {
    expect(isLanguageTag("ru")).toBe(true);
    expect(isLanguageTag("pt-BR")).toBe(true);
    expect(isLanguageTag("russian")).toBe(false);
    expect(isLanguageTag("r")).toBe(false);
    expect(isLanguageTag("en_GB")).toBe(false);
    expect(() => localeFormats("xx yy")).toThrow(/not a language tag/);
  });
});

describe("lists", () => {
  it("join as each language's sentences do", () => {
    expect(localeFormats("en").list(["1", "2", "5"])).toBe("1, 2 and 5");
    expect(localeFormats("en").list(["1", "2"])).toBe("1 and 2");
    expect(localeFormats("ru").list(["1", "2", "5"])).toBe("1, 2 и 5");
    expect(localeFormats("ar").list(["1", "2", "5"])).toBe("1 و2 و5");
  });
});

describe("language names", () => {
  it("are in the report's language", () => {
    expect(localeFormats("en").languageName("ru")).toBe("Russian");
    expect(localeFormats("ru").languageName("en")).toBe("английский");
    expect(localeFormats("ar").languageName("ru")).toBe("الروسية");
    expect(localeFormats("ru").languageName("qq")).toBeUndefined();
  });
});
