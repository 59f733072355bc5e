/**
 * The live preview's pages that are not files: a page that shows the data's
 * errors while there are any, and each year's PDF printed on request and kept
 * until the data or the templates change.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DataError, formatDiagnostic } from "../data/diagnostics.ts";
import { thrownText } from "../errors.ts";
import { BrowserNotFoundError, findBrowser } from "../pdf/browser.ts";
import { escapeXml } from "../format/text.ts";
import type { DataSet } from "../data/load.ts";
import type { ReportView, SiteModel } from "../report/model.ts";
import type { Settings } from "../settings.ts";
import type { Reply } from "./server.ts";
import { EDITOR_FOLDER } from "./editor/page.ts";


function page(title: string, body: string, refresh = false, status = 500, refreshSeconds = 2): Reply {
  return {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", ...(status === 503 ? { "Retry-After": String(refreshSeconds) } : {}) },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8">${refresh ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : ""}<title>${escapeXml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem;font-size:14px}</style>
</head><body>${body}</body></html>`,
  };
}

/**
 * The page the preview shows until its first build ends: the preview serves at once, so that the
 * editor opens without waiting for the site. It asks again each second (503, "try again").
 */
export function buildingPage(editor: string): Reply {
  return page(
    "Building the preview…",
    `<h1>Building the preview…</h1>
<p>The report is being built from the data folder; this page shows it as soon as it is ready. The editor at <a href="${escapeXml(editor)}">${escapeXml(editor)}</a> can be used meanwhile.</p>`,
    true,
    503,
    1,
  );
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
    const message = thrownText(e).trim();
    if (message && !messages.includes(message)) messages.push(message);
    if (typeof e !== "object") break;
  }
  return messages.join(": ") || String(error);
}

/** A year's PDF, in one language, printed from the preview's own print page. The printer is loaded only when a PDF is asked for. */
async function printPreview(settings: Settings, built: PreviewBuild, site: SiteModel, report: ReportView): Promise<Uint8Array> {
  const { printReports } = await import("../pdf/reports.ts");
  const dir = await mkdtemp(path.join(tmpdir(), "activity-report-preview-"));
  try {
    const file = path.join(dir, report.pdfName);
    await printReports([{ site, report }], built.data, () => file, { siteDir: settings.outputDir, browserPath: findBrowser(), pathPrefix: settings.pathPrefix });
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One running preview: what its last build left (the model, or the error that stopped it) and the PDFs printed since. */
/** What a build of the preview made, for the PDFs printed on request. */
export interface PreviewBuild {
  /** Every language's model, English's first. */
  readonly sites: readonly SiteModel[];
  readonly data: DataSet;
}

export interface Preview {
  /** A build succeeded. */
  built(build: PreviewBuild): void;
  /** A build failed; the pages show the error until the next one succeeds. */
  failed(error: unknown): void;
  /**
   * What the preview answers before its files: a page that says it is being
   * built until the first build ends, the error page for any page while the
   * last build failed, and a year's PDF, printed on request.
   */
  reply(segments: readonly string[], directory: boolean): Promise<Reply | undefined>;
}

export function createPreview(settings: Settings): Preview {
  let last: PreviewBuild | undefined;
  let error: unknown;
  // By the PDF's address.
  const pdfs = new Map<string, Promise<Uint8Array>>();
  return {
    built(built) {
      last = built;
      error = undefined;
      // PDFs printed before this build are out of date.
      pdfs.clear();
    },
    failed(failure) {
      error = failure;
      pdfs.clear();
    },
    async reply(segments, directory) {
      const isPage = directory || segments.at(-1)?.endsWith(".html") === true;
      const first = !last && !error;
      if (first && (isPage || segments.at(-1)?.endsWith(".pdf") === true)) return buildingPage(`${settings.pathPrefix}${EDITOR_FOLDER}/`);
      if (error && isPage) return errorPage(error);
      // `<year>/<name>.pdf`, or in another language `<lang>/<year>/<name>.pdf`.
      const url = `/${segments.join("/")}`;
      if (directory || !url.endsWith(".pdf") || !/^(\/[^/]+)?\/\d{4}\/[^/]+$/.test(url)) return undefined;
      if (error) return errorPage(error);
      const current = last;
      const found = current?.sites.flatMap((site) => site.reports.map((report) => ({ site, report }))).find(({ report }) => report.pdfUrl === url);
      if (!current || !found) return undefined;
      let pdf = pdfs.get(url);
      if (!pdf) {
        const printing = printPreview(settings, current, found.site, found.report);
        pdfs.set(url, printing);
        // A failed print is tried again on the next request (unless a rebuild has already dropped it).
        printing.catch(() => pdfs.get(url) === printing && pdfs.delete(url));
        pdf = printing;
      }
      try {
        return { status: 200, headers: { "Content-Type": "application/pdf" }, body: await pdf };
      } catch (failure) {
        if (failure instanceof BrowserNotFoundError) return page("No browser for the PDF", `<h1>The PDF cannot be printed</h1><p>${escapeXml(failure.message)}.</p>`);
        return page("The PDF could not be printed", `<h1>The PDF could not be printed</h1><pre>${escapeXml(String((failure as Error).message))}</pre>`);
      }
    },
  };
}
