import { afterAll, describe, expect, it } from "vitest";
import { compareDates, formatDateRange, parsePartialDate, partialDate } from "../../../src/format/dates.ts";

const TABLE: [string, string | undefined, string][] = [
  ["2018-05-07", "2018-05-08", "7–8 May 2018"],
  ["2017-11-30", "2017-12-01", "30 November – 1 December 2017"],
  ["2017-12-28", "2018-01-02", "28 December 2017 – 2 January 2018"],
  ["2016-05-15", undefined, "15 May 2016"],
  ["2016-05", undefined, "May 2016"],
  ["2016", undefined, "2016"],
  ["2016-05-15", "2016-05-15", "15 May 2016"],
  ["2016-05", "2016-06", "May–June 2016"],
  ["2016-11", "2017-02", "November 2016 – February 2017"],
  ["2016", "2017", "2016–2017"],
  ["2018-05-07", "2018-06", "7 May 2018 – June 2018"],
  ["2018-01-01", undefined, "1 January 2018"],
  ["2018-12-31", undefined, "31 December 2018"],
];

const originalTz = process.env.TZ;
afterAll(() => {
  // The files of a worker share its process: the zone goes back as it was, unset if it was (an assigned undefined would be "undefined").
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe.each(["Pacific/Kiritimati", "America/Los_Angeles"])("formatDateRange under TZ=%s", (zone) => {
  it("formats every row of the table and never shifts a day", () => {
    process.env.TZ = zone;
    // The zone really is in effect: midnight UTC is another calendar day there.
    const hour = new Date("2018-05-07T00:00:00Z").getHours();
    expect(hour).toBe(zone === "Pacific/Kiritimati" ? 14 : 17);
    for (const [start, end, expected] of TABLE) {
      expect(formatDateRange(partialDate(start), end === undefined ? undefined : partialDate(end))).toBe(expected);
    }
  });
});

describe("parsePartialDate", () => {
  it("reads the three forms and their precision", () => {
    expect(parsePartialDate("2018-05-07")).toMatchObject({ ok: true, value: { year: 2018, month: 5, day: 7, precision: "day" } });
    expect(parsePartialDate("2018-05")).toMatchObject({ ok: true, value: { year: 2018, month: 5, precision: "month" } });
    expect(parsePartialDate("2018")).toMatchObject({ ok: true, value: { year: 2018, precision: "year" } });
    expect(parsePartialDate(2018)).toMatchObject({ ok: true, value: { iso: "2018", precision: "year" } });
  });

  it("rejects impossible dates and other forms", () => {
    expect(parsePartialDate("2018-02-30")).toEqual({ ok: false, message: "2018-02-30 is not a date in the calendar" });
    expect(parsePartialDate("2019-02-29").ok).toBe(false);
    expect(parsePartialDate("2020-02-29").ok).toBe(true);
    expect(parsePartialDate("2018-13").ok).toBe(false);
    expect(parsePartialDate("7 May 2018").ok).toBe(false);
    expect(parsePartialDate("2018-5-7").ok).toBe(false);
    expect(parsePartialDate(true).ok).toBe(false);
  });

  it("accepts only the years 1900 to 2999, which the build can print and read back", () => {
    expect(parsePartialDate("0999-06-01")).toEqual({ ok: false, message: "0999-06-01 is not in the years 1900 to 2999; check the year" });
    expect(parsePartialDate("0050")).toEqual({ ok: false, message: "0050 is not in the years 1900 to 2999; check the year" });
    expect(parsePartialDate(1899).ok).toBe(false);
    expect(parsePartialDate("3000-01").ok).toBe(false);
    expect(parsePartialDate("1900-01-01").ok).toBe(true);
    expect(parsePartialDate("2999-12-31").ok).toBe(true);
  });

  it("orders by first day, the more precise date first on a tie", () => {
    const dates = ["2018-05-07", "2018", "2018-05", "2017-12-31", "2018-05-01"].map(partialDate);
    expect(dates.sort(compareDates).map((d) => d.iso)).toEqual(["2017-12-31", "2018", "2018-05-01", "2018-05", "2018-05-07"]);
    expect(compareDates(partialDate("2018-01-01"), partialDate("2018"))).toBeLessThan(0);
  });
});
