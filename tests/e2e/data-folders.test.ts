/**
 * The two ends of the data contract, built as editors build them (site and PDFs):
 * a folder holding only the required fields of every file, and one holding every
 * optional field. Both must give a complete, well-formed site and a PDF.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { brokenLinks, htmlErrors } from "../helpers/checkers.ts";
import { annotationsOf, openPdf, pdfPages } from "../helpers/pdf.ts";
import { htmlPages } from "../helpers/site-files.ts";
import { builtSite } from "../helpers/sites.ts";
import { conformanceProblems } from "../../src/pdf/checks/conformance.ts";

// Built by the global setup, site and PDFs, as an editor builds them (tests/global-setup.ts).
const built = {
  "only the required fields": builtSite("minimal-data"),
  "every optional field": builtSite("full-data"),
} as const;

describe.each(Object.keys(built) as (keyof typeof built)[])("a data folder with %s", (name) => {
  it("builds the site and a PDF for each year", async () => {
    const { dir, run } = built[name];
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    const years = (await readdir(dir)).filter((f) => /^\d{4}$/.test(f));
    expect(years.length).toBeGreaterThan(0);
    for (const year of years) {
      const pdf = (await readdir(path.join(dir, year))).find((f) => f.endsWith(".pdf"));
      expect(pdf, year).toBeDefined();
      const pages = await pdfPages(path.join(dir, year, pdf!));
      expect(pages[0]).toContain(`Annual Activity Report ${year}`);
      for (const text of pages) expect(text).not.toMatch(/undefined|NaN|\[object |null/);
    }
  });

  it("gives pages without broken links, markup errors or leaked values", async () => {
    const { dir } = built[name];
    const pages = await htmlPages(dir);
    expect(await brokenLinks(dir, pages)).toEqual([]);
    expect(await htmlErrors(dir)).toEqual([]);
    for (const page of pages) {
      const html = await readFile(path.join(dir, page), "utf8");
      expect(html, page).not.toMatch(/>[^<]*\b(undefined|NaN|\[object Object\])[^<]*</);
    }
  });
});

describe("a report whose edition names no date (none at all here)", () => {
  it("prints none and its PDF carries none: no date of publication, no year after the copyright, no date in its metadata", async () => {
    const file = path.join(built["only the required fields"].dir, "2019", "budapest-process-activity-report-2019.pdf");
    const imprint = (await pdfPages(file))[1]!;
    expect(imprint).toContain("© International Centre for Migration Policy Development (ICMPD) ");
    expect(imprint).not.toMatch(/\(ICMPD\), \d|Published (?!by)/);
    const doc = await openPdf(file);
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    await doc.destroy();
    expect([info.CreationDate, info.ModDate]).toEqual([undefined, undefined]);
    expect(await conformanceProblems(await readFile(file))).toEqual([]);
  });
});

describe("the document's reference and date", () => {
  it("are on the cover and, named, on the year page, for a reader who cites it; a report with neither shows no such line", async () => {
    const full = built["every optional field"].dir;
    expect(await readFile(path.join(full, "2019", "index.html"), "utf8")).toContain('<p class="document">Document BP/SOM/2019/1, published <time datetime="2019-10-01">1 October 2019</time></p>');
    expect((await pdfPages(path.join(full, "2019", "budapest-process-activity-report-2019.pdf")))[0]).toContain("BP/SOM/2019/1 · 1 October 2019");
    expect(await readFile(path.join(built["only the required fields"].dir, "2019", "index.html"), "utf8")).not.toContain('class="document"');
  });
});

describe("a corrected report", () => {
  it("says so in its imprint and on its year page, which links its earlier version, kept at its dated address", async () => {
    const full = built["every optional field"].dir;
    const line = "Corrected version of 15 November 2019: The number of trainees of the project's training was corrected.";
    expect((await pdfPages(path.join(full, "2019", "budapest-process-activity-report-2019.pdf")))[1]).toContain(line);
    const page = await readFile(path.join(full, "2019", "index.html"), "utf8");
    expect(page).toContain(`<p class="correction">${line.replace("'", "&#39;")}</p>`);
    expect(page).toContain('<a href="/2019/budapest-process-activity-report-2019-2019-10-01.pdf" type="application/pdf">version of 1 October 2019 (PDF)</a>');
    const kept = await readFile(path.join("tests/fixtures/full-data/releases/2019/2019-10-01.pdf"));
    expect(await readFile(path.join(full, "2019", "budapest-process-activity-report-2019-2019-10-01.pdf"))).toEqual(kept);
  });
});

describe("without site_url", () => {
  it("builds no feed and no sitemap, and no page points to them", async () => {
    const { dir } = built["only the required fields"];
    expect(existsSync(path.join(dir, "feed.xml"))).toBe(false);
    expect(existsSync(path.join(dir, "sitemap.xml"))).toBe(false);
    expect(existsSync(path.join(dir, "false"))).toBe(false);
    const home = await readFile(path.join(dir, "index.html"), "utf8");
    expect(home).not.toContain("feed.xml");
  });

  it("with site_url, builds both", async () => {
    const { dir } = built["every optional field"];
    expect(await readFile(path.join(dir, "feed.xml"), "utf8")).toContain("<feed");
    expect(await readFile(path.join(dir, "sitemap.xml"), "utf8")).toContain("https://reports.example.org/2019/");
  });
});

describe("documents under documents/", () => {
  it("are published at the same path, linked from the event page, and from the PDF at the site's address", async () => {
    const { dir } = built["every optional field"];
    const file = "documents/2018-09-12-conclusions-en.pdf";
    expect((await readFile(path.join(dir, file), "latin1")).startsWith("%PDF-")).toBe(true);
    const event = await readFile(path.join(dir, "events/2019/2018-09-12-vienna-working-group/index.html"), "utf8");
    expect(event).toContain(`<a href="/${file}" hreflang="en">English</a>, Russian`);
    const pdf = (await readdir(path.join(dir, "2019"))).find((f) => f.endsWith(".pdf"))!;
    const doc = await openPdf(path.join(dir, "2019", pdf));
    const uris: string[] = [];
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        for (const a of await annotationsOf(doc, n)) if (a.subtype === "Link" && a.url) uris.push(a.url);
      }
    } finally {
      await doc.destroy();
    }
    expect(uris).toContain(`https://reports.example.org/${file}`);
    expect(uris.filter((u) => !u.startsWith("https://"))).toEqual([]);
    // Nothing else of the folder is published.
    expect(await readdir(path.join(dir, "documents"))).toEqual(["2018-09-12-conclusions-en.pdf"]);
  });
});

describe("an activity known only by its country (place: PK)", () => {
  const page = "events/2019/2019-03-pakistan-training-migrant-resource-centres/index.html";

  it("is dated and placed by the country's name alone on its page, and listed on the country's page", async () => {
    const { dir } = built["every optional field"];
    const html = await readFile(path.join(dir, page), "utf8");
    expect(html).toContain('<p class="dateline">Pakistan, <time datetime="2019-03">March 2019</time></p>');
    expect(html).toContain('<dt>Place</dt><dd><a href="/countries/pk/" data-pagefind-filter="country">Pakistan</a></dd>');
    expect(html).not.toMatch(/Pakistan, (<[^>]*>)*Pakistan/);
    expect(await readFile(path.join(dir, "countries/pk/index.html"), "utf8")).toContain("Training for the staff of the Migrant Resource Centres");
  });

  it("is marked on the map of the year page and of the PDF, and dated \"Pakistan, March 2019\" in the PDF", async () => {
    const { dir } = built["every optional field"];
    const year = await readFile(path.join(dir, "2019/index.html"), "utf8");
    const map = /<figure class="picture picture-map">[\s\S]*?<\/figure>/.exec(year)?.[0] ?? "";
    expect(map).toMatch(/<text [^>]*>Pakistan<\/text>/);
    expect(map).toContain("A ring marks activities known only by their country");
    expect(year).not.toContain("Not shown on the map");
    const pdf = (await readdir(path.join(dir, "2019"))).find((f) => f.endsWith(".pdf"))!;
    const pages = await pdfPages(path.join(dir, "2019", pdf));
    const glance = pages.find((text) => text.includes("A ring marks activities known only by their country"));
    expect(glance, "the page of the map").toMatch(/\bPakistan\b/);
    expect(pages.join("\n")).toContain("Pakistan, March 2019");
    expect(pages.join("\n")).not.toMatch(/Pakistan,\s+Pakistan/);
  });
});

describe("the goals an activity served", () => {
  it("end its entry in short, by number, whatever order they were written in, each number linked on the web", async () => {
    const { dir } = built["every optional field"];
    const pdf = (await readdir(path.join(dir, "2019"))).find((f) => f.endsWith(".pdf"))!;
    const text = (await pdfPages(path.join(dir, "2019", pdf))).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Serving Priority Goals 1 and 2 of the Framework 2018–2020.");
    expect(text).not.toContain("(Return and reintegration)");
    const year = await readFile(path.join(dir, "2019/index.html"), "utf8");
    expect(year).toContain('<p class="event-goals">Serving Priority Goals <a href="/goals/framework-2018-return/" title="Priority Goal 1: Return and reintegration">1</a> and <a href="/goals/framework-2018-protection/" title="Priority Goal 2: International protection">2</a> of the Framework 2018–2020.</p>');
  });
});

describe("a document adopted by some", () => {
  it("says by whom as written, in the chapter, in Annex C and on the event's page", async () => {
    const { dir } = built["every optional field"];
    const pdf = (await readdir(path.join(dir, "2019"))).find((f) => f.endsWith(".pdf"))!;
    const pages = await pdfPages(path.join(dir, "2019", pdf));
    const text = pages.join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Conclusions, adopted by close to 40 participating states: Conclusions of the meeting");
    const annex = text.slice(text.lastIndexOf("Annex C Documents adopted"));
    // The row's cells wrap, so their lines come out interleaved: the document's cell ends with who adopted it.
    // Annex D may begin on the next page, after that page's foot and header.
    expect(annex).toMatch(/Conclusions of the meeting .*adopted by close to 40 .*participating states (Page \d+ of \d+ .*)?Annex D/);
    const year = await readFile(path.join(dir, "2019/index.html"), "utf8");
    expect(year).toContain('<td data-label="Document">Conclusions of the meeting<br><span class="adopted-by">adopted by close to 40 participating states</span></td>');
    const event = await readFile(path.join(dir, "events/2019/2018-09-12-vienna-working-group/index.html"), "utf8");
    expect(event).toContain('<span class="document-kind">Conclusions, adopted by close to 40 participating states:</span> Conclusions of the meeting');
  });
});
