/**
 * An entry inserted into a YAML file's own text as new lines, indented and ended as the file is, so that no other
 * byte of the file changes: places.yaml, report.yaml and the other files that `new` and `init` add to.
 */
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { ScaffoldError, type Segment } from "./edits.ts";
import { STYLE, yamlPair } from "./yaml-values.ts";

export const LINE_BREAK = /\r\n|\r|\n/;

/** The file's line ending (that of its first line), so that added lines match it. */
function lineEnding(text: string): string {
  return LINE_BREAK.exec(text)?.[0] ?? "\n";
}

/** Offset of the start of the line that holds `offset`. */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== "\n" && text[i - 1] !== "\r") i--;
  return i;
}

/** Offset just after the line that holds `offset` (after its line break), or the end of the text. */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && (text[offset - 1] === "\n" || (text[offset - 1] === "\r" && text[offset] !== "\n"))) return offset;
  const rest = LINE_BREAK.exec(text.slice(offset));
  return rest ? offset + rest.index + rest[0].length : text.length;
}

const column = (text: string, offset: number) => offset - lineStart(text, offset);

/**
 * Offset just after the line that holds `offset`, and after the comment lines
 * that follow it indented further than `indent`: the fields that `new` offered
 * an entry as comments belong to that entry, and stay with it.
 */
function afterEntry(text: string, offset: number, indent: number): number {
  let at = afterLine(text, offset);
  for (let m = /^([ \t]*)#.*(?:\r\n|\r|\n|$)/.exec(text.slice(at)); m && m[0] !== "" && m[1]!.length > indent; m = /^([ \t]*)#.*(?:\r\n|\r|\n|$)/.exec(text.slice(at))) {
    at += m[0].length;
  }
  return at;
}

export const findPair = (map: YAMLMap, key: Segment) =>
  map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key)) as Pair<Node, Node | null> | undefined;

/** How far the entries of `map` indent the fields under their keys: the file's own step. */
function indentStep(text: string, map: YAMLMap): number | undefined {
  for (const pair of map.items as Pair<Node, Node | null>[]) {
    const value = pair.value;
    if (!isMap(value) || value.flow || value.items.length === 0 || !pair.key?.range) continue;
    const step = column(text, (value.items[0] as Pair<Node, Node>).key.range![0]) - column(text, pair.key.range[0]);
    if (step > 0) return step;
  }
  return undefined;
}

/** `key: value` lines indented by `indent` spaces, with the file's line ending. */
function entryLines(key: Segment, value: unknown, indent: number, step: number, eol: string): string {
  return yamlPair(key, value, { indent: step }).replace(/\n$/, "").split("\n")
    .map((line) => (line === "" ? "" : " ".repeat(indent) + line) + eol).join("");
}

/**
 * `text` with `key: value` added to the block mapping at `parent` (created
 * when missing), as new lines and nothing else: after the last entry whose key
 * sorts before `key` when `ordered`, else after the last entry. `comments`
 * are lines (`# …`) that follow the entry's own, at the indentation of its fields.
 */
/** Where new lines go into a file's text: its parsed body, its line ending, and how to put lines in. */
interface Insertion {
  readonly body: string;
  readonly root: Node | null;
  readonly eol: string;
  readonly refuse: (where: string) => ScaffoldError;
  /** `lines` put in at `at` of the body. */
  readonly insert: (at: number, lines: string) => Inserted;
  /** `lines` in place of the line that holds the empty collection `root` (`[]`, `{}`), or undefined when the line holds more. */
  readonly fill: (lines: (indent: number) => string) => Inserted | undefined;
}

export interface Inserted {
  readonly text: string;
  readonly added: [number, number];
  readonly replaced?: number;
}

function insertion(file: string, text: string): Insertion {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const doc = parseDocument(body);
  if (doc.errors.length > 0) throw new ScaffoldError(`${file} cannot be read as YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const eol = lineEnding(body);
  const root = doc.contents;
  const refuse = (where: string) =>
    new ScaffoldError(`${file}: ${where} is not written as one entry per line, so new cannot add to it; add the entry by hand (docs/data.md shows how)`);
  const insert = (at: number, lines: string): Inserted => {
    // A last line without a line break gets one before the new lines.
    const lead = at === body.length && at > 0 && !/[\r\n]$/.test(body) ? eol : "";
    const start = bom.length + at + lead.length;
    return { text: bom + body.slice(0, at) + lead + lines + body.slice(at), added: [start, start + lines.length] };
  };
  const fill = (lines: (indent: number) => string): Inserted | undefined => {
    if (!root || !(isMap(root) || isSeq(root)) || !root.flow || root.items.length > 0 || !root.range) return undefined;
    const from = lineStart(body, root.range[0]);
    const to = afterLine(body, root.range[1]);
    // Only a line that holds nothing else: a comment after the brackets is kept, on a line of its own before the entry.
    const after = /^[ \t]*(#.*)?$/.exec(body.slice(root.range[1], to).replace(/[\r\n]+$/, ""));
    if (body.slice(from, root.range[0]).trim() !== "" || !after) return undefined;
    const indent = column(body, root.range[0]);
    const written = (after[1] ? `${" ".repeat(indent)}${after[1]}${eol}` : "") + lines(indent);
    const start = bom.length + from;
    return { text: bom + body.slice(0, from) + written + body.slice(to), added: [start, start + written.length], replaced: to - from };
  };
  return { body, root, eol, refuse, insert, fill };
}

/** Whether a parsed file holds nothing: empty, or comments only. */
const holdsNothing = (root: Node | null) => root === null || (isScalar(root) && root.value === null && !root.source);

/**
 * `text` with `item` added at the end of the list that the file is (strands.yaml, event-types.yaml,
 * frameworks.yaml), as new lines and nothing else. An empty file, or one that holds only `[]`, gets the list.
 * `comments` are lines (`# …`) that follow the item's own, at the indentation of its fields.
 */
export function insertItem(file: string, text: string, item: unknown, comments: readonly string[] = []): Inserted {
  const { body, root, eol, refuse, insert, fill } = insertion(file, text);
  const lines = (indent: number) => {
    const doc = new Document([item]);
    const written = doc.toString({ ...STYLE, indent: 2 }).replace(/\n$/, "").split("\n");
    return [...written, ...comments.map((c) => `  ${c}`)].map((line) => (line === "" ? "" : " ".repeat(indent) + line) + eol).join("");
  };
  if (holdsNothing(root)) return insert(body.length, lines(0));
  const filled = fill(lines);
  if (filled) return filled;
  if (!isSeq(root) || root.flow || !root.range) throw refuse("the file");
  const last = root.items.at(-1) as Node | undefined;
  const indent = column(body, root.range[0]);
  return insert(last?.range ? afterEntry(body, last.range[1], indent) : body.length, lines(indent));
}

export function insertEntry(file: string, text: string, parent: readonly Segment[], key: Segment, value: unknown, ordered = false, comments: readonly string[] = []): Inserted {
  const { body, root, eol, refuse, insert, fill } = insertion(file, text);
  const endOf = (pair: Pair<Node, Node | null>) => afterEntry(body, (pair.value?.range ?? pair.key.range!)[1], column(body, pair.key.range![0]));
  /** The entry's lines, its key at `column`, then the comments at its fields' indentation. */
  const lines = (k: Segment, v: unknown, indent: number, step: number, column: number) =>
    entryLines(k, v, indent, step, eol) + comments.map((c) => `${" ".repeat(column + step)}${c}${eol}`).join("");

  const [outerKey, outerValue] = parent.reduceRight<[Segment, unknown]>((inner, k) => [k, new Map([inner])], [key, value]);
  // An empty file (or one of comments only): the new lines go at its end.
  if (holdsNothing(root)) return insert(body.length, lines(outerKey, outerValue, 0, 2, 2 * parent.length));
  // A file that holds only `{}`: the new lines take its place.
  const filled = isMap(root) ? fill((indent) => lines(outerKey, outerValue, indent, 2, indent + 2 * parent.length)) : undefined;
  if (filled) return filled;
  if (!isMap(root) || root.flow) throw refuse("the file");
  const fileStep = indentStep(body, root) ?? 2;
  let map: YAMLMap = root;
  let keyPair: Pair<Node, Node | null> | undefined;
  for (const [i, segment] of parent.entries()) {
    const pair = findPair(map, segment);
    const indent = column(body, (map.items[0] as Pair<Node, Node>).key.range![0]);
    if (!pair) {
      // The parent is missing: written after the last entry of the mapping that should hold it.
      const rest = parent.slice(i + 1).reduceRight<[Segment, unknown]>((inner, k) => [k, new Map([inner])], [key, value]);
      return insert(endOf(map.items.at(-1) as Pair<Node, Node | null>), lines(segment, new Map([rest]), indent, fileStep, indent + fileStep * (parent.length - i)));
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === "")) {
      // `editions:` with nothing after it: the new lines go under it.
      if (i < parent.length - 1) throw refuse(parent.slice(0, i + 1).join("."));
      return insert(afterLine(body, pair.key.range![1]), lines(key, value, indent + fileStep, fileStep, indent + fileStep));
    }
    if (!isMap(pair.value) || pair.value.flow || pair.value.items.length === 0) throw refuse(parent.slice(0, i + 1).join("."));
    map = pair.value;
    keyPair = pair;
  }
  const items = map.items as Pair<Node, Node | null>[];
  const indent = column(body, items[0]!.key.range![0]);
  const before = ordered ? items.filter((p) => isScalar(p.key) && Number(p.key.value) < Number(key)).at(-1) : items.at(-1);
  const at = before ? endOf(before) : keyPair ? afterLine(body, keyPair.key.range![1]) : 0;
  return insert(at, lines(key, value, indent, indentStep(body, map) ?? fileStep, indent));
}
