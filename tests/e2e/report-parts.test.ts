/**
 * The parts a governing body reads, in the sample's PDFs and year pages: the
 * priority goals, the outlook, the documents adopted, a draft; figures that
 * agree between the body, the goals table and the chronology; and a year of
 * few activities in few, well-filled pages.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { runningText, withoutSoftHyphens } from "../../src/format/hyphens.ts";
import { usesAbbreviation } from "../../src/report/abbreviations.ts";
import { buildSite, type ReportView, type SiteModel } from "../../src/report/model.ts";
import { SAMPLE_DATA } from "../helpers/data.ts";
import { builtSite } from "../helpers/sites.ts";
import { openPdf, pageFill, pdfLines, pdfPages } from "../helpers/pdf.ts";

const { dir } = builtSite("sample");
const pdfOf = (year: number) => path.join(dir, String(year), `budapest-process-activity-report-${year}.pdf`);

let site: SiteModel;
const report = (year: number): ReportView => site.reports.find((r) => r.year === year)!;
beforeAll(async () => {
  site = buildSite((await loadDataOrThrow(SAMPLE_DATA)).data);
});

/** A page's text as one line, spaces made single and words hyphenated at a line's end whole: the PDF breaks lines where the page does. */
const flat = (lines: readonly string[]) => runningText(lines).replace(/ ([:,.)])/g, "$1");

/** The text of the PDF from one heading to the next (or to the end), as one line. */
function between(pages: readonly (readonly string[])[], from: string, to?: string): string {
  const all = pages.flatMap((page) => page.filter((l) => !/^Page \d+ of \d+$/.test(l) && !/^Budapest Process/.test(l)));
  const start = all.indexOf(from);
  expect(start, from).toBeGreaterThanOrEqual(0);
  const end = to === undefined ? all.length : all.indexOf(to, start + 1);
  expect(end, to).toBeGreaterThan(start);
  return flat(all.slice(start + 1, end));
}

describe("a year of five activities (2017)", () => {
  it("prints in at most 10 pages, none more than two-thirds empty but the cover, the imprint and the last", async () => {
    const fill = await pageFill(pdfOf(2017));
    // 9 before the key figures said from how many activities each is, Annex A had a column for each, and Annex B the states that took part.
    expect(fill.length).toBeLessThanOrEqual(10);
    fill.slice(2, -1).forEach((used, i) => expect(used, `page ${i + 3} is ${Math.round((1 - used) * 100)} % empty`).toBeGreaterThanOrEqual(1 / 3));
  });

  it("lists every part in the contents, in the model's order, each on the page where its heading is", async () => {
    const lines = await pdfLines(pdfOf(2017));
    const contents = lines[2]!;
    const listed = report(2017).parts.filter((p) => p.listed);
    const entries = contents.filter((l) => listed.some((p) => l.startsWith(`${p.number ? `${p.number} ` : ""}${p.title} `)));
    expect(entries.map((l) => l.replace(/ \d+$/, ""))).toEqual(listed.map((p) => `${p.number ? `${p.number} ` : ""}${p.title}`));
    for (const entry of entries) {
      const [, title, page] = /^(.*) (\d+)$/.exec(entry)!;
      expect(lines[Number(page) - 1], entry).toContain(title);
    }
  });

  it("breaks long words of its prose at a line's end with a hyphen, each read whole as the web page prints it, and no soft hyphen elsewhere", async () => {
    const web = withoutSoftHyphens(await readFile(path.join(dir, "2017/index.html"), "utf8"));
    /** The words broken at a line's end, each whole; and that no line holds a soft hyphen but at its end. */
    const brokenWords = (pages: readonly (readonly string[])[]) => {
      const lines = pages.flat().map((l) => l.trim()).filter((l) => l !== "" && !/^Page \d+ of \d+$/.test(l) && !/^Budapest Process/.test(l));
      expect(lines.filter((l) => l.slice(0, -1).includes("\u00ad"))).toEqual([]);
      return lines.flatMap((line, i) => (line.endsWith("\u00ad") ? [(line.split(" ").at(-1)!.slice(0, -1) + lines[i + 1]!.split(" ")[0]!).replace(/[.,;:)]+$/, "")] : []));
    };
    // As pdf.js reads the text, and the tests and the release check with it.
    const broken = brokenWords(await pdfLines(pdfOf(2017)));
    expect(broken.length).toBeGreaterThan(0);
    for (const word of broken) expect(web).toContain(word);
    // As a viewer that reads the PDF's ActualText copies it (poppler's): the same words, whole.
    const copied = (await promisify(execFile)("pdftotext", ["-layout", pdfOf(2017), "-"])).stdout;
    expect(brokenWords([copied.split("\n").map((l) => l.replace(/\s+/g, " "))])).toEqual(broken);
    expect(copied.replace(/[ \t]+/g, " ")).toContain("The year 2017 saw the first preparations");
  });

  it("lists under each priority goal the activities that served it, with the section that reports them", async () => {
    const lines = await pdfLines(pdfOf(2017));
    const goals = between(lines, "Progress against the priority goals", "1 Senior Officials Meeting");
    const [progress] = report(2017).goalsProgress;
    for (const [i, { goal, activities }] of progress!.goals.entries()) {
      const next = progress!.goals[i + 1];
      const start = goals.indexOf(`${goal.label}: ${goal.title}`);
      expect(start, goal.label).toBeGreaterThanOrEqual(0);
      const under = goals.slice(start, next ? goals.indexOf(`${next.goal.label}: ${next.goal.title}`) : goals.indexOf("Activities held in 2017 by priority goal"));
      if (activities.length === 0) expect(under).toContain("No activity of 2017 addressed this goal.");
      for (const { event, number } of activities) {
        expect(under).toContain(`${event.dateline}: ${event.title}, section ${number}`);
        // The section named is the one that reports the activity.
        expect(flat(lines.flat())).toContain(`${number} ${event.title}`);
      }
    }
    expect(progress!.goals.find((g) => g.goal.id === "istanbul-2013-international-protection")!.activities.map((a) => a.number)).toEqual(["2.1"]);
  });

  it("agrees with itself: the goals table, the chapters and Annex A", async () => {
    const lines = await pdfLines(pdfOf(2017));
    const r = report(2017);
    const table = between(lines, "Activities held in 2017 by priority goal and chapter", "1 Senior Officials Meeting");
    // The columns are named by the strands' short titles (which wrap, word by word), not by chapter numbers.
    const head = table.slice(0, table.indexOf("1. "));
    expect(head).not.toMatch(/Ch\. \d/);
    for (const strand of r.goalsProgress[0]!.byStrand.strands) for (const word of strand.shortTitle.split(" ")) expect(head, strand.shortTitle).toContain(word);
    expect(r.goalsProgress[0]!.byStrand.strands.map((s) => s.shortTitle)).toEqual(["Senior Officials", "Ministerial", "Silk Routes Region", "Partnership Project"]);
    // Each goal's row: its counts by chapter, then its total, as many as the activities listed under it; none is a dash, never 0.
    expect(table).not.toMatch(/ 0 /);
    for (const { goal, activities } of r.goalsProgress[0]!.goals) {
      const row = new RegExp(`${goal.number}\\. ${goal.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ((?:(?:\\d+|—) )+)`).exec(table)!;
      const counts = row[1]!.trim().split(" ").map((n) => (n === "—" ? 0 : Number(n)));
      expect(counts.at(-1), goal.label).toBe(activities.length);
      expect(counts.slice(0, -1).reduce((a, b) => a + b, 0), goal.label).toBe(activities.length);
      for (const [c, chapter] of r.chapters.entries()) {
        expect(counts[c], `${goal.label}, chapter ${chapter.number}`).toBe(activities.filter((a) => a.number.startsWith(`${chapter.number}.`)).length);
      }
    }
    // Annex A lists every activity the chapters report, and its total is the key figures'.
    const annex = between(lines, "Annex A Chronology of activities", "Annex B Participating states and organisations");
    const sections = r.chapters.flatMap((c) => c.events);
    // A table's cells wrap, and the text of a row comes out cell line by cell line: compare the dates, which do not wrap.
    expect([...annex.matchAll(/\d{1,2}(?:–\d{1,2})? (?:January|February|March|April|May|June|July|August|September|October|November|December) 2017/g)].map((m) => m[0]))
      .toEqual(r.events.map((e) => e.dateText));
    expect(sections.map((e) => e.id).sort()).toEqual(r.events.map((e) => e.id).sort());
    expect(annex).toContain(`Total, ${r.figures.events} activities held at least at least 38 at least 7 at least 3 142 Activities held that reported the figure 4 of 5 3 of 5 1 of 5 1 of 5`);
    expect(r.figures.columns.map((c) => `${c.label} ${c.total.valueText} ${c.total.reported} of ${c.total.of}`)).toEqual([
      "Participants at least 142 4 of 5", "State delegations at least 38 3 of 5", "Organisation delegations at least 7 1 of 5", "Women at least 3 1 of 5",
    ]);
    expect(sections.filter((e) => e.status === "held")).toHaveLength(r.figures.events);
  });

  it("lists in Annex C exactly the documents adopted, with the meeting, the date and the languages", async () => {
    const lines = await pdfLines(pdfOf(2017));
    const annex = between(lines, "Annex C Documents adopted", "Annex D Abbreviations");
    expect(annex.startsWith("Documents adopted, 2017 Document Kind Adopted at Date Languages ")).toBe(true);
    // One row; its cells wrap, so their words come out interleaved.
    for (const words of ["Conclusions of the Senior Officials", "(1.1)", "15 December", "English,", "Russian"]) expect(annex).toContain(words);
    expect(report(2017).documentsAdopted.map((d) => d.document.title)).toEqual(["Conclusions of the Senior Officials Meeting"]);
    expect(annex).not.toContain("Proposal for a five-year cooperation framework");
    expect(annex).not.toContain("Draft Call for Action");
  });

  it("prints the foreword's signatories in the order given, and the year's chapter texts", async () => {
    const lines = await pdfLines(pdfOf(2017));
    const text = flat(lines.flat());
    const foreword = between(lines, "Foreword", "The year in brief");
    const names = report(2017).edition!.signatories.map((s) => s.name);
    expect(names.length).toBeGreaterThan(1);
    const at = names.map((n) => foreword.indexOf(n));
    // The foreword is the signatories' letter: its paragraphs are not numbered, and the names follow its last one.
    expect(foreword).not.toContain("2. The Senior Officials Meeting");
    expect(at.every((i) => i > foreword.indexOf("The Senior Officials Meeting in Antalya")), foreword).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain("10. The project trained officials of Afghanistan and Iraq as trainers on migration");
    expect(text).toContain("Hosted by Türkiye, as Chair of the Budapest Process.");
  });
});

describe("the outlook (2018)", () => {
  it("lists the planned activities of the following year and nothing else", async () => {
    const outlook = between(await pdfLines(pdfOf(2018)), "Outlook", "Annex A Chronology of activities");
    expect(report(2018).outlookEvents.map((e) => e.id)).toEqual(["2019-02-19-istanbul-ministerial-conference"]);
    expect(outlook).toMatch(/^\d+\. The 6th Ministerial Conference is to meet in Istanbul/);
    expect(outlook.slice(outlook.indexOf("Activities planned"))).toBe("Activities planned Istanbul, 19–20 February 2019: 6th Ministerial Conference of the Budapest Process");
  });
});

describe("a draft (2019)", () => {
  it("prints DRAFT on every page and in its title", async () => {
    const pages = await pdfPages(pdfOf(2019));
    pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain("DRAFT"));
    const doc = await openPdf(pdfOf(2019));
    try {
      expect(((await doc.getMetadata()).info as Record<string, string>).Title).toBe("DRAFT: Budapest Process: Annual Activity Report 2019");
    } finally {
      await doc.destroy();
    }
    // A final report says nothing of the kind.
    for (const page of await pdfPages(pdfOf(2018))) expect(page).not.toContain("DRAFT");
  });

  it("says so on its web pages, which ask search engines not to index them and are left out of the sitemap", async () => {
    const year = await readFile(path.join(dir, "2019/index.html"), "utf8");
    const event = await readFile(path.join(dir, "events/2019/2019-02-19-istanbul-ministerial-conference/index.html"), "utf8");
    for (const html of [year, event]) {
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('<p class="draft-banner" role="note"><strong>Draft.</strong> The report of 2019 is a draft');
    }
    const final = await readFile(path.join(dir, "2018/index.html"), "utf8");
    expect(final).not.toContain("noindex");
    expect(final).not.toContain("draft-banner");
    const sitemap = await readFile(path.join(dir, "sitemap.xml"), "utf8");
    expect(sitemap).toContain("/2018/</loc>");
    expect(sitemap).not.toContain("/2019/</loc>");
    expect(sitemap).not.toContain("2019-02-19-istanbul-ministerial-conference");
  });
});

describe("the goals on the site", () => {
  it("have a page each, listing the activities of every year that served the goal", async () => {
    const html = await readFile(path.join(dir, "goals/istanbul-2013-return/index.html"), "utf8");
    expect(html).toContain('<h1><span class="goal-label">Priority Goal 4:</span> Return, readmission and sustainable reintegration</h1>');
    expect(html).toContain("A priority goal of the Istanbul Ministerial Declaration on a Silk Routes Partnership for Migration, in force 2013–2018.");
    expect(html).toContain('href="/events/2018/2018-05-07-sarajevo-joint-working-group/"');
    const none = await readFile(path.join(dir, "goals/istanbul-2013-legal-migration/index.html"), "utf8");
    expect(none).toContain("No activity has been recorded against this goal yet.");
    const index = await readFile(path.join(dir, "goals/index.html"), "utf8");
    for (const hub of site.hubs.filter((h) => h.kind === "goals")) expect(index).toContain(`href="${hub.url}"`);
  });

  it("are linked from each event page and from the year page's section on the goals", async () => {
    const event = await readFile(path.join(dir, "events/2018/2018-05-07-sarajevo-joint-working-group/index.html"), "utf8");
    expect(event).toContain('<a href="/goals/istanbul-2013-return/" data-pagefind-filter="goal">Priority Goal 4: Return, readmission and sustainable reintegration</a>');
    const year = await readFile(path.join(dir, "2018/index.html"), "utf8");
    expect(year).toContain('id="priority-goals"');
    expect(year).toContain('<p class="event-goals">Serving <a href="/goals/istanbul-2013-return/" title="Priority Goal 4: Return, readmission and sustainable reintegration">Priority Goal 4</a> of the Istanbul Ministerial Declaration.</p>');
  });
});

describe("the chapters' texts", () => {
  it("print a strand's timeless description only where the year gives no introduction, and never as a numbered paragraph", async () => {
    // The pages' prose as its readers read it, without the soft hyphens that let its lines break within words.
    const draft = withoutSoftHyphens(await readFile(path.join(dir, "2019/index.html"), "utf8"));
    const description = /<div class="strand-description">([\s\S]*?)<\/div>/.exec(draft)![1]!;
    expect(description).toContain("Ministers of the participating states meet every few years");
    expect(description).not.toContain("paragraph-number");
    expect(description).toMatch(/^<p class="text">/);
    const y2018 = withoutSoftHyphens(await readFile(path.join(dir, "2018/index.html"), "utf8"));
    expect(y2018).not.toContain("strand-description");
    expect(y2018).toMatch(/<div class="chapter-introduction"><p class="numbered" id="para-\d+"><span class="paragraph-number">\d+\.<\/span> In 2018 the working group met jointly/);
  });
});

describe("the paragraph numbers", () => {
  it("start with the report's own body: the foreword, the signatories' letter, is not numbered", async () => {
    const y2017 = withoutSoftHyphens(await readFile(path.join(dir, "2017/index.html"), "utf8"));
    const foreword = /<section class="foreword" id="foreword">([\s\S]*?)<\/section>/.exec(y2017)![1]!;
    expect(foreword).toContain("The year 2017 saw the first preparations");
    expect(foreword).not.toContain("paragraph-number");
    expect(y2017).toMatch(/<section class="in-brief" id="in-brief">\s*<h2>The year in brief<\/h2>\s*<p class="numbered" id="para-1"><span class="paragraph-number">1\.<\/span> In May the Silk Routes Partnership Project/);
    const pdf = between(await pdfLines(pdfOf(2017)), "Foreword", "The year in brief");
    expect(pdf).toMatch(/^The year 2017 saw the first preparations/);
    expect(pdf).not.toMatch(/(^| )[12]\. /);
    expect(between(await pdfLines(pdfOf(2017)), "The year in brief", "The year at a glance")).toMatch(/^1\. In May the Silk Routes Partnership Project/);
  });
});

describe("a framework's years", () => {
  it("are printed once, after its title or in it", async () => {
    const y2019 = between(await pdfLines(pdfOf(2019)), "Progress against the priority goals");
    expect(y2019).toContain("against the priority goals of the Istanbul Commitments on the Silk Routes Partnership for Migration and its Call for Action – a five-year plan 2019–2024.");
    expect(y2019).not.toContain("2019–2024 (2019–2024)");
    const y2018 = between(await pdfLines(pdfOf(2018)), "Progress against the priority goals");
    expect(y2018).toContain("against the priority goals of the Istanbul Ministerial Declaration on a Silk Routes Partnership for Migration (2013–2018).");
    const hub = await readFile(path.join(dir, "goals/call-for-action-2019-integration/index.html"), "utf8");
    expect(hub).toContain("A priority goal of the Istanbul Commitments on the Silk Routes Partnership for Migration and its Call for Action – a five-year plan 2019–2024.</p>");
    const index = await readFile(path.join(dir, "goals/index.html"), "utf8");
    expect(index).toContain("<h2>Istanbul Ministerial Declaration on a Silk Routes Partnership for Migration <span class=\"note\">(2013–2018)</span></h2>");
    expect(index).toContain("<h2>Istanbul Commitments on the Silk Routes Partnership for Migration and its Call for Action – a five-year plan 2019–2024</h2>");
  });
});

describe("Annex D", () => {
  it("lists exactly the abbreviations that the rest of each PDF prints", async () => {
    const abbreviations = Object.entries((await loadDataOrThrow(SAMPLE_DATA)).data.report.abbreviations!);
    for (const year of [2016, 2017, 2018, 2019]) {
      const text = flat((await pdfLines(pdfOf(year))).flat());
      const at = text.lastIndexOf("Annex D Abbreviations");
      const [rest, annex] = [text.slice(0, at), text.slice(at)];
      const listed = abbreviations.filter(([abbreviation, meaning]) => annex.includes(`${abbreviation} ${meaning}`)).map(([a]) => a);
      expect(listed, String(year)).toEqual(abbreviations.filter(([abbreviation]) => usesAbbreviation(rest, abbreviation)).map(([a]) => a));
      expect(listed, String(year)).toEqual(report(year).abbreviations.map((a) => a.abbreviation));
    }
    // The 2018 report names no Senior Officials Meeting by its abbreviation: its Annex D does not list SOM.
    expect(report(2018).abbreviations.map((a) => a.abbreviation)).toEqual(["ICMPD"]);
  });
});
