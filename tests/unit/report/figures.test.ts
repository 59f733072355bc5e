import { describe, expect, it } from "vitest";
import type { EventRecord } from "../../../src/data/editions.ts";
import type { EventType, Strand } from "../../../src/data/contract/schema.ts";
import type { Count } from "../../../src/format/counts.ts";
import { partialDate } from "../../../src/format/dates.ts";
import { computeFigures, countOf, describeTotal, formatTotal, sumCounts } from "../../../src/report/figures.ts";

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
    expect(figures.participants).toMatchObject({ value: 60, precision: "exact", atLeast: false, reported: 1, of: 1, text: "60" });
    expect(figures.byStrand).toEqual([{ strand: strands[1], count: 1, joint: 1 }]);
    expect(figures.byType).toEqual([{ type: eventTypes[0], count: 1 }]);
  });

  it("says 'at least' when a figure was qualified or missing", () => {
    const events = [
      event({ strands: ["som"], participants: exact(40) }),
      event({ strands: ["som"], participants: over(75) }),
    ];
    expect(computeFigures(events, { strands, eventTypes }, YEAR).participants).toMatchObject({ value: 115, precision: "at least", atLeast: true, reported: 2, of: 2 });
    const withGap = [event({ strands: ["som"], participants: exact(40) }), event({ strands: ["som"] })];
    expect(computeFigures(withGap, { strands, eventTypes }, YEAR).participants).toMatchObject({ value: 40, precision: "at least", atLeast: true, reported: 1, of: 2 });
    const allExact = [event({ strands: ["som"], participants: exact(40) }), event({ strands: ["som"], participants: exact(2) })];
    expect(computeFigures(allExact, { strands, eventTypes }, YEAR).participants).toMatchObject({ value: 42, precision: "exact", atLeast: false, reported: 2, of: 2 });
  });

  it("counts trainings and trainees from types marked as training", () => {
    const events = [
      event({ strands: ["project"], type: "training", participants: exact(15), women: exact(3) }),
      event({ strands: ["project"], type: "training", participants: exact(22) }),
      event({ strands: ["som"], participants: exact(100), women: exact(47) }),
    ];
    const figures = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(figures.trainings).toBe(2);
    expect(figures.trainees).toMatchObject({ value: 37, precision: "exact", atLeast: false, reported: 2, of: 2 });
    expect(figures.women).toMatchObject({ value: 50, precision: "at least", atLeast: true, reported: 2, of: 3 });
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

describe("coverage: what part of the activities a total is from", () => {
  const key = (events: EventRecord[]) => computeFigures(events, { strands, eventTypes }, YEAR).key.map((k) => `${k.label}: ${k.value}${k.coverage ? `, ${k.coverage}` : ""}`);

  it("says from how many of the activities a total is, when some did not report the figure", () => {
    const events = [
      event({ strands: ["som"], type: "conference", countries: exact(46) }),
      event({ strands: ["som"], participants: exact(40), countries: exact(20) }),
      event({ strands: ["som"], participants: exact(30) }),
      event({ strands: ["som"], participants: exact(20) }),
      event({ strands: ["som"] }),
      event({ strands: ["som"] }),
    ];
    const figures = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(figures.participants).toMatchObject({ value: 90, reported: 3, of: 6, valueText: "at least 90", coverage: "from 3 of 6 activities", text: "at least 90, from 3 of 6 activities" });
    expect(key(events)).toEqual([
      "Activities held: 6",
      "Participants: at least 90, from 3 of 6 activities",
      "Delegations of states, counted once per meeting: at least 66, from 2 of 6 activities",
    ]);
    // Every activity reported it: the total stands alone.
    expect(key(events.slice(1, 4))[1]).toBe("Participants: 90");
  });

  it("says that trainings did not report their trainees, and from how many trainings the trainees are", () => {
    const none = [event({ strands: ["project"], type: "training" }), event({ strands: ["som"], participants: exact(50) })];
    expect(key(none)).toEqual(["Activities held: 2", "Participants: at least 50, from 1 of 2 activities", "Trainings: 1", "Trainees: not reported"]);
    const some = [event({ strands: ["project"], type: "training", participants: exact(22) }), event({ strands: ["project"], type: "training" })];
    expect(key(some).at(-1)).toBe("Trainees: at least 22, from 1 of 2 trainings");
  });

  it("gives the share of women with the activities it is over", () => {
    const events = [event({ strands: ["som"], participants: exact(20), women: exact(5) }), event({ strands: ["som"], participants: exact(10) })];
    expect(key(events).at(-1)).toBe("Women, where reported: 25%, from 1 of 2 activities");
  });

  it("says from how many activities a combined number of delegations is, without making it a lower bound", () => {
    const events = [event({ strands: ["som"], delegations: exact(41) }), event({ strands: ["som"], countries: exact(20) })];
    expect(computeFigures(events, { strands, eventTypes }, YEAR).delegations).toMatchObject({ value: 41, precision: "exact", text: "41, from 1 of 2 activities" });
  });

  it("is the same words for any total: nothing reported, all, some", () => {
    expect(describeTotal(sumCounts([undefined, undefined])).text).toBe("not reported");
    expect(describeTotal(sumCounts([over(75)])).text).toBe("at least 75");
    expect(describeTotal(sumCounts([exact(1), undefined])).text).toBe("at least 1, from 1 of 2 activities");
  });
});

describe("states and organisations that took part", () => {
  const figures = (events: EventRecord[]) => computeFigures(events, { strands, eventTypes }, YEAR);

  it("counts each state once in the year, beside the delegations summed over meetings", () => {
    const events = [
      event({ strands: ["som"], states: ["TR", "HU", "AF"] }),
      event({ strands: ["som"], states: ["TR", "PK"], countries: exact(2) }),
      event({ strands: ["som"], states: ["TR"], status: "planned" }),
    ];
    const f = figures(events);
    expect(f.states).toMatchObject({ value: 4, precision: "exact", reported: 2, of: 2, items: ["AF", "HU", "PK", "TR"], text: "4" });
    // The states an event names stand for its count when it gives none.
    expect(f.countries).toMatchObject({ value: 5, precision: "exact", text: "5" });
    expect(f.key.map((k) => k.id)).toEqual(["events", "states", "countries"]);
    expect(f.key.find((k) => k.id === "countries")!.label).toBe("Delegations of states, counted once per meeting");
  });

  it("is a lower bound when an activity names no states, or fewer than its count", () => {
    const unnamed = figures([event({ strands: ["som"], states: ["TR", "HU"] }), event({ strands: ["som"], countries: exact(40) })]);
    expect(unnamed.states).toMatchObject({ value: 2, precision: "at least", text: "at least 2, from 1 of 2 activities" });
    const fewer = figures([event({ strands: ["som"], states: ["TR", "HU"], countries: exact(40) })]);
    expect(fewer.states).toMatchObject({ value: 2, precision: "at least", text: "at least 2" });
    expect(fewer.countries.text).toBe("40");
  });

  it("counts the organisations named once, by name", () => {
    const f = figures([
      event({ strands: ["som"], participating_organisations: ["IOM", "UNHCR"], organisations: exact(2) }),
      event({ strands: ["som"], participating_organisations: ["IOM"] }),
    ]);
    expect(f.organisationsPresent).toMatchObject({ value: 2, precision: "exact", items: ["IOM", "UNHCR"] });
    expect(f.organisations.text).toBe("3");
    expect(f.key.map((k) => `${k.label}: ${k.value}`)).toEqual(["Activities held: 2", "Organisations that took part: 2", "Delegations of organisations, counted once per meeting: 3"]);
  });

  it("reads an event's count as written, else as the number it names", () => {
    const e = event({ strands: ["som"], states: ["TR", "HU"], participating_organisations: ["IOM"], organisations: { value: 5, qualifier: "about" } });
    expect([countOf(e, "countries"), countOf(e, "organisations"), countOf(e, "participants")]).toEqual([{ value: 2 }, { value: 5, qualifier: "about" }, undefined]);
  });
});

describe("the chronology's columns", () => {
  it("are the figures that some held activity states, each with its total and its coverage", () => {
    const events = [event({ strands: ["som"], participants: exact(10), women: exact(4) }), event({ strands: ["som"], participants: exact(5), states: ["TR"] })];
    const f = computeFigures(events, { strands, eventTypes }, YEAR);
    expect(f.columns.map((c) => [c.label, c.total.valueText, c.total.coverage])).toEqual([
      ["Participants", "15", undefined],
      ["State delegations", "at least 1", "from 1 of 2 activities"],
      ["Women", "at least 4", "from 1 of 2 activities"],
    ]);
    expect(f.columnsPartial).toBe(true);
  });
});

describe("sumCounts", () => {
  it("is exact only when every count is exact", () => {
    expect(sumCounts([])).toEqual({ value: 0, precision: "exact", atLeast: false, reported: 0, of: 0 });
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
