import { describe, expect, it } from "vitest";
import { reportPeriods, reportYearOf, reportYears, writtenEditions } from "../../../src/data/editions.ts";
import { partialDate } from "../../../src/format/dates.ts";
import { reportSchema } from "../../../src/data/contract/schema.ts";
import { writtenMapping } from "../../helpers/written.ts";

const period = (year: number, from: string, to: string) => ({ year, from: partialDate(from), to: partialDate(to) });

describe("reportYearOf", () => {
  const periods = [period(2019, "2018-07", "2019-06")];
  it("is the report_year written, else the edition whose period holds the date, else the date's year", () => {
    expect(reportYearOf({ date: partialDate("2018-09-01"), report_year: 2017 }, periods)).toBe(2017);
    expect(reportYearOf({ date: partialDate("2018-09-01") }, periods)).toBe(2019);
    expect(reportYearOf({ date: partialDate("2018-06-30") }, periods)).toBe(2018);
    expect(reportYearOf({ date: partialDate("2019-07") }, periods)).toBe(2019);
  });
});

describe("reportYears", () => {
  it("are the years with an activity held or an edition, once each, ascending", () => {
    expect(reportYears([{ reportYear: 2019 }, { reportYear: 2017, status: "held" }, { reportYear: 2019 }], undefined)).toEqual([2017, 2019]);
    expect(reportYears([], { 2016: { chair: "X" } })).toEqual([2016]);
  });

  it("are not made by planned or cancelled activities alone", () => {
    const events = [{ reportYear: 2019 }, { reportYear: 2020, status: "planned" as const }, { reportYear: 2021, status: "cancelled" as const }, { reportYear: 2022, status: "planned" as const }];
    expect(reportYears(events, undefined)).toEqual([2019]);
    // An edition makes the report of its year, whatever its activities.
    expect(reportYears(events, { 2022: {} })).toEqual([2019, 2022]);
  });
});

describe("reportPeriods", () => {
  it("are the editions with a period, by year", () => {
    expect(reportPeriods({ 2018: { chair: "X" }, 2019: { period: { from: partialDate("2018-07"), to: partialDate("2019-06") } } })).toEqual([period(2019, "2018-07", "2019-06")]);
    expect(reportPeriods(undefined)).toEqual([]);
  });
});

describe("writtenEditions", () => {
  it("keeps each edition's valid fields when report.yaml has errors, and only editions of a year written YYYY", () => {
    const file = writtenMapping("report.yaml", "title: 5\neditions:\n  2018:\n    chair: X\n    chiar: Y\n  18:\n    chair: Z\n", reportSchema);
    expect(file.fields?.editions).toBeUndefined();
    const editions = writtenEditions(file.fields, file.source?.value);
    expect(Object.getPrototypeOf(editions)).toBeNull();
    expect({ ...editions }).toEqual({ 2018: { chair: "X" } });
  });

  it("are the valid editions of a valid report.yaml, and undefined when there are none", () => {
    const file = writtenMapping("report.yaml", "organisation: O\nsecretariat: S\ntitle: T\neditions:\n  2018:\n    chair: X\n", reportSchema);
    expect({ ...writtenEditions(file.fields, file.source?.value) }).toEqual({ 2018: { chair: "X" } });
    expect(writtenEditions({}, { editions: [1] })).toBeUndefined();
    expect(writtenEditions(undefined, undefined)).toBeUndefined();
  });
});
