import puppeteer, { type Browser } from "puppeteer";
import { findBrowser } from "../../src/pdf/browser.ts";
import { CHROMIUM_FLAGS } from "../../src/pdf/print.ts";
import { serveFolder, type LoopbackServer } from "../../src/pdf/server.ts";

/**
 * A headless Chromium and a loopback server over a built site, for checks as a reader would see them;
 * `env` is the browser's environment (its fonts, through FONTCONFIG_FILE), by default this process's.
 */
export async function openSite(dir: string, prefix = "/", env?: NodeJS.ProcessEnv): Promise<{ browser: Browser; server: LoopbackServer; url: (p: string) => string; close: () => Promise<void> }> {
  const server = await serveFolder(dir, prefix);
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: CHROMIUM_FLAGS, ...(env ? { env } : {}) });
  return {
    browser,
    server,
    url: (p: string) => `${server.origin}${prefix}${p.replace(/^\//, "")}`,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
