/**
 * A whole build: validate, render the site with Eleventy, print the PDFs.
 * Everything is written into a staging folder beside the output folder, which
 * replaces the output folder only when every step has succeeded.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DataError, type Diagnostic } from "./data/diagnostics.ts";
import { loadData } from "./data/load.ts";
import { handOver } from "./eleventy/site-data.ts";
import { findBrowser } from "./pdf/browser.ts";
import { printPdfs, type PrintedPdf } from "./pdf/print.ts";
import { buildSite } from "./report/model.ts";
import type { Settings } from "./settings.ts";

export const ELEVENTY_CONFIG = fileURLToPath(new URL("../.eleventy.ts", import.meta.url));

export interface BuildOptions extends Settings {
  /** Print the PDFs (default true). */
  readonly pdf?: boolean;
}

export interface BuildResult {
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
  if (settings.year === undefined) delete process.env.REPORT_YEAR;
  else process.env.REPORT_YEAR = String(settings.year);
}

async function runEleventy(settings: Settings): Promise<number> {
  const { default: Eleventy } = await import("@11ty/eleventy");
  exportSettings(settings);
  const eleventy = new Eleventy(undefined, undefined, { configPath: ELEVENTY_CONFIG, quietMode: true });
  eleventy.disableLogger();
  const [, templates] = (await eleventy.write()) as [unknown, { outputPath: string | false }[]];
  return templates.filter((t) => typeof t.outputPath === "string" && t.outputPath.endsWith(".html")).length;
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

export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const loaded = await loadData(options.dataDir);
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  const warnings = loaded.diagnostics.filter((d) => d.severity === "warning");
  const site = buildSite(loaded.data, { year: options.year });
  if (options.year !== undefined && site.reports.length === 0) {
    throw new DataError([{ severity: "error", file: options.dataDir, message: `no events belong to the report of ${options.year}` }]);
  }
  // Before anything is written: a missing browser should not cost a half-finished build.
  const browserPath = options.pdf === false ? undefined : findBrowser();

  const output = path.resolve(options.outputDir);
  await mkdir(path.dirname(output), { recursive: true });
  const staging = `${output}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    const settings: Settings = { ...options, outputDir: staging };
    handOver(settings, site);
    const pages = await runEleventy(settings);
    const pdfs = browserPath
      ? await printPdfs(
          site.reports.map((report) => ({
            pagePath: report.printUrl,
            file: path.join(staging, String(report.year), report.pdfName),
            title: report.title,
          })),
          { siteDir: staging, browserPath, pathPrefix: options.pathPrefix },
        )
      : [];
    await swapInto(staging, output);
    return {
      pages,
      pdfs: pdfs.map((pdf) => ({ ...pdf, file: path.join(output, path.relative(staging, pdf.file)) })),
      warnings,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
