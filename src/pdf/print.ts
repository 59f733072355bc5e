/**
 * Prints report pages to PDF with Chromium through Puppeteer. The print page is
 * served from a loopback server; any request elsewhere is blocked and fails
 * the print, and a PDF reaches its final name only once it is complete.
 */
import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import puppeteer, { type Browser, type Page, type PDFOptions } from "puppeteer";
import { plural } from "../format/text.ts";
import { conformanceProblems } from "./checks/conformance.ts";
import { linkDescriptions, pageLinks, publishLinks } from "./links.ts";
import { printFonts } from "./fonts.ts";
import { finishPdf, type PdfMetadata } from "./metadata.ts";
import type { OutlineEntry } from "./outline.ts";
import { loadPdfJs, readPdf } from "./pdf-reading.ts";
import { browserFolder, isNearlyFull, removeAbandonedBrowsers, temporaryFolderFull } from "./browser-folders.ts";
import { serveFolder } from "./server.ts";

export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface PrintJob {
  /** Path of the print page under the site root, e.g. `/2018/print/`. */
  readonly pagePath: string;
  /** Path of the report's page on the site, e.g. `/2018/`, against which the print page's relative links are read; by default `pagePath`. */
  readonly webPath?: string;
  /** Where the PDF goes. */
  readonly file: string;
  readonly title: string;
  readonly metadata: PdfMetadata;
}

export interface PrintOptions {
  readonly siteDir: string;
  readonly browserPath: string;
  readonly pathPrefix?: string;
  /** Where the site is published (`site_url`): links within the site point there in the PDF; without it they are printed as text. */
  readonly siteUrl?: string;
  /** For the whole print run. */
  readonly timeoutMs?: number;
  /** Called as each PDF is finished. */
  readonly onPrinted?: (job: PrintJob, pdf: PrintedPdf) => void;
}

export interface PrintedPdf {
  readonly file: string;
  readonly bytes: number;
  readonly pages: number;
  /** The time spent finishing the printed PDF (finishPdf: bookmarks, document information, artifacts, structure, links, XMP), in ms: the bench reports it. */
  readonly finishMs: number;
  /** Of the print's time, the part spent on what PDF/UA and PDF/A ask: reading the links' texts from the page, and finishPdf's own part (FinishedPdf.standardsMs). */
  readonly standardsMs: number;
  /** The time spent running the machine checks of PDF/UA-1 and PDF/A-2u (conformance.ts) on the finished file, in ms. */
  readonly checkMs: number;
}

export class PrintError extends Error {
  /** Outside addresses the page tried to load, so that the build can say which data file holds them. */
  readonly blocked: readonly string[];
  constructor(message: string, blocked: readonly string[] = []) {
    super(message);
    this.name = "PrintError";
    this.blocked = blocked;
  }
}

async function printOne(browser: Browser, origin: string, prefix: string, siteUrl: string | undefined, job: PrintJob, timeout: number): Promise<PrintedPdf> {
  const page: Page = await browser.newPage();
  const problems: string[] = [];
  const blocked: string[] = [];
  try {
    await page.setRequestInterception(true);
    page.on("request", (request) => {
      const url = request.url();
      if (url.startsWith(`${origin}/`) || url.startsWith("data:")) {
        void request.continue();
      } else {
        blocked.push(url);
        problems.push(`blocked a request to ${url}: the print page may load only its own files`);
        void request.abort("blockedbyclient");
      }
    });
    page.on("response", (response) => {
      if (response.status() >= 400) problems.push(`${response.url()} answered ${response.status()}`);
    });
    page.on("requestfailed", (request) => {
      if (!request.url().startsWith(`${origin}/`)) return;
      problems.push(`could not load ${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
    });
    const url = `${origin}${prefix}${job.pagePath.replace(/^\//, "")}`;
    await page.goto(url, { waitUntil: "load", timeout });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (problems.length > 0) throw new PrintError(`${job.title}: ${problems.join("; ")}`, blocked);
    await publishLinks(page, `${origin}${prefix}${(job.webPath ?? job.pagePath).replace(/^\//, "")}`, siteUrl);
    const printed = await printWithContents(page, job, timeout);
    const finishing = performance.now();
    const { pdf, standardsMs } = await finishPdf(printed.pdf, job.metadata, printed.outline, printed.links);
    const finishMs = performance.now() - finishing;
    const head = Buffer.from(pdf.subarray(0, 5)).toString("latin1");
    const tail = Buffer.from(pdf.subarray(-32)).toString("latin1");
    if (head !== "%PDF-" || !tail.includes("%%EOF")) throw new PrintError(`${job.title}: Chromium returned an incomplete PDF`);
    // The checks verify-pdf makes (all but veraPDF's), on the bytes about to be written: a PDF that fails one is never published.
    const checking = performance.now();
    const failed = await conformanceProblems(pdf);
    const checkMs = performance.now() - checking;
    if (failed.length > 0) {
      throw new PrintError([
        `${job.title}: the PDF fails ${plural(failed.length, "check")} of PDF/UA-1 and PDF/A-2u (those npm run verify-pdf makes), so it was not written:`,
        ...failed.map((problem) => `  ${problem}`),
        "The data passed its own checks, so this is a fault of activity-report: please report it, with the data that gave it.",
      ].join("\n"));
    }
    const temporary = `${job.file}.tmp-${randomBytes(4).toString("hex")}`;
    try {
      await writeFile(temporary, pdf);
      await rename(temporary, job.file);
    } finally {
      await rm(temporary, { force: true });
    }
    return { file: job.file, bytes: pdf.length, pages: printed.pages, finishMs, standardsMs: standardsMs + printed.linksMs, checkMs };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Loads what printing needs ahead of time, so that a build can overlap it with other work. */
export async function preloadPrinting(): Promise<void> {
  await loadPdfJs();
}

const PRINT_OPTIONS: PDFOptions = { printBackground: true, preferCSSPageSize: true };

/**
 * Prints the page with the contents' page numbers written in. Chromium cannot
 * number a contents itself (no target-counter()), so the first print shows
 * where each heading lands, the numbers are written into the space reserved
 * for them, and the page is printed again; the second PDF is then read to
 * make sure that no heading moved.
 */
export async function printWithContents(
  page: Page,
  job: Pick<PrintJob, "title"> & { readonly metadata?: Pick<PdfMetadata, "linkWords"> },
  timeout: number,
): Promise<{ pdf: Uint8Array; pages: number; outline: OutlineEntry[]; links: Map<string, string>; linksMs: number }> {
  const reading = performance.now();
  const links = linkDescriptions(await pageLinks(page), job.metadata?.linkWords);
  const linksMs = performance.now() - reading;
  // page.evaluate, not $$eval: $$eval makes a handle of every element, a tenth of a second for a year's links.
  const entries = await page.evaluate(() =>
    Array.from(document.querySelectorAll(".toc a[href^='#']"), (a) => ({
      target: a.getAttribute("href")!.slice(1),
      title: (a.querySelector(".toc-label")?.textContent ?? a.textContent ?? "").replace(/\s+/g, " ").trim(),
      depth: Math.max(0, a.closest("ol")!.parentElement!.closest("ol") ? 1 : 0),
    })));
  const targets = entries.map((e) => e.target);
  const options: PDFOptions = { ...PRINT_OPTIONS, tagged: true, timeout };
  if (targets.length === 0) {
    const pdf = await page.pdf(options);
    return { pdf, pages: (await readPdf(pdf)).pageCount, outline: [], links, linksMs };
  }
  // The first pass only needs the layout and the link destinations, so it paints no text but the
  // contents' (whose links make the destinations) and no tags: half the time of a full print.
  // Hidden content keeps its place in the layout; the check after the second pass would catch it if not.
  const draftStyle = await page.addStyleTag({ content: "body * { visibility: hidden !important; } .toc, .toc * { visibility: visible !important; }" });
  const draft = await page.pdf({ ...PRINT_OPTIONS, tagged: false, timeout });
  await draftStyle.evaluate((el) => el.remove());
  const found = (await readPdf(draft, targets)).places;
  const missing = targets.filter((t) => !found.has(t));
  if (missing.length > 0) throw new PrintError(`${job.title}: the contents point to headings the PDF does not hold: #${missing.join(", #")}`);
  await page.evaluate((numbers) => {
    document.querySelectorAll<HTMLElement>("[data-toc-target]").forEach((el) => (el.textContent = String(numbers[el.dataset.tocTarget!])));
  }, Object.fromEntries([...found].map(([id, place]) => [id, place.page])));
  const pdf = await page.pdf(options);
  const { pageCount, places: landed } = await readPdf(pdf, targets);
  const moved = targets.filter((t) => landed.get(t)?.page !== found.get(t)!.page);
  if (moved.length > 0) {
    const detail = moved.map((t) => `#${t} is on page ${landed.get(t)?.page ?? "?"} but the contents say ${found.get(t)!.page}`).join("; ");
    throw new PrintError(`${job.title}: the contents' page numbers moved the headings: ${detail}`);
  }
  const outline = entries.map((e) => ({ title: e.title, depth: e.depth, ...landed.get(e.target)! }));
  return { pdf, pages: pageCount, outline, links, linksMs };
}

/**
 * Runs `tasks` with at most `limit` at a time, keeping their order in the result. Once one has failed, or
 * `stopped` says so (printing has been given up), no further task starts.
 */
async function pool<T>(limit: number, tasks: readonly (() => Promise<T>)[], stopped: () => boolean = () => false): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < tasks.length && !failed && !stopped()) {
      const index = next++;
      try {
        results[index] = await tasks[index]!();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

const BROWSER_GONE = "the browser stopped while printing (it crashed or was killed); build again";

const firstLine = (error: unknown) => String((error as Error)?.message ?? error).split("\n")[0]!.trim();

/**
 * Closes the browser; one that does not close within seconds (it hangs or has crashed) is killed with its
 * whole process group, through the launch's abort signal, and waited for.
 */
async function closeBrowser(browser: Browser | undefined, abort: AbortController): Promise<void> {
  if (browser && (await within(5000, browser.close().then(() => true, () => false)))) return;
  abort.abort();
  const child = browser?.process();
  if (child && child.exitCode === null && child.signalCode === null) {
    await within(2000, new Promise<void>((resolve) => child.once("exit", () => resolve())));
  }
}

/** `promise`'s value, or undefined after `ms`; the timer does not outlive it (a pending one would hold the process open). */
async function within<T>(ms: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    });
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Prints every job in pages of one browser; the browser and server are always closed. */
export async function printPdfs(jobs: readonly PrintJob[], options: PrintOptions): Promise<PrintedPdf[]> {
  if (jobs.length === 0) return [];
  const timeout = options.timeoutMs ?? 5 * 60_000;
  const prefix = options.pathPrefix ?? "/";
  const server = await serveFolder(options.siteDir, prefix);
  // Aborting kills the browser's process group, even while it is still starting.
  const abort = new AbortController();
  removeAbandonedBrowsers();
  const folder = browserFolder(abort);
  let browser: Browser | undefined;
  let timer: NodeJS.Timeout | undefined;
  // The time limit covers starting the browser too: a browser that hangs while starting is as stuck.
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PrintError(`printing took longer than ${Math.round(timeout / 1000)} s and was stopped`)),
      timeout,
    );
  });
  limit.catch(() => undefined);
  try {
    browser = await Promise.race([
      puppeteer.launch({
        executablePath: options.browserPath,
        headless: true,
        args: CHROMIUM_FLAGS,
        userDataDir: folder.profile,
        // Chromium keeps its crash reports under XDG_CONFIG_HOME: in the folder, not in the user's home.
        // It sees only the report's fonts, so that no machine's own fonts reach a PDF (fonts.ts).
        env: { ...printFonts(folder.dir), TMPDIR: folder.tmp, XDG_CONFIG_HOME: folder.config },
        timeout: Math.min(60_000, timeout),
        signal: abort.signal,
      }).catch((error: unknown) => {
        throw new PrintError(`the browser ${options.browserPath} could not be started (${firstLine(error)}); build again`);
      }),
      limit,
    ]);
    folder.started(browser.process()?.pid);
    const opened = browser;
    let closing = false;
    // A browser that goes away on its own has crashed or been killed: say so, rather than the protocol error it causes.
    const gone = new Promise<never>((_, reject) => {
      opened.once("disconnected", () => {
        if (!closing) reject(new PrintError(BROWSER_GONE));
      });
    });
    gone.catch(() => undefined);
    const run = pool(Math.max(1, availableParallelism()), jobs.map((job) => async () => {
      const pdf = await printOne(opened, server.origin, prefix, options.siteUrl, job, timeout);
      options.onPrinted?.(job, pdf);
      return pdf;
    }), () => closing);
    try {
      return await Promise.race([run, limit, gone]);
    } catch (error) {
      // The connection may fail before the browser is known to be gone ("socket hang up"): look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const process = opened.process();
      const died = !opened.connected || (process !== null && (process.exitCode !== null || process.signalCode !== null));
      if (died && !(error instanceof PrintError)) throw new PrintError(BROWSER_GONE);
      throw error;
    } finally {
      closing = true;
      run.catch(() => undefined);
    }
  } catch (error) {
    // Chromium writes each PDF into its temporary folder first: a full one fails the print with a protocol error that does not say so.
    // (A request blocked names the data file that holds its address: that message stays.)
    const blocked = error instanceof PrintError && error.blocked.length > 0;
    if (!blocked && isNearlyFull(folder.dir)) throw new PrintError(temporaryFolderFull());
    throw error;
  } finally {
    clearTimeout(timer);
    await closeBrowser(browser, abort);
    folder.remove();
    await server.close();
  }
}
