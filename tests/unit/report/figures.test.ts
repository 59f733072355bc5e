import { describe, expect, it } from "vitest";
import type { EventRecord } from "../../../src/data/load.ts";
import type { EventType, Strand } from "../../../src/data/schema.ts";
import type { Count } from "../../../src/format/counts.ts";
import { partialDate } from "../../../src/format/dates.ts";
import { computeFigures, formatTotal, sumCounts } from "../../../src/report/figures.ts";

const strands: Strand[] = [
  { id: "som", title: "Senior Officials Meeting", kind: "governance" },
  { id: "silk-routes", title: "Silk Routes", kind: "working-group" },
  { id: "see", title: "South East Europe", kind: "working-group" },
  { id: "project", title: "Project", kind: "project" },
];
const eventTypes: EventType[] = [
  { id: "meeting", label: "Meeting", plural: "Meetings" },
  { id: "training", label: "Training", plural: "Trainings", training: true },
  { id: "conference", label: "Conference", plural: "Conferences" },
];

let n = 0;
function event(fields: Partial<EventRecord> & { strands: string[] }): EventRecord {
  n += 1;
  return {
    id: `event-${n}`,
    file: `event-${n}.yaml`,
    title: `Event ${n}`,
    type: "meeting",
    date: partialDate("2018-05-07"),
    place: "sarajevo",
    summary: "x",
    reportYear: 2018,
    ...fields,
  };
}
const YEAR = { from: partialDate("2018"), to: partialDate("2018") };
const exact = (value: number): Count => ({ value });
const over = (value: number): Count => ({ value, qualifier: "over" });

describe("computeFigures", () => {
  it("counts a joint meeting once, under the strand that reports it in full", () => {
    const joint = event({ strands: ["silk-routes", "see"], participants: exact(60), countries: exact(29) });
    const figures = computeFigures([joint], { strands, eventTypes }, YEAR);
    expect(figures.events).toBe(1);
    expect(figures.participants).toEqual({ value: 60, precision: "exact", atLeast: false, reported: 1 });
    expect(figures.byStrand).toEqual([{ strand: strands[1], count: 1, joint: 1 }]);
    expect(figures.byType).toEqual([{ type: eventTypes[0], count: 1 }]);
  });

  it("says 'at least' when a figure was qualified or missing", () => {
    const events = [
      event({ strands: ["som"], participants: exact(40) }),
      event({ strands: ["som"], participants: over(75) }),
    ];
    expect(computeFigures(events, { strands, eventTypes }, YEAR).participants).toEqual({ value: 115, precision: "at least", atLeast: true, reported: 2 });
    const withGap = [event({ strands: ["som"], participants: exact(40) }), event({ strands: ["som"] })];
    expect(computeFigures(withGap, { strands, eventTypes }, YEAR).participants).toEqual({ value: 40, precision: "at least", atLeast: true, reported: 1 });
    const allExact = [event({ strands: ["som"], participants: exact(40) }), event({ strands: ["som"], participants: exact(2) })];
    expect(computeFigures(allExact, { strands, eventTypes }, YEAR).participants).toEqual({ value: 42, precision: "exact", atLeast: false, reported: 2 });
  });

  it("counts trainings and trainees from types marked as training", () => {
    const events = [
      event({ strands: ["project"], type: "training", participants: exact(15), women: exact(3) }),
      event({ strands: ["project"], type: "training", participants: exact(22) }),
      event({ strands: ["som"], participants: exact(100), women: exact(47) }),
    ];
    const figures = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(figures.trainings).toBe(2);
    expect(figures.trainees).toEqual({ value: 37, precision: "exact", atLeast: false, reported: 2 });
    expect(figures.women).toEqual({ value: 50, precision: "at least", atLeast: true, reported: 2 });
    expect(figures.womenShare).toBeCloseTo(50 / 115);
  });

  it("leaves planned and cancelled events out of the sums but counts them", () => {
    const events = [
      event({ strands: ["som"], participants: exact(10) }),
      event({ strands: ["som"], participants: exact(99), status: "planned" }),
      event({ strands: ["som"], participants: exact(99), status: "cancelled" }),
    ];
    const figures = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(figures).toMatchObject({ events: 1, planned: 1, cancelled: 1, participants: { value: 10, precision: "exact" } });
  });

  it("keeps the order of the reference files and leaves out empty rows", () => {
    const events = [
      event({ strands: ["project"], type: "training" }),
      event({ strands: ["som"], type: "conference" }),
      event({ strands: ["som"] }),
    ];
    const figures = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(figures.byType.map((r) => [r.type.id, r.count])).toEqual([["meeting", 1], ["training", 1], ["conference", 1]]);
    expect(figures.byStrand.map((r) => [r.strand.id, r.count])).toEqual([["som", 2], ["project", 1]]);
    expect(figures.womenShare).toBeUndefined();
  });
});

describe("sumCounts", () => {
  it("is exact only when every count is exact", () => {
    expect(sumCounts([])).toEqual({ value: 0, precision: "exact", atLeast: false, reported: 0 });
  });

  it("says what its parts say: exact, at least (a lower bound or a missing figure), about (an approximation), or both", () => {
    const of = (...counts: (Count | undefined)[]) => { const t = sumCounts(counts); return [t.value, t.precision, t.atLeast, formatTotal(t)]; };
    expect(of(exact(1), exact(1200))).toEqual([1201, "exact", false, "1,201"]);
    expect(of(exact(1), { value: 75, qualifier: "over" })).toEqual([76, "at least", true, "at least 76"]);
    expect(of(exact(1), { value: 30, qualifier: "more than" })).toEqual([31, "at least", true, "at least 31"]);
    expect(of(exact(1), { value: 12, qualifier: "at least" })).toEqual([13, "at least", true, "at least 13"]);
    expect(of(exact(1), undefined)).toEqual([1, "at least", true, "at least 1"]);
    expect(of(exact(1), { value: 50, qualifier: "about" })).toEqual([51, "about", false, "about 51"]);
    expect(of({ value: 40, qualifier: "close to" }, { value: 50, qualifier: "some" }, { value: 9, qualifier: "nearly" })).toEqual([99, "about", false, "about 99"]);
    expect(of({ value: 50, qualifier: "around" }, { value: 75, qualifier: "over" })).toEqual([125, "about or more", true, "about 125 or more"]);
    expect(of({ value: 50, qualifier: "approximately" }, undefined)).toEqual([50, "about or more", true, "about 50 or more"]);
  });
});
