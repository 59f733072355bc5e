/**
 * The files that events' documents link to under documents/: each must be
 * there, inside the data folder, an ordinary file, and by its structure what
 * its name says (a whole PDF, or a Word document without macros:
 * document-structure.ts). Only the files named by a document are published,
 * and only when they pass.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.ts";
import { describeFileError } from "../source/files.ts";
import type { WrittenEvent } from "../read.ts";
import { DOCUMENTS_DIR } from "../contract/schema.ts";
import type { YamlSource } from "../source/yaml-source.ts";
import { recogniseDocument, type Recognised } from "./document-structure.ts";

/** A document file that may be published, at the same path under the site. */
export interface DocumentFileEntry {
  /** `documents/conclusions-2018-en.pdf`, as written. */
  readonly path: string;
  /** The file on disk. */
  readonly file: string;
  readonly type: "pdf" | "docx";
  readonly bytes: number;
}

/** Far above a meeting's documents, low enough that a video or an archive put there by mistake is caught. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const isWithin = (file: string, dir: string) => file.startsWith(`${dir}${path.sep}`);

const KIND_NAME = { pdf: "a PDF", docx: "a Word document (.docx)" } as const;

/**
 * What a file opened without blocking (a pipe never holds the check) is by its structure (document-structure.ts),
 * and its size; or why it cannot be a document.
 */
function readDocument(file: string): { recognised: Recognised; bytes: number } | { problem: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { problem: describeFileError(error, "file") };
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: "it is not an ordinary file; put the document itself there" };
    if (stats.size > MAX_DOCUMENT_BYTES) return { problem: `it is ${Math.round(stats.size / 1024 / 1024)} MB; a document may be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB` };
    const read = (offset: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, stats.size - offset)));
      return buffer.subarray(0, buffer.length > 0 ? readSync(fd, buffer, 0, buffer.length, offset) : 0);
    };
    return { recognised: recogniseDocument(read, stats.size), bytes: stats.size };
  } catch (error) {
    return { problem: describeFileError(error, "file") };
  } finally {
    closeSync(fd);
  }
}

/** Checks one document file, `written` as in the event file, against the data folder `dir` (resolved as `realDir`). */
function checkFile(written: string, dir: string, realDir: string): DocumentFileEntry | { problem: string } {
  const file = path.join(dir, written);
  try {
    lstatSync(file);
  } catch {
    return { problem: `the file ${written} is not in the data folder; put it in the ${DOCUMENTS_DIR} folder, or give the document's web address instead` };
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch (error) {
    return { problem: `${written}: ${describeFileError(error, "file")}` };
  }
  if (!isWithin(real, realDir)) return { problem: `${written} is a link to ${real}, outside the data folder; copy the file in instead` };
  const read = readDocument(real);
  if ("problem" in read) return { problem: `${written}: ${read.problem}` };
  const expected = written.endsWith(".pdf") ? "pdf" : "docx";
  const found = read.recognised;
  // A damaged PDF named .pdf is told what is wrong with it; anything else not of its name's kind, what it holds.
  if (found?.type === expected && found.problem) return { problem: `${written} ${found.problem}` };
  if (found?.type !== expected) {
    const is = found && !found.problem ? `it holds ${KIND_NAME[found.type]}` : "its content is neither a PDF nor a Word document";
    return { problem: `${written} is named as ${KIND_NAME[expected]}, but ${is}; export the document as ${KIND_NAME[expected]} or correct its name` };
  }
  return { path: written, file: real, type: found.type, bytes: read.bytes };
}

/** Every document file the events name, checked once each; an error at each place that names a file that fails. */
export function checkDocuments(events: readonly WrittenEvent[], dir: string): { documents: DocumentFileEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const checked = new Map<string, DocumentFileEntry | { problem: string }>();
  let realDir: string | undefined;
  const places: { source: YamlSource; at: (string | number)[]; written: string }[] = [];
  for (const { source, fields } of events) {
    if (!source) continue;
    fields?.documents?.forEach((document, i) => {
      for (const [language, link] of Object.entries(document.versions)) {
        if (link?.file) places.push({ source, at: ["documents", i, "versions", language], written: link.file });
      }
    });
  }
  for (const { source, at, written } of places) {
    let result = checked.get(written);
    if (!result) {
      realDir ??= realpathSync(dir);
      result = checkFile(written, dir, realDir);
      checked.set(written, result);
    }
    if ("problem" in result) diagnostics.push(source.diagnostic(at, result.problem));
  }
  const documents = [...checked.values()].filter((r): r is DocumentFileEntry => !("problem" in r));
  return { documents: documents.sort((a, b) => a.path.localeCompare(b.path)), diagnostics };
}
