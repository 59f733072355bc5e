/**
 * The SHA-256 of a file's content, read again only when the file has changed. Photos are
 * megabytes each: reading and hashing every one would cost a rebuild more than the rest of
 * their work. A hash is kept with the file's signature, which any write changes; a caller keeps
 * it between builds where it likes (the photo cache, the output folder's marker), and within a
 * process every caller shares one reading of each file.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { rmSync, type Stats } from "node:fs";
import path from "node:path";

/** What tells a file changed without reading it: a write changes its size or its change time (ctime), which no program sets back. */
export const signatureOf = (s: Stats): string => [s.dev, s.ino, s.size, s.mtimeMs, s.ctimeMs].join(":");

/** A file changed later than this before it was read may change again within the clock's tick: its hash is not to be kept for the next build. */
export const HASH_SETTLED_MS = 2000;

/** Runs at most `n` of the tasks given to it at once, the others in the order given. */
export function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export interface FileHash {
  /** The file's signature when it was hashed (signatureOf). */
  readonly signature: string;
  /** SHA-256, base64url. */
  readonly hash: string;
  /** Whether the hash may be kept for the next build: the file had not changed just before it was read (the race git's index knows). */
  readonly settled: boolean;
}

/** Where a caller keeps hashes between builds: the hash kept for the file, if any, and a new one to keep. */
export interface HashStore {
  read(): Promise<Pick<FileHash, "signature" | "hash"> | undefined>;
  write(kept: Pick<FileHash, "signature" | "hash">): Promise<void>;
}

/** Files read whole at once: a few, so that a first build of many photos does not hold them all in memory. */
const reading = limiter(4);
/** The files read in this process, by file and signature: the preview builds again and again, and a build asks for a photo from several places. */
const readings = new Map<string, Promise<FileHash>>();

/**
 * The hash of `file`: the one `store` kept when the file's signature is unchanged, else the
 * one read in this process for that signature (settled, or still being read), else read; a
 * settled hash that `store` did not have is given to it to keep.
 */
export async function hashFile(file: string, store?: HashStore): Promise<FileHash> {
  const signature = signatureOf(await stat(file));
  const kept = await store?.read();
  if (kept?.signature === signature) return { signature, hash: kept.hash, settled: true };
  const key = `${file}\0${signature}`;
  let read = readings.get(key);
  if (!read) {
    read = (async () => {
      const started = Date.now();
      const hash = await reading(async () => createHash("sha256").update(await readFile(file)).digest("base64url"));
      const after = await stat(file);
      return { signature, hash, settled: signatureOf(after) === signature && Math.max(after.mtimeMs, after.ctimeMs) < started - HASH_SETTLED_MS };
    })();
    readings.set(key, read);
    // An unsettled reading is not one to go on: the next ask reads the file again.
    read.then((r) => r.settled || readings.delete(key), () => readings.delete(key));
  }
  const found = await read;
  if (found.settled) await store?.write({ signature, hash: found.hash });
  return found;
}

/**
 * Writes `bytes` to `file` through a temporary file renamed into place, so that a process
 * stopped mid-write never leaves a partial file that a later one would trust. The temporary
 * file is named `<file>.tmp-<pid>-<n>`: of this process and this call, so that two writers of
 * one file never share it, and a later build can tell one whose process is gone.
 */
let temporaries = 0;
/** The temporary files being written, for removeUnfinishedWrites. */
const writing = new Set<string>();
export async function writeWhole(file: string, bytes: Buffer | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}-${++temporaries}`;
  writing.add(temporary);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } finally {
    writing.delete(temporary);
  }
}

/**
 * Removes, at once, the temporary files of writes still under way: called as the process ends on a
 * signal, so that a stopped build leaves nothing half-written in the cache (a later build would remove
 * them too, but only once their process id is free).
 */
export function removeUnfinishedWrites(): void {
  for (const temporary of writing) rmSync(temporary, { force: true });
  writing.clear();
}

function isKeptHash(value: unknown): value is { file: string; signature: string; hash: string } {
  if (typeof value !== "object" || value === null) return false;
  const { file, signature, hash } = value as Record<string, unknown>;
  return typeof file === "string" && typeof signature === "string" && typeof hash === "string" && /^[A-Za-z0-9_-]{43}$/.test(hash);
}

/**
 * A HashStore for `file` that keeps its hash as a small JSON file in the folder `dir`, named by
 * a digest of the file's path; a record that is damaged or names another file is not trusted.
 */
export function recordedHash(dir: string, file: string): HashStore {
  const record = path.join(dir, `${createHash("sha256").update(file).digest("base64url").slice(0, 32)}.json`);
  return {
    read: () => readFile(record, "utf8").then((text) => {
      const kept = JSON.parse(text) as unknown;
      return isKeptHash(kept) && kept.file === file ? kept : undefined;
    }, () => undefined),
    write: ({ signature, hash }) => writeWhole(record, JSON.stringify({ file, signature, hash })),
  };
}
