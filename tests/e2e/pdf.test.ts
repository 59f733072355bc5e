/** The PDFs of the sample build, read back as a Senior Officials Meeting reader and their PDF viewer would. */
import { execFile } from "node:child_process";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, sampleCopy, SAMPLE_DATA, tempDir } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";
import { annotationsOf, openPdf, pagePainting, pdfLines, pdfOutline, pdfPages, xmpProperties, type OutlineEntry } from "../helpers/pdf.ts";

afterAll(cleanUp);

const { dir } = builtSite("sample");
const pdfOf = (root: string, year: number) => path.join(root, String(year), `budapest-process-activity-report-${year}.pdf`);
const HEADER = (year: number) => `Budapest Process · Annual Activity Report ${year}`;

describe("the 2017 report", () => {
  const file = pdfOf(dir, 2017);
  let pages: string[];
  let lines: string[][];
  let outline: OutlineEntry[];
  beforeAll(async () => {
    [pages, lines, outline] = await Promise.all([pdfPages(file), pdfLines(file), pdfOutline(file)]);
  });

  it("opens with a cover that names the year, the Chair and the Co-Chair, under the logos and the cover photo, with no header or footer", () => {
    expect(lines[0]).toEqual([
      // Under the stand-in logo (drawn lettering, no text): the organisation, the cover photo's caption and credit.
      "BUDAPEST PROCESS",
      "Sample picture standing in for a photo of the meeting. © Sample picture, no rights reserved",
      "Annual Activity Report 2017",
      "Prepared by the Budapest Process Secretariat",
      // No meeting is named, so the edition's date of publication is the cover's date.
      "30 April 2018",
      "Chair Türkiye",
      "Co-Chair Hungary",
    ]);
  });

  it("has an imprint on the inside of the cover", () => {
    expect(pages[1]).toContain("Published by International Centre for Migration Policy Development (ICMPD)");
    expect(pages[1]).toContain("© International Centre for Migration Policy Development (ICMPD), 2018");
    expect(pages[1]).toContain("Published 30 April 2018.");
    expect(pages[1]).toContain("does not necessarily reflect the views or policies of the participating states");
    expect(pages[1]).toContain("Edited by the Budapest Process Secretariat.");
    expect(pages[1]).not.toContain(HEADER(2017));
  });

  it("has a contents whose every page number is where its heading starts, as clickable links", async () => {
    const doc = await openPdf(file);
    try {
      const contentsPage = 3;
      expect(lines[contentsPage - 1]![1]).toBe("Contents");
      const links = (await annotationsOf(doc, contentsPage)).filter((a) => a.subtype === "Link");
      const numbers = lines[contentsPage - 1]!.filter((l) => /\d$/.test(l) && !l.startsWith("Page ")).map((l) => Number(/(\d+)$/.exec(l)![1]));
      expect(links.length).toBe(numbers.length);
      expect(links.length).toBe(18);
      for (const [i, link] of links.entries()) {
        const target = link.dest as string;
        const dest = await doc.getDestination(target);
        const page = (await doc.getPageIndex(dest![0] as { num: number; gen: number })) + 1;
        expect(page, `contents entry ${i + 1} (#${target})`).toBe(numbers[i]);
      }
      expect(lines[contentsPage - 1]).toContain("4 Silk Routes Partnership Project 8");
      expect(lines[contentsPage - 1]).toContain("4.2 Training of Trainers on migration for officials of Iraq 8");
      expect(lines[contentsPage - 1]).toContain("Annex D Abbreviations 10");
    } finally {
      await doc.destroy();
    }
  });

  it("lets the parts after the contents flow under a running header that names the process and the report", () => {
    expect(lines[2]![0]).toBe(`${HEADER(2017)} Contents`);
    for (let i = 3; i < lines.length; i++) expect(lines[i]![0], `page ${i + 1}`).toBe("Budapest Process Annual Activity Report 2017");
    // Chapters and annexes follow one another on a page where there is room.
    const page = (heading: string) => lines.findIndex((p) => p.includes(heading));
    expect(page("2 Ministerial Conference process")).toBe(page("3 Silk Routes Region Working Group"));
    expect(page("Annex B Participating states and organisations")).toBe(page("Annex C Documents adopted"));
  });

  it("numbers every page but the cover: Page N of M", () => {
    expect(pages[0]).not.toMatch(/Page \d/);
    for (let i = 1; i < pages.length; i++) expect(lines[i]!.at(-1)).toBe(`Page ${i + 1} of ${pages.length}`);
  });

  it("numbers chapters, sections and paragraphs", () => {
    const chapter = lines.find((page) => page.includes("4 Silk Routes Partnership Project"))!;
    expect(chapter).toContain("4.1 Training of Trainers on migration for officials of Afghanistan");
    expect(chapter.some((l) => /^11\. A ten-day Training of Trainers course/.test(l))).toBe(true);
    // The foreword, the signatories' letter, is not numbered: the numbering starts with The year in brief.
    expect(lines[3]![2]).toMatch(/^The year 2017 saw/);
    expect(lines[3]!.find((l) => /^\d+\. /.test(l))).toMatch(/^1\. In May the Silk Routes Partnership Project/);
  });

  it("has bookmarks that mirror the headings, nested, each pointing to its heading's page", () => {
    expect(outline.map((o) => `${"  ".repeat(o.depth)}${o.title}`)).toEqual([
      "Foreword",
      "The year in brief",
      "The year at a glance",
      "Progress against the priority goals",
      "1 Senior Officials Meeting",
      "  1.1 Senior Officials Meeting",
      "2 Ministerial Conference process",
      "  2.1 First preparatory meeting for the Ministerial Conference",
      "3 Silk Routes Region Working Group",
      "  3.1 Meeting of the Silk Routes countries and donor countries",
      "4 Silk Routes Partnership Project",
      "  4.1 Training of Trainers on migration for officials of Afghanistan",
      "  4.2 Training of Trainers on migration for officials of Iraq",
      "Outlook",
      "Annex A Chronology of activities",
      "Annex B Participating states and organisations",
      "Annex C Documents adopted",
      "Annex D Abbreviations",
    ]);
    for (const entry of outline) expect(lines[entry.page - 1], entry.title).toContain(entry.title);
  });

  it("leaves no heading alone at the foot of a page, and no page blank", () => {
    const headings = new Set(outline.map((o) => o.title));
    for (const [i, page] of lines.entries()) {
      const body = page.filter((l) => !l.startsWith(HEADER(2017)) && l !== "Budapest Process Annual Activity Report 2017" && !/^Page \d+ of \d+$/.test(l));
      expect(body.length, `page ${i + 1} is blank`).toBeGreaterThan(0);
      expect(headings.has(body.at(-1)!), `page ${i + 1} ends with the heading "${body.at(-1)}"`).toBe(false);
    }
  });

  it("gives the same totals in the key figures and in the chronology annex, each saying from how many activities it is", () => {
    const glance = lines.find((page) => page.includes("The year at a glance"))!;
    const at = glance.indexOf("Activities held Participants States that took part");
    expect(glance.slice(at, at + 11)).toEqual([
      "Activities held Participants States that took part",
      "5 at least 142 at least 2",
      "from 4 of 5 activities from 2 of 5 activities",
      "Delegations of states, counted once per Delegations of organisations, counted Trainings",
      "meeting once per meeting",
      "2",
      "at least 38 at least 7",
      "from 3 of 5 activities from 1 of 5 activities",
      "Trainees Women, where reported",
      "37 20%",
      "from 1 of 5 activities",
    ]);
    // Annex A: a column for each summed figure, its total (a qualifier may wrap above its number), and from how many activities.
    const annex = lines.slice(lines.findIndex((page) => page.includes("Annex A Chronology of activities"))).flat();
    expect(annex).toContain("Date and place Activity and type Participants State Organisation Women");
    const total = annex.findIndex((l) => l.startsWith("Total, "));
    expect(annex.slice(total, total + 3)).toEqual(["Total, 5 activities held at least at least 38 at least 7 at least 3", "142", "Activities held that reported the figure 4 of 5 3 of 5 1 of 5 1 of 5"]);
    // Annex B: the states that the activities name, the distinct ones of the key figures, before the participating states.
    const b = annex.indexOf("States that took part in 2017 (at least 2, from 2 of 5 activities)");
    expect(annex.slice(b, b + 3)).toEqual(["States that took part in 2017 (at least 2, from 2 of 5 activities)", "Afghanistan Iraq", "Participating states"]);
  });

  it("is tagged, in English, with its document information taken from the data", async () => {
    const doc = await openPdf(file);
    try {
      expect(await doc.getMarkInfo()).toMatchObject({ Marked: true });
      const info = (await doc.getMetadata()).info as Record<string, string>;
      expect(info).toMatchObject({
        Title: "Budapest Process: Annual Activity Report 2017",
        Author: "Budapest Process Secretariat",
        Subject: "The activities of the Budapest Process in 2017",
        Language: "en",
        CreationDate: "D:20180430000000Z",
        ModDate: "D:20180430000000Z",
      });
      expect(info.Keywords).toContain("Budapest Process, migration, annual activity report, 2017");
    } finally {
      await doc.destroy();
    }
  });

  it("marks its page furniture as artifacts: the running header, the page numbers, the imprint's decorative logos; nothing is painted untagged", async () => {
    const painting = await pagePainting(file);
    expect(painting.map((p) => p.untagged)).toEqual(painting.map(() => 0));
    expect(painting[0]!.artifactText).toBe("");
    // The imprint's logo repeats the cover's with an empty alt, as decoration: the same shapes, a Figure on the cover and an artifact there.
    expect(painting[0]!.shapes.Figure).toBeGreaterThan(10);
    expect(painting[1]!.shapes.Artifact).toBe(painting[0]!.shapes.Figure);
    expect(painting[1]!.artifactText).toBe("Page 2 of 10");
    painting.slice(3).forEach((p, i) => expect(p.artifactText).toBe(`${HEADER(2017).replace(" · ", " ")}Page ${i + 4} of 10`));
    // The goals table's dashes are its cells' content, tagged: an artifact would leave the cell empty to a screen reader.
    expect(lines.flat().filter((l) => /^\d\. .* —/.test(l)).length).toBeGreaterThan(3);
    // None of the report's own text is among them.
    for (const p of painting) expect(p.artifactText).not.toMatch(/Istanbul|Senior Officials|Annex/);
  });

  it("claims PDF/A-2u and PDF/UA-1 in an XMP packet that agrees with its document information (PDF/A-2 6.6.3; Matterhorn 06-002, 07-001)", async () => {
    const { stdout: packet } = await promisify(execFile)("pdfinfo", ["-meta", file]);
    const xmp = xmpProperties(packet);
    const doc = await openPdf(file);
    const info = (await doc.getMetadata()).info as Record<string, string>;
    await doc.destroy();
    expect(xmp).toMatchObject({
      "dc:title": info.Title, "dc:creator": info.Author, "dc:description": info.Subject, "pdf:Keywords": info.Keywords,
      "pdf:Producer": info.Producer, "xmp:CreatorTool": info.Creator, "dc:language": "en",
      "pdfaid:part": "2", "pdfaid:conformance": "U", "pdfuaid:part": "1",
    });
    const instant = (pdfDate: string) => pdfDate.replace(/^D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z");
    expect([xmp["xmp:CreateDate"], xmp["xmp:ModifyDate"]]).toEqual([instant(info.CreationDate!), instant(info.ModDate!)]);
  });

  it("has an sRGB output intent with its ICC profile and a file identifier (PDF/A-2 6.2.3, 6.1.3)", async () => {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    const intents = doc.catalog.lookup(PDFName.of("OutputIntents"), PDFArray);
    expect(intents.size()).toBe(1);
    const intent = intents.lookup(0, PDFDict);
    expect(intent.get(PDFName.of("S"))?.toString()).toBe("/GTS_PDFA1");
    const profile = intent.lookup(PDFName.of("DestOutputProfile")) as PDFRawStream;
    expect(profile.dict.get(PDFName.of("N"))?.toString()).toBe("3");
    const icc = Buffer.from(decodePDFRawStream(profile).decode());
    expect([icc.subarray(12, 20).toString("latin1"), icc.subarray(36, 40).toString("latin1")]).toEqual(["mntrRGB ", "acsp"]);
    const id = doc.context.trailerInfo.ID as PDFArray | undefined;
    expect(id?.size()).toBe(2);
    expect(id!.get(0).toString()).toMatch(/^<[0-9A-F]{32}>$/);
    expect(id!.get(0).toString()).not.toBe(`<${"0".repeat(32)}>`);
  });

  it("describes every link, in the structure tree, with the text a reader would follow (Matterhorn 28-004, 28-011)", async () => {
    const doc = await PDFDocument.load(await readFile(file), { updateMetadata: false });
    const links = doc.getPages().flatMap((page, i) => (page.node.lookupMaybe(PDFName.of("Annots"), PDFArray)?.asArray() ?? [])
      .map((ref) => doc.context.lookup(ref) as PDFDict)
      .filter((a) => a.get(PDFName.of("Subtype"))?.toString() === "/Link")
      .map((a) => ({ page: i + 1, contents: (a.get(PDFName.of("Contents")) as PDFString | PDFHexString | undefined)?.decodeText(), parent: a.get(PDFName.of("StructParent")) })));
    expect(links.length).toBeGreaterThan(20);
    expect(links.filter((l) => !l.contents || l.parent === undefined)).toEqual([]);
    // The contents' links say where they go; a link from a table to an entry names the entry.
    expect(links.filter((l) => l.page === 3).map((l) => l.contents)).toContain("Go to Annex A Chronology of activities");
    expect(links.filter((l) => l.page !== 3).every((l) => /^Go to \d+\.\d+ /.test(l.contents!))).toBe(true);
  });

  it("embeds every font it uses", async () => {
    const { stdout } = await promisify(execFile)("pdffonts", [file]);
    const rows = stdout.trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.split(/\s+/).slice(-5, -4)[0], row).toBe("yes");
  });

  it("writes every text in the report's own fonts, the map's and the timeline's labels once: no stroked text, so no Type 3 font", async () => {
    for (const year of [2016, 2017, 2018, 2019]) {
      const { stdout } = await promisify(execFile)("pdffonts", [pdfOf(dir, year)]);
      expect(stdout, String(year)).not.toContain("Type 3");
      // No font of the machine's (a logo's text would take one): the same PDF wherever it is built.
      const faces = new Set(stdout.trim().split("\n").slice(2).map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, "")));
      for (const face of faces) expect(face, String(year)).toMatch(/^(SourceSerif4|SourceSans3\w*)-\w+$/);
    }
    // Page 5 holds the timeline and the map: each place's label is read once ("Antalya" in both pictures' labels, and not again).
    const page = (await pdfPages(file))[4]!;
    expect(page).toContain("Erbil, 24 May");
    expect(page.match(/Antalya/g)).toHaveLength(2);
    expect(page.match(/Erbil/g)).toHaveLength(2);
  });
});

describe("the 2016 report", () => {
  it("names on its cover the Senior Officials Meeting it is presented to", async () => {
    const lines = await pdfLines(pdfOf(dir, 2016));
    expect(lines[0]!.join(" ")).toContain("Prepared by the Budapest Process Secretariat for the Senior Officials Meeting, Antalya, 15 December 2017");
    const pages = await pdfPages(pdfOf(dir, 2016));
    expect(pages[1]).toContain("Please cite as: Budapest Process Secretariat (2017), Annual Activity Report 2016, presented to the Senior Officials Meeting, Antalya, 15 December 2017.");
  });
});

describe("printing", () => {
  it("leaves nothing untagged on any page of any report: what is not tagged content is an artifact, the draft's watermark too", async () => {
    for (const year of [2016, 2017, 2018, 2019]) {
      const painting = await pagePainting(pdfOf(dir, year));
      expect(painting.flatMap((p, i) => (p.untagged ? [`${year}, page ${i + 1}: ${p.untagged}`] : []))).toEqual([]);
      if (year === 2019) for (const p of painting) expect(p.artifactText).toContain("DRAFT");
    }
  });

  /**
   * A build of 2018 into a new folder, with no photo cache, stopped by the print's time limit: what it printed and
   * left beside its output, read at once. Its photos are encoded anew, in another process than the shared build's.
   */
  let stopped: Promise<{ output: string; run: Awaited<ReturnType<typeof runCli>>; beside: string[]; cached: string[] }> | undefined;
  const stoppedBuild = () => (stopped ??= (async () => {
    const output = path.join(await tempDir(), "out");
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2018"], { env: { REPORT_PRINT_TIMEOUT: "1" } });
    const beside = await readdir(path.dirname(output));
    const cached = beside.includes(".activity-report-cache") ? await readdir(path.join(path.dirname(output), ".activity-report-cache"), { recursive: true }) : [];
    return { output, run, beside, cached };
  })());

  it("gives the same bytes for the same data, from photos encoded anew", async () => {
    // The copies the stopped build encoded, not the shared build's: a cache deleted changes no PDF.
    const { output } = await stoppedBuild();
    const run = await runCli(["build", "--data", SAMPLE_DATA, "--output", output, "--year", "2018"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("(all from the cache)");
    expect(Buffer.compare(await readFile(pdfOf(output, 2018)), await readFile(pdfOf(dir, 2018)))).toBe(0);
  });

  it("repeats the chronology's header row on every page and splits no row", async () => {
    const data = await sampleCopy();
    for (let i = 1; i <= 60; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      const month = String((i % 12) + 1).padStart(2, "0");
      await put(data, `events/2021/2021-${month}-${day}-meeting-${i}.yaml`, [
        `title: Alpha${i} working meeting on the cooperation of the participating states along the routes Omega${i}`,
        "type: working-group-meeting",
        `date: 2021-${month}-${day}`,
        "place: ankara",
        "strands: [silk-routes-working-group]",
        `participants: ${20 + i}`,
        "summary: A meeting.",
        "",
      ].join("\n"));
    }
    const output = await warmOutput({ name: "long" });
    const run = await runCli(["build", "--data", data, "--output", output, "--year", "2021"]);
    expect(run.stderr).toContain("no edition for 2021");
    expect(run.code).toBe(0);
    const lines = await pdfLines(pdfOf(output, 2021));
    const start = lines.findIndex((page) => page.includes("Annex A Chronology of activities"));
    const end = lines.findIndex((page) => page.includes("Annex B Participating states and organisations"));
    // The annex's own lines: from its heading to the next annex's, which may share the first and the last page with other parts.
    const annex = lines.slice(start, end + 1).map((page, n, all) => {
      const from = n === 0 ? page.indexOf("Annex A Chronology of activities") : 0;
      const to = n === all.length - 1 ? page.indexOf("Annex B Participating states and organisations") : page.length;
      return page.slice(from, to);
    }).filter((page) => page.some((l) => l.includes("Alpha")));
    expect(annex.length).toBeGreaterThan(1);
    for (const page of annex) expect(page).toContain("Date and place Activity and type Participants");
    // A row split across pages would put the start and the end of its title on different pages.
    const text = annex.map((page) => ` ${page.join(" ")} `);
    for (let i = 1; i <= 60; i++) {
      const pages = text.flatMap((p, n) => (p.includes(` Alpha${i} `) ? [n] : []));
      expect(pages, `Alpha${i}`).toHaveLength(1);
      expect(text[pages[0]!], `row ${i} is split`).toContain(` Omega${i} `);
    }
  });

  it("keeps the chronology's totals with its last row: a page never holds them alone", async () => {
    const data = await sampleCopy();
    // 64 rows of two lines (the first of three): the annex's last page holds 22, down to its foot, where the totals do
    // not fit (found by trying).
    for (let i = 1; i <= 64; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      const month = String((i % 12) + 1).padStart(2, "0");
      await put(data, `events/2021/2021-${month}-${day}-meeting-${i}.yaml`, [
        `title: Alpha${i} meeting${i === 60 ? " of the working group on the cooperation of the participating states along the routes" : ""} Omega${i}`,
        "type: working-group-meeting",
        `date: 2021-${month}-${day}`,
        "place: ankara",
        "strands: [silk-routes-working-group]",
        `participants: ${20 + i}`,
        "summary: A meeting.",
        "",
      ].join("\n"));
    }
    const output = await warmOutput({ name: "totals" });
    const run = await runCli(["build", "--data", data, "--output", output, "--year", "2021"]);
    expect(run.code).toBe(0);
    const lines = await pdfLines(pdfOf(output, 2021));
    const rows = (page: readonly string[]) => page.filter((l) => /\bAlpha\d+ meeting\b/.test(l)).length;
    const last = lines.findIndex((page) => page.some((l) => l.startsWith("Total, 64 activities held")));
    expect(lines[last]!.some((l) => l.startsWith("Date and place Activity and type"))).toBe(true);
    expect(rows(lines[last]!), "rows on the page of the totals").toBeGreaterThanOrEqual(1);
    // The case is the one meant: the page before lost to the totals' page a row that it had room for.
    expect(rows(lines[last - 1]!), "the data no longer fills the annex's last page to its foot: change the number of events").toBe(rows(lines[last - 2]!) - 1);
  });

  it("stops with a clear message when printing takes too long, and leaves nothing behind", async () => {
    const { run, beside, cached } = await stoppedBuild();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/took longer than|timed? ?out|Timeout/i);
    // Nothing but the photo cache, which the next build uses: whole copies only, no file half written.
    expect(beside).toEqual([".activity-report-cache"]);
    expect(cached.filter((f) => /\.(jpeg|webp|avif)$/.test(f)).length).toBeGreaterThan(0);
    expect(cached.filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});
