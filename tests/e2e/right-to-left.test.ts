/**
 * A report in a language written right to left: the Arabic test data folder (tests/fixtures/arabic: the sample's
 * 2017, its words from its own locales/ar.yaml, a few of its texts in Arabic), its Arabic pages under /ar/. Its pages say
 * dir="rtl", mirror as a whole (the style sheets are logical: tests/unit/logical-css.test.ts), pass axe and the Nu Html
 * Checker, and its PDF is set in the report's fonts, Arabic in Amiri, with its running header mirrored, and its Arabic
 * read back from it as written.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { AxePuppeteer } from "@axe-core/puppeteer";
import { PDFDocument } from "pdf-lib";
import type { Page } from "puppeteer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { languageFrom, readCatalogues } from "../../src/data/languages/catalogues.ts";
import { dataIn, loadDataOrThrow } from "../../src/data/load.ts";
import { runEleventy } from "../../src/eleventy/run.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { printJob } from "../../src/pdf/job.ts";
import { glyphTextProblems } from "../../src/pdf/glyph-text.ts";
import { notdefProblems } from "../../src/pdf/notdef.ts";
import { printPdfs } from "../../src/pdf/print.ts";
import { buildSite } from "../../src/report/model.ts";
import { openSite } from "../helpers/browser.ts";
import { htmlErrors } from "../helpers/checkers.ts";
import { cleanUp, ROOT } from "../helpers/data.ts";
import { openPdf, pdfFontNames, pdfPages } from "../helpers/pdf.ts";
import { htmlPages, pageUrl } from "../helpers/site-files.ts";
import { warmOutput } from "../helpers/sites.ts";

const ARABIC = path.join(ROOT, "tests", "fixtures", "arabic");
const PAGES = { home: "/ar/", year: "/ar/2017/", event: "/ar/events/2017/2017-05-16-istanbul-training-of-trainers-afghanistan/", strands: "/ar/strands/", about: "/ar/about/" };
/** The Arabic pages, under /ar/ (English's are at the root). */
const arabicPages = async () => (await htmlPages(output)).filter((f) => f.startsWith("ar/"));
/** A4 in points, and the page's margins (print.css): 25 mm where a line starts, 22 mm where it ends. */
const A4_WIDTH = 595.28;
const MM = 72 / 25.4;
/** How far, in points, a line's first or last glyph may be drawn from its box's edge: its side bearing. */
const SIDE_BEARING = 2;
/** Arabic letters, as written or as the presentation forms a PDF's text may give them. */
const ARABIC_SCRIPT = /[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/g;

let output: string;
let pdf: string;
let site: Awaited<ReturnType<typeof openSite>>;

beforeAll(async () => {
  output = await warmOutput();
  await runEleventy({ settings: { dataDir: ARABIC, outputDir: output, pathPrefix: "/", pdf: true } });
  const { data } = await loadDataOrThrow(ARABIC);
  const model = buildSite(dataIn(data, "ar"), { language: languageFrom(readCatalogues(ARABIC), "ar") });
  const report = model.reports.find((r) => r.year === 2017)!;
  pdf = path.join(output, report.pdfUrl);
  await printPdfs([printJob(model, report, pdf)], { siteDir: output, browserPath: findBrowser() });
  site = await openSite(output);
}, 240_000);

afterAll(async () => {
  await site?.close();
  await cleanUp();
});

async function withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const page = await site.browser.newPage();
  try {
    return await work(page);
  } finally {
    await page.close();
  }
}

describe("the Arabic pages", () => {
  it("each say their language and that it is written right to left, the print page too", async () => {
    const files = await arabicPages();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(await readFile(path.join(output, file), "utf8"), file).toMatch(/^<!doctype html>\s*<html lang="ar" dir="rtl">/);
    expect(await readFile(path.join(output, "ar", "2017", "print", "index.html"), "utf8")).toContain('<html lang="ar" dir="rtl">');
  });

  it("mirror: the header's name, the events' rule, the figures' column, the paragraph numbers and the photo on their other side", async () => {
    const sides = await withPage(async (page) => {
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto(site.url(PAGES.year), { waitUntil: "load" });
      return page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        const main = box("main");
        const centre = (r: DOMRect) => r.left + r.width / 2;
        const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
        return {
          direction: getComputedStyle(document.documentElement).direction,
          // The site's name at the right of the header, the language switcher at its left.
          name: box(".site-name").left > box(".site-languages").right,
          // The rule beside each event on its right.
          rule: [style(".event").borderRightWidth, style(".event").borderLeftWidth],
          // A figure's column at the left of the table, a paragraph's number at the right of its text.
          figure: box(".figure-tables .num").left < centre(box(".figure-tables table")),
          // (Of a paragraph in Arabic: one English stands in for is set left to right, its number at its start.)
          paragraphNumber: box("p.numbered:not([dir]) .paragraph-number").left > centre(main),
          // The event's photo floats at the left of its text.
          photo: box(".entry-photo").left < centre(document.querySelector(".entry-photo")!.closest(".event")!.getBoundingClientRect()),
          heading: box("h1").right > main.right - 40,
        };
      });
    });
    expect(sides).toEqual({ direction: "rtl", name: true, rule: ["3px", "0px"], figure: true, paragraphNumber: true, photo: true, heading: true });
  });

  it("have no accessibility violations (axe-core, WCAG 2.2 AA)", async () => {
    await withPage(async (page) => {
      for (const [name, url] of Object.entries(PAGES)) {
        expect((await page.goto(site.url(url), { waitUntil: "load" }))?.status(), url).toBe(200);
        const results = await new AxePuppeteer(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        expect(results.violations.map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
      }
    });
  });

  it("are valid HTML (Nu Html Checker)", async () => {
    expect(await htmlErrors(output)).toEqual([]);
  });

  it("do not scroll sideways at 375 px", async () => {
    const wide = await withPage(async (page) => {
      await page.setViewport({ width: 375, height: 800 });
      const found: string[] = [];
      // Not the print page, which the build removes once the PDF is printed.
      for (const file of (await arabicPages()).filter((f) => !f.includes("print/"))) {
        await page.goto(site.url(pageUrl(file)), { waitUntil: "load" });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 375) found.push(`${pageUrl(file)} is ${width} px wide`);
      }
      return found;
    });
    expect(wide).toEqual([]);
  });
});

describe("the Arabic PDF", () => {
  it("is set in the report's fonts alone, Arabic in Amiri, with no box and no missing glyph", async () => {
    const faces = await pdfFontNames(pdf);
    expect(faces).toContain("Amiri-Regular");
    expect(faces).toContain("Amiri-Bold");
    for (const face of faces) expect(face).toMatch(/^(SourceSerif4|SourceSans3|Amiri)\w*-\w+$/);
    expect(notdefProblems(await PDFDocument.load(await readFile(pdf), { updateMetadata: false }))).toEqual([]);
    // The Arabic words are printed as text, in the Arabic face; their digits are Latin.
    const text = (await pdfPages(pdf)).join(" ");
    expect(text.match(ARABIC_SCRIPT)!.length).toBeGreaterThan(1500);
    expect(text).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
  });

  it("reads back as written: the fixture's Arabic names and titles are words of its text, read by pdf.js and by poppler, and no glyph maps to a dotless letter, a private-use character or nothing", async () => {
    // As written in the fixture: the report's title and organisation, the translated events' titles, the places' names.
    const yaml = async (file: string) => parse(await readFile(path.join(ARABIC, file), "utf8")) as Record<string, unknown>;
    const report = await yaml("report.ar.yaml");
    const events = (await readdir(path.join(ARABIC, "events", "2017"))).filter((f) => f.endsWith(".ar.yaml"));
    const written = [
      report.title, report.organisation,
      ...await Promise.all(events.map(async (f) => (await yaml(path.join("events", "2017", f))).title)),
      ...Object.values(await yaml("places.ar.yaml")).map((place) => (place as { name: string }).name),
    ] as string[];
    expect(written).toHaveLength(8);
    // Words, as readers give them: presentation forms read as their letters (NFKC), and in any order (a line written
    // right to left is drawn from its left).
    const words = (text: string) => text.normalize("NFKC").split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
    const pdfJs = new Set(words((await pdfPages(pdf)).join("\n")));
    const poppler = new Set(words((await promisify(execFile)("pdftotext", ["-enc", "UTF-8", pdf, "-"])).stdout));
    for (const text of written) {
      for (const word of words(text)) {
        expect(pdfJs.has(word), `pdf.js: ${word} (${text})`).toBe(true);
        expect(poppler.has(word), `pdftotext: ${word} (${text})`).toBe(true);
      }
    }
    // The letters that a face drawing dotless bases and dots apart gives (ب read as ٮ), and none.
    expect([...pdfJs].join(" ")).not.toMatch(/[\u066e\u066f\u06a1\u06ba\u0000\ue000-\uf8ff]/);
    expect(glyphTextProblems(await PDFDocument.load(await readFile(pdf), { updateMetadata: false }))).toEqual([]);
  });

  it("mirrors its running header and its contents: the report's name at the right, the part's at the left, the page numbers at the left", async () => {
    const doc = await openPdf(pdf);
    try {
      /** The text items of a page with their left and right edges, in points from the page's left, and their baseline from its top. */
      const items = async (n: number): Promise<{ text: string; left: number; right: number; top: number }[]> => {
        const page = await doc.getPage(n);
        const height = page.view[3]!;
        const content = await page.getTextContent();
        return content.items
          .flatMap((i) => ("str" in i && i.str.trim() !== "" ? [{ text: i.str, x: Number(i.transform[4]), y: Number(i.transform[5]), width: i.width }] : []))
          .map((i) => ({ text: i.text, left: i.x, right: i.x + i.width, top: height - i.y }));
      };
      const contents = await items(3);
      // The header: the band above the text block (24 mm from the top).
      const header = contents.filter((i) => i.top < 24 * MM);
      const start = header.filter((i) => i.left > A4_WIDTH / 2);
      const end = header.filter((i) => i.right < A4_WIDTH / 2);
      // The report's name, the header's start, ends where the lines start (25 mm from the right); in English it begins 25 mm from the left.
      // The name is the fixture's Arabic organisation (report.ar.yaml): in Arabic script, no longer the English.
      expect(start.map((i) => i.text).join(" ")).toMatch(ARABIC_SCRIPT);
      expect(start.map((i) => i.text).join(" ")).not.toContain("Budapest Process");
      expect(Math.abs(Math.max(...start.map((i) => i.right)) - (A4_WIDTH - 25 * MM))).toBeLessThan(SIDE_BEARING);
      // The part's name, "Contents" in Arabic, starts where the lines end (22 mm from the left); in English it ends 22 mm from the right.
      expect(end.map((i) => i.text).join("")).toMatch(ARABIC_SCRIPT);
      expect(end.map((i) => i.text).join("")).not.toMatch(/[A-Za-z]/);
      expect(Math.abs(Math.min(...end.map((i) => i.left)) - 22 * MM)).toBeLessThan(SIDE_BEARING);
      // The contents' page numbers in a column at the left of the text block, their leaders running to them from the titles at the right.
      const numbers = contents.filter((i) => /^\d+$/.test(i.text.trim()) && i.top > 24 * MM && i.top < 200 * MM && i.left < A4_WIDTH / 3);
      expect(numbers.length).toBeGreaterThanOrEqual(12);
      const titles = contents.filter((i) => i.text.includes("Silk Routes Partnership Project"));
      expect(titles.length).toBeGreaterThan(0);
      expect(Math.min(...titles.map((i) => i.left))).toBeGreaterThan(A4_WIDTH / 2);
      // The footer, "Page 3 of 9" in Arabic, centred.
      const footer = contents.filter((i) => i.top > 270 * MM);
      expect(footer.map((i) => i.text).join("")).toMatch(ARABIC_SCRIPT);
      expect(footer.filter((i) => /\d/.test(i.text)).map((i) => i.text.trim())).toEqual(expect.arrayContaining(["3", "9"]));
      expect((Math.min(...footer.map((i) => i.left)) + Math.max(...footer.map((i) => i.right))) / 2).toBeCloseTo((22 * MM + A4_WIDTH - 25 * MM) / 2, -1);
    } finally {
      await doc.destroy();
    }
  });
});
