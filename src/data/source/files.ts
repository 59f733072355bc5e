/**
 * The data folder's files as the file system has them, which is not always
 * what their names promise: a name that is not UTF-8, a folder or a named
 * pipe called `x.yaml`, a file nobody may read. Each comes back as a
 * diagnostic that says what to do, never as a crash or a hang.
 */
import { isUtf8 } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { invalidUtf8Offset } from "./utf8.ts";

export interface FolderEntry {
  /** The name as UTF-8 text; bytes that are not UTF-8 shown as `\xE9`. */
  readonly name: string;
  readonly path: string;
  readonly kind: "file" | "folder" | "link" | "other";
  /** The first byte of the name that is not UTF-8, when there is one: such a file cannot be opened by its name as text. */
  readonly badByte?: number;
}

/** `caf\xE9.yaml`: the valid parts of a name decoded, the other bytes shown in hexadecimal. */
function shownName(bytes: Uint8Array): string {
  let shown = "";
  let rest = bytes;
  for (let bad = invalidUtf8Offset(rest); bad >= 0; bad = invalidUtf8Offset(rest)) {
    shown += `${new TextDecoder().decode(rest.subarray(0, bad))}\\x${rest[bad]!.toString(16).toUpperCase().padStart(2, "0")}`;
    rest = rest.subarray(bad + 1);
  }
  return shown + new TextDecoder().decode(rest);
}

/**
 * The entries of a folder, names read as bytes: Node would decode a name
 * that is not UTF-8 with replacement characters, giving a path that does
 * not exist.
 */
export async function listFolder(dir: string): Promise<FolderEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: "buffer" });
  return entries.map((entry) => {
    const bytes = entry.name;
    const valid = isUtf8(bytes);
    const name = valid ? bytes.toString("utf8") : shownName(bytes);
    const kind = entry.isFile() ? "file" : entry.isDirectory() ? "folder" : entry.isSymbolicLink() ? "link" : "other";
    return { name, path: path.join(dir, name), kind, ...(valid ? {} : { badByte: bytes[invalidUtf8Offset(bytes)]! }) };
  });
}

/**
 * Every entry below `root` but the folders, walked one level at a time and never into a link (a recursive
 * read follows links to folders on Node 22 and later). Hidden names (`.DS_Store`, `.git`) are skipped; a
 * name that is not UTF-8 and a folder that cannot be read are told to `problem`, with paths as `shown` gives
 * them. The root must exist.
 */
export async function* walkFolder(root: string, problem: (d: Diagnostic) => void, shown: (p: string) => string = (p) => p): AsyncGenerator<FolderEntry> {
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries;
    try {
      entries = await listFolder(folder);
    } catch (error) {
      problem({ severity: "error", file: shown(folder), message: describeFileError(error, "folder") });
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      if (entry.badByte !== undefined) problem(badNameDiagnostic({ ...entry, path: shown(entry.path), badByte: entry.badByte }, entry.kind === "folder" ? "folder" : "file"));
      else if (entry.kind === "folder") folders.push(entry.path);
      else yield entry;
    }
  }
}

/** The diagnostic for a name that is not UTF-8. */
export function badNameDiagnostic(entry: FolderEntry & { badByte: number }, what: "file" | "folder"): Diagnostic {
  const hex = entry.badByte.toString(16).toUpperCase().padStart(2, "0");
  return {
    severity: "error",
    file: entry.path,
    message: `the ${what} name is not UTF-8 text (byte 0x${hex}), so it cannot be read; rename the ${what} in lower case letters, digits and hyphens`,
  };
}

/** What an error of the file system means for an editor, and what to do about it. */
export function describeFileError(error: unknown, what: "file" | "folder"): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return `the ${what} cannot be read: permission denied; make it readable for the account that runs the check (e.g. chmod a+r${what === "folder" ? "x" : ""})`;
    case "ENOENT":
      return `the ${what} disappeared while it was being read; check again`;
    case "ELOOP":
      return `the ${what} is a link that leads back to itself; replace it with the ${what} itself`;
    case "EISDIR":
      return `the ${what} is a folder; a data file must be a text file: rename or remove the folder`;
    default:
      return `the ${what} cannot be read (${code ?? (error as Error).message}); replace it with an ordinary ${what}`;
  }
}

/** Why a file of type `stats` cannot be a data file, or undefined for an ordinary file. */
function notAFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "this is a folder, not a file: a data file must be an ordinary text file, so rename or remove the folder";
  const what = stats.isFIFO() ? "a named pipe (FIFO)" : stats.isSocket() ? "a socket" : stats.isCharacterDevice() || stats.isBlockDevice() ? "a device" : "not an ordinary file";
  return `this is ${what}, not a file: a data file must be an ordinary text file, so replace it with one`;
}

/**
 * Reads a data file's bytes, at most `maxBytes`; a diagnostic for anything
 * that is not an ordinary, readable file of that size. The file is opened
 * without blocking, so that a named pipe cannot hold the check forever, and
 * its type is checked on the open file before anything is read.
 */
export function readDataFile(file: string, maxBytes: number): { bytes: Buffer } | { diagnostic: Diagnostic } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return fileProblem(file, describeFileError(error, "file"));
  }
  try {
    const stats = fstatSync(fd);
    const wrongType = notAFile(stats);
    if (wrongType) return fileProblem(file, wrongType);
    if (stats.size > maxBytes) {
      return fileProblem(file, `the file is ${Math.round(stats.size / 1024)} KB; data files may hold at most ${Math.round(maxBytes / 1024 / 1024)} MB`, { line: 1, col: 1 });
    }
    return { bytes: readOpenFile(fd, stats.size) };
  } catch (error) {
    return fileProblem(file, describeFileError(error, "file"));
  } finally {
    closeSync(fd);
  }
}

function fileProblem(file: string, message: string, at: { line?: number; col?: number } = {}): { diagnostic: Diagnostic } {
  return { diagnostic: { severity: "error", file, ...at, message } };
}

/**
 * The bytes of an open ordinary file of `size` bytes, as readFileSync reads
 * them (at most `size`, fewer if the file shrank), without the second fstat
 * readFileSync would make.
 */
function readOpenFile(fd: number, size: number): Buffer {
  // An empty size may still be a file that has bytes (files of /proc say 0): read them as readFileSync does.
  if (size === 0) return readFileSync(fd);
  const bytes = Buffer.allocUnsafe(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, null);
    if (n === 0) break;
    read += n;
  }
  return read < size ? bytes.subarray(0, read) : bytes;
}
