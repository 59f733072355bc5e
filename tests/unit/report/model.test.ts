import { describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { buildSite } from "../../../src/report/model.ts";
import { pdfFileName } from "../../../src/report/urls.ts";
import { slugify } from "../../../src/format/text.ts";
import { english } from "../../../src/data/languages/catalogues.ts";
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
  it("ordinal, as the English catalogue writes it", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101].map((number) => english().t("meeting.ordinal", { number }))).toEqual(
      ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st"],
    );
  });
  it("slugify", () => {
    expect(slugify("Budapest Process")).toBe("budapest-process");
    expect(slugify("Türkiye – Koç University!")).toBe("turkiye-koc-university");
  });
  it("pdfFileName never begins with a hyphen or a dot, whatever the organisation's name is written in", () => {
    expect(pdfFileName("Budapest Process", 2019)).toBe("budapest-process-activity-report-2019.pdf");
    for (const name of ["Будапештский процесс", "عملية بودابست", "布达佩斯进程", "—", "", " ", "-rf", "--help", ".hidden", "…"]) {
      const file = pdfFileName(name, 2019);
      expect(file, name).toMatch(/^[a-z0-9][a-z0-9-]*-2019\.pdf$/);
    }
    expect(pdfFileName("Будапештский процесс", 2019)).toBe("activity-report-2019.pdf");
    expect(pdfFileName("-rf", 2019)).toBe("rf-activity-report-2019.pdf");
    const cyrillic = buildSite({ ...data, report: { ...data.report, organisation: "Будапештский процесс" } });
    expect(cyrillic.reports.map((r) => r.pdfUrl)).toContain("/2019/activity-report-2019.pdf");
  });
});

describe("a report's parts", () => {
  it("are one list in print order, from which the contents, the named pages and both bodies are made", () => {
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.parts.map((p) => [p.kind, p.id, p.number ?? "", p.header ?? "", p.page, p.listed, p.web, p.numbered].join(" | "))).toEqual([
      "cover | cover |  |  | cover | false | false | false",
      "imprint | imprint |  |  | imprint | false | false | false",
      "contents | contents |  | Contents | front-contents | false | true | false",
      "foreword | foreword |  |  | report | true | true | false",
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

describe("the date of a report", () => {
  const withEdition = (year: number, changes: object) => {
    const editions = { ...data.report.editions, [year]: { ...data.report.editions![String(year)]!, ...changes } };
    return buildSite({ ...data, report: { ...data.report, editions } }).reports.find((r) => r.year === year)!;
  };
  const ICMPD = "International Centre for Migration Policy Development (ICMPD)";

  it("is the edition's published, else the date of the meeting it is presented to", () => {
    const y2016 = site.reports.find((r) => r.year === 2016)!;
    expect(y2016.publication).toEqual({ iso: "2017-12-15", day: "2017-12-15", dateText: "15 December 2017", year: 2017 });
    expect([y2016.imprint.copyright, y2016.imprint.published]).toEqual([`© ${ICMPD}, 2017`, "Published 15 December 2017."]);
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect([y2017.publication?.dateText, y2017.imprint.copyright]).toEqual(["30 April 2018", `© ${ICMPD}, 2018`]);
    expect(withEdition(2016, { published: partialDate("2018-01-15") }).publication?.iso).toBe("2018-01-15");
  });

  it("is never guessed: with neither, the report has no date, its copyright no year and its citation none", () => {
    const undated = withEdition(2017, { published: undefined });
    expect(undated.publication).toBeUndefined();
    expect(undated.imprint).toMatchObject({ copyright: `© ${ICMPD}`, published: undefined, citation: "Budapest Process Secretariat, Annual Activity Report 2017." });
  });

  it("is known to the day or not at all for the PDF's metadata, and printed as precisely as written", () => {
    const month = withEdition(2017, { published: partialDate("2018-04") });
    expect(month.publication).toEqual({ iso: "2018-04", dateText: "April 2018", year: 2018 });
    expect(month.imprint.published).toBe("Published April 2018.");
  });

  it("comes with the document's reference where the edition gives one", () => {
    const both = withEdition(2016, { reference: "BP/SOM/2017/1" });
    expect(both.reference).toBe("BP/SOM/2017/1");
    expect(both.imprint.published).toBe("Published 15 December 2017 as document BP/SOM/2017/1.");
    expect(both.imprint.citation).toBe("Budapest Process Secretariat (2017), Annual Activity Report 2016, BP/SOM/2017/1, presented to the Senior Officials Meeting, Antalya, 15 December 2017.");
    expect(withEdition(2017, { published: undefined, reference: "BP/2018/2" }).imprint.published).toBe("Document BP/2018/2.");
    expect(site.reports.find((r) => r.year === 2017)!.reference).toBeUndefined();
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
    // The columns are named by the strands' short titles, or by their titles where they have none.
    expect(table.strands.map((s) => s.shortTitle)).toEqual(["Silk Routes Region", "South East Europe", "Partnership Project"]);
    const untitled = buildSite({ ...data, events, strands: data.strands.map(({ short_title: _, ...s }) => s) }).reports.find((r) => r.year === 2018)!;
    expect(untitled.goalsProgress[0]!.byStrand.strands.map((s) => s.shortTitle)).toEqual(["Silk Routes Region Working Group", "South East Europe Working Group", "Silk Routes Partnership Project"]);
    expect(table.rows.map((r) => [r.goal.number, ...r.counts, r.total])).toEqual([[1, 0, 0, 0, 0], [2, 1, 0, 0, 1], [3, 0, 0, 0, 0], [4, 2, 0, 1, 3], [5, 0, 0, 0, 0], [6, 0, 0, 0, 0]]);
    expect([...table.served, table.servedTotal]).toEqual([2, 0, 1, 3]);
    // The table's totals are the chapters' own numbers of the activities listed under each goal.
    const goal4 = report.goalsProgress[0]!.goals[3]!;
    expect(goal4.activities.map((a) => a.number)).toEqual(report.chapters.flatMap((c) => c.events.filter((e) => e.goals.some((g) => g.id === "istanbul-2013-return") && e.status === "held").map((e) => report.numbers[e.id])));
  });

  it("name a framework with its years once: after a title that does not carry them, not after one that does", () => {
    const named = (title: string, from = 2019, to = 2024) => {
      const framework = { ...data.frameworks[0]!, title, from, to };
      return buildSite({ ...data, frameworks: [framework] }).frameworks[0]!;
    };
    expect(named("Call for Action – a five-year plan 2019–2024")).toMatchObject({ name: "Call for Action – a five-year plan 2019–2024", years: "2019–2024", yearsAfterTitle: undefined });
    expect(named("Call for Action 2019-2024").name).toBe("Call for Action 2019-2024");
    expect(named("Call for Action 2019 – 2024").name).toBe("Call for Action 2019 – 2024");
    expect(named("Call for Action 2019–24").name).toBe("Call for Action 2019–24");
    expect(named("Declaration of 2019", 2019, 2019).name).toBe("Declaration of 2019");
    expect(named("Istanbul Ministerial Declaration")).toMatchObject({ name: "Istanbul Ministerial Declaration (2019–2024)", yearsAfterTitle: "2019–2024" });
    // Other years in the title are not its years in force.
    expect(named("Call for Action 2019–2020").name).toBe("Call for Action 2019–2020 (2019–2024)");
    expect(named("Plan 12019–2024").name).toBe("Plan 12019–2024 (2019–2024)");
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
  it("the outlook lists the planned activities after the period and before the next report's, in date order, and nothing else", () => {
    const base = data.events.find((e) => e.id === "2019-02-19-istanbul-ministerial-conference")!;
    const at = (id: string, iso: string, status?: "planned" | "held" | "cancelled") => ({ ...base, id, date: partialDate(iso), status });
    const events = [...data.events, at("later", "2020-01-02", "planned"), at("earlier", "2019-01-10", "planned"), at("held", "2019-03-01", "held"), at("cancelled", "2019-04-01", "cancelled"), at("same-year", "2018-12-20", "planned")]
      .sort((a, b) => compareDates(a.date, b.date));
    const report = buildSite({ ...data, events }).reports.find((r) => r.year === 2018)!;
    expect(report.outlookEvents.map((e) => e.id)).toEqual(["earlier", "2019-02-19-istanbul-ministerial-conference"]);
  });

  describe("a year of planned activities alone", () => {
    const base = data.events.find((e) => e.id === "2019-02-19-istanbul-ministerial-conference")!;
    const later = (id: string, iso: string, status: "planned" | "cancelled") => ({ ...base, id, date: partialDate(iso), end: undefined, status, reportYear: partialDate(iso).year });
    const events = [...data.events, later("next-year", "2020-03-10", "planned"), later("cancelled", "2020-05", "cancelled"), later("two-years-on", "2021", "planned")];
    const full = buildSite({ ...data, events });

    it("gets no report: its planned activities are in the outlook of the latest report before them, which their pages link to", () => {
      expect(full.reports.map((r) => r.year)).toEqual([2019, 2018, 2017, 2016]);
      expect(full.reports[0]!.outlookEvents.map((e) => e.id)).toEqual(["next-year", "two-years-on"]);
      expect(full.reports[1]!.outlookEvents.map((e) => e.id)).toEqual(["2019-02-19-istanbul-ministerial-conference"]);
      const view = (id: string) => full.events.find((e) => e.id === id)!;
      expect(view("next-year")).toMatchObject({ url: "/events/2020/next-year/", reportYear: 2020, hasPage: true, report: { year: 2019, url: "/2019/", entryUrl: "/2019/#outlook", outlook: true } });
      expect(view("cancelled").report).toBeUndefined();
      expect(view(base.id).report).toEqual({ year: 2019, url: "/2019/", entryUrl: `/2019/#event-${base.id}`, outlook: false });
      // The hubs count them under their year, which has no report to link to.
      const hub = full.hubs.find((h) => h.kind === "types" && h.id === base.type)!;
      expect(hub.byYear).toEqual([{ year: 2021, count: 1 }, { year: 2020, count: 2 }, { year: 2019, count: 1, url: "/2019/" }]);
    });

    it("gets a report once report.yaml has an edition for it, which then lists them in full", () => {
      const editions = { ...data.report.editions, 2020: { chair: "Türkiye" } };
      const site = buildSite({ ...data, report: { ...data.report, editions }, events });
      expect(site.reports.map((r) => r.year)).toEqual([2020, 2019, 2018, 2017, 2016]);
      expect(site.reports[0]!.events.map((e) => e.id)).toEqual(["next-year", "cancelled"]);
      expect(site.reports[0]!.outlookEvents.map((e) => e.id)).toEqual(["two-years-on"]);
      expect(site.reports[1]!.outlookEvents.map((e) => e.id)).toEqual(["next-year"]);
    });

    it("is listed by a one-year build's outlook as the full build's is, without links to the pages that build does not make", () => {
      const one = buildSite({ ...data, events }, { year: 2019 });
      expect(one.reports.map((r) => r.year)).toEqual([2019]);
      expect(one.reports[0]!.outlookEvents.map((e) => [e.id, e.hasPage])).toEqual([["next-year", false], ["two-years-on", false]]);
      expect(one.events.map((e) => [e.id, e.hasPage, e.report?.url])).toEqual([[base.id, true, "/2019/"]]);
      for (const hub of one.hubs) for (const row of hub.byYear) expect(row).toEqual({ year: 2019, count: row.count, url: "/2019/" });
      expect(buildSite({ ...data, events }, { year: 2020 }).reports).toEqual([]);
    });
  });

  it("Annex C lists exactly the documents the period's activities adopted", () => {
    const y2017 = site.reports.find((r) => r.year === 2017)!;
    expect(y2017.documentsAdopted.map((d) => [d.document.title, d.document.kindLabel, d.document.languages, d.number])).toEqual([
      ["Conclusions of the Senior Officials Meeting", "Conclusions", "English, Russian", "1.1"],
    ]);
    expect(site.reports.find((r) => r.year === 2018)!.documentsAdopted).toEqual([]);
  });

  it("a document says who adopted it as the data writes it, and invents no one where the data names no one", () => {
    const som = site.events.find((e) => e.id === "2017-12-15-antalya-senior-officials-meeting")!;
    expect(som.documents.map((d) => [d.title, d.adoptedBy, d.adoptedText])).toEqual([
      ["Conclusions of the Senior Officials Meeting", "the participating states present", "adopted by the participating states present"],
      ["Proposal for a five-year cooperation framework 2017–2021", undefined, undefined],
    ]);
    const record = data.events.find((e) => e.id === som.id)!;
    const events = data.events.map((e) => (e === record ? { ...e, documents: e.documents!.map((d) => ({ ...d, adopted_by: undefined })) } : e));
    const plain = buildSite({ ...data, events }).events.find((e) => e.id === som.id)!;
    expect(plain.documents.map((d) => [d.adoptedBy, d.adoptedText])).toEqual([[undefined, "adopted"], [undefined, undefined]]);
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
