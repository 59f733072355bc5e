/**
 * A whole build: validate, render the site with Eleventy, print the PDFs,
 * index the site for search. Everything is written into a staging folder
 * beside the output folder, which replaces the output folder only when every
 * step has succeeded.
 */
import { rmSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DataError, sortDiagnostics, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, type DataSet } from "./data/load.ts";
import { pictureStamps } from "./data/pictures.ts";
import { runEleventy } from "./eleventy/run.ts";
import { describeChanges, manifestOf, readManifest } from "./report/changes.ts";
import { fileSize, plural } from "./format/text.ts";
import { findBrowser } from "./pdf/browser.ts";
import { removeAbandonedBrowsers } from "./pdf/browser-folders.ts";
import type { PrintedPdf } from "./pdf/print.ts";
import { printReports } from "./pdf/reports.ts";
import { PHOTOS_URL, photoCacheFor, removeUnfinishedWrites } from "./pictures/photos.ts";
import { buildSite, siteWarnings, type SiteModel } from "./report/model.ts";
import { buildMarker, checkOutputFolder, checkPreviewFolder, lockOutput, OUTPUT_MARKER, OutputError, PREVIEW_MARKER, removeLeftovers, stagingFolder, swapInto } from "./output.ts";
import { indexSite } from "./search.ts";
import type { Settings } from "./settings.ts";
import { endBySignal } from "./system/signals.ts";

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
export const pdfFacts = (pdf: Pick<PrintedPdf, "pages" | "bytes">): string => `, ${plural(pdf.pages, "page")}, ${fileSize(pdf.bytes)}, tagged for screen readers`;

/** Writes each PDF's pages and size into the pages that link to it (the templates leave a marker, as they are known only now). */
async function stampPdfSizes(siteDir: string, site: SiteModel, pdfs: readonly PrintedPdf[]): Promise<void> {
  const sizes = new Map(pdfs.map((pdf) => [path.basename(pdf.file), pdfFacts(pdf)]));
  const pages = ["index.html", ...site.reports.map((r) => path.join(String(r.year), "index.html"))];
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

export async function build(settings: Settings, onProgress: (progress: BuildProgress) => void = () => {}, additions: BuildAdditions = {}): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadData(settings.dataDir, { pictureCache: photoCacheFor(settings.outputDir) });
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const site = buildSite(loaded.data, { year: settings.year });
  // The data's warnings, and those that only the reports built show.
  const warnings = sortDiagnostics([...loaded.diagnostics.filter((d) => d.severity === "warning"), ...siteWarnings(loaded.data, site)]);
  onProgress({ step: "validated", events: loaded.data.events.length, warnings });
  if (settings.year !== undefined && site.reports.length === 0) {
    throw new DataError([{ severity: "error", file: settings.dataDir, message: `there is no report of ${settings.year} to build: no activity of ${settings.year} was held, and report.yaml has no edition for it` }]);
  }
  // Before anything is written: a missing browser should not cost a half-finished build.
  const browserPath = settings.pdf ? findBrowser() : undefined;

  const output = await checkOutputFolder(settings.outputDir, settings.dataDir);
  await mkdir(path.dirname(output), { recursive: true });
  const unlock = await lockOutput(output, settings.outputDir, (message) => onProgress({ step: "notice", message }));
  // With the lock held no other build of this folder runs: whatever a killed one left beside it can go.
  const leftovers = await removeLeftovers(output);
  if (leftovers.restored) onProgress({ step: "notice", message: `put the output back in ${settings.outputDir} from ${leftovers.restored}, where a build stopped while it replaced the output had left it` });
  for (const folder of leftovers.removed) onProgress({ step: "notice", message: `removed ${folder}, left by a build that was stopped` });
  // A build killed outright leaves its browser running and its folder in the temporary folder: every build ends them, printing or not.
  for (const { folder, browser } of removeAbandonedBrowsers()) {
    onProgress({ step: "notice", message: browser === undefined ? `removed ${folder}, left by a build that no longer runs` : `ended the browser (process ${browser}) of a build that was stopped, and removed its folder ${folder}` });
  }
  const previous = readManifest(await readFile(path.join(output, OUTPUT_MARKER), "utf8").catch(() => undefined));
  const manifest = manifestOf(loaded.data, site, await pictureStamps(loaded.data.pictures, previous && previous !== "older" ? (previous.pictures ?? {}) : {}));
  const staging = stagingFolder(output);
  // An interrupted build leaves nothing behind: the staging folder goes, the output stays as it was,
  // and the printer kills the browser and removes its profile as the process exits.
  const stopIndexing = new AbortController();
  // The process ends at once, by the signal: the encodings under way are abandoned, not waited for (endBySignal).
  const stop = (signal: NodeJS.Signals, outcome: string) => {
    stopIndexing.abort();
    removeUnfinishedWrites();
    rmSync(staging, { recursive: true, force: true });
    unlock.now();
    process.stderr.write(`Interrupted (${signal}): ${outcome}.\n`);
    endBySignal(signal);
  };
  // Between the swap's two renames there is no output folder: a signal then is held until the swap has ended.
  let swapping = false;
  let held: NodeJS.Signals | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    if (swapping) held ??= signal;
    else stop(signal, `the output in ${settings.outputDir} is unchanged`);
  };
  process.on("SIGINT", interrupted);
  process.on("SIGTERM", interrupted);
  try {
    await mkdir(staging);
    // The marker says the folder is ours to replace, and keeps what the next build compares with.
    await writeFile(path.join(staging, OUTPUT_MARKER), buildMarker(manifest));
    const staged: Settings = { ...settings, outputDir: staging };
    // Load the printer's libraries while Eleventy renders.
    const printing = browserPath ? import("./pdf/print.ts").then((m) => m.preloadPrinting()) : undefined;
    printing?.catch(() => undefined);
    let rendering = 0;
    const pages = await runEleventy({
      settings: staged,
      data: { data: loaded.data, site },
      onPage: () => onProgress({ step: "rendering", pages: ++rendering }),
      // The cache of the output folder, which outlives the staging folder (it lies beside both, and is never published).
      photoCache: photoCacheFor(output),
      onPhotos: (counts) => onProgress({ step: "photos", ...counts }),
    });
    onProgress({ step: "rendered", pages });
    // Pagefind reads only the event pages, which printing does not touch: it indexes while the PDFs print.
    const indexing = indexSite(staging, stopIndexing.signal);
    indexing.catch(() => undefined);
    let printed = 0;
    const pdfs = browserPath
      ? await printReports(site, loaded.data, site.reports, (report) => path.join(staging, String(report.year), report.pdfName), {
          siteDir: staging,
          browserPath,
          pathPrefix: settings.pathPrefix,
          timeoutMs: settings.printTimeoutMs,
          onPrinted: (job, pdf) => onProgress({ step: "printed", title: job.title, pages: pdf.pages, bytes: pdf.bytes, done: ++printed, of: site.reports.length }),
        })
      : [];
    // The print pages and their photos exist for the printer only: readers get the PDF.
    await Promise.all([...site.reports.map((r) => r.printUrl), `${PHOTOS_URL}print/`].map((url) => rm(path.join(staging, url), { recursive: true, force: true })));
    await stampPdfSizes(staging, site, pdfs);
    await additions.addToSite?.(staging, loaded.data);
    await indexing;
    onProgress({ step: "indexed" });
    swapping = true;
    let removed: Promise<void>;
    try {
      ({ removed } = await swapInto(staging, output, settings.outputDir));
    } catch (error) {
      if (held) stop(held, error instanceof OutputError ? error.message : `the output in ${settings.outputDir} is unchanged`);
      throw error;
    } finally {
      swapping = false;
    }
    if (held) stop(held, `the new output was already in place in ${settings.outputDir}`);
    return {
      settled: removed,
      changes: describeChanges(previous, manifest, site),
      pages,
      pdfs: pdfs.map((pdf) => ({ ...pdf, file: path.join(output, path.relative(staging, pdf.file)) })),
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    // Stops Pagefind if the build failed before it was done.
    stopIndexing.abort();
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await rm(staging, { recursive: true, force: true });
    unlock.now();
  }
}

/** What one build of the live preview made: the site (for the PDFs printed on request) and the data's warnings. */
export interface PreviewBuild {
  readonly site: SiteModel;
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
  const site = buildSite(loaded.data, { year: settings.year });
  // Checked at every build: the folder may have been published into since the last one.
  const output = await checkPreviewFolder(settings.outputDir, settings.dataDir);
  await mkdir(path.dirname(output), { recursive: true });
  const unlock = await lockOutput(output, settings.outputDir);
  await removeLeftovers(output);
  const staging = stagingFolder(output);
  try {
    await mkdir(staging);
    await writeFile(path.join(staging, OUTPUT_MARKER), PREVIEW_MARKER);
    const pages = await runEleventy({ settings: { ...settings, outputDir: staging }, data: { data: loaded.data, site }, photoCache: photoCacheFor(output) });
    await (await swapInto(staging, output)).removed;
    return { site, data: loaded.data, pages, warnings: sortDiagnostics([...loaded.diagnostics.filter((d) => d.severity === "warning"), ...siteWarnings(loaded.data, site)]) };
  } finally {
    await rm(staging, { recursive: true, force: true });
    unlock.now();
  }
}
