/**
 * What `new` wrote, read back: each value must say exactly what was given. Problems that validation finds in the
 * new lines are told against the options that were given, since the lines they were found on are gone.
 */
import { isDeepStrictEqual } from "node:util";
import path from "node:path";
import { isMap, isSeq, parseDocument, type Document, type Node, type Pair } from "yaml";
import type { Diagnostic } from "../data/diagnostics.ts";
import { ScaffoldError, type Edit, type Given, type Segment } from "./edits.ts";
import { findPair, LINE_BREAK } from "./yaml-insert.ts";
import { READERS } from "./yaml-values.ts";

// ---------------------------------------------------------------------------------------------
// Reading back what was written.

/** What a YAML file can hold as a character (YAML 1.2, "printable"); anything else does not survive a reader. */
const NOT_YAML = /[^\t\n\r\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const valueAt = (root: unknown, at: readonly Segment[]) =>
  at.reduce<unknown>((v, s) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[String(s)] : undefined), root);

/** How a value is shown in a message: quoted, with line breaks and other invisible characters escaped, and short. */
export function shown(typed: string): string {
  return JSON.stringify(typed.length > 60 ? `${typed.slice(0, 57)}…` : typed)
    .replace(/[\u0080-\u009F\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}

const about = (g: Given) => `${g.option} ${shown(g.typed)}`;

/** The file's value without the new entry, to compare with the value before. */
function withoutEntry(after: unknown, entry: readonly Segment[], before: unknown): unknown {
  if (entry.length === 0) return before;
  const copy = structuredClone(after) as Record<string, unknown>;
  const parent = valueAt(copy, entry.slice(0, -1)) as Record<string, unknown> | undefined;
  if (Array.isArray(parent)) parent.splice(Number(entry.at(-1)), 1);
  else if (parent && typeof parent === "object") delete parent[String(entry.at(-1))];
  // A file that held nothing holds, without the entry, an empty list or mapping: the same.
  if (entry.length === 1 && (before === null || before === undefined) && Object.keys(copy).length === 0) return before;
  // A parent `new` created, or filled in under an empty key, goes back to what it was.
  for (let depth = entry.length - 1; depth > 0; depth--) {
    const at = entry.slice(0, depth);
    const node = valueAt(copy, at);
    if (node && typeof node === "object" && Object.keys(node).length === 0 && valueAt(before, at) == null) {
      const holder = valueAt(copy, at.slice(0, -1)) as Record<string, unknown>;
      if (valueAt(before, at) === undefined) delete holder[String(at.at(-1))];
      else holder[String(at.at(-1))] = valueAt(before, at);
    }
  }
  return copy;
}

/**
 * The problems with `edit.text` as both YAML readers of the build read it:
 * a given value that does not read back as exactly what was given, or a
 * change to anything but the new entry. Empty when the file says what was meant.
 */
export function readBack(edit: Edit): string[] {
  const problems = new Set<string>();
  for (const read of READERS) {
    let value: unknown;
    try {
      value = read(edit.text);
    } catch (error) {
      const culprit = edit.given.find((g) => typeof g.value === "string" && NOT_YAML.test(g.value));
      if (culprit) {
        const c = NOT_YAML.exec(culprit.value as string)![0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        problems.add(`${about(culprit)}: holds the character U+${c}, which a YAML file cannot hold; remove it`);
      } else problems.add(`${edit.what}: the text written to ${edit.file} does not read back (${String((error as Error).message).split("\n")[0]})`);
      continue;
    }
    for (const g of edit.given) {
      const got = valueAt(value, g.path);
      if (g.key ? got === undefined : !isDeepStrictEqual(got, g.value)) {
        problems.add(`${about(g)}: written to ${edit.file}, it would read back as ${got === undefined ? "nothing" : JSON.stringify(got)}`);
      }
    }
    if (edit.before !== undefined) {
      let before: unknown;
      try {
        before = read(edit.before);
      } catch {
        continue;
      }
      if (!isDeepStrictEqual(withoutEntry(value, edit.entry, before), before)) {
        problems.add(`${edit.what}: adding it to ${edit.file} would change other entries of the file; add it by hand`);
      }
    }
  }
  return [...problems];
}

// ---------------------------------------------------------------------------------------------
// Problems found by validation, told in terms of what was given.

/** Offset in `text` of a 1-based line and column, counting \r\n, \r and \n as line ends (as validation does). */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const m = LINE_BREAK.exec(text.slice(offset));
    if (!m) return text.length;
    offset += m.index + m[0].length;
  }
  return offset + col - 1;
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const lines = text.slice(0, offset).split(LINE_BREAK);
  return { line: lines.length, col: lines.at(-1)!.length + 1 };
}

/** The range of the text that holds the given value: from its key to the end of its value (its key alone, for an entry's key). */
function rangeOf(doc: Document.Parsed, g: Given): [number, number] | undefined {
  let node: unknown = doc.contents;
  let pair: Pair<Node, Node | null> | undefined;
  for (const segment of g.path) {
    if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      continue;
    }
    if (!isMap(node)) return undefined;
    pair = findPair(node, segment);
    if (!pair) return undefined;
    node = pair.value;
  }
  if (!pair?.key.range) return undefined;
  if (g.key) return [pair.key.range[0], pair.key.range[1]];
  return [pair.key.range[0], (pair.value?.range ?? pair.key.range)[1]];
}

/**
 * A diagnostic in a file `new` wrote, as the editor can act on it once the
 * file is restored: in the new lines, named by the option whose value it is
 * about (or the entry, when it is about no one value); elsewhere, moved to its
 * place in the file as it was.
 */
export function placeProblem(edit: Edit, d: Diagnostic): string | Diagnostic {
  // Validation counts lines and columns in the text without its byte-order mark.
  const bom = edit.text.startsWith("\uFEFF") ? 1 : 0;
  const text = edit.text.slice(bom);
  const [start, end] = [edit.added[0] - bom, edit.added[1] - bom];
  const offset = d.line === undefined ? start : offsetOf(text, d.line, d.col ?? 1);
  if (offset >= start && offset < end) {
    const doc = parseDocument(text);
    const holder = edit.given
      .map((g) => ({ g, range: rangeOf(doc, g) }))
      .filter((h): h is { g: Given; range: [number, number] } => h.range !== undefined && offset >= h.range[0] && offset <= h.range[1])
      .sort((a, b) => a.range[1] - a.range[0] - (b.range[1] - b.range[0]))[0]?.g;
    return `${holder ? about(holder) : edit.what}: ${d.severity === "warning" ? "warning: " : ""}${d.message}`;
  }
  if (edit.before === undefined) return `${edit.what}: ${d.message}`;
  const original = offset < start ? offset : offset - (end - start) + (edit.replaced ?? 0);
  return { ...d, ...positionOf(edit.before.replace(/^\uFEFF/, ""), original) };
}

/** The error for a data folder that does not validate with the edits: each problem against what was given. */
export function rejection(diagnostics: readonly Diagnostic[], edits: readonly Edit[]): ScaffoldError {
  const problems: string[] = [];
  const elsewhere: Diagnostic[] = [];
  for (const d of diagnostics.filter((x) => x.severity === "error")) {
    const edit = edits.find((e) => path.resolve(e.file) === path.resolve(d.file));
    const placed = edit ? placeProblem(edit, d) : d;
    if (typeof placed === "string") problems.push(placed);
    else elsewhere.push(placed);
  }
  problems.push("nothing was written; correct what is named above and run the command again");
  return new ScaffoldError(problems.join("\n"), elsewhere);
}
