import path from "node:path";
import { describe, expect, it } from "vitest";
import { duplicateEvents, eventNameProblems, eventProblems } from "../../../../src/data/rules/event-rules.ts";
import type { References } from "../../../../src/data/rules/references.ts";
import { placed, writtenEvent } from "../../../helpers/written.ts";

const REFERENCES: References = {
  strands: new Set(["silk-routes", "project"]),
  eventTypes: new Set(["training"]),
  topics: new Set(["labour-migration"]),
  places: { sarajevo: { name: "Sarajevo", country: "BA" } },
  countries: {},
};

const EVENT = "title: T\ntype: training\ndate: 2018-06-01\nplace: sarajevo\nstrands: [silk-routes]\nsummary: S.\n";
const problems = (text: string, references = REFERENCES) => eventProblems(writtenEvent("/data/events/e.yaml", text), references).map(placed);

describe("eventNameProblems", () => {
  it("wants each file name to be an id, used by one event file only", () => {
    const events = ["/data/events/2018/a.yaml", "/data/events/2018/Bad_Name.yaml", "/data/events/2019/a.yaml", "/data/events/2020/a.yaml"]
      .map((file) => writtenEvent(file, EVENT));
    expect(eventNameProblems(events, "/data").map((d) => `${d.file}:${placed(d)}`)).toEqual([
      `/data/events/2018/Bad_Name.yaml:1:1: the file name "Bad_Name" must be in lower case letters, digits and hyphens; it becomes the event's web address`,
      "/data/events/2019/a.yaml:1:1: another event file has the same name: events/2018/a.yaml",
      "/data/events/2020/a.yaml:1:1: another event file has the same name: events/2018/a.yaml",
    ]);
  });

  it("also checks the names of files that cannot be read", () => {
    expect(eventNameProblems([{ file: "/data/events/X.yaml", id: "X" }], "/data").map(placed)).toEqual([
      `1:1: the file name "X" must be in lower case letters, digits and hyphens; it becomes the event's web address`,
    ]);
  });
});

describe("eventProblems", () => {
  it("finds nothing in a valid event", () => {
    expect(problems(EVENT)).toEqual([]);
  });

  it("names the type, place, strands and topics that the reference files do not define", () => {
    expect(problems(EVENT.replace("training", "trainin").replace("place: sarajevo", "place: sarajvo").replace("[silk-routes]", "[silk-routes, silk-route, silk-routes]") + "topics: [labor-migration]\n")).toEqual([
      '2:7: unknown type "trainin", did you mean "training"?',
      '4:8: unknown place "sarajvo", did you mean "sarajevo"?',
      '5:24: unknown strand "silk-route", did you mean "silk-routes"?',
      '5:36: strand "silk-routes" is listed twice',
      '7:10: unknown topic "labor-migration", did you mean "labour-migration"?',
    ]);
  });

  it("does not check references to a reference file that cannot be read", () => {
    const unread: References = { countries: {} };
    expect(problems(EVENT.replace("training", "x").replace("sarajevo", "y").replace("silk-routes", "z"), unread)).toEqual([]);
  });

  it("wants a place, or online: true; a place of the wrong type has its own error", () => {
    const without = EVENT.replace("place: sarajevo\n", "");
    expect(problems(without)).toEqual(['1:1: missing required field "place" (or write online: true for a virtual meeting)']);
    expect(problems(`${without}online: true\n`)).toEqual([]);
    expect(problems(EVENT.replace("place: sarajevo", "place: 5"))).toEqual([]);
  });

  it("compares the dates and the counts", () => {
    expect(problems(`${EVENT}end: 2018-05-31\nparticipants: 10\nwomen: 11\ncountries: over 12\nreport_year: 2020\n`)).toEqual([
      "7:6: end 2018-05-31 is before date 2018-06-01",
      "9:8: warning: women (11) is more than participants (10)",
      "10:12: warning: countries (12) is more than participants (10)",
      "11:14: warning: report_year 2020 is more than a year away from the date 2018-06-01",
    ]);
  });

  it("checks the valid fields of an event with other errors, and nothing of a file that is not a mapping", () => {
    expect(problems(`${EVENT.replace("training", "trainin")}particpants: 3\n`)).toEqual(['2:7: unknown type "trainin", did you mean "training"?']);
    expect(problems("- a\n- list\n")).toEqual([]);
  });
});

describe("duplicateEvents", () => {
  const at = (name: string, text: string) => writtenEvent(`/data/events/2018/${name}.yaml`, text);

  it("is an error on each exact copy naming the others, and a warning on both of two near ones", () => {
    const events = [
      at("a", EVENT),
      at("b", EVENT.replace("title: T", "title: t")),
      at("c", EVENT.replace("title: T", "title: Joint Working Group Meeting")),
      at("d", EVENT.replace("title: T", "title: Joint Working Group meeting, Sarajevo")),
      at("e", EVENT.replace("2018-06-01", "2018-06-02")),
    ];
    expect(duplicateEvents(events, "/data").map((d) => `${path.basename(d.file)}:${placed(d)}`)).toEqual([
      "a.yaml:1:8: same date, place and title as events/2018/b.yaml; is this event entered twice?",
      "b.yaml:1:8: same date, place and title as events/2018/a.yaml; is this event entered twice?",
      'c.yaml:1:8: warning: same date and place as events/2018/d.yaml, whose title reads almost the same ("Joint Working Group meeting, Sarajevo"); is this event entered twice?',
      'd.yaml:1:8: warning: same date and place as events/2018/c.yaml, whose title reads almost the same ("Joint Working Group Meeting"); is this event entered twice?',
    ]);
  });

  it("compares online meetings without a place, but not events whose place is written wrong", () => {
    const online = EVENT.replace("place: sarajevo", "online: true");
    expect(duplicateEvents([at("a", online), at("b", online)], "/data")).toHaveLength(2);
    const wrong = EVENT.replace("place: sarajevo", "place: [x]");
    expect(duplicateEvents([at("a", wrong), at("b", wrong)], "/data")).toEqual([]);
  });
});

describe("a document adopted without a version", () => {
  const withDocument = (adopted: boolean, versions: string) =>
    `${EVENT}documents:\n  - title: Conclusions\n    kind: conclusions\n    adopted: ${adopted}\n    versions: ${versions}\n`;

  it("is warned of, as a warning readers would see, when adopted and naming no language", () => {
    const [warning, ...rest] = eventProblems(writtenEvent("/data/events/e.yaml", withDocument(true, "{}")), REFERENCES);
    expect(rest).toEqual([]);
    expect(placed(warning!)).toBe("11:5: warning: the document is adopted but versions names no language it exists in: add one per language (en: with its link, or with nothing when it has none)");
    expect(warning!.about).toEqual({ kind: "unversioned-document" });
  });

  it("is not warned of with a language, even without a link, nor when not adopted", () => {
    expect(problems(withDocument(true, "{en: }"))).toEqual([]);
    expect(problems(withDocument(false, "{}"))).toEqual([]);
  });
});
