import { describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { buildSite } from "../../../src/report/model.ts";
import { ordinal, slugify } from "../../../src/format/text.ts";
import { compareDates, partialDate } from "../../../src/format/dates.ts";
import path from "node:path";
import { openData } from "../../../src/report/open-data.ts";
import { ROOT, SAMPLE_DATA } from "../../helpers/data.ts";

const { data } = await loadDataOrThrow(SAMPLE_DATA);
const site = buildSite(data);

describe("the site model of the sample data", () => {
  it("has one report per year with events, newest first", () => {
    expect(site.reports.map((r) => r.year)).toEqual([2019, 2018, 2017, 2016]);
    expect(site.reports[1]).toMatchObject({
      title: "Annual Activity Report 2018",
      url: "/2018/",
      pdfUrl: "/2018/budapest-process-activity-report-2018.pdf",
    });
  });

  it("writes datelines as official documents do", () => {
    const sarajevo = site.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    expect(sarajevo.dateline).toBe("Sarajevo, 7–8 May 2018");
    expect(sarajevo.url).toBe("/events/2018/2018-05-07-sarajevo-joint-working-group/");
    expect(sarajevo.place?.country).toEqual({ code: "BA", name: "Bosnia and Herzegovina", url: "/countries/ba/" });
    expect(sarajevo.figures.map((f) => f.text)).toEqual(["60 participants", "29 countries"]);
  });

  it("reports a joint meeting in full under its first strand and cross-references it under the others", () => {
    const chapters = site.reports.find((r) => r.year === 2018)!.chapters;
    expect(chapters.map((c) => [c.strand.id, c.events.length, c.crossReferences.length])).toEqual([
      ["silk-routes-working-group", 1, 0],
      ["south-east-europe-working-group", 0, 1],
    ]);
  });

  it("names the Senior Officials Meeting an edition is presented to", () => {
    const y2016 = site.reports.find((r) => r.year === 2016)!;
    expect(y2016.edition?.som).toEqual({ number: undefined, ordinal: undefined, place: "Antalya", placeId: "antalya", dateText: "15 December 2017", iso: "2017-12-15",
      name: "Senior Officials Meeting", text: "the Senior Officials Meeting, Antalya, 15 December 2017" });
    expect(y2016.edition?.chair).toBe("Türkiye");
  });

  it("builds one year only when asked", () => {
    const one = buildSite(data, { year: 2017 });
    expect(one.reports.map((r) => r.year)).toEqual([2017]);
    expect(one.events.every((e) => e.reportYear === 2017)).toBe(true);
  });
});

describe("an activity known only by its country (place: PK)", async () => {
  const full = buildSite((await loadDataOrThrow(path.join(ROOT, "tests/fixtures/full-data"))).data);
  const event = full.events.find((e) => e.id === "2019-03-pakistan-training-migrant-resource-centres")!;

  it("is dated by the country's name alone, never the name twice", () => {
    expect(event.dateline).toBe("Pakistan, March 2019");
    expect(event.place).toEqual({ kind: "country", id: "PK", name: "Pakistan", country: { code: "PK", name: "Pakistan", url: "/countries/pk/" } });
  });

  it("is on its country's page, and in the open data as a place of the kind country, without coordinates", () => {
    expect(full.hubs.find((h) => h.url === "/countries/pk/")?.events.map((e) => e.id)).toEqual([event.id]);
    const open = openData(full) as { version: number; events: { id: string; place: unknown }[] };
    expect(open.version).toBe(3);
    expect(open.events.find((e) => e.id === event.id)?.place).toEqual({ kind: "country", id: "PK", name: "Pakistan", country: "PK", lat: null, lon: null });
    expect(open.events.find((e) => e.id === "2019-02-20-pristina-training")?.place).toEqual({ kind: "place", id: "pristina", name: "Pristina", country: "XK", lat: 42.6629, lon: 21.1655 });
  });

  it("is among the year's places, for the map", () => {
    const report = full.reports.find((r) => r.year === 2019)!;
    expect(report.places.map((p) => `${p.place.kind} ${p.place.id}`)).toContain("country PK");
  });
});

describe("helpers", () => {
  it("ordinal", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map(ordinal)).toEqual(
      ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"],
    );
  });
  it("slugify", () => {
    expect(slugify("Budapest Process")).toBe("budapest-process");
    expect(slugify("Türkiye – Koç University!")).toBe("turkiye-koc-university");
  });
});

describe("a report's parts", () => {
  it("are one list in print order, from which the contents, the named pages and both bodies are made", () => {
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.parts.map((p) => [p.kind, p.id, p.number ?? "", p.header ?? "", p.page, p.listed, p.web, p.numbered].join(" | "))).toEqual([
      "cover | cover |  |  | cover | false | false | false",
      "imprint | imprint |  |  | imprint | false | false | false",
      "contents | contents |  | Contents | front-contents | false | true | false",
      "foreword | foreword |  |  | report | true | true | true",
      "summary | in-brief |  |  | report | true | true | true",
      "glance | at-a-glance |  |  | report | true | true | true",
      "goals | priority-goals |  |  | report | true | true | true",
      "chapter | strand-senior-officials-meeting | 1 |  | report | true | true | true",
      "chapter | strand-ministerial-process | 2 |  | report | true | true | true",
      "chapter | strand-silk-routes-working-group | 3 |  | report | true | true | true",
      "chapter | strand-silk-routes-partnership-project | 4 |  | report | true | true | true",
      "outlook | outlook |  |  | report | true | true | true",
      "chronology | annex-a | Annex A |  | report | true | true | true",
      "participants | annex-b | Annex B |  | report | true | true | true",
      "documents | annex-c | Annex C |  | report | true | true | true",
      "abbreviations | annex-d | Annex D |  | report | true | true | true",
    ]);
    const project = y2017.parts.find((p) => p.id === "strand-silk-routes-partnership-project")!;
    expect(project.sections.map((s) => `${s.number} ${s.title} #${s.id}`)).toEqual([
      "4.1 Training of Trainers on migration for officials of Afghanistan #event-2017-05-16-istanbul-training-of-trainers-afghanistan",
      "4.2 Training of Trainers on migration for officials of Iraq #event-2017-05-24-erbil-training-of-trainers-iraq",
    ]);
  });

  it("leave out the foreword of an edition that has none", () => {
    const y2018 = buildSite({ ...data, report: { ...data.report, editions: { ...data.report.editions, 2018: { chair: "Türkiye" } } } }).reports.find((r) => r.year === 2018)!;
    expect(y2018.parts.map((p) => p.kind)).toEqual(["cover", "imprint", "contents", "glance", "goals", "chapter", "chapter", "outlook", "chronology", "participants", "documents", "abbreviations"]);
  });
});

describe("the sentences a report says about itself", () => {
  it("are made once from the meeting it is presented to", () => {
    const y2016 = site.reports.find((r) => r.year === 2016)!;
    expect(y2016.presentedTo).toBe("Presented to the Senior Officials Meeting, Antalya, 15 December 2017.");
    expect(y2016.preparedBy).toBe("Prepared by the Budapest Process Secretariat for the Senior Officials Meeting, Antalya, 15 December 2017");
    expect(y2016.subject).toBe("Prepared for the Senior Officials Meeting, Antalya, 15 December 2017");
    expect(y2016.imprint.citation).toBe("Budapest Process Secretariat (2017), Annual Activity Report 2016, presented to the Senior Officials Meeting, Antalya, 15 December 2017.");
    expect(site.secretariatName).toBe("Budapest Process Secretariat");
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.presentedTo).toBeUndefined();
    expect(y2017.preparedBy).toBe("Prepared by the Budapest Process Secretariat");
    expect(y2017.subject).toBe("The activities of the Budapest Process in 2017");
  });

  it("name the meeting's number when the edition gives it", () => {
    const editions = { ...data.report.editions, 2016: { ...data.report.editions!["2016"]!, som: { ...data.report.editions!["2016"]!.som!, number: 15 } } };
    const y2016 = buildSite({ ...data, report: { ...data.report, editions } }).reports.find((r) => r.year === 2016)!;
    expect(y2016.presentedTo).toBe("Presented to the 15th Senior Officials Meeting, Antalya, 15 December 2017.");
  });
});

describe("progress against the priority goals", () => {
  const y2018 = () => site.reports.find((r) => r.year === 2018)!;

  it("lists each goal of the framework in force, with the activities that served it and the sections that report them", () => {
    const [progress, ...others] = y2018().goalsProgress;
    expect(others).toEqual([]);
    expect(progress!.framework).toMatchObject({ id: "istanbul-2013", years: "2013–2018" });
    expect(progress!.goals.map((g) => [g.goal.label, g.activities.map((a) => `${a.number} ${a.event.id}`)])).toEqual([
      ["Priority Goal 1", []], ["Priority Goal 2", []], ["Priority Goal 3", []],
      ["Priority Goal 4", ["1.1 2018-05-07-sarajevo-joint-working-group"]],
      ["Priority Goal 5", []], ["Priority Goal 6", []],
    ]);
  });

  it("counts by goal and chapter what the chapters report, each activity once in the row of those that served any goal", () => {
    const base = data.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    const copy = (id: string, changes: object) => ({ ...base, id, ...changes });
    const events = [
      base,
      copy("a", { goals: ["istanbul-2013-return", "istanbul-2013-integration"] }),
      copy("b", { goals: ["istanbul-2013-return"], strands: ["silk-routes-partnership-project"] }),
      copy("c", { goals: ["istanbul-2013-return"], status: "planned" as const }),
      copy("d", { goals: undefined }),
    ];
    const report = buildSite({ ...data, events }).reports.find((r) => r.year === 2018)!;
    const table = report.goalsProgress[0]!.byStrand;
    expect(table.strands.map((s) => `${s.number} ${s.id}`)).toEqual(["1 silk-routes-working-group", "2 south-east-europe-working-group", "3 silk-routes-partnership-project"]);
    expect(table.rows.map((r) => [r.goal.number, ...r.counts, r.total])).toEqual([[1, 0, 0, 0, 0], [2, 1, 0, 0, 1], [3, 0, 0, 0, 0], [4, 2, 0, 1, 3], [5, 0, 0, 0, 0], [6, 0, 0, 0, 0]]);
    expect([...table.served, table.servedTotal]).toEqual([2, 0, 1, 3]);
    // The table's totals are the chapters' own numbers of the activities listed under each goal.
    const goal4 = report.goalsProgress[0]!.goals[3]!;
    expect(goal4.activities.map((a) => a.number)).toEqual(report.chapters.flatMap((c) => c.events.filter((e) => e.goals.some((g) => g.id === "istanbul-2013-return") && e.status === "held").map((e) => report.numbers[e.id])));
  });

  it("are not part of a report when no framework is in force in its period", () => {
    const events = data.events.map((e) => ({ ...e, goals: e.goals?.filter((g) => !g.startsWith("istanbul-2013-")) }));
    const report = buildSite({ ...data, events, frameworks: data.frameworks.filter((f) => f.id !== "istanbul-2013") }).reports.find((r) => r.year === 2018)!;
    expect(report.goalsProgress).toEqual([]);
    expect(report.parts.map((p) => p.kind)).not.toContain("goals");
  });

  it("have a hub page for every goal, one with no activity included, and goal links on events", () => {
    const goals = site.hubIndexes.find((i) => i.kind === "goals")!;
    expect(goals.hubs).toHaveLength(18);
    const ret = goals.hubs.find((h) => h.id === "istanbul-2013-return")!;
    expect(ret).toMatchObject({ url: "/goals/istanbul-2013-return/", goal: { number: 4, label: "Priority Goal 4" } });
    expect(ret.events.map((e) => e.id)).toEqual(["2018-05-07-sarajevo-joint-working-group"]);
    expect(goals.hubs.find((h) => h.id === "istanbul-2013-legal-migration")!.events).toEqual([]);
    const sarajevo = site.events.find((e) => e.id === "2018-05-07-sarajevo-joint-working-group")!;
    expect(sarajevo.goals.map((g) => g.url)).toEqual(["/goals/istanbul-2013-return/"]);
  });
});

describe("the outlook, the documents adopted and drafts", () => {
  it("the outlook lists the planned activities of the year after the period, in date order, and nothing else", () => {
    const base = data.events.find((e) => e.id === "2019-02-19-istanbul-ministerial-conference")!;
    const at = (id: string, iso: string, status?: "planned" | "held" | "cancelled") => ({ ...base, id, date: partialDate(iso), status });
    const events = [...data.events, at("later", "2020-01-02", "planned"), at("earlier", "2019-01-10", "planned"), at("held", "2019-03-01", "held"), at("cancelled", "2019-04-01", "cancelled"), at("same-year", "2018-12-20", "planned")]
      .sort((a, b) => compareDates(a.date, b.date));
    const report = buildSite({ ...data, events }).reports.find((r) => r.year === 2018)!;
    expect(report.outlookEvents.map((e) => e.id)).toEqual(["earlier", "2019-02-19-istanbul-ministerial-conference"]);
  });

  it("Annex C lists exactly the documents the period's activities adopted", () => {
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.documentsAdopted.map((d) => [d.document.title, d.document.kindLabel, d.document.languages, d.number])).toEqual([
      ["Conclusions of the Senior Officials Meeting", "Conclusions", "English, Russian", "1.1"],
    ]);
    expect(site.reports.find((r) => r.year === 2018)!.documentsAdopted).toEqual([]);
  });

  it("a draft edition makes its report, its title and its events' pages drafts", () => {
    const y2019 = site.reports.find((r) => r.year === 2019)!;
    expect([y2019.draft, y2019.documentTitle]).toEqual([true, "DRAFT: Budapest Process: Annual Activity Report 2019"]);
    expect(site.events.filter((e) => e.draft).map((e) => e.reportYear)).toEqual([2019]);
    expect(site.reports.filter((r) => r.draft).map((r) => r.year)).toEqual([2019]);
  });

  it("a chapter carries the year's introduction and highlights, and a strand with only highlights still has its chapter", () => {
    const y2016 = site.reports.find((r) => r.year === 2016)!;
    const project = y2016.chapters.find((c) => c.strand.id === "silk-routes-partnership-project")!;
    expect(project.highlights).toMatch(/Migrant Resource Centres/);
    const onlyHighlights = buildSite({ ...data, events: data.events.filter((e) => !e.strands.includes("silk-routes-partnership-project")) }).reports.find((r) => r.year === 2016)!;
    expect(onlyHighlights.chapters.map((c) => c.strand.id)).toContain("silk-routes-partnership-project");
  });
});
