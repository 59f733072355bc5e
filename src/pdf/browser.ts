import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { EXIT, ReportError } from "../errors.ts";

/** A build that needs a browser and finds none: exit 3, with one line saying how to get one. */
export class BrowserNotFoundError extends ReportError {
  override readonly name = "BrowserNotFoundError";
  override readonly exitCode: number = EXIT.noBrowser;

  override lines(): string[] {
    return [`activity-report: ${this.message}`];
  }
}

/** Usual install locations of Chrome and Chromium, Linux first. */
export const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome-stable",
  "/usr/bin/google-chrome",
  "/snap/bin/chromium",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
  "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
  "C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe",
];

const HOW_TO_GET_ONE =
  "no Chrome or Chromium found for printing the PDF: install one (Debian/Ubuntu: apt-get install chromium), " +
  "set PUPPETEER_EXECUTABLE_PATH to its path, or build without PDFs (--no-pdf)";

function puppeteerBrowser(): string | undefined {
  try {
    // Required here, not imported: commands that print nothing need not load Puppeteer.
    const puppeteer = createRequire(import.meta.url)("puppeteer") as typeof import("puppeteer");
    return puppeteer.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * The browser to print with: PUPPETEER_EXECUTABLE_PATH, else a browser that
 * Puppeteer installed, else a system Chrome or Chromium.
 */
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  installedByPuppeteer: () => string | undefined = puppeteerBrowser,
): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (exists(fromEnv)) return fromEnv;
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH is set to ${fromEnv}, but there is no browser there`);
  }
  const installed = installedByPuppeteer();
  if (installed && exists(installed)) return installed;
  const system = SYSTEM_BROWSERS.find((candidate) => exists(candidate));
  if (system) return system;
  throw new BrowserNotFoundError(HOW_TO_GET_ONE);
}
