/**
 * One measurement in its own Node process (started by bench/run.ts with
 * `node --import tsx bench/worker.ts TASK JSON`), so that the memory of one
 * size or one task does not pollute the next. Every figure is timed inside the
 * process, after the modules are loaded; the result is printed as one line.
 *
 * The project's code is called exactly as the build calls it: `build()` from
 * src/build.ts and `printPdfs()` from src/pdf/print.ts, so the figures follow
 * whatever those do today.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { Browser } from "puppeteer";
import type { PdfMetadata } from "../src/pdf/metadata.ts";
import type { PageBytes } from "../tests/helpers/pdf.ts";
import { alternately, BENCH_DIR, peakRssMb, reply, ROOT, round } from "./lib/util.ts";

// Each task imports what it needs before its clock starts, and nothing more, so
// that a process's peak memory is that of the task: a site build loads what the
// CLI's build loads (src/build.ts, which loads Eleventy and Puppeteer).
const project = {
  build: () => import("../src/build.ts"),
  load: () => import("../src/data/load.ts"),
  model: () => import("../src/report/model.ts"),
  browser: () => import("../src/pdf/browser.ts"),
  print: () => import("../src/pdf/print.ts"),
};
const eleventy = async () => (await import("@11ty/eleventy")).default;
const puppeteer = async () => (await import("puppeteer")).default;
const helpers = () => import("./lib/print-helpers.ts");

/** Paged.js's polyfill script, from the installed package (its `exports` hide the dist/ path, so go through the package folder). */
function pagedPolyfill(): string {
  const entry = createRequire(import.meta.url).resolve("pagedjs"); // …/pagedjs/lib/index.cjs
  return path.join(path.dirname(path.dirname(entry)), "dist", "paged.polyfill.js");
}

const now = () => performance.now();
const ms = (since: number) => round(now() - since, 1);

// ------------------------------------------------------------------ the tasks' results

export interface ReportInfo {
  readonly year: number;
  readonly printUrl: string;
  readonly pdfName: string;
  readonly title: string;
  readonly events: number;
}

export interface ValidateResult {
  /** loadData, first call in a fresh process (what `activity-report check` does). */
  readonly ms: number;
  /** loadData, second call in the same process (warm JIT and file cache). */
  readonly warmMs: number;
  readonly events: number;
  readonly errors: number;
  readonly warnings: number;
  readonly reports: readonly ReportInfo[];
}

export interface BuildFigures {
  readonly ms: number;
  /** HTML pages written. */
  readonly pages: number;
  /** Peak RSS of the whole process, in MB. */
  readonly peakRssMb: number;
  /** Where a site build's time went, from its progress steps: reading and checking the data (with the model), Eleventy, Pagefind, the rest (putting the output in place). */
  readonly phases?: Phases;
  /** The photos' published copies, and how many of them were encoded rather than taken from the cache; absent for data without photos. */
  readonly photos?: PhotoCounts;
  /** The PDFs printed, for a whole build. */
  readonly pdfs?: number;
}

export interface PhotoCounts {
  readonly files: number;
  readonly encoded: number;
}

export interface Phases {
  readonly validateMs: number;
  readonly renderMs: number;
  readonly indexMs: number;
  readonly restMs: number;
}

export interface RebuildResult {
  readonly firstMs: number;
  readonly secondMs: number;
  readonly pages: number;
  readonly peakRssMb: number;
  /** Of the second build. */
  readonly photos?: PhotoCounts;
}

export interface PrintFigures {
  readonly ms: number;
  readonly pages: number;
  readonly bytes: number;
  /** Ours: the time of finishPdf (bookmarks, document information, artifacts, structure tree, links, XMP) within `ms`. */
  readonly finishMs?: number;
  /** Ours: the time of what PDF/UA and PDF/A ask within `ms` (PrintedPdf.standardsMs). */
  readonly standardsMs?: number;
  /** Ours: the time of the machine checks of PDF/UA and PDF/A on the finished file within `ms` (PrintedPdf.checkMs). */
  readonly checkMs?: number;
  /** Breakdown of the plain print: browser start, page load, printing. */
  readonly parts?: Readonly<Record<string, number>>;
}

export interface PdfRounds {
  readonly ours: readonly PrintFigures[];
  readonly plain: readonly PrintFigures[];
}

export interface PagedResult {
  readonly finished: boolean;
  readonly limitMs: number;
  readonly ms?: number;
  readonly pages?: number;
  readonly bytes?: number;
  /** Paged.js's own layout time (flow.performance). */
  readonly layoutMs?: number;
  readonly error?: string;
}

// ------------------------------------------------------------------ validation

async function validate(args: { dataDir: string }): Promise<ValidateResult> {
  const { loadData } = await project.load();
  const started = now();
  const result = await loadData(args.dataDir);
  const first = ms(started);
  const again = now();
  await loadData(args.dataDir);
  const warm = ms(again);
  const { buildSite } = await project.model();
  const site = result.data ? buildSite(result.data) : undefined;
  return {
    ms: first,
    warmMs: warm,
    events: result.data?.events.length ?? 0,
    errors: result.diagnostics.filter((d) => d.severity === "error").length,
    warnings: result.diagnostics.filter((d) => d.severity === "warning").length,
    reports: (site?.reports ?? []).map((r) => ({ year: r.year, printUrl: r.printUrl, pdfName: r.pdfName, title: r.title, events: r.events.length })),
  };
}

// ------------------------------------------------------------------ site builds

/**
 * A site build. With `coldPhotos`, the photo cache of the output folder is removed first (before the clock starts),
 * so that every photo copy is encoded, as in the first build of a folder. With `pdf`, the whole build: the PDFs too.
 */
async function site(args: { dataDir: string; outputDir: string; coldPhotos?: boolean; pdf?: boolean }): Promise<BuildFigures> {
  const { build } = await project.build();
  await eleventy(); // build() imports it on first use; load it before the clock starts, as the floor does
  if (args.coldPhotos) {
    const { photoCacheFor } = await import("../src/pictures/photo-processor.ts"); // loaded by build() anyway
    await rm(path.dirname(photoCacheFor(args.outputDir)), { recursive: true, force: true });
  }
  const started = now();
  const marks: Partial<Record<"validated" | "rendered" | "indexed", number>> = {};
  let photos: PhotoCounts | undefined;
  const result = await build({ dataDir: args.dataDir, outputDir: args.outputDir, pathPrefix: "/", pdf: args.pdf ?? false }, (p) => {
    if (p.step === "validated" || p.step === "rendered" || p.step === "indexed") marks[p.step] = ms(started);
    if (p.step === "photos") photos = { files: p.files, encoded: p.encoded };
  });
  const total = ms(started);
  // The previous output is removed after the build has reported, as the CLI does it: not part of the build's time.
  await result.settled;
  const { validated = 0, rendered = validated, indexed = rendered } = marks;
  const phases = { validateMs: validated, renderMs: rendered - validated, indexMs: indexed - rendered, restMs: total - indexed };
  return { ms: total, pages: result.pages, peakRssMb: peakRssMb(), phases, ...(photos ? { photos } : {}), ...(args.pdf ? { pdfs: result.pdfs.length } : {}) };
}

/** Adds a sentence to the block summary of an event file, as an editor's text edit; gives back the original text. */
async function editSummary(file: string): Promise<string> {
  const original = await readFile(file, "utf8");
  if (!/^summary: \|\n/m.test(original)) throw new Error(`${file}: no block summary to edit`);
  await writeFile(file, original.replace(/^summary: \|\n/m, "summary: |\n  Edited for the benchmark.\n"));
  return original;
}

/**
 * `activity-report build` again after a text edit: one event's summary edited, then a site build in this fresh
 * process, into the output folder of an earlier build, whose photo cache is warm. Without the in-memory caches of
 * a process that has built before (see `rebuild`), every photo is looked up in the cache on disk.
 */
async function editedBuild(args: { dataDir: string; outputDir: string; eventFile: string }): Promise<BuildFigures> {
  const { build } = await project.build();
  await eleventy();
  const file = path.join(args.dataDir, args.eventFile);
  const original = await editSummary(file);
  try {
    let photos: PhotoCounts | undefined;
    const started = now();
    const result = await build({ dataDir: args.dataDir, outputDir: args.outputDir, pathPrefix: "/", pdf: false }, (p) => {
      if (p.step === "photos") photos = { files: p.files, encoded: p.encoded };
    });
    const elapsed = ms(started);
    await result.settled;
    return { ms: elapsed, pages: result.pages, peakRssMb: peakRssMb(), ...(photos ? { photos } : {}) };
  } finally {
    await writeFile(file, original);
  }
}

/**
 * The site as the printer sees it. build() removes the print pages once it has
 * printed them, so the print measurements render the site themselves, the way
 * build() does before printing: the same Eleventy configuration and settings,
 * with PDFs on. Not a measurement; its time is recorded for information.
 */
async function printSite(args: { dataDir: string; outputDir: string; photoCache?: string }): Promise<BuildFigures> {
  const { runEleventy } = await import("../src/eleventy/run.ts");
  await eleventy();
  await rm(args.outputDir, { recursive: true, force: true });
  const started = now();
  // `photoCache`: the photo cache of a site build of the same data, so that its photos are not encoded again.
  const pages = await runEleventy({ settings: { dataDir: args.dataDir, outputDir: args.outputDir, pathPrefix: "/", pdf: true }, ...(args.photoCache ? { photoCache: args.photoCache } : {}) });
  return { ms: ms(started), pages, peakRssMb: peakRssMb() };
}

/** The whole build of one year with its PDF, as `activity-report build --year YEAR` does it: catches work outside printPdfs(). */
async function yearBuild(args: { dataDir: string; outputDir: string; year: number }): Promise<BuildFigures & { pdfBytes: number }> {
  const { build } = await project.build();
  await eleventy();
  const started = now();
  const result = await build({ dataDir: args.dataDir, outputDir: args.outputDir, pathPrefix: "/", pdf: true, year: args.year });
  const elapsed = ms(started);
  await result.settled;
  await rm(args.outputDir, { recursive: true, force: true });
  return { ms: elapsed, pages: result.pages, peakRssMb: peakRssMb(), pdfBytes: result.pdfs.reduce((sum, pdf) => sum + pdf.bytes, 0) };
}

/** The framework's floor: bare Eleventy rendering the same number of pages from a trivial template. */
async function floor(args: { pages: number; outputDir: string }): Promise<BuildFigures> {
  process.env.BENCH_FLOOR_PAGES = String(args.pages);
  process.env.BENCH_FLOOR_OUTPUT = args.outputDir;
  await rm(args.outputDir, { recursive: true, force: true });
  const Eleventy = await eleventy();
  const started = now();
  const elev = new Eleventy(undefined, undefined, { configPath: path.join(BENCH_DIR, "floor/eleventy.config.ts"), quietMode: true });
  elev.disableLogger();
  const [, templates] = (await elev.write()) as [unknown, { outputPath: string | false }[]];
  const elapsed = ms(started);
  const pages = templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
  return { ms: elapsed, pages, peakRssMb: peakRssMb() };
}

/** Build, edit one event's summary, build again in the same process: the second build's time. */
async function rebuild(args: { dataDir: string; outputDir: string; eventFile: string }): Promise<RebuildResult> {
  const options = { dataDir: args.dataDir, outputDir: args.outputDir, pathPrefix: "/", pdf: false } as const;
  const { build } = await project.build();
  await eleventy();
  const started = now();
  const first = await build(options);
  const firstMs = ms(started);
  await first.settled;
  const file = path.join(args.dataDir, args.eventFile);
  const original = await editSummary(file);
  try {
    let photos: PhotoCounts | undefined;
    const again = now();
    const result = await build(options, (p) => {
      if (p.step === "photos") photos = { files: p.files, encoded: p.encoded };
    });
    const secondMs = ms(again);
    await result.settled;
    return { firstMs, secondMs, pages: result.pages, peakRssMb: peakRssMb(), ...(photos ? { photos } : {}) };
  } finally {
    await writeFile(file, original);
  }
}

/** A page's text without the soft hyphens the build puts into its prose (a marker's "benchmark" is written "bench\u00ADmark"). */
const withoutSoftHyphens = (html: string): string => html.replaceAll("\u00AD", "");

export interface PreviewRebuildResult {
  /** From saving the edited event file to its page being rewritten by the preview. */
  readonly samplesMs: readonly number[];
}

/**
 * The live preview's rebuild: `activity-report dev` itself, started as an
 * editor starts it (its watcher, its settling of a burst of file events, its
 * fresh build into a staging folder that replaces the preview folder), one
 * event file saved with an edit, timed until that event's page on disk shows
 * it; several edits in a row. Its start-up is not counted.
 */
async function previewRebuild(args: { dataDir: string; outputDir: string; eventFile: string; pagePath: string; rounds: number }): Promise<PreviewRebuildResult> {
  const { spawn } = await import("node:child_process");
  const bin = path.join(ROOT, "bin", "activity-report.js");
  const dev = spawn(process.execPath, [bin, "dev", "--data", args.dataDir, "--output", args.outputDir, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  dev.stdout.on("data", (c: Buffer) => (printed += c.toString()));
  dev.stderr.on("data", (c: Buffer) => (printed += c.toString()));
  const file = path.join(args.dataDir, args.eventFile);
  const page = path.join(args.outputDir, args.pagePath, "index.html");
  const original = await readFile(file, "utf8");
  const samplesMs: number[] = [];
  try {
    const started = now();
    // It serves at once; the edits are timed once its first build has ended.
    while (!/^Built the preview/m.test(printed)) {
      if (dev.exitCode !== null || now() - started > 180_000) throw new Error(`the preview did not build:\n${printed}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 1; i <= args.rounds; i++) {
      // Let the watcher settle between edits, as an editor's saves are seconds apart.
      await new Promise((r) => setTimeout(r, 1500));
      const marker = `Edited for the benchmark, round ${i}.`;
      const started = now();
      await writeFile(file, original.replace(/^summary: \|\n/m, `summary: |\n  ${marker}\n`));
      while (!withoutSoftHyphens(await readFile(page, "utf8").catch(() => "")).includes(marker)) {
        if (now() - started > 60_000) throw new Error(`the preview did not rebuild ${args.pagePath} within a minute:\n${printed}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      samplesMs.push(ms(started));
    }
  } finally {
    dev.kill("SIGTERM");
    await writeFile(file, original);
  }
  return { samplesMs };
}

export interface EditorResult {
  /** From starting `activity-report dev` to the editor's page, its configuration and its list of events answered. */
  readonly startMs: number;
  /** From starting it to the preview's home page built (its first build). */
  readonly firstBuildMs: number;
  /** For each save: from the editor's save sent to the event's page in the preview showing the new text. */
  readonly savesMs: readonly number[];
}

/**
 * The editor as an editor uses it: `activity-report dev` started as a command (the time until its
 * editor at /admin/ can list the events), then saves of one event's summary sent to its write service
 * as the editor's page sends them, each timed until the preview serves the event's page with the new text.
 */
async function editor(args: { dataDir: string; outputDir: string; eventFile: string; pagePath: string; rounds: number }): Promise<EditorResult> {
  const { spawn } = await import("node:child_process");
  const { parse, stringify } = await import("yaml");
  const bin = path.join(ROOT, "bin", "activity-report.js");
  const started = now();
  const dev = spawn(process.execPath, [bin, "dev", "--data", args.dataDir, "--output", args.outputDir, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  dev.stdout.on("data", (c: Buffer) => (printed += c.toString()));
  dev.stderr.on("data", (c: Buffer) => (printed += c.toString()));
  const original = await readFile(path.join(args.dataDir, args.eventFile), "utf8");
  const until = async (what: string, done: () => Promise<boolean>, limitMs = 180_000) => {
    const from = now();
    while (!(await done().catch(() => false))) {
      if (dev.exitCode !== null || now() - from > limitMs) throw new Error(`${what}:\n${printed}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const ask = async (origin: string, action: string, params: unknown) => {
    const response = await fetch(`${origin}/admin/api/v1`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action, params }) });
    return { ok: response.ok, json: (await response.json()) as Record<string, unknown> };
  };
  try {
    let origin = "";
    await until("the preview did not start", async () => {
      origin = /^Preview of .* at (http:\/\/\S+?:\d+)\//m.exec(printed)?.[1] ?? "";
      return origin !== "";
    });
    await until("the editor did not answer", async () => {
      const [page, config] = await Promise.all([fetch(`${origin}/admin/`), fetch(`${origin}/admin/config.yml`)]);
      if (!page.ok || !config.ok) return false;
      const list = await ask(origin, "entriesByFolder", { folder: "events", extension: "yaml", depth: 2 });
      return list.ok && Array.isArray(list.json) && list.json.length > 0;
    });
    const startMs = ms(started);
    await until("the preview was not built", async () => (await fetch(`${origin}/`)).status === 200);
    const firstBuildMs = ms(started);
    const savesMs: number[] = [];
    for (let i = 1; i <= args.rounds; i++) {
      // Saves are seconds apart: the rebuild of the one before has ended.
      await new Promise((r) => setTimeout(r, 1500));
      const entry = await ask(origin, "getEntry", { path: args.eventFile });
      const view = parse(String(entry.json.data)) as Record<string, unknown>;
      const marker = `Saved in the editor for the benchmark, round ${i}.`;
      view.summary = `${marker}\n${String(view.summary)}`;
      const from = now();
      const saved = await ask(origin, "persistEntry", { dataFiles: [{ path: args.eventFile, raw: stringify(view) }], assets: [] });
      if (!saved.ok) throw new Error(`the save was refused: ${JSON.stringify(saved.json)}`);
      await until(`the preview did not show the save within a minute`, async () => withoutSoftHyphens(await (await fetch(`${origin}/${args.pagePath}/`)).text()).includes(marker), 60_000);
      savesMs.push(ms(from));
    }
    return { startMs, firstBuildMs, savesMs };
  } finally {
    dev.kill("SIGTERM");
    await new Promise((r) => (dev.exitCode !== null ? r(undefined) : dev.once("exit", r)));
    await writeFile(path.join(args.dataDir, args.eventFile), original);
  }
}

// ------------------------------------------------------------------ PDFs

interface PrintArgs {
  readonly year: number;
  readonly siteDir: string;
  readonly pagePath: string;
  readonly title: string;
  readonly outDir: string;
}

/**
 * The job's document information. build() makes it from the model in a
 * function of its own that it does not export; its content costs nothing
 * measurable (it is written into the PDF once), so a fixed one of the same
 * shape stands in.
 */
function metadataFor(args: PrintArgs): PdfMetadata {
  return {
    title: `Budapest Process: ${args.title}`,
    author: "Budapest Process Secretariat",
    subject: `The activities of the Budapest Process in ${args.year}`,
    keywords: ["Budapest Process", "migration", "annual activity report", String(args.year)],
    date: `${args.year + 1}-01-15`,
    creator: "Budapest Process Secretariat with activity-report",
  };
}

/** Ours: printPdfs() with one job, as build() calls it. */
async function printOurs(args: PrintArgs, browserPath: string, index: number): Promise<PrintFigures> {
  const { printPdfs, preloadPrinting } = await project.print();
  const { pdfPageCount } = await helpers();
  const file = path.join(args.outDir, `ours-${index}.pdf`);
  // build() loads the PDF reader while Eleventy renders; here it is loaded before the clock starts, like the other modules.
  await preloadPrinting();
  const started = now();
  const [printed] = await printPdfs([{ pagePath: args.pagePath, file, title: args.title, metadata: metadataFor(args) }], { siteDir: args.siteDir, browserPath, pathPrefix: "/", timeoutMs: LONG });
  const elapsed = ms(started);
  return { ms: elapsed, pages: await pdfPageCount(file), bytes: printed!.bytes, finishMs: printed!.finishMs, standardsMs: printed!.standardsMs, checkMs: printed!.checkMs };
}

const LONG = 30 * 60_000;

/** The floor of printing with Chromium: start it, load the same page, print it with the page's own size. Nothing else. */
async function printPlain(args: PrintArgs, browserPath: string, index: number): Promise<PrintFigures> {
  const file = path.join(args.outDir, `plain-${index}.pdf`);
  const { CHROMIUM_FLAGS } = await project.print();
  const { pdfPageCount, serveStatic } = await helpers();
  const launcher = await puppeteer();
  const started = now();
  const server = await serveStatic(args.siteDir);
  let browser: Browser | undefined;
  try {
    browser = await launcher.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_FLAGS, protocolTimeout: LONG });
    const launched = ms(started);
    const page = await browser.newPage();
    await page.goto(`${server.origin}${args.pagePath}`, { waitUntil: "load", timeout: LONG });
    const loaded = ms(started);
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: LONG });
    await writeFile(file, pdf);
    const printed = ms(started);
    await browser.close();
    browser = undefined;
    const elapsed = ms(started);
    return {
      ms: elapsed,
      pages: await pdfPageCount(file),
      bytes: pdf.length,
      parts: { launch: launched, load: round2(loaded - launched), print: round2(printed - loaded), close: round2(elapsed - printed) },
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}

const round2 = (x: number) => round(x, 1);

async function pdf(args: PrintArgs & { rounds: number }): Promise<PdfRounds> {
  await mkdir(args.outDir, { recursive: true });
  const browserPath = (await project.browser()).findBrowser();
  const ours: PrintFigures[] = [];
  const plain: PrintFigures[] = [];
  // Each round's files are numbered by the round.
  await alternately(args.rounds, async () => void ours.push(await printOurs(args, browserPath, ours.length)), async () => void plain.push(await printPlain(args, browserPath, plain.length)));
  return { ours, plain };
}

/**
 * The Paged.js polyfill on the same print page: it lays out the pages in the
 * browser (page counters, margin boxes, target-counter for contents), then
 * Chromium prints the result. Injected from the local package, never from the
 * network. Gives up after `limitMs` and records "did not finish".
 */
async function paged(args: PrintArgs & { limitMs: number }): Promise<PagedResult> {
  await mkdir(args.outDir, { recursive: true });
  const file = path.join(args.outDir, "pagedjs.pdf");
  const browserPath = (await project.browser()).findBrowser();
  const { CHROMIUM_FLAGS } = await project.print();
  const { pdfPageCount, serveStatic } = await helpers();
  const launcher = await puppeteer();
  const server = await serveStatic(args.siteDir);
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  const started = now();
  const work = (async (): Promise<PagedResult> => {
    browser = await launcher.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_FLAGS, protocolTimeout: args.limitMs + 120_000 });
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      (window as unknown as { PagedConfig: unknown }).PagedConfig = { auto: false };
    });
    await page.goto(`${server.origin}${args.pagePath}`, { waitUntil: "load", timeout: args.limitMs });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.addScriptTag({ path: pagedPolyfill() });
    const flow = await page.evaluate(async () => {
      const polyfill = (window as unknown as { PagedPolyfill: { preview(): Promise<{ total: number; performance: number }> } }).PagedPolyfill;
      const done = await polyfill.preview();
      return { total: done.total, performance: done.performance };
    });
    const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, timeout: args.limitMs });
    await writeFile(file, pdf);
    await browser.close();
    browser = undefined;
    return { finished: true, limitMs: args.limitMs, ms: ms(started), pages: await pdfPageCount(file), bytes: pdf.length, layoutMs: round(flow.performance, 1) };
  })();
  const limit = new Promise<PagedResult>((resolve) => {
    timer = setTimeout(() => resolve({ finished: false, limitMs: args.limitMs }), args.limitMs);
  });
  try {
    return await Promise.race([work, limit]).catch((error: unknown) => ({ finished: false, limitMs: args.limitMs, error: String(error) }));
  } finally {
    clearTimeout(timer);
    const open = browser;
    if (open) {
      open.process()?.kill("SIGKILL");
      await open.close().catch(() => undefined);
    }
    work.catch(() => undefined);
    await server.close();
  }
}

/** What each page of a PDF weighs of its own (content streams and the images it draws; fonts, shared by all pages, left out). */
async function pdfPages(args: { file: string }): Promise<PageBytes[]> {
  const { pdfPageBytes } = await import("../tests/helpers/pdf.ts");
  return pdfPageBytes(args.file);
}

// ------------------------------------------------------------------ entry

/**
 * How long a command takes to load its modules, from the process's start (tsx included): what `check`
 * loads (the command line and the data layer), and what a build without PDFs loads on top (the build, Eleventy).
 */
async function modules(args: { command: "check" | "build" }): Promise<{ ms: number }> {
  await import("../src/cli.ts");
  if (args.command === "build") await import("../src/build.ts");
  return { ms: performance.now() };
}

const TASKS = { validate, site, editedBuild, printSite, yearBuild, floor, rebuild, previewRebuild, editor, pdf, pdfPages, paged, modules } as Record<string, (args: never) => Promise<unknown>>;

const [task, json] = process.argv.slice(2);
const run = task ? TASKS[task] : undefined;
if (!run) {
  process.stderr.write(`usage: node --import tsx bench/worker.ts <${Object.keys(TASKS).join("|")}> JSON\n`);
  process.exit(2);
}
reply(await run(JSON.parse(json ?? "{}") as never));
// Eleventy and Puppeteer may leave handles open; the measurement is done.
process.exit(0);
