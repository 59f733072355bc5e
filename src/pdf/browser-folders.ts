/**
 * The folders of the browsers that print, in the temporary folder: each holds a browser's profile and
 * temporary files, and says which process made it and which browser it started, so that what a killed
 * build left (its folder, its browser still running) can be found and ended by the next build.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { endProcessesUsing, identityOf, isGone, processStart, type ProcessIdentity } from "../system/processes.ts";

const BROWSER_FOLDER = "activity-report-browser-";
/** In each browser folder: which process made it and which browser it started, for the sweep after a killed build. */
const OWNER_FILE = "owner.json";
/**
 * A folder without a readable owner file older than this was left by a build that failed as it made it
 * (a full temporary folder leaves the file empty): the file is written whole, within milliseconds.
 */
const UNOWNED_STALE_MS = 60_000;

interface FolderOwner {
  readonly owner: ProcessIdentity;
  readonly browser?: ProcessIdentity;
}

/** Writes `file` whole: beside it first, then renamed into place, so that it is never read empty or cut short. */
function writeWholeSync(file: string, content: string): void {
  const temporary = `${file}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** What a full temporary folder means for printing, and what to do. */
export const temporaryFolderFull = (dir = tmpdir()) =>
  `the temporary folder ${dir} is full (no space left on device), and the browser that prints the PDFs needs room there: free some space in it, or set TMPDIR to a folder with room`;

/** Less room than this left on the temporary folder's disk after a failure, and the failure is taken to be for want of room. */
const NEARLY_FULL_BYTES = 1024 * 1024;

/** Whether the disk that holds `dir` has (almost) no room left. */
export function isNearlyFull(dir: string): boolean {
  try {
    const disk = statfsSync(dir);
    return disk.bavail * disk.bsize < NEARLY_FULL_BYTES;
  } catch {
    return false;
  }
}

/** `make`'s value; a full disk (or quota) is said to be the temporary folder's. */
function madeInTemporaryFolder<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") throw new Error(temporaryFolderFull());
    throw error;
  }
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
 * the folder names its owner and its browser, so that the next build finds and ends them. A folder that
 * cannot be made whole (the temporary folder is full) is removed at once.
 */
export function browserFolder(abort: AbortController): BrowserFolder {
  const dir = madeInTemporaryFolder(() => mkdtempSync(path.join(tmpdir(), BROWSER_FOLDER)));
  const owner: FolderOwner = { owner: identityOf(process.pid) };
  const tmp = path.join(dir, "tmp");
  try {
    madeInTemporaryFolder(() => {
      writeWholeSync(path.join(dir, OWNER_FILE), JSON.stringify(owner));
      mkdirSync(tmp);
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
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
      if (pid !== undefined) madeInTemporaryFolder(() => writeWholeSync(path.join(dir, OWNER_FILE), JSON.stringify({ ...owner, browser: identityOf(pid) } satisfies FolderOwner)));
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
 * them) and their folders. A folder whose maker may still run is left alone; so is one that does not
 * say who made it, unless it is older than a minute (its maker failed as it made it). A browser is
 * ended only when it is known to be the one the folder names.
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
    if (record) {
      // Only a folder whose maker is known to have ended is abandoned.
      if (!isGone(record.owner)) continue;
    } else {
      let age: number;
      try {
        age = Date.now() - statSync(folder).mtimeMs;
      } catch {
        continue;
      }
      if (age < UNOWNED_STALE_MS) continue;
    }
    let browser: number | undefined;
    if (record?.browser?.start !== undefined && processStart(record.browser.pid) === record.browser.start) {
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
