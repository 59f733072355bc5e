/**
 * A whole build: validate, render the site with Eleventy, print the PDFs,
 * index the site for search. Everything is written into a staging folder
 * beside the output folder, which replaces the output folder only when every
 * step has succeeded.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DataError, displayPath, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, REFERENCE_FILES, type DataSet } from "./data/load.ts";
import { onRenderedPage } from "./eleventy/progress.ts";
import { handOver } from "./eleventy/site-data.ts";
import { describeChanges, manifestOf, readManifest } from "./report/changes.ts";
import { filters } from "./eleventy/filters.ts";
import { findBrowser } from "./pdf/browser.ts";
import type { PrintedPdf, PrintOptions } from "./pdf/print.ts";
import { printJob } from "./pdf/job.ts";
import { buildSite, type SiteModel } from "./report/model.ts";
import { indexSite } from "./search.ts";
import type { Settings } from "./settings.ts";

export const ELEVENTY_CONFIG = fileURLToPath(new URL("../.eleventy.ts", import.meta.url));
const PROJECT_ROOT = path.dirname(ELEVENTY_CONFIG);

/**
 * Written into every output folder: a folder without it is not ours to
 * replace. A published build writes its manifest there (JSON, which says it
 * was written by `build`, and keeps what the next build compares with); the
 * live preview writes `PREVIEW_MARKER`.
 */
export const OUTPUT_MARKER = ".activity-report-output";

/** The whole marker of a folder the live preview wrote. */
export const PREVIEW_MARKER = "Written by activity-report dev: a preview, not the published report.\n";

/** What the marker of a published build says wrote it. */
const WRITTEN_BY_BUILD = "activity-report build";

/**
 * Who wrote an output folder, from its marker's text: `build` (a published
 * report; also one built before the manifest named its writer), `dev` (a
 * preview), or `unknown` for anything else, which the preview does not take
 * for its own.
 */
export function markerWriter(text: string): "build" | "dev" | "unknown" {
  if (text === PREVIEW_MARKER) return "dev";
  try {
    const marker = JSON.parse(text) as { written_by?: unknown; version?: unknown } | null;
    if (marker?.written_by === WRITTEN_BY_BUILD || (marker?.written_by === undefined && typeof marker?.version === "number")) return "build";
  } catch {
    // not JSON: not a build's manifest
  }
  return "unknown";
}

export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** Whether `inner` is `outer` or lies inside it (a sibling whose name begins with the same letters does not). */
export const isWithin = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : `${outer}${path.sep}`);

/**
 * The real folder the build will replace, once it is known to be safe to: not
 * the project, the data or the working folder, and either new, empty or
 * written by an earlier build.
 */
export async function checkOutputFolder(outputDir: string, dataDir: string): Promise<string> {
  const target = await realpath(outputDir).catch(() => path.resolve(outputDir));
  const precious = [
    [process.cwd(), "the current folder"],
    [path.resolve(dataDir), "the data folder"],
    [PROJECT_ROOT, "the project"],
  ] as const;
  for (const [folder, name] of precious) {
    const real = await realpath(folder).catch(() => folder);
    const replacesIt = isWithin(real, target);
    const insideData = name === "the data folder" && isWithin(target, real);
    if (replacesIt || insideData) {
      throw new OutputError(`the output folder ${outputDir} would replace ${name}; choose a folder of its own, such as output`);
    }
  }
  const found = await stat(target).catch(() => undefined);
  if (found && !found.isDirectory()) throw new OutputError(`the output folder ${outputDir} is a file; choose a folder`);
  if (found) {
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
      throw new OutputError(`the output folder ${outputDir} holds files that activity-report did not write; choose a new or empty folder`);
    }
  }
  return target;
}

/**
 * The real folder the live preview writes into: as `checkOutputFolder`, and
 * never a folder that a published build wrote (its pages carry the
 * Content-Security-Policy and its marker the manifest the next build compares
 * with), nor one whose marker the preview does not know.
 */
export async function checkPreviewFolder(outputDir: string, dataDir: string): Promise<string> {
  const target = await checkOutputFolder(outputDir, dataDir);
  const marker = await readFile(path.join(target, OUTPUT_MARKER), "utf8").catch(() => undefined);
  const writer = marker === undefined ? undefined : markerWriter(marker);
  const instead = "leave out --output to preview into .preview, or name a folder of its own";
  if (writer === "build") {
    throw new OutputError(`${outputDir} holds a published report (written by ${WRITTEN_BY_BUILD}), which the preview never replaces; ${instead}`);
  }
  if (writer === "unknown") {
    throw new OutputError(`${outputDir} was not written by the preview (its ${OUTPUT_MARKER} is not the preview's), so the preview does not replace it; ${instead}`);
  }
  return target;
}

/** What a build reports while it runs, for a progress display. */
export type BuildProgress =
  | { readonly step: "validated"; readonly events: number; readonly warnings: readonly Diagnostic[] }
  | { readonly step: "rendering"; readonly pages: number }
  | { readonly step: "rendered"; readonly pages: number }
  | { readonly step: "printed"; readonly title: string; readonly pages: number; readonly bytes: number; readonly done: number; readonly of: number }
  | { readonly step: "indexed" };

export interface BuildResult {
  /** Each year's key figures and what changed since the last build of the output folder. */
  readonly changes: readonly string[];
  readonly pages: number;
  readonly pdfs: readonly PrintedPdf[];
  readonly warnings: readonly Diagnostic[];
  readonly seconds: number;
}

/** Points the Eleventy configuration at these settings (it reads them from the environment). */
export function exportSettings(settings: Settings): void {
  process.env.REPORT_DATA = settings.dataDir;
  process.env.REPORT_OUTPUT = settings.outputDir;
  process.env.REPORT_PATH_PREFIX = settings.pathPrefix;
  process.env.REPORT_PDF = settings.pdf ? "1" : "0";
  if (settings.year === undefined) delete process.env.REPORT_YEAR;
  else process.env.REPORT_YEAR = String(settings.year);
}

async function runEleventy(settings: Settings): Promise<number> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  exportSettings(settings);
  // A run of its own each time (also for the live preview): nothing is kept from an earlier one, and errors are thrown, not logged.
  const eleventy = new Eleventy(undefined, undefined, { configPath: ELEVENTY_CONFIG, quietMode: true });
  eleventy.disableLogger();
  const [, templates] = (await eleventy.write()) as [unknown, { outputPath: string | false }[]];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
}

/** The data files whose text holds `url`: where an editor has to look when the printer blocks it. */
export function filesMentioning(url: string, data: DataSet): string[] {
  const report = data.report;
  const texts: [string, (string | undefined)[]][] = [
    ...data.events.map((e): [string, (string | undefined)[]] => [e.file, [e.summary, e.body]]),
    [REFERENCE_FILES.report, [report.about, report.imprint?.disclaimer, ...Object.values(report.editions ?? {}).map((e) => e.foreword)]],
    [REFERENCE_FILES.strands, data.strands.flatMap((s) => [s.description, s.highlights])],
  ];
  return texts
    .filter(([, values]) => values.some((v) => v?.includes(url)))
    .map(([file]) => displayPath(path.isAbsolute(file) ? file : path.join(data.dir, file)));
}

/** Prints every report of the site. Loaded only when there is something to print: Puppeteer and the PDF libraries are large. */
async function printReports(
  site: SiteModel,
  data: DataSet,
  siteDir: string,
  browserPath: string,
  settings: Settings,
  onPrinted: NonNullable<PrintOptions["onPrinted"]>,
): Promise<PrintedPdf[]> {
  const { PrintError, printPdfs } = await import("./pdf/print.ts");
  const jobs = site.reports.map((report) => printJob(site, report, path.join(siteDir, String(report.year), report.pdfName)));
  try {
    return await printPdfs(jobs, { siteDir, browserPath, pathPrefix: settings.pathPrefix, timeoutMs: settings.printTimeoutMs, onPrinted });
  } catch (error) {
    if (!(error instanceof PrintError) || error.blocked.length === 0) throw error;
    const where = error.blocked.map((url) => `${url} (in ${filesMentioning(url, data).join(", ") || "the templates"})`);
    throw new PrintError(`the PDF may load only the report's own files, but the data links to ${where.join("; ")}: remove the link or host the file in the data's images folder`, error.blocked);
  }
}

/** Writes each PDF's size into the pages that link to it (the templates leave a marker, as the size is known only now). */
async function stampPdfSizes(siteDir: string, site: SiteModel, pdfs: readonly PrintedPdf[]): Promise<void> {
  const sizes = new Map(pdfs.map((pdf) => [path.basename(pdf.file), filters.fileSize(pdf.bytes)]));
  const pages = ["index.html", ...site.reports.map((r) => path.join(String(r.year), "index.html"))];
  await Promise.all(pages.map(async (page) => {
    const file = path.join(siteDir, page);
    const html = await readFile(file, "utf8");
    const stamped = html.replace(/<!--pdf-size:(\d{4})-->/g, (_all, year: string) => {
      const size = sizes.get(site.reports.find((r) => String(r.year) === year)!.pdfName);
      return size ? `, ${size}` : "";
    });
    if (stamped !== html) await writeFile(file, stamped);
  }));
}

/** Replaces `target` with `staging`, keeping the old folder until the new one is in place. */
async function swapInto(staging: string, target: string): Promise<void> {
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await rename(staging, target);
    return;
  }
  const old = `${target}.old-${randomBytes(4).toString("hex")}`;
  await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(old, target);
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}

export async function build(settings: Settings, onProgress: (progress: BuildProgress) => void = () => {}): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadData(settings.dataDir);
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
  onProgress({ step: "validated", events: loaded.data.events.length, warnings });
  const site = buildSite(loaded.data, { year: settings.year });
  if (settings.year !== undefined && site.reports.length === 0) {
    throw new DataError([{ severity: "error", file: settings.dataDir, message: `no events belong to the report of ${settings.year}` }]);
  }
  // Before anything is written: a missing browser should not cost a half-finished build.
  const browserPath = settings.pdf ? findBrowser() : undefined;

  const output = await checkOutputFolder(settings.outputDir, settings.dataDir);
  await mkdir(path.dirname(output), { recursive: true });
  const unlock = await lockOutput(output, settings.outputDir);
  const previous = readManifest(await readFile(path.join(output, OUTPUT_MARKER), "utf8").catch(() => undefined));
  const manifest = manifestOf(loaded.data, site);
  const staging = `${output}.tmp-${randomBytes(4).toString("hex")}`;
  // An interrupted build leaves nothing behind: the staging folder goes, the output stays as it was,
  // and the printer kills the browser and removes its profile as the process exits.
  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(staging, { recursive: true, force: true });
    unlock.now();
    process.stderr.write(`Interrupted (${signal}): the output in ${settings.outputDir} is unchanged.\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    await mkdir(staging);
    // The marker says the folder is ours to replace, and keeps what the next build compares with.
    await writeFile(path.join(staging, OUTPUT_MARKER), `${JSON.stringify({ written_by: WRITTEN_BY_BUILD, ...manifest })}\n`);
    const staged: Settings = { ...settings, outputDir: staging };
    handOver(staged, site);
    // Load the printer's libraries while Eleventy renders.
    const printing = browserPath ? import("./pdf/print.ts").then((m) => m.preloadPrinting()) : undefined;
    printing?.catch(() => undefined);
    let rendering = 0;
    onRenderedPage(() => onProgress({ step: "rendering", pages: ++rendering }));
    const pages = await runEleventy(staged).finally(() => onRenderedPage(undefined));
    onProgress({ step: "rendered", pages });
    let printed = 0;
    const pdfs = browserPath
      ? await printReports(site, loaded.data, staging, browserPath, settings, (job, pdf) =>
          onProgress({ step: "printed", title: job.title, pages: pdf.pages, bytes: pdf.bytes, done: ++printed, of: site.reports.length }))
      : [];
    // The print pages exist for the printer only: readers get the PDF.
    await Promise.all(site.reports.map((r) => rm(path.join(staging, r.printUrl), { recursive: true, force: true })));
    await stampPdfSizes(staging, site, pdfs);
    await indexSite(staging);
    onProgress({ step: "indexed" });
    await swapInto(staging, output);
    return {
      changes: describeChanges(previous, manifest),
      pages,
      pdfs: pdfs.map((pdf) => ({ ...pdf, file: path.join(output, path.relative(staging, pdf.file)) })),
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await rm(staging, { recursive: true, force: true });
    unlock.now();
  }
}

/**
 * One writer per output folder: a lock file beside it names the build that
 * holds it. A second build refuses with a clear message; a lock left by a build
 * that no longer runs (its process is gone) is taken over.
 */
async function lockOutput(output: string, shown: string): Promise<{ now(): void }> {
  const lock = `${output}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }), { flag: "wx" });
      return { now: () => rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = JSON.parse(await readFile(lock, "utf8").catch(() => "{}")) as { pid?: number; started?: string };
      if (holder.pid !== undefined && isRunning(holder.pid)) {
        throw new OutputError(`another build (process ${holder.pid}, started ${holder.started ?? "earlier"}) is writing to ${shown}; wait until it has finished, then build again`);
      }
      await rm(lock, { force: true });
    }
  }
  throw new OutputError(`cannot lock ${shown} for this build: ${lock} keeps coming back`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What one build of the live preview made: the site (for the PDFs printed on request) and the data's warnings. */
export interface PreviewBuild {
  readonly site: SiteModel;
  readonly pages: number;
  readonly warnings: readonly Diagnostic[];
}

/**
 * One build of the live preview: validate, render with Eleventy (no PDFs, no
 * search index) into a fresh staging folder, and put it in place of the
 * preview folder. Being fresh, it holds no page of an event that has been
 * deleted since the last build (Eleventy never removes what it wrote before).
 * The print pages stay, for the PDFs printed on request.
 */
export async function buildPreview(settings: Settings): Promise<PreviewBuild> {
  const loaded = await loadData(settings.dataDir);
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const site = buildSite(loaded.data, { year: settings.year });
  // Checked at every build: the folder may have been published into since the last one.
  const output = await checkPreviewFolder(settings.outputDir, settings.dataDir);
  await mkdir(path.dirname(output), { recursive: true });
  const unlock = await lockOutput(output, settings.outputDir);
  const staging = `${output}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    await mkdir(staging);
    await writeFile(path.join(staging, OUTPUT_MARKER), PREVIEW_MARKER);
    const staged: Settings = { ...settings, outputDir: staging };
    handOver(staged, site);
    const pages = await runEleventy(staged);
    await swapInto(staging, output);
    return { site, pages, warnings: loaded.diagnostics.filter((d) => d.severity === "warning") };
  } finally {
    await rm(staging, { recursive: true, force: true });
    unlock.now();
  }
}
