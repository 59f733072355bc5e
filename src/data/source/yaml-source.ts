import { isUtf8 } from "node:buffer";
import jsyaml from "js-yaml";
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, YAMLParseError, type Alias, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import type { Diagnostic, Severity } from "../diagnostics.ts";
import { readDataFile } from "./files.ts";
import { invalidUtf8Offset } from "./utf8.ts";
import { explainMistake, withoutConsequences } from "./yaml-mistakes.ts";

export type PathSegment = string | number;

/** A text within a value, the `nth` time (from 0) it is written there. */
export interface TextInValue {
  readonly text: string;
  readonly nth?: number;
}

/** A parsed YAML file that can say where any of its values was written. */
export interface YamlSource {
  readonly file: string;
  /** The file's text, without a byte-order mark. */
  readonly text: string;
  readonly value: unknown;
  /**
   * Position of the value at `path` (or of its key), falling back to the nearest written ancestor; with `find`,
   * of the place in the value where that text is written, when it is written as such.
   */
  at(path: readonly PathSegment[], part?: "key" | "value", find?: TextInValue): { line: number; col: number };
  diagnostic(path: readonly PathSegment[], message: string, opts?: { part?: "key" | "value"; severity?: Severity; find?: TextInValue }): Diagnostic;
}

/** Line and column of a byte offset, counting \r\n, \r and \n as line ends (as lineColumns does for text). */
function lineColOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) { line++; lineStart = i + 1; }
  }
  const col = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, col };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * The value as the rest of the build reads it: `participants:` with nothing
 * after it means the field is not given, so empty fields are dropped and
 * optional ones are simply absent; and text is in Unicode normal form C, so
 * that "Türkiye" typed with a decomposed ü matches the composed one.
 */
function cleanValue(value: unknown, keepEmpty = false): unknown {
  if (typeof value === "string") return NON_ASCII.test(value) ? value.normalize("NFC") : value;
  if (value === null || typeof value !== "object") return value;
  // In place: the parsed value is this module's own, and thousands of files are read per build.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanValue(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const normal = NON_ASCII.test(key) ? key.normalize("NFC") : key;
    const empty = item === null || item === undefined;
    if ((empty && !keepEmpty) || normal !== key) delete record[key];
    if (!empty) record[normal] = cleanValue(item, KEEPS_EMPTY.has(normal));
    else if (keepEmpty) record[normal] = null;
  }
  return record;
}

/** Mappings whose empty entries say something: `versions: {ru: }` says that a Russian text exists, without a link. */
const KEEPS_EMPTY = new Set(["versions"]);

const NON_ASCII = /[^\x00-\x7F]/;

/** Characters that do not show, or that reverse the direction of text: pasted in by accident, or to make text read as something else. */
const INVISIBLE = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;

/**
 * What is not text: control characters (C0 but tab and line ends, DEL, C1),
 * unpaired surrogates and the non-characters U+FFFE and U+FFFF. They show as
 * nothing or as boxes, and make XML such as the feed ill-formed, so readers
 * reject it whole. YAML lets them in raw or as escapes ("\x01", "\u0001").
 */
const NOT_TEXT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether one character (a code point, or a lone surrogate) is not text: validation's error, never also a warning. */
export const isNotText = (char: string): boolean => NOT_TEXT.test(char);

/** Either of the two, found with one quick test: most texts hold neither. */
const SUSPECT = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF\uFFFE\uFFFF\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

/** How the character can be written between double quotes in YAML: `\x01`, `\uFFFF`. */
function escapeOf(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

function notText(char: string): string {
  const what = char.charCodeAt(0) <= 0x9f ? `the control character ${codePoint(char)}, which is not text` : `${codePoint(char)}, which is not a character`;
  return `contains ${what} and would break the feed; remove it (between double quotes it may be written as the escape ${escapeOf(char)})`;
}

/**
 * Whether the file's keys and texts may hold a character that
 * characterProblems reports. Their characters are written in the text, or
 * made by an escape (which starts with a backslash) or by a tag such as
 * !!binary (which starts with "!"); nothing else in YAML (folding, aliases,
 * normalising to NFC) makes one. Most files hold none of these, and need no
 * walk over their value.
 */
export const maySuspect = (text: string): boolean => SUSPECT.test(text) || text.includes("\\") || text.includes("!");

/**
 * Characters in text values and keys that do not belong in text: errors for
 * what is not text, warnings for invisible or direction-changing characters.
 */
export function characterProblems(source: YamlSource): Diagnostic[] {
  if (!maySuspect(source.text)) return [];
  const out: Diagnostic[] = [];
  const check = (text: string, path: PathSegment[], part: "key" | "value") => {
    if (!SUSPECT.test(text)) return;
    const name = part === "key" ? `the key "${text.replace(SUSPECT_ALL, escapeOf)}"` : String(path.findLast((p) => typeof p === "string") ?? "the text");
    const bad = NOT_TEXT.exec(text);
    if (bad) out.push(source.diagnostic(path, `${name} ${notText(bad[0])}`, { part }));
    const found = INVISIBLE.exec(text);
    if (found) {
      out.push(source.diagnostic(path, `${name} contains an invisible or direction-changing character (${codePoint(found[0])}), which can make it read differently from what it says`, { severity: "warning", part }));
    }
  };
  const walkValue = (value: unknown, path: PathSegment[]) => {
    if (typeof value === "string") check(value, path, "value");
    else if (Array.isArray(value)) value.forEach((v, i) => walkValue(v, [...path, i]));
    else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        check(k, [...path, k], "key");
        walkValue(v, [...path, k]);
      }
    }
  };
  walkValue(source.value, []);
  return out;
}

const SUSPECT_ALL = new RegExp(SUSPECT.source, "g");

/** Larger data files are refused: an event is a few hundred bytes. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * yaml places an unclosed quote or bracket where the file ends; editors need
 * the place where it was opened, so look back for the opening character.
 */
function openingOf(text: string, message: string, offset: number): number {
  const opener = /Missing closing "quote/.test(message) ? '"'
    : /Missing closing 'quote/.test(message) ? "'"
    : /end with a \]/.test(message) ? "["
    : /end with a \}/.test(message) ? "{"
    : undefined;
  if (!opener) return offset;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === opener && text[i - 1] !== "\\" && (i === 0 || /[\s:,[{-]/.test(text[i - 1]!))) return i;
  }
  return offset;
}

type Pair = YAMLMap.Parsed["items"][number];

/**
 * A mapping's pairs by their keys' text, the first of each (as a search from its start finds): made for a mapping
 * of many keys, the first time one is looked for, since one search from the start for each of 50,000 unknown keys
 * took hours.
 */
const pairsByKey = new WeakMap<YAMLMap.Parsed, Map<string, Pair>>();
function pairOf(map: YAMLMap.Parsed, key: string): Pair | undefined {
  const isKey = (p: Pair) => isPair(p) && isScalar(p.key);
  if (map.items.length < 32) return map.items.find((p) => isKey(p) && String((p.key as Scalar).value) === key);
  let index = pairsByKey.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isKey(p) && !index.has(String((p.key as Scalar).value))) index.set(String((p.key as Scalar).value), p);
    pairsByKey.set(map, index);
  }
  return index.get(key);
}

/** Finds the node written at `path`, comparing map keys by their text (so `2018` matches "2018"). */
function walk(doc: Document.Parsed, path: readonly PathSegment[]) {
  let node: unknown = doc.contents;
  let keyNode: unknown;
  let found = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = pairOf(node as YAMLMap.Parsed, String(segment));
      if (!pair) break;
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
      keyNode = undefined;
      node = node.items[segment];
    } else if (isScalar(node) && segment === 0) {
      // A single value written where a list may stand: it is the list's first item.
    } else break;
    found++;
    if (node === null || node === undefined) break;
  }
  return { node: node as Node | null | undefined, keyNode: keyNode as Node | undefined, complete: found === path.length };
}

/**
 * Line and column (1-based) of each offset in `text`, counting \r\n, \r and \n
 * as line ends. Computed from the text itself: the yaml package's LineCounter
 * misses line ends inside tokens it could not make sense of.
 */
export function lineColumns(text: string): (offset: number) => { line: number; col: number } {
  const starts = [0];
  const ends: number[] = [];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    ends.push(match.index);
    starts.push(match.index + match[0].length);
  }
  ends.push(text.length);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    // An offset inside a line break (the \n of \r\n) is the end of its line, not a column past it.
    const column = Math.min(Math.max(offset, starts[low]!), ends[low]!) - starts[low]!;
    return { line: low + 1, col: column + 1 };
  };
}

/** Where the alias an error names is written (`*name`), or else the first alias in the file. */
function aliasOffset(text: string, message: string): number {
  const name = /Unresolved alias.*: (\S+)$/.exec(message)?.[1];
  const alias = name ? `\\*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![^\\s,[\\]{}])` : "\\*[^\\s,[\\]{}]";
  return Math.max(0, text.search(new RegExp(`(?<=^|[\\s[{,])${alias}`, "m")));
}

/**
 * A key as the build reads it, by which two keys of one mapping are the same key: `2019:` and `"2019":` are both
 * the text "2019", and a key is read in Unicode normal form C (see cleanValue). Otherwise the last of two would
 * silently win.
 */
const keyText = (value: unknown) => {
  const text = String(value);
  return NON_ASCII.test(text) ? text.normalize("NFC") : text;
};

/** Whether a mapping in `value` has two keys that are one in normal form C: js-yaml tells only keys written alike. */
function keysClashWhenNormal(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(keysClashWhenNormal);
  const seen = new Set<string>();
  for (const [key, item] of Object.entries(value)) {
    const normal = keyText(key);
    if (seen.has(normal)) return true;
    seen.add(normal);
    if (keysClashWhenNormal(item)) return true;
  }
  return false;
}

/** An alias (`*name`) anywhere in the text: each one, even of a single text, multiplies what the file holds. */
const ALIAS = /(?:^|[\s[{,])\*[^\s,[\]{}]/m;

/**
 * An alias written inside the list or mapping it names (`&a {b: *a}`): YAML
 * allows it, but the value would hold itself without end, and every walk over
 * it would overflow the stack.
 */
function aliasOfAncestor(doc: Document.Parsed): { alias: Alias; target: Node } | undefined {
  let found: { alias: Alias; target: Node } | undefined;
  // An alias names the last node anchored so before it. One walk, in the order of the text: Alias.resolve
  // walks the whole document for each alias, which for thousands of aliases took minutes.
  const anchored = new Map<string, Node>();
  visit(doc, {
    Node(_key, node, path) {
      if (isAlias(node)) {
        const target = anchored.get(node.source);
        if (!target || !path.includes(target)) return undefined;
        found = { alias: node, target };
        return visit.BREAK;
      }
      if (node.anchor) anchored.set(node.anchor, node);
      return undefined;
    },
  });
  return found;
}

/**
 * The errors of keys written twice in one mapping (keyText), at the second, as the yaml package words them. Each
 * key is read once: the package's own check compares each key with every one before it, hours for 50,000 keys.
 */
function keysWrittenTwice(doc: Document.Parsed): YAMLParseError[] {
  const out: YAMLParseError[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = keyText(pair.key.value);
        const at = pair.key.range?.[0] ?? 0;
        if (seen.has(key)) out.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
        seen.add(key);
      }
    },
  });
  return out;
}

/** The positional parse of `text`: the yaml package's document, which knows where every value was written. */
function positionalParse(text: string) {
  // Warnings (a mapping used as a key) would go to the console; the schema reports such keys as unknown fields.
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: "error" });
  const twice = keysWrittenTwice(doc);
  if (twice.length > 0) {
    // In the order of the text, among the package's own errors, as its check gave them.
    const merged: YAMLParseError[] = [];
    let next = 0;
    for (const error of doc.errors) {
      while (next < twice.length && twice[next]!.pos[0] < error.pos[0]) merged.push(twice[next++]!);
      merged.push(error);
    }
    doc.errors.splice(0, doc.errors.length, ...merged, ...twice.slice(next));
  }
  return { doc, linePos: lineColumns(text) };
}

function syntaxDiagnostics(file: string, text: string, parsed: ReturnType<typeof positionalParse>): Diagnostic[] {
  const errors: { line: number; col: number; message: string; explained: boolean }[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (const error of parsed.doc.errors) {
    const pos = parsed.linePos(Math.min(openingOf(text, error.message, error.pos[0]), text.length));
    if (seen.has(`${pos.line}:${pos.col}`)) continue;
    seen.add(`${pos.line}:${pos.col}`);
    const message = firstLine(error.message);
    const explained = explainMistake(lines[pos.line - 1] ?? "", pos.line, pos.col, message);
    errors.push(explained ? { ...explained, explained: true } : { ...pos, message: `YAML syntax error: ${message}`, explained: false });
  }
  return withoutConsequences(errors).map(({ line, col, message }) => ({ severity: "error", file, line, col, message }));
}

/** Whether the same list or mapping appears twice in `value`, as YAML aliases make it. */
function sharesObjects(value: unknown, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== "object") return false;
  if (seen.has(value)) return true;
  seen.add(value);
  return Object.values(value).some((v) => sharesObjects(v, seen));
}

/**
 * Parses a YAML file. Most files are fine, so they are read with js-yaml,
 * several times faster; the yaml package, which keeps the position of every
 * value, parses a file only when it has a problem to place (or when js-yaml
 * rejects it, so that syntax errors are always described by one parser).
 */
export function createSource(file: string, raw: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  const text = raw.replace(/^\uFEFF/, "");
  let value: unknown;
  let positional: ReturnType<typeof positionalParse> | undefined;
  let diagnostics: Diagnostic[] = [];
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, filename: file });
    // Aliases go the careful way, which counts them ("billion laughs"): an alias of a list or mapping
    // comes back as a shared object that reading the value would copy, and 250,000 aliases of one long
    // text multiply the file as surely. (An alias needs an anchor, written with "&": a file without one has none.)
    if (text.includes("&") && (ALIAS.test(text) || sharesObjects(value))) throw new Error("aliases");
    // Keys that differ only in how a letter is composed are one key once read: the careful way reports the second.
    if (NON_ASCII.test(text) && keysClashWhenNormal(value)) throw new Error("keys");
  } catch {
    positional = positionalParse(text);
    diagnostics = syntaxDiagnostics(file, text, positional);
    const loop = diagnostics.length === 0 ? aliasOfAncestor(positional.doc) : undefined;
    if (loop) {
      const what = isSeq(loop.target) ? "list" : "mapping";
      diagnostics = [{
        severity: "error", file, ...positional.linePos(loop.alias.range?.[0] ?? 0),
        message: `YAML error: the alias *${loop.alias.source} stands for the ${what} it is written in, which would then hold itself without end: write the value out instead`,
      }];
    } else if (diagnostics.length === 0) {
      try {
        value = positional.doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        // An alias without its anchor, or too many aliases: only found when the value is built.
        const message = firstLine((error as Error).message);
        diagnostics = [{ severity: "error", file, ...positional.linePos(aliasOffset(text, message)), message: `YAML error: ${message}` }];
      }
    }
  }
  return { source: new Source(file, text, diagnostics.length === 0 ? cleanValue(value) : undefined, diagnostics.length === 0, positional), diagnostics };
}

/** A parsed file; a file without problems is parsed again, with positions, only when a diagnostic needs one. */
class Source implements YamlSource {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
    /** Whether the YAML could be read: positions are then those of its values, else the file's start. */
    private readonly ok: boolean,
    private positional: ReturnType<typeof positionalParse> | undefined,
  ) {}

  at(path: readonly PathSegment[], part: "key" | "value" = "value", find?: TextInValue): { line: number; col: number } {
    if (!this.ok) return { line: 1, col: 1 };
    this.positional ??= positionalParse(this.text);
    const { node, keyNode, complete } = walk(this.positional.doc, path);
    const empty = node === null || node === undefined || (isScalar(node) && node.value === null);
    const target = (part === "key" || !complete || empty) && keyNode ? keyNode : node;
    const range = target && "range" in target && target.range ? target.range : undefined;
    const offset = range?.[0] ?? 0;
    // Written within the value's own text (a text written with escapes may not hold it as such), the nth time.
    let found = -1;
    if (find && range && target === node) {
      const written = this.text.slice(offset, range[1]);
      for (let n = 0, from = 0; n <= (find.nth ?? 0); n++, from = found + 1) {
        found = written.indexOf(find.text, from);
        if (found < 0) break;
      }
    }
    return this.positional.linePos(found >= 0 ? offset + found : offset);
  }

  diagnostic(path: readonly PathSegment[], message: string, opts: { part?: "key" | "value"; severity?: Severity; find?: TextInValue } = {}): Diagnostic {
    return { severity: opts.severity ?? "error", file: this.file, ...this.at(path, opts.part, opts.find), message };
  }
}

/** Each decode is whole (no stream), so one decoder serves every file; it drops a byte-order mark. */
const UTF8 = new TextDecoder();

/**
 * Reads and parses a YAML file; problems (not UTF-8, bad syntax) come back as
 * diagnostics. The read is synchronous: a data folder holds thousands of small
 * files, which Node reads several times faster this way.
 */
export function readYamlSource(file: string): { source?: YamlSource; diagnostics: Diagnostic[] } {
  const read = readDataFile(file, MAX_FILE_BYTES);
  if ("diagnostic" in read) return { diagnostics: [read.diagnostic] };
  const bytes = read.bytes;
  const bad = isUtf8(bytes) ? -1 : invalidUtf8Offset(bytes);
  if (bad >= 0) {
    const hex = bytes[bad]!.toString(16).toUpperCase().padStart(2, "0");
    return {
      diagnostics: [{
        severity: "error", file, ...lineColOfByte(bytes, bad),
        message: `the file is not UTF-8 text (byte 0x${hex}); save it with UTF-8 encoding`,
      }],
    };
  }
  return createSource(file, UTF8.decode(bytes));
}
