/**
 * The live preview's pages that are not files: a page that shows the data's
 * errors while there are any, and each year's PDF printed on request and kept
 * until the data or the templates change.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataError, formatDiagnostic } from "../data/diagnostics.ts";
import { BrowserNotFoundError, findBrowser } from "../pdf/browser.ts";
import { printJob } from "../pdf/job.ts";
import { printPdfs } from "../pdf/print.ts";
import { escapeXml } from "../pictures/svg.ts";
import type { SiteModel } from "../report/model.ts";
import type { Settings } from "../settings.ts";
import type { Reply } from "./server.ts";

/** What the last build left: its model, or the error that stopped it. */
const state: { site?: SiteModel; error?: unknown; pdfs: Map<number, Promise<Uint8Array>> } = { pdfs: new Map() };

export function recordSite(site: SiteModel): void {
  state.site = site;
  state.error = undefined;
}

export function recordError(error: unknown): void {
  state.error = error;
}

/** After each build: PDFs printed before it are out of date. */
export function recordBuild(): void {
  state.pdfs.clear();
}

function page(title: string, body: string, refresh = false): Reply {
  return {
    status: 500,
    headers: { "Content-Type": "text/html; charset=utf-8" },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh ? '<meta http-equiv="refresh" content="2">' : ""}<title>${escapeXml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem;font-size:14px}</style>
</head><body>${body}</body></html>`,
  };
}

/** The page the preview shows instead of the site while the data has errors, or the pages could not be built. */
export function errorPage(error: unknown): Reply {
  if (!(error instanceof DataError)) {
    return page(
      "The preview cannot be built",
      `<h1>The preview cannot be built</h1>
<p>Fix what is named below and save: this page reloads by itself.</p>
<pre>${escapeXml(errorMessage(error))}</pre>`,
      true,
    );
  }
  const lines = error.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d));
  return page(
    "The data has errors",
    `<h1>The report cannot be built: the data has ${lines.length === 1 ? "an error" : `${lines.length} errors`}</h1>
<p>Fix ${lines.length === 1 ? "it" : "them"} in the file named below (line and column follow the file name) and save: this page reloads by itself.</p>
<pre>${lines.map(escapeXml).join("\n")}</pre>`,
    true,
  );
}

/** An error's message with the messages of the errors it wraps (Eleventy wraps a template's error in its own). */
export function errorMessage(error: unknown): string {
  const messages: string[] = [];
  for (let e = error as { message?: unknown; originalError?: unknown; cause?: unknown } | undefined; e && messages.length < 5; e = (e.originalError ?? e.cause) as typeof e) {
    const message = String(e.message ?? e).trim();
    if (message && !messages.includes(message)) messages.push(message);
    if (typeof e !== "object") break;
  }
  return messages.join(": ") || String(error);
}

async function printPreview(settings: Settings, year: number): Promise<Uint8Array> {
  const site = state.site;
  const report = site?.reports.find((r) => r.year === year);
  if (!site || !report) throw new Error(`there is no report for ${year}`);
  const dir = await mkdtemp(path.join(tmpdir(), "activity-report-preview-"));
  try {
    const file = path.join(dir, report.pdfName);
    await printPdfs([printJob(site, report, file)], { siteDir: settings.outputDir, browserPath: findBrowser(), pathPrefix: settings.pathPrefix });
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * What the preview answers before its files: the error page for any page
 * while the last build failed, and a year's PDF, printed on request.
 */
export function previewReply(settings: Settings): (segments: readonly string[], directory: boolean) => Promise<Reply | undefined> {
  return async (segments, directory) => {
    const isPage = directory || segments.at(-1)?.endsWith(".html") === true;
    if (state.error && isPage) return errorPage(state.error);
    const [year, name, ...rest] = segments;
    if (!year || !/^\d{4}$/.test(year) || !name?.endsWith(".pdf") || rest.length > 0 || directory) return undefined;
    if (state.error) return errorPage(state.error);
    const report = state.site?.reports.find((r) => String(r.year) === year);
    if (!report || report.pdfName !== name) return undefined;
    let pdf = state.pdfs.get(report.year);
    if (!pdf) {
      const printing = printPreview(settings, report.year);
      state.pdfs.set(report.year, printing);
      // A failed print is tried again on the next request (unless a rebuild has already dropped it).
      printing.catch(() => state.pdfs.get(report.year) === printing && state.pdfs.delete(report.year));
      pdf = printing;
    }
    try {
      return { status: 200, headers: { "Content-Type": "application/pdf" }, body: await pdf };
    } catch (error) {
      if (error instanceof BrowserNotFoundError) return page("No browser for the PDF", `<h1>The PDF cannot be printed</h1><p>${escapeXml(error.message)}.</p>`);
      return page("The PDF could not be printed", `<h1>The PDF could not be printed</h1><pre>${escapeXml(String((error as Error).message))}</pre>`);
    }
  };
}
