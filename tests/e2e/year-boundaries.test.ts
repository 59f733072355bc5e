/**
 * The year's boundaries, built as an editor builds them: a year of one planned
 * activity gets no report and is in the outlook of the report before it; a
 * one-year build links to no page it did not make; the report's date and
 * reference are printed on its cover and imprint and written in its PDF, and a
 * report with no date gets a warning rather than a guessed one.
 */
import { execFile } from "node:child_process";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brokenLinks } from "../helpers/checkers.ts";
import { runCli, type Run } from "../helpers/cli.ts";
import { cleanUp, put, ROOT, tempDir } from "../helpers/data.ts";
import { openPdf, pdfLines, pdfPages, xmpProperties } from "../helpers/pdf.ts";
import { htmlPages } from "../helpers/site-files.ts";

const REPORT = (edition: string) => `organisation: Budapest Process
secretariat: International Centre for Migration Policy Development (ICMPD)
title: Annual Activity Report
site_url: https://reports.example.org
editions:
  2019:
${edition}`;
const DATED = "    chair: Türkiye\n    published: 2019-11-20\n    reference: BP/SOM/2019/2\n";
const PLANNED = "events/2020/2020-03-10-vienna-next-working-group.yaml";
const PLANNED_PAGE = "/events/2020/2020-03-10-vienna-next-working-group/";

/** The minimal data folder with an edition of 2019 and one activity planned for 2020. */
async function dataFolder(edition: string): Promise<string> {
  const data = path.join(await tempDir(), "_data");
  await cp(path.join(ROOT, "tests/fixtures/minimal-data"), data, { recursive: true });
  await writeFile(path.join(data, "report.yaml"), REPORT(edition));
  await put(data, PLANNED, [
    "title: Next meeting of the working group",
    "type: meeting",
    "date: 2020-03-10",
    "place: vienna",
    "strands: working-groups",
    "status: planned",
    "summary: The working group is to meet again in Vienna.",
    "",
  ].join("\n"));
  return data;
}

let data: string;
let full: { dir: string; run: Run };
let oneYear: { dir: string; run: Run };

beforeAll(async () => {
  data = await dataFolder(DATED);
  full = { dir: path.join(await tempDir(), "site"), run: undefined as never };
  oneYear = { dir: path.join(await tempDir(), "site"), run: undefined as never };
  full.run = await runCli(["build", "--data", data, "--output", full.dir]);
  oneYear.run = await runCli(["build", "--data", data, "--output", oneYear.dir, "--year", "2019", "--no-pdf"]);
}, 300_000);
afterAll(cleanUp);

const read = (dir: string, file: string) => readFile(path.join(dir, file), "utf8");
const PDF = "2019/budapest-process-activity-report-2019.pdf";

describe("a year whose only activity is planned", () => {
  it("gets no report: no page, no PDF, no entry on the home page, in the open data or in the sitemap", async () => {
    expect(full.run.code, full.run.stderr).toBe(0);
    expect(full.run.stderr).toMatch(/Printed Annual Activity Report 2019 \(1 of 1\)/);
    expect((await readdir(full.dir)).filter((f) => /^\d{4}$/.test(f))).toEqual(["2019"]);
    const home = await read(full.dir, "index.html");
    expect(home).toContain("Annual Activity Report 2019");
    expect(home).not.toContain("2020");
    const open = JSON.parse(await read(full.dir, "data/events.json")) as { reports: { year: number; published: string | null; reference: string | null }[]; events: { id: string; report_year: number }[] };
    expect(open.reports).toMatchObject([{ year: 2019, published: "2019-11-20", reference: "BP/SOM/2019/2" }]);
    expect(open.events.map((e) => e.report_year)).toEqual([2019, 2020]);
    const sitemap = await read(full.dir, "sitemap.xml");
    expect(sitemap).toContain(`https://reports.example.org${PLANNED_PAGE}`);
    expect(sitemap).not.toContain("https://reports.example.org/2020/<");
  });

  it("is in the outlook of the report before it, on the web page and in the PDF, and its page links there", async () => {
    const year = await read(full.dir, "2019/index.html");
    expect(year).toContain(`<span class="dateline">Vienna, 10 March 2020</span>: <a href="${PLANNED_PAGE}">Next meeting of the working group</a>`);
    const event = await read(full.dir, `${PLANNED_PAGE}index.html`);
    expect(event).toContain('<dt>Report</dt><dd><a href="/2019/#outlook" data-pagefind-filter="year">2019</a> (outlook)</dd>');
    expect(event).not.toContain('href="/2020/"');
    const types = await read(full.dir, "types/meeting/index.html");
    expect(types).toContain('2 activities: 1 in 2020, 1 in <a href="/2019/">2019</a>.');
    const pages = await pdfPages(path.join(full.dir, PDF));
    expect(pages.join(" ")).toMatch(/Outlook Activities planned Vienna, 10 March 2020 ?: Next meeting of the working group/);
    expect(await brokenLinks(full.dir, await htmlPages(full.dir))).toEqual([]);
  });

  it("is listed as text by a one-year build, which does not make its page", async () => {
    expect(oneYear.run.code, oneYear.run.stderr).toBe(0);
    const year = await read(oneYear.dir, "2019/index.html");
    expect(year).toContain('<span class="dateline">Vienna, 10 March 2020</span>: Next meeting of the working group</li>');
    expect(year).not.toContain(PLANNED_PAGE);
    expect(await readdir(path.join(oneYear.dir, "events"))).toEqual(["2019"]);
    expect(await brokenLinks(oneYear.dir, await htmlPages(oneYear.dir))).toEqual([]);
  });

  it("cannot be built on its own: it has no report", async () => {
    const run = await runCli(["build", "--data", data, "--output", path.join(await tempDir(), "site"), "--year", "2020", "--no-pdf"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(": there is no report of 2020 to build: no activity of 2020 was held, and report.yaml has no edition for it\n");
  });
});

describe("the report's date and reference", () => {
  it("are printed on the cover and in the imprint", async () => {
    const lines = await pdfLines(path.join(full.dir, PDF));
    expect(lines[0]).toEqual(["BUDAPEST PROCESS", "Annual Activity Report 2019", "Prepared by the Budapest Process Secretariat", "BP/SOM/2019/2 · 20 November 2019", "Chair Türkiye"]);
    const imprint = lines[1]!.join(" ");
    expect(imprint).toContain("© International Centre for Migration Policy Development (ICMPD), 2019");
    expect(imprint).toContain("Please cite as: Budapest Process Secretariat (2019), Annual Activity Report 2019, BP/SOM/2019/2.");
    expect(imprint).toContain("Published 20 November 2019 as document BP/SOM/2019/2.");
  });

  it("are the PDF's dates and identifier, in its document information and its XMP alike", async () => {
    const file = path.join(full.dir, PDF);
    const doc = await openPdf(file);
    const info = (await doc.getMetadata()).info as Record<string, string>;
    await doc.destroy();
    expect([info.CreationDate, info.ModDate]).toEqual(["D:20191120000000Z", "D:20191120000000Z"]);
    expect(info.Keywords).toContain("BP/SOM/2019/2");
    const xmp = xmpProperties((await promisify(execFile)("pdfinfo", ["-meta", file])).stdout);
    expect([xmp["xmp:CreateDate"], xmp["dc:identifier"]]).toEqual(["2019-11-20T00:00:00Z", "BP/SOM/2019/2"]);
  });

  it("without published or a meeting, get a warning at the edition, and no date is guessed", async () => {
    const undated = await dataFolder("    chair: Türkiye\n");
    const run = await runCli(["check", "--data", undated]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${path.join(undated, "report.yaml")}:6:3: warning: the report of 2019 has no date: add published: YYYY-MM-DD (the day it is published) or the som it is presented to; without either it is printed undated, its copyright without a year\n`);
  });
});
