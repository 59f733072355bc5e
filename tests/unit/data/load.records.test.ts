import { describe, expect, it } from "vitest";
import { eventRecords } from "../../../src/data/editions.ts";
import { partialDate } from "../../../src/format/dates.ts";
import { writtenEvent } from "../../helpers/written.ts";

const EVENT = "title: T\ntype: training\ndate: 2018-09-01\nplace: sarajevo\nstrands: [silk-routes]\nsummary: S.\n";

describe("eventRecords", () => {
  it("are the valid events, with their id, file and the report that covers them", () => {
    const periods = [{ year: 2019, from: partialDate("2018-07"), to: partialDate("2019-06") }];
    const records = eventRecords([
      writtenEvent("/data/events/a.yaml", EVENT),
      writtenEvent("/data/events/b.yaml", `${EVENT}particpants: 3\n`),
      writtenEvent("/data/events/c.yaml", `${EVENT}report_year: 2018\n`),
    ], periods);
    expect(records.map((e) => [e.id, e.file, e.reportYear])).toEqual([["a", "/data/events/a.yaml", 2019], ["c", "/data/events/c.yaml", 2018]]);
  });
});
