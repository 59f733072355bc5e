/**
 * The output folder: which folders a build may replace, one build at a time
 * per folder (a lock file beside it), what a killed build left beside it, and
 * putting a finished build in place.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { link, lstat, mkdir, readdir, readFile, readlink, realpath, rename, rm, rmdir, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { ReportError } from "./errors.ts";
import { PROJECT_ROOT } from "./settings.ts";
import { identityOf, isGone } from "./system/processes.ts";
import type { Stops } from "./system/stops.ts";


/**
 * Written into every output folder: a folder without it is not ours to
 * replace. A published build writes its manifest there (JSON, which says it
 * was written by `build`, and keeps what the next build compares with); the
 * live preview writes `PREVIEW_MARKER`.
 */
export const OUTPUT_MARKER = ".activity-report-output";

/** The whole marker of a folder the live preview wrote. */
export const PREVIEW_MARKER = "Written by activity-report dev: a preview, not the published report.\n";

/** What the marker of a published build says wrote it. */
const WRITTEN_BY_BUILD = "activity-report build";

/** The marker of a published build: its manifest, and that `build` wrote it. */
export function buildMarker(manifest: object): string {
  return `${JSON.stringify({ written_by: WRITTEN_BY_BUILD, ...manifest })}\n`;
}

/**
 * Who wrote an output folder, from its marker's text: `build` (a published
 * report; also one built before the manifest named its writer), `dev` (a
 * preview), or `unknown` for anything else, which the preview does not take
 * for its own.
 */
export function markerWriter(text: string): "build" | "dev" | "unknown" {
  if (text === PREVIEW_MARKER) return "dev";
  try {
    const marker = JSON.parse(text) as { written_by?: unknown; version?: unknown } | null;
    if (marker?.written_by === WRITTEN_BY_BUILD || (marker?.written_by === undefined && typeof marker?.version === "number")) return "build";
  } catch {
    // not JSON: not a build's manifest
  }
  return "unknown";
}

/** An output folder the build may not use, or one that another build holds. */
export class OutputError extends ReportError {
  override readonly name = "OutputError";
}

/** Whether `inner` is `outer` or lies inside it (a sibling whose name begins with the same letters does not). */
export const isWithin = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : `${outer}${path.sep}`);

/**
 * The first of `folder` and the folders above it that is a link to nothing (a link whose target
 * does not exist, or a loop of links), with what the link says; undefined when there is none.
 */
async function brokenLinkOn(folder: string): Promise<{ readonly link: string; readonly to: string; readonly loop: boolean } | undefined> {
  for (let at = path.resolve(folder); ; at = path.dirname(at)) {
    const found = await lstat(at).catch(() => undefined);
    const failure = found?.isSymbolicLink() ? await stat(at).then(() => undefined, (error: NodeJS.ErrnoException) => error.code ?? "failed") : undefined;
    if (failure) return { link: at, to: await readlink(at).catch(() => "?"), loop: failure === "ELOOP" };
    // A folder that exists (or a link that leads to one) ends the search: what lies above it resolves.
    if (found || at === path.dirname(at)) return undefined;
  }
}

/**
 * The real folder the build will replace, once it is known to be safe to: not
 * the project, the data or the working folder, and either new, empty or
 * written by an earlier build.
 */
export async function checkOutputFolder(outputDir: string, dataDir: string): Promise<string> {
  // A link to nothing would be found only by the last step, which puts the build in its place.
  const broken = await brokenLinkOn(outputDir);
  if (broken) {
    const which = broken.link === path.resolve(outputDir) ? `the output folder ${outputDir}` : `${broken.link}, on the way to the output folder ${outputDir},`;
    throw new OutputError(broken.loop
      ? `${which} is a link to ${broken.to}, which leads back to itself through links; choose another output folder`
      : `${which} is a link to ${broken.to}, which does not exist; create that folder, or choose another output folder`);
  }
  const target = await realpath(outputDir).catch(() => path.resolve(outputDir));
  const precious = [
    [process.cwd(), "the current folder"],
    [path.resolve(dataDir), "the data folder"],
    [PROJECT_ROOT, "the project"],
  ] as const;
  for (const [folder, name] of precious) {
    const real = await realpath(folder).catch(() => folder);
    const replacesIt = isWithin(real, target);
    const insideData = name === "the data folder" && isWithin(target, real);
    if (replacesIt || insideData) {
      throw new OutputError(`the output folder ${outputDir} would replace ${name}; choose a folder of its own, such as output`);
    }
  }
  const found = await stat(target).catch(() => undefined);
  if (found && !found.isDirectory()) throw new OutputError(`the output folder ${outputDir} is a file; choose a folder`);
  if (found) {
    const entries = await readdir(target);
    if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
      throw new OutputError(`the output folder ${outputDir} holds files that activity-report did not write; choose a new or empty folder`);
    }
  }
  return target;
}

/**
 * The real folder the live preview writes into: as `checkOutputFolder`, and
 * never a folder that a published build wrote (its pages carry the
 * Content-Security-Policy and its marker the manifest the next build compares
 * with), nor one whose marker the preview does not know.
 */
export async function checkPreviewFolder(outputDir: string, dataDir: string): Promise<string> {
  const target = await checkOutputFolder(outputDir, dataDir);
  const marker = await readFile(path.join(target, OUTPUT_MARKER), "utf8").catch(() => undefined);
  const writer = marker === undefined ? undefined : markerWriter(marker);
  const instead = "leave out --output to preview into .preview, or name a folder of its own";
  if (writer === "build") {
    throw new OutputError(`${outputDir} holds a published report (written by ${WRITTEN_BY_BUILD}), which the preview never replaces; ${instead}`);
  }
  if (writer === "unknown") {
    throw new OutputError(`${outputDir} was not written by the preview (its ${OUTPUT_MARKER} is not the preview's), so the preview does not replace it; ${instead}`);
  }
  return target;
}

interface LockHolder {
  readonly pid?: number;
  readonly start?: string;
  readonly started?: string;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(text) as unknown;
    return holder && typeof holder === "object" && typeof (holder as LockHolder).pid === "number" ? (holder) : undefined;
  } catch {
    return undefined;
  }
}

export interface OutputLock {
  /** Removes the lock, synchronously (it also runs as the process exits on a signal). */
  now(): void;
}

/**
 * Creates `file` with `content` unless it exists (EEXIST), whole: written beside it and linked
 * into place, so that another build never reads it empty, which would look like a damaged lock
 * to take over. Where the file system has no hard links, it is created and written in place.
 */
async function createWhole(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString("hex")}`;
  await writeFile(temporary, content, { flag: "wx" });
  try {
    await link(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw error;
    await writeFile(file, content, { flag: "wx" });
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** A takeover that has not ended within this time was interrupted: removing a lock takes milliseconds. */
const TAKEOVER_STALE_MS = 10_000;

/**
 * One writer per output folder: a lock file beside it names the build that
 * holds it, by process id and the time that process started (ids are reused).
 * A second build refuses with a clear message. A lock whose build no longer
 * runs, or that cannot be read (empty, damaged), is taken over and `notice`
 * says so. Only one build at a time may take over (it holds a folder beside
 * the lock while it does), and it removes the lock only if it is still the
 * stale one it read, so that of several builds taking over at once one wins.
 */
export async function lockOutput(output: string, shown: string, notice: (message: string) => void = () => {}): Promise<OutputLock> {
  const lock = `${output}.lock`;
  const takeover = `${lock}.takeover`;
  const me = identityOf(process.pid);
  const content = JSON.stringify({ pid: me.pid, start: me.start, started: new Date().toISOString() });
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      await createWhole(lock, content);
      return { now: () => rmSync(lock, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const text = await readFile(lock, "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const holder = parseHolder(text);
    if (holder && !isGone(holder)) {
      throw new OutputError(`another build (process ${holder.pid}, started ${holder.started ?? "earlier"}) is writing to ${shown}; wait until it has finished, then build again (if no build is running, delete ${lock})`);
    }
    try {
      await mkdir(takeover);
    } catch {
      // Another build is taking over; one whose takeover was interrupted left its folder, which is removed.
      const since = await stat(takeover).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (since > TAKEOVER_STALE_MS) await rmdir(takeover).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      continue;
    }
    try {
      // Still the stale lock that was read: no other build has taken it over meanwhile.
      if ((await readFile(lock, "utf8").catch(() => undefined)) !== text) continue;
      await unlink(lock);
    } finally {
      await rmdir(takeover).catch(() => undefined);
    }
    notice(holder
      ? `a build of ${shown} that no longer runs (process ${holder.pid}, started ${holder.started ?? "earlier"}) left its lock ${lock}; taking it over`
      : `the lock file ${lock} could not be read (it is empty or damaged); taking it over`);
  }
  throw new OutputError(`cannot lock ${shown} for this build: ${lock} keeps coming back`);
}

/** A build's staging folder beside the output folder, named so that leftovers can be found. */
export function stagingFolder(output: string): string {
  return `${output}.tmp-${randomBytes(4).toString("hex")}`;
}

/**
 * What the marker of an old output becomes once its removal has begun: the folder is still ours to
 * remove, but no longer a whole output to put back (a removal that was stopped leaves part of it).
 */
const REMOVING_MARKER = ".activity-report-removing";

/** What earlier builds left beside the output folder, and what was done with it. */
export interface Leftovers {
  /** The previous output, put back in place: a build was stopped between the two renames of its swap. */
  readonly restored?: string;
  /** Staging folders and old outputs, removed. */
  readonly removed: readonly string[];
}

/**
 * Removes what earlier builds of `output` left beside it when they were killed
 * (a staging folder, an old output not yet removed). Only called with the lock
 * held, so no build of this folder is running; only folders carrying the
 * output marker are removed. An output folder that is missing beside a whole
 * old one (killed between the swap's two renames) is put back first.
 */
export async function removeLeftovers(output: string): Promise<Leftovers> {
  const parent = path.dirname(output);
  const name = path.basename(output);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(tmp|old)-[0-9a-f]{8}$`);
  const found = (await readdir(parent).catch(() => [] as string[])).flatMap((entry) => {
    const kind = pattern.exec(entry)?.[1];
    return kind ? [{ folder: path.join(parent, entry), kind }] : [];
  });
  let restored: string | undefined;
  if (!(await lstat(output).then(() => true, () => false))) {
    // The newest whole old output (its marker was written as its build began).
    const whole = await Promise.all(found.filter((f) => f.kind === "old").map(async (f) => ({ ...f, time: await stat(path.join(f.folder, OUTPUT_MARKER)).then((s) => s.mtimeMs, () => undefined) })));
    const newest = whole.filter((f) => f.time !== undefined).sort((a, b) => b.time! - a.time!)[0];
    if (newest) {
      await rename(newest.folder, output);
      restored = newest.folder;
    }
  }
  const removed: string[] = [];
  for (const { folder } of found) {
    if (folder === restored) continue;
    const ours = await Promise.all([OUTPUT_MARKER, REMOVING_MARKER].map((marker) => stat(path.join(folder, marker)).then(() => true, () => false)));
    const empty = !ours.includes(true) && (await readdir(folder).then((e) => e.length === 0, () => false));
    if (!ours.includes(true) && !empty) continue;
    await rm(folder, { recursive: true, force: true });
    removed.push(folder);
  }
  return restored ? { restored, removed } : { removed };
}

/**
 * Removes an old output: its marker is renamed first, so that a removal stopped halfway never
 * leaves what looks like a whole output to put back, and is removed last, so that what is left
 * of it is still known to be ours.
 */
async function removeOld(old: string): Promise<void> {
  await rename(path.join(old, OUTPUT_MARKER), path.join(old, REMOVING_MARKER)).catch(() => undefined);
  const entries = await readdir(old).catch(() => [] as string[]);
  await Promise.all(entries.filter((entry) => entry !== REMOVING_MARKER).map((entry) => rm(path.join(old, entry), { recursive: true, force: true, maxRetries: 3 })));
  await rm(old, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * Replaces `target` with `staging`, keeping the old folder until the new one is in place. Resolves once
 * the new folder is in place, to the removal of the old one, which goes on meanwhile (removing a large
 * site takes as long as `rm -rf`): should the process end first, the next build removes what is left.
 * Between its two renames there is no output folder: the caller holds signals off until it resolves
 * (build), and a build killed there outright leaves the old one, which the next build puts back
 * (removeLeftovers). When the new folder cannot be put in place, the old one is put back; should
 * that fail too, the error says where the old one is.
 */
export async function swapInto(staging: string, target: string, shown = target): Promise<{ readonly removed: Promise<void> }> {
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await rename(staging, target);
    return { removed: Promise.resolve() };
  }
  const old = `${target}.old-${randomBytes(4).toString("hex")}`;
  await rename(target, old);
  try {
    await rename(staging, target);
  } catch (error) {
    await rename(old, target).catch((again: unknown) => {
      throw new OutputError(`the new output could not be put in place (${(error as Error).message}), nor the previous one put back (${(again as Error).message}): the previous output is in ${old}, which the next build of ${shown} puts back`);
    });
    throw error;
  }
  const removed = removeOld(old);
  removed.catch(() => undefined);
  return { removed };
}

export interface StagedOutput {
  /** The output folder, checked by checkOutputFolder or checkPreviewFolder. */
  readonly output: string;
  /** The output folder as the user named it, for messages. */
  readonly shown: string;
  /** Told what the editor should know that is not a problem: a stale lock taken over, leftovers removed. */
  readonly onNotice?: (message: string) => void;
  /** The command's stops: a stop removes the staging folder and the lock, and waits while the output is swapped. */
  readonly stops?: Stops;
}

/**
 * The sequence of every build of an output folder: lock it; remove what stopped builds left beside it;
 * `prepare`, which reads what it needs of the previous output and gives the marker the new one carries;
 * make the staging folder; `fill` it; put it in place of the output. The staging folder and the lock go
 * whatever happens. Resolves once the new output is in place; `removed` settles once the old one is gone.
 */
export async function withStagedOutput<T>(
  options: StagedOutput,
  prepare: () => Promise<string>,
  fill: (staging: string) => Promise<T>,
): Promise<{ readonly value: T; readonly removed: Promise<void> }> {
  const { output, shown, onNotice = () => {}, stops } = options;
  await mkdir(path.dirname(output), { recursive: true });
  const unlock = await lockOutput(output, shown, onNotice);
  const staging = stagingFolder(output);
  let outcome = `the output in ${shown} is unchanged`;
  const unregister = stops?.onStop(() => {
    try {
      // A write that was under way (Eleventy's, Pagefind's) may still land as the folder goes: tried again.
      rmSync(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } finally {
      unlock.now();
    }
    return outcome;
  });
  try {
    // With the lock held no other build of this folder runs: whatever a stopped one left beside it can go.
    const leftovers = await removeLeftovers(output);
    if (leftovers.restored) onNotice(`put the output back in ${shown} from ${leftovers.restored}, where a build stopped while it replaced the output had left it`);
    for (const folder of leftovers.removed) onNotice(`removed ${folder}, left by a build that was stopped`);
    const marker = await prepare();
    await mkdir(staging);
    // The marker says the folder is ours to replace (and, of a build, keeps what the next one compares with).
    await writeFile(path.join(staging, OUTPUT_MARKER), marker);
    const value = await fill(staging);
    // Between the swap's two renames there is no output folder: a stop then waits until the swap has ended.
    const swap = async () => {
      try {
        const swapped = await swapInto(staging, output, shown);
        outcome = `the new output was already in place in ${shown}`;
        return swapped;
      } catch (error) {
        if (error instanceof OutputError) outcome = error.message;
        throw error;
      }
    };
    const { removed } = stops ? await stops.hold(swap) : await swap();
    return { value, removed };
  } finally {
    unregister?.();
    await rm(staging, { recursive: true, force: true });
    unlock.now();
  }
}
