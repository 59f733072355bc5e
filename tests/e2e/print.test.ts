import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { PDFDocument } from "pdf-lib";
import puppeteer, { type Browser } from "puppeteer";
import { numberParagraphs } from "../../src/format/paragraphs.ts";
import { findBrowser } from "../../src/pdf/browser.ts";
import { execFileSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { filesMentioning } from "../../src/pdf/reports.ts";
import { loadDataOrThrow } from "../../src/data/load.ts";
import { printFonts } from "../../src/pdf/fonts.ts";
import { CHROMIUM_FLAGS, PrintError, printPdfs, printWithContents } from "../../src/pdf/print.ts";
import { SAMPLE_DATA } from "../helpers/data.ts";
import { pdfFontNames, pdfLines } from "../helpers/pdf.ts";
import { notdefProblems } from "../../src/pdf/notdef.ts";
import { cssString } from "../../src/format/css.ts";
import { monthChart } from "../../src/pictures/month-chart.ts";
import { computeFigures } from "../../src/report/figures.ts";
import { partialDate } from "../../src/format/dates.ts";

describe("numberParagraphs", () => {
  it("numbers the plain paragraphs in order, and only those", () => {
    const html = '<p>One</p><p class="dateline">x</p><div><p>Two</p></div><p>Three</p>';
    expect(numberParagraphs(html)).toBe(
      '<p class="numbered" id="para-1"><span class="paragraph-number">1.</span> One</p><p class="dateline">x</p>' +
        '<div><p class="numbered" id="para-2"><span class="paragraph-number">2.</span> Two</p></div>' +
        '<p class="numbered" id="para-3"><span class="paragraph-number">3.</span> Three</p>',
    );
    expect(numberParagraphs(html, false)).toBe(html);
  });
});

describe("the chart", () => {
  it("uses greys only, so that it reads the same when photocopied", () => {
    const figures = computeFigures(
      [
        { id: "a", file: "a", title: "A", type: "meeting", date: partialDate("2018-05-07"), place: "x", strands: ["s"], summary: "", reportYear: 2018 },
        { id: "b", file: "b", title: "B", type: "training", date: partialDate("2018-06-07"), place: "x", strands: ["s"], summary: "", reportYear: 2018 },
      ],
      { eventTypes: [{ id: "meeting", label: "Meeting", plural: "Meetings" }, { id: "training", label: "Training", plural: "Trainings" }], strands: [{ id: "s", title: "S", kind: "thematic" }] },
      { from: partialDate("2018"), to: partialDate("2018") },
    );
    const svg = monthChart(figures, 2018);
    const fills = [...svg.matchAll(/fill="#([0-9a-f]{6})"/gi)].map((m) => m[1]!.toLowerCase());
    expect(fills.length).toBeGreaterThan(2);
    for (const fill of fills) expect(fill.slice(0, 2) === fill.slice(2, 4) && fill.slice(2, 4) === fill.slice(4, 6), fill).toBe(true);
    expect(svg).toContain("<title id=\"months-2018-title\">Activities held in 2018 by month and type</title>");
    expect(svg).toMatch(/<table><caption>Activities held in 2018 by month and type<\/caption>/);
  });
});

describe("the contents' second pass", () => {
  let browser: Browser;
  let fonts: string;
  beforeAll(async () => {
    // With the printing browser's fonts, as printPdfs has them: the pages' text is laid out alike on every machine.
    fonts = await mkdtemp(path.join(tmpdir(), "activity-report-print-fonts-"));
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS, env: printFonts(fonts) });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(fonts, { recursive: true, force: true });
  });

  const page = (reserved: boolean) => `<!doctype html><html lang="en"><head><style>
    @page { size: A4; margin: 20mm; }
    .toc-page { ${reserved ? "display: inline-block; width: 3em;" : "display: block; font-size: 60pt;"} }
    section { break-before: page; }
    .filler { height: ${reserved ? "200mm" : "235mm"}; }
  </style></head><body>
    <nav class="toc"><ol>
      <li><a href="#one"><span class="toc-label">One</span><span class="toc-page" data-toc-target="one"></span></a></li>
      <li><a href="#two"><span class="toc-label">Two</span><span class="toc-page" data-toc-target="two"></span></a></li>
    </ol><div class="filler"></div></nav>
    <section id="one"><h2>One</h2><p>Text.</p></section>
    <section id="two"><h2>Two</h2><p>Text.</p></section>
  </body></html>`;

  it("writes the page where each heading starts", async () => {
    const tab = await browser.newPage();
    try {
      await tab.setContent(page(true));
      const { outline, pages } = await printWithContents(tab, { title: "test" }, 30_000);
      expect(pages).toBe(3);
      expect(outline.map((o) => [o.title, o.page])).toEqual([["One", 2], ["Two", 3]]);
      expect(await tab.$$eval("[data-toc-target]", (els) => els.map((e) => e.textContent))).toEqual(["2", "3"]);
    } finally {
      await tab.close();
    }
  });

  it("fails loudly when writing the numbers in moves a heading", async () => {
    const tab = await browser.newPage();
    try {
      await tab.setContent(page(false));
      const error = await printWithContents(tab, { title: "test" }, 30_000).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(PrintError);
      expect((error as Error).message).toMatch(/the contents' page numbers moved the headings: #one is on page 3 but the contents say 2/);
    } finally {
      await tab.close();
    }
  });
});

/** A site of one page, /x/, holding `body`, in a temporary folder removed after the test. */
async function onePageSite(body: string): Promise<string> {
  const site = await mkdtemp(path.join(tmpdir(), "activity-report-print-"));
  onTestFinished(() => rm(site, { recursive: true, force: true }));
  await mkdir(path.join(site, "x"));
  await writeFile(path.join(site, "x", "index.html"), `<!doctype html><html lang="en"><title>x</title><link rel="icon" href="data:,">${body}`);
  return site;
}

const JOB_METADATA = { title: "t", author: "a", subject: "s", keywords: [], date: "2020-01-01", creator: "c" };

describe("printPdfs", () => {
  it("prints a page and leaves no timer behind that would keep the process running", async () => {
    const site = await onePageSite("<p>Text</p>");
    // In a process of its own, which records every timer as it is made: right after printing, no timer of
    // a second or more may still be pending. (Puppeteer's own short timers, a tenth of a second after the
    // browser disconnects, end by themselves; a time limit left running would hold the process for its length.)
    const script = path.join(site, "print.mts");
    await writeFile(script, `
      import { createHook } from "node:async_hooks";
      const timers = new Set();
      createHook({ init(_id, type, _trigger, resource) { if (type === "Timeout") timers.add(resource); } }).enable();
      const { printPdfs } = await import(${JSON.stringify(path.resolve("src/pdf/print.ts"))});
      const [pdf] = await printPdfs([{ pagePath: "/x/", file: ${JSON.stringify(path.join(site, "x.pdf"))}, title: "Test", metadata: ${JSON.stringify(JOB_METADATA)} }],
        { siteDir: ${JSON.stringify(site)}, browserPath: ${JSON.stringify(findBrowser())} });
      const pending = [...timers].filter((t) => !t._destroyed && t.hasRef() && t._idleTimeout >= 1000).map((t) => t._idleTimeout);
      console.log(JSON.stringify({ pages: pdf.pages, timers: timers.size, pending }));
    `);
    const result = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", script], { encoding: "utf8" })) as { pages: number; timers: number; pending: number[] };
    expect(result.pages).toBe(1);
    // The printer makes timers of its own (its time limits): the hook sees them.
    expect(result.timers).toBeGreaterThan(0);
    expect(result.pending).toEqual([]);
    expect((await readdir(site)).sort()).toEqual(["print.mts", "x", "x.pdf"]);
  });
});

describe("the printer's loopback server", () => {
  it("blocks every request elsewhere and fails naming it; the build names the data file that holds it", async () => {
    const site = await onePageSite('<p>Text</p><img src="https://images.example.org/sarajevo.jpg" alt=""><link rel="stylesheet" href="https://fonts.example.org/font.css">');
    const error = await printPdfs([{ pagePath: "/x/", file: path.join(site, "x.pdf"), title: "Test", metadata: JOB_METADATA }],
      { siteDir: site, browserPath: findBrowser() }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PrintError);
    expect([...(error as PrintError).blocked].sort()).toEqual(["https://fonts.example.org/font.css", "https://images.example.org/sarajevo.jpg"]);
    expect((error as Error).message).toContain("blocked a request to https://images.example.org/sarajevo.jpg: the print page may load only its own files");
    expect(await readdir(site)).toEqual(["x"]);

    const { data } = await loadDataOrThrow(SAMPLE_DATA);
    expect(filesMentioning("Koç University presented findings", data)).toEqual([
      expect.stringMatching(/_data\/events\/2018\/2018-05-07-sarajevo-joint-working-group\.yaml$/),
    ]);
  });
});

describe("running headers written from the data", () => {
  it("print the text as written, whatever CSS it holds, and change nothing else on the page", async () => {
    // The form feed is a line break to CSS: unescaped, it ended the string and the rest became rules.
    const attack = "Strand\f}} .disclaimer{display:none} .cover::after{content:'INJECTED'} \"quoted\" back\\slash </style><p>HTML</p>";
    const site = await onePageSite(`<style>@page { margin: 20mm; @top-left { content: ${cssString(attack)}; } }</style>
      <p class="cover">Cover</p><p class="disclaimer">The disclaimer stays.</p>`);
    const file = path.join(site, "x.pdf");
    const [printed] = await printPdfs([{ pagePath: "/x/", file, title: "Test", metadata: JOB_METADATA }], { siteDir: site, browserPath: findBrowser() });
    // The times the bench reports: finishing, and of the print the part PDF/UA and PDF/A ask.
    expect(printed!.finishMs).toBeGreaterThan(0);
    expect(printed!.standardsMs).toBeGreaterThan(0);
    const [page] = await pdfLines(file);
    // The header is longer than its box and wraps: read its lines as one.
    expect(page!.slice(-2)).toEqual(["Cover", "The disclaimer stays."]);
    expect(page!.slice(0, -2).join(" ")).toBe(attack.replace("\f", " "));
  });
});

const require = createRequire(import.meta.url);

describe("the printing browser's fonts", () => {
  it("are the report's own, whatever fonts the machine has: the same page prints the same bytes", async () => {
    // Characters the report's fonts lack, in each family a page may name: no font of the machine's may draw them
    // (Cyrillic and Arabic the report's faces draw, Georgian they lack).
    const text = "Hello Жук თ ع 中 ȏ Ĳ ₿";
    const families = ["'Source Serif 4'", "'Source Sans 3'", "serif", "sans-serif", "monospace", "Arial", "Georgia"];
    const site = await onePageSite(families.map((family) => `<p style="font-family: ${family}">${text}</p>`).join(""));
    // Two machines: this one with a font added (Liberation Sans, which pdf.js ships, so every machine has it to add), and one without any font.
    const added = path.join(site, "added-fonts");
    await mkdir(added);
    await copyFile(path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts", "LiberationSans-Regular.ttf"), path.join(added, "LiberationSans-Regular.ttf"));
    const config = async (name: string, body: string) => {
      const file = path.join(site, `${name}.conf`);
      await writeFile(file, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>${body}<cachedir>${path.join(site, `${name}-cache`)}</cachedir></fontconfig>`);
      return file;
    };
    const machines = {
      more: await config("more", `<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${added}</dir>`),
      none: await config("none", ""),
    };
    const printed: Record<string, string> = {};
    for (const [machine, fontconfig] of Object.entries(machines)) {
      vi.stubEnv("FONTCONFIG_FILE", fontconfig);
      try {
        printed[machine] = path.join(site, `${machine}.pdf`);
        await printPdfs([{ pagePath: "/x/", file: printed[machine], title: "Test", metadata: JOB_METADATA }], { siteDir: site, browserPath: findBrowser() });
      } finally {
        vi.unstubAllEnvs();
      }
    }
    // ع in the report's Arabic face, whichever family the page names.
    expect(await pdfFontNames(printed.more!)).toEqual(["ActivityReportBox-Regular", "Amiri-Regular", "SourceSans3-Regular", "SourceSerif4-Regular"]);
    expect(await readFile(printed.more!)).toEqual(await readFile(printed.none!));
    // What no font of the report's has is the box font's glyph, not a font's .notdef, which PDF/A and PDF/UA forbid.
    expect(notdefProblems(await PDFDocument.load(await readFile(printed.more!), { updateMetadata: false }))).toEqual([]);
    // Also on a machine without fonts, each line is printed, in the report's fonts (what they lack as a box).
    expect((await pdfLines(printed.none!))[0]!.map((line) => line.slice(0, 5))).toEqual(families.map(() => "Hello"));
  });
});
