/**
 * The folders of the browsers that print, in the temporary folder: each holds a browser's profile and
 * temporary files, and says which process made it and which browser it started, so that what a killed
 * build left (its folder, its browser still running) can be found and ended by the next build.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { endProcessesUsing, identityOf, isGone, processStart, type ProcessIdentity } from "../system/processes.ts";

const BROWSER_FOLDER = "activity-report-browser-";
/** In each browser folder: which process made it and which browser it started, for the sweep after a killed build. */
const OWNER_FILE = "owner.json";

interface FolderOwner {
  readonly owner: ProcessIdentity;
  readonly browser?: ProcessIdentity;
}

export interface BrowserFolder {
  readonly dir: string;
  readonly profile: string;
  readonly tmp: string;
  readonly config: string;
  started(pid: number | undefined): void;
  remove(): void;
}

/**
 * The browser's profile and temporary files, in a folder of our own (Puppeteer's profile and Chromium's
 * shared-memory files are left behind when the browser is killed): removed however printing ends, also
 * when the process exits on a signal mid-print. A process killed outright (SIGKILL) cannot remove it:
 * the folder names its owner and its browser, so that the next build finds and ends them.
 */
export function browserFolder(abort: AbortController): BrowserFolder {
  const dir = mkdtempSync(path.join(tmpdir(), BROWSER_FOLDER));
  const owner: FolderOwner = { owner: identityOf(process.pid) };
  writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify(owner));
  const tmp = path.join(dir, "tmp");
  mkdirSync(tmp);
  // Whatever of the browser is still running (its crash reporter, which names the folder) goes first.
  const remove = () => {
    endProcessesUsing(dir);
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  const atExit = () => {
    abort.abort();
    remove();
  };
  process.once("exit", atExit);
  return {
    dir,
    profile: path.join(dir, "profile"),
    tmp,
    config: path.join(dir, "config"),
    started: (pid) => {
      if (pid !== undefined) writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify({ ...owner, browser: identityOf(pid) } satisfies FolderOwner));
    },
    remove: () => {
      process.off("exit", atExit);
      remove();
    },
  };
}

/** A browser folder that a build which no longer runs left, removed, with its browser's process id when it was still running and was ended. */
export interface AbandonedBrowser {
  readonly folder: string;
  readonly browser?: number;
}

/** The owner file of `folder`, or undefined when it is missing, empty or damaged. */
function readOwner(folder: string): FolderOwner | undefined {
  try {
    const record = JSON.parse(readFileSync(path.join(folder, OWNER_FILE), "utf8")) as FolderOwner | null;
    return record && typeof record === "object" && record.owner ? record : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Ends what builds that were killed outright left: their browsers (still running, as nothing stopped
 * them) and their folders. A folder whose maker may still run is left alone, and so is one that does
 * not say who made it; a browser is ended only when it is known to be the one the folder names.
 */
export function removeAbandonedBrowsers(dir = tmpdir()): AbandonedBrowser[] {
  const removed: AbandonedBrowser[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).filter((name) => name.startsWith(BROWSER_FOLDER));
  } catch {
    return removed;
  }
  for (const name of entries) {
    const folder = path.join(dir, name);
    const record = readOwner(folder);
    // Only a folder whose maker is known to have ended is abandoned.
    if (!record || !isGone(record.owner)) continue;
    let browser: number | undefined;
    if (record.browser?.start !== undefined && processStart(record.browser.pid) === record.browser.start) {
      try {
        // The browser leads a process group of its own (Puppeteer starts it detached): end it with its renderers.
        process.kill(-record.browser.pid, "SIGKILL");
        browser = record.browser.pid;
      } catch {
        // Gone meanwhile, or not ours to end.
      }
    }
    // Its crash reporter, which runs outside the browser's process group, names the folder.
    endProcessesUsing(folder);
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
      removed.push(browser === undefined ? { folder } : { folder, browser });
    } catch {
      // Another user's folder, or one still in use: left as it is.
    }
  }
  return removed;
}
