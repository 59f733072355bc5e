/**
 * A whole build: validate, render the site with Eleventy, print the PDFs,
 * index the site for search. Everything is written into a staging folder
 * beside the output folder, which replaces the output folder only when every
 * step has succeeded.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DataError, sortDiagnostics, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, type DataSet } from "./data/load.ts";
import { pictureStamps } from "./data/attachments/images.ts";
import { runEleventy } from "./eleventy/run.ts";
import { describeChanges, manifestOf, readManifest } from "./report/changes.ts";
import { english } from "./data/languages/catalogues.ts";
import type { Language } from "./format/language.ts";
import { findBrowser } from "./pdf/browser.ts";
import { removeAbandonedBrowsers } from "./pdf/browser-folders.ts";
import type { PrintedPdf } from "./pdf/print.ts";
import { printReports } from "./pdf/reports.ts";
import { PHOTOS_URL, photoCacheFor, removeUnfinishedWrites } from "./pictures/photo-processor.ts";
import { siteWarnings, type SiteModel } from "./report/model.ts";
import { buildMarker, checkOutputFolder, checkPreviewFolder, OUTPUT_MARKER, PREVIEW_MARKER, withStagedOutput } from "./output.ts";
import { indexSite } from "./search.ts";
import type { Settings } from "./settings.ts";
import type { Stops } from "./system/stops.ts";
import { buildModels } from "./report/languages.ts";

export { buildModels };

/** What a build reports while it runs, for a progress display. */
export type BuildProgress =
  | { readonly step: "validated"; readonly events: number; readonly warnings: readonly Diagnostic[] }
  | { readonly step: "rendering"; readonly pages: number }
  | { readonly step: "rendered"; readonly pages: number }
  /** The photos' published copies, and how many of them were encoded rather than found in the cache. */
  | { readonly step: "photos"; readonly files: number; readonly encoded: number }
  | { readonly step: "printed"; readonly title: string; readonly pages: number; readonly bytes: number; readonly done: number; readonly of: number }
  | { readonly step: "indexed" }
  /** Something the editor should know that is not a problem in the data (a stale lock taken over). */
  | { readonly step: "notice"; readonly message: string };

export interface BuildResult {
  /** Settles once the previous output has been removed, which goes on after the new one is in place. */
  readonly settled: Promise<void>;
  /** Each year's key figures and what changed since the last build of the output folder. */
  readonly changes: readonly string[];
  readonly pages: number;
  readonly pdfs: readonly PrintedPdf[];
  readonly warnings: readonly Diagnostic[];
  readonly seconds: number;
}

/** What a link to a PDF says of it, once it is printed: pages, size, and that a screen reader can read it. */
export function pdfFacts(pdf: Pick<PrintedPdf, "pages" | "bytes">, language: Language = english()): string {
  const size = pdf.bytes < 1024 * 1024
    ? language.t("report.kilobytes", { n: language.number(Math.max(1, Math.round(pdf.bytes / 1024))) })
    : language.t("report.megabytes", { n: language.decimal(pdf.bytes / 1024 / 1024, 1) });
  return `, ${language.t("report.pdfFacts", { pages: pdf.pages, size })}`;
}

/** Writes each PDF's pages and size into the pages of its language that link to it (the templates leave a marker, as they are known only now). */
async function stampPdfSizes(siteDir: string, site: SiteModel, pdfs: readonly PrintedPdf[]): Promise<void> {
  const sizes = new Map(pdfs.map((pdf) => [path.basename(pdf.file), pdfFacts(pdf, site.language)]));
  const pages = [site.urls.base, ...site.reports.map((r) => r.url)].map((url) => path.join(url, "index.html"));
  await Promise.all(pages.map(async (page) => {
    const file = path.join(siteDir, page);
    const html = await readFile(file, "utf8");
    const stamped = html.replace(/<!--pdf-size:(\d{4})-->/g, (_all, year: string) => {
      const size = sizes.get(site.reports.find((r) => String(r.year) === year)!.pdfName);
      return size ?? "";
    });
    if (stamped !== html) await writeFile(file, stamped);
  }));
}


/** What a command adds to the site before it is put in place (the editor at /admin/, with `build --editor`). */
export interface BuildAdditions {
  readonly addToSite?: (siteDir: string, data: DataSet) => Promise<void>;
}

/**
 * Builds the site into settings.outputDir. With `stops` (the command's: cli.ts), a stop undoes what the build has
 * written (the staging folder, the lock, unfinished photo copies) and holds off while the output is being swapped.
 */
export async function build(settings: Settings, onProgress: (progress: BuildProgress) => void = () => {}, stops?: Stops, additions: BuildAdditions = {}): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadData(settings.dataDir, { pictureCache: photoCacheFor(settings.outputDir) });
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const sites = buildModels(loaded.data, settings);
  const site = sites[0]!;
  // The data's warnings, and those that only the reports built show.
  const warnings = sortDiagnostics([...loaded.diagnostics.filter((d) => d.severity === "warning"), ...siteWarnings(loaded.data, site)]);
  onProgress({ step: "validated", events: loaded.data.events.length, warnings });
  if (settings.year !== undefined && site.reports.length === 0) {
    throw new DataError([{ severity: "error", file: settings.dataDir, message: `there is no report of ${settings.year} to build: no activity of ${settings.year} was held, and report.yaml has no edition for it` }]);
  }
  // Before anything is written: a missing browser should not cost a half-finished build.
  const browserPath = settings.pdf ? findBrowser() : undefined;

  const output = await checkOutputFolder(settings.outputDir, settings.dataDir);
  const data = loaded.data;
  const notice = (message: string) => onProgress({ step: "notice", message });
  const stopIndexing = new AbortController();
  let unregister: (() => void) | undefined;
  let previous: ReturnType<typeof readManifest>;
  let manifest: ReturnType<typeof manifestOf>;
  try {
    const { value: { pages, pdfs, staging }, removed } = await withStagedOutput({ output, shown: settings.outputDir, onNotice: notice, stops }, async () => {
      // A stopped build leaves nothing behind: this ends the search index's run (Pagefind writes into the staging
      // folder) and removes the unfinished photo copies, before withStagedOutput's own undo, registered earlier,
      // removes the staging folder and the lock; the printer kills the browser as the process exits.
      unregister = stops?.onStop(() => {
        stopIndexing.abort();
        removeUnfinishedWrites();
        return undefined;
      });
      // A build killed outright leaves its browser running and its folder in the temporary folder: every build ends them, printing or not.
      for (const { folder, browser } of removeAbandonedBrowsers()) {
        notice(browser === undefined ? `removed ${folder}, left by a build that no longer runs` : `ended the browser (process ${browser}) of a build that was stopped, and removed its folder ${folder}`);
      }
      previous = readManifest(await readFile(path.join(output, OUTPUT_MARKER), "utf8").catch(() => undefined));
      manifest = manifestOf(data, site, await pictureStamps(data.pictures, previous && previous !== "older" ? (previous.pictures ?? {}) : {}), sites);
      return buildMarker(manifest);
    }, async (staging) => {
      const filled = await fillSite(settings, staging, output, data, sites, browserPath, onProgress, stopIndexing);
      await additions.addToSite?.(staging, data);
      return { ...filled, staging };
    });
    return {
      settled: removed,
      changes: describeChanges(previous, manifest!, site),
      pages,
      pdfs: pdfs.map((pdf) => ({ ...pdf, file: path.join(output, path.relative(staging, pdf.file)) })),
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    // Stops Pagefind if the build failed before it was done.
    stopIndexing.abort();
    unregister?.();
  }
}

/** Renders the site into `staging`, prints the PDFs and indexes the site for search meanwhile. */
async function fillSite(
  settings: Settings, staging: string, output: string, data: DataSet, sites: readonly SiteModel[], browserPath: string | undefined,
  onProgress: (progress: BuildProgress) => void, stopIndexing: AbortController,
): Promise<{ pages: number; pdfs: PrintedPdf[] }> {
  // Load the printer's libraries while Eleventy renders.
  const printing = browserPath ? import("./pdf/print.ts").then((m) => m.preloadPrinting()) : undefined;
  printing?.catch(() => undefined);
  let rendering = 0;
  const pages = await runEleventy({
    settings: { ...settings, outputDir: staging },
    data: { data, sites },
    onPage: () => onProgress({ step: "rendering", pages: ++rendering }),
    // The cache of the output folder, which outlives the staging folder (it lies beside both, and is never published).
    photoCache: photoCacheFor(output),
    onPhotos: (counts) => onProgress({ step: "photos", ...counts }),
  });
  onProgress({ step: "rendered", pages });
  // Pagefind reads only the event pages, which printing does not touch: it indexes while the PDFs print.
  const indexing = indexSite(staging, sites.map((s) => s.urls.events), stopIndexing.signal);
  indexing.catch(() => undefined);
  try {
    return { pages, pdfs: await printAndIndex(settings, staging, data, sites, browserPath, onProgress, indexing) };
  } catch (error) {
    // Pagefind writes into the staging folder until it has stopped: only then may the folder go.
    stopIndexing.abort();
    await indexing.catch(() => undefined);
    throw error;
  }
}

/** Prints the PDFs of every language into `staging`, removes what only the printer reads, and waits for the search index. */
async function printAndIndex(
  settings: Settings, staging: string, data: DataSet, sites: readonly SiteModel[], browserPath: string | undefined,
  onProgress: (progress: BuildProgress) => void, indexing: Promise<void>,
): Promise<PrintedPdf[]> {
  let printed = 0;
  const reports = sites.flatMap((site) => site.reports.map((report) => ({ site, report })));
  // Every language's reports in the pages of one browser, as many at once as English's alone.
  const pdfs = browserPath
    ? await printReports(reports, data, (report) => path.join(staging, report.pdfUrl), {
        siteDir: staging,
        browserPath,
        pathPrefix: settings.pathPrefix,
        timeoutMs: settings.printTimeoutMs,
        onPrinted: (job, pdf) => onProgress({ step: "printed", title: job.title, pages: pdf.pages, bytes: pdf.bytes, done: ++printed, of: reports.length }),
      })
    : [];
  // The print pages and their photos exist for the printer only: readers get the PDF.
  await Promise.all([...reports.map(({ report }) => report.printUrl), `${PHOTOS_URL}print/`].map((url) => rm(path.join(staging, url), { recursive: true, force: true })));
  await Promise.all(sites.map((site) => stampPdfSizes(staging, site, pdfs)));
  await indexing;
  onProgress({ step: "indexed" });
  return pdfs;
}

/** One build of the live preview: what it was built from, and what it wrote. */
export interface PreviewBuild {
  /** English's model. */
  readonly site: SiteModel;
  /** English's, then each further language's. */
  readonly sites: readonly SiteModel[];
  readonly data: DataSet;
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
  const loaded = await loadData(settings.dataDir, { pictureCache: photoCacheFor(settings.outputDir) });
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const sites = buildModels(loaded.data, settings);
  const site = sites[0]!;
  const data = loaded.data;
  // Checked at every build: the folder may have been published into since the last one.
  const output = await checkPreviewFolder(settings.outputDir, settings.dataDir);
  const { value: pages, removed } = await withStagedOutput({ output, shown: settings.outputDir }, async () => PREVIEW_MARKER, (staging) =>
    runEleventy({ settings: { ...settings, outputDir: staging }, data: { data, sites }, photoCache: photoCacheFor(output) }));
  await removed;
  return { site, sites, data: loaded.data, pages, warnings: sortDiagnostics([...loaded.diagnostics.filter((d) => d.severity === "warning"), ...siteWarnings(loaded.data, site)]) };
}
