/**
 * `activity-report new event|place|year`: writes a new data entry that
 * validates, from options or answers, with every optional field of an event
 * shown as a comment. Never overwrites.
 *
 * Every value is written by the yaml package (never pasted into hand-made
 * text, where a line break or a `#` would end it) and the written file is read
 * back, by both YAML readers the build uses, to check that each value says
 * exactly what was given. An entry for places.yaml or report.yaml is inserted
 * as new lines into the file's own text, so that no other byte of it changes.
 * When the result does not validate, the files are put back as they were and
 * the problems are reported against the options that were given: the lines
 * they were found on are gone.
 */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import jsyaml from "js-yaml";
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from "yaml";
import { DataError, displayPath, formatDiagnostic, type Diagnostic } from "./data/diagnostics.ts";
import { ReportError } from "./errors.ts";
import { loadData, REFERENCE_FILES, type DataSet } from "./data/load.ts";
import { countryName } from "./data/countries.ts";
import { defines, entryOf } from "./data/lookup.ts";
import { isKnownCountry, placeIsCountry, unknownCountryPlace, unknownPlace } from "./data/references.ts";
import { ID_PATTERN } from "./data/schema.ts";
import { didYouMean } from "./data/suggest.ts";
import { parsePartialDate } from "./format/dates.ts";
import { slugify } from "./format/text.ts";

/** A value `new` cannot write, told by the option it was given as. */
export class ScaffoldError extends ReportError {
  override readonly name = "ScaffoldError";
  /** `elsewhere`: problems in files `new` did not change, at their places there. */
  constructor(message: string, readonly elsewhere: readonly Diagnostic[] = []) {
    super(message);
  }

  override lines(prefix: string): string[] {
    return [...this.elsewhere.map((d) => formatDiagnostic(d)), ...super.lines(prefix)];
  }
}

type Segment = string | number;

/** A value given as an option (or an answer), the path it is written at, and what it must read back as. */
export interface Given {
  readonly option: string;
  /** As typed, for messages. */
  readonly typed: string;
  readonly path: readonly Segment[];
  readonly value: unknown;
  /** The value is the new entry's key (the place's id, the edition's year). */
  readonly key?: boolean;
}

/** One file as `new` writes it. */
export interface Edit {
  readonly file: string;
  /** The file's text before, when `new` adds to a file; undefined for a new file. */
  readonly before?: string;
  readonly text: string;
  /** Where the new lines are in `text`: [start, end). */
  readonly added: readonly [number, number];
  /** The path of the new entry in the file's value; [] for a file of its own. */
  readonly entry: readonly Segment[];
  /** `the new place "vienna"`, for problems that belong to no one option. */
  readonly what: string;
  readonly given: readonly Given[];
}

/** Written without folding long lines, and lists as `[a, b]`, as editors write them. */
const STYLE = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Both readers of the build: js-yaml for most files, the yaml package for those with a problem to place. */
const READERS: readonly ((text: string) => unknown)[] = [
  (text) => jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA }),
  (text) => {
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0) throw doc.errors[0];
    return doc.toJS({ maxAliasCount: 100 });
  },
];

const readsAs = (text: string, expected: unknown) =>
  READERS.every((read) => {
    try {
      return isDeepStrictEqual(read(text), expected);
    } catch {
      return false;
    }
  });

/**
 * `key: value` as the yaml package writes it, ending with a line break: a list
 * of ids on one line when `flow`; text as a block (`|`), which editors extend
 * with paragraphs, when `block` and the block reads back as the same text.
 */
export function yamlPair(key: Segment, value: unknown, options: { flow?: boolean; block?: boolean; indent?: number } = {}): string {
  const write = (block: boolean) => {
    const doc = new Document(new Map([[key, value]]));
    const pair = (doc.contents as YAMLMap).items[0] as Pair<Node, Node>;
    if (options.flow && isSeq(pair.value)) pair.value.flow = true;
    if (block && isScalar(pair.value)) pair.value.type = "BLOCK_LITERAL";
    return doc.toString({ ...STYLE, indent: options.indent ?? 2 });
  };
  if (options.block && typeof value === "string") {
    const text = write(true);
    if (readsAs(text, { [String(key)]: value })) return text;
  }
  return write(false);
}

export interface NewEvent {
  readonly date: string;
  readonly place: string;
  readonly type: string;
  readonly strands: readonly string[];
  readonly title: string;
  readonly summary: string;
  /** The file name without .yaml, the event's permanent id; made from the date, place and title when not given. */
  readonly id?: string;
}

/** The event file's text: the given fields, and every other field as a comment to fill in. */
export function eventYaml(e: NewEvent): string {
  // Only in comments, so only a date that is one: anything else must not reach the text unwritten by yaml.
  const sample = /^\d{4}(?:-\d{2}){0,2}$/.test(e.date) ? e.date : "YYYY-MM-DD";
  return `# One event. Every field is described in docs/data.md; remove the # to use a field.
${yamlPair("title", e.title)}${yamlPair("type", e.type)}${yamlPair("date", e.date)}# end: ${sample}            # the last day, when the event lasted longer
${yamlPair("place", e.place)}# online: true              # for a virtual meeting; place is then its host, if any
${yamlPair("strands", [...e.strands], { flow: true })}# participants: 60          # a whole number, or "over 75", "about 50", "at least 12"
# countries: 20
# states: [AF, PK, TR]      # the states present, by country code: the report counts each once in the year
# organisations: 5
# participating_organisations: [Name of an organisation]   # written the same way in every event
# women: 25
# partners: [Name of a partner organisation]
# topics: [topic-id]        # ids from topics.yaml
${yamlPair("summary", e.summary, { block: true })}# body: |
#   A longer account, in Markdown.
# report_year: ${sample.slice(0, 4)}      # only when another year's report covers the event
# status: held              # held, planned or cancelled
# sources:
#   - https://www.example.org/news/the-meeting
`;
}

/** Words that carry no meaning in a file name: articles, prepositions, conjunctions. Each also ends a phrase of the title. */
const SMALL_WORDS = new Set([
  "a", "an", "the", "of", "and", "or", "for", "on", "in", "at", "to", "by", "with", "from", "as", "into",
  "along", "among", "between", "under", "within", "towards", "toward", "against", "about", "through", "per", "via",
]);
const ORDINAL_WORDS = new Set([
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth",
  "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "hundredth",
]);
const TENS = new Set(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]);
/** `6th`, `21st`: a meeting's number says nothing of what it was about, and the date tells it from the others. */
const ORDINAL_FIGURE = /^\d+(?:st|nd|rd|th)$/;
/** Punctuation that ends a phrase of the title: a file name is never cut inside one. */
const PHRASE_END = /[,;:.!?()[\]{}"\u201C\u201D\u2013\u2014/|]+|\s-\s/;
/** File names (and so web addresses) of events stay at most this long. */
export const MAX_EVENT_ID = 60;
/** The longest id that `--id` may give: far above what reads well, below what a file system refuses. */
const MAX_GIVEN_ID = 120;

/** `words` without each run of words that is `run` (`budapest`, `process`). */
function withoutRun(words: readonly string[], run: readonly string[]): string[] {
  if (run.length === 0) return [...words];
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    if (run.every((w, j) => words[i + j] === w)) i += run.length;
    else out.push(words[i++]!);
  }
  return out;
}

/**
 * The phrases of a title that carry its meaning, as slug words: split at
 * punctuation and at small words (which are left out), without ordinals
 * (`6th`, `sixth`, `twenty-first`) and without the names in `omit` (the
 * process's own name, the place, which the file name holds already).
 */
export function titlePhrases(title: string, omit: readonly string[] = []): string[][] {
  const runs = omit.map((name) => slugify(name).split("-").filter(Boolean)).filter((run) => run.length > 0);
  const phrases: string[][] = [];
  for (const part of title.split(PHRASE_END)) {
    let phrase: string[] = [];
    const words = slugify(part.replace(/['\u2019]/g, "")).split("-").filter(Boolean);
    words.forEach((word, i) => {
      if (SMALL_WORDS.has(word)) {
        phrases.push(phrase);
        phrase = [];
      } else if (!ORDINAL_FIGURE.test(word) && !ORDINAL_WORDS.has(word) && !(TENS.has(word) && ORDINAL_WORDS.has(words[i + 1] ?? ""))) phrase.push(word);
    });
    phrases.push(phrase);
  }
  return phrases.map((phrase) => runs.reduce(withoutRun, phrase)).filter((phrase) => phrase.length > 0);
}

/**
 * `<date>-<place>-<phrases of the title>`: the title's phrases that carry
 * meaning (titlePhrases), whole and in order, as many as fit in MAX_EVENT_ID
 * characters. A phrase is never cut: a cut one reads as another word (the
 * "Budapest Process" cut to "budapest", a place). `place` is the place's id,
 * or the name of a country named by its code; `omit` are names that say
 * nothing of the event, such as the process's own.
 */
export function eventId(date: string, place: string, title: string, omit: readonly string[] = []): string {
  const placeSlug = slugify(place);
  let id = `${date}-${placeSlug}`;
  for (const phrase of titlePhrases(title, [...omit, place])) {
    const longer = `${id}-${phrase.join("-")}`;
    if (longer.length > MAX_EVENT_ID) break;
    id = longer;
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Inserting an entry into a file's text.

const LINE_BREAK = /\r\n|\r|\n/;

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

const findPair = (map: YAMLMap, key: Segment) =>
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
 * sorts before `key` when `ordered`, else after the last entry.
 */
export function insertEntry(file: string, text: string, parent: readonly Segment[], key: Segment, value: unknown, ordered = false): { text: string; added: [number, number] } {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = text.slice(bom.length);
  const doc = parseDocument(body);
  if (doc.errors.length > 0) throw new ScaffoldError(`${file} cannot be read as YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
  const eol = lineEnding(body);
  const root = doc.contents;
  const refuse = (where: string) =>
    new ScaffoldError(`${file}: ${where} is not written as one entry per line, so new cannot add to it; add the entry by hand (docs/data.md shows how)`);

  const insert = (at: number, lines: string) => {
    // A last line without a line break gets one before the new lines.
    const lead = at === body.length && at > 0 && !/[\r\n]$/.test(body) ? eol : "";
    const start = bom.length + at + lead.length;
    return { text: bom + body.slice(0, at) + lead + lines + body.slice(at), added: [start, start + lines.length] as [number, number] };
  };
  const endOf = (pair: Pair<Node, Node | null>) => afterLine(body, (pair.value?.range ?? pair.key.range!)[1]);

  if (root === null || (isScalar(root) && root.value === null && !root.source)) {
    // An empty file (or one of comments only): the new lines go at its end.
    const lines = parent.reduceRight<[Segment, unknown]>((inner, k) => [k, new Map([inner])], [key, value]);
    return insert(body.length, entryLines(lines[0], lines[1], 0, 2, eol));
  }
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
      return insert(endOf(map.items.at(-1) as Pair<Node, Node | null>), entryLines(segment, new Map([rest]), indent, fileStep, eol));
    }
    if (pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === "")) {
      // `editions:` with nothing after it: the new lines go under it.
      if (i < parent.length - 1) throw refuse(parent.slice(0, i + 1).join("."));
      return insert(afterLine(body, pair.key.range![1]), entryLines(key, value, indent + fileStep, fileStep, eol));
    }
    if (!isMap(pair.value) || pair.value.flow || pair.value.items.length === 0) throw refuse(parent.slice(0, i + 1).join("."));
    map = pair.value;
    keyPair = pair;
  }
  const items = map.items as Pair<Node, Node | null>[];
  const indent = column(body, items[0]!.key.range![0]);
  const before = ordered ? items.filter((p) => isScalar(p.key) && Number(p.key.value) < Number(key)).at(-1) : items.at(-1);
  const at = before ? endOf(before) : keyPair ? afterLine(body, keyPair.key.range![1]) : 0;
  return insert(at, entryLines(key, value, indent, indentStep(body, map) ?? fileStep, eol));
}

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
  if (parent && typeof parent === "object") delete parent[String(entry.at(-1))];
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
  const original = offset < start ? offset : offset - (end - start);
  return { ...d, ...positionOf(edit.before.replace(/^\uFEFF/, ""), original) };
}

/** The error for a data folder that does not validate with the edits: each problem against what was given. */
function rejection(diagnostics: readonly Diagnostic[], edits: readonly Edit[]): ScaffoldError {
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

// ---------------------------------------------------------------------------------------------
// Writing.

/** The data before `new` adds to it: with errors, nothing is written, and the command says so. */
async function validData(dir: string): Promise<DataSet> {
  const loaded = await loadData(dir);
  if (!loaded.data) throw new DataError(loaded.diagnostics, "Nothing was written: the data folder has errors already; fix the errors above, then run the command again.");
  return loaded.data;
}

/**
 * Writes the edits, reads each file back, then validates the data folder; on
 * any problem every file is put back as it was (byte for byte) and the problems
 * are thrown in terms of the options.
 */
async function writeChecked(dir: string, edits: readonly Edit[]): Promise<readonly Diagnostic[]> {
  for (const edit of edits) {
    if (edit.before === undefined && (await stat(edit.file).then(() => true, () => false))) {
      throw new ScaffoldError(`${edit.file} exists already; nothing was written`);
    }
    const problems = readBack(edit);
    if (problems.length > 0) throw new ScaffoldError([...problems, "nothing was written"].join("\n"));
  }
  const before = new Map<string, Buffer | undefined>();
  const made: string[] = [];
  try {
    for (const edit of edits) {
      const content = await readFile(edit.file).catch(() => undefined);
      if (edit.before !== undefined && content?.toString("utf8") !== edit.before) {
        throw new ScaffoldError(`${edit.file} changed while new was running; nothing was written`);
      }
      const dirMade = await mkdir(path.dirname(edit.file), { recursive: true });
      if (dirMade) made.push(dirMade);
      // A new file is created, never overwritten, even by one that appeared a moment ago.
      await writeFile(edit.file, edit.text, { flag: edit.before === undefined ? "wx" : "w" });
      before.set(edit.file, content);
    }
    // What is on disk is what was checked: read back once more, as the build will read it.
    for (const edit of edits) {
      const problems = readBack({ ...edit, text: await readFile(edit.file, "utf8") });
      if (problems.length > 0) throw new ScaffoldError([...problems, "nothing was written"].join("\n"));
    }
    const result = await loadData(dir);
    if (!result.data) throw rejection(result.diagnostics, edits);
    return result.diagnostics;
  } catch (error) {
    for (const [file, content] of before) {
      if (content === undefined) await rm(file, { force: true });
      else await writeFile(file, content);
    }
    for (const folder of made.reverse()) await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

function known(kind: string, value: string, ids: Iterable<string>, file: string): void {
  const list = [...ids];
  if (!list.includes(value)) throw new ScaffoldError(`unknown ${kind} "${value}"${didYouMean(value, list) || ` (${file} lists ${list.join(", ")})`}`);
}

const normalisedTitle = (title: string) => title.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

export async function newEvent(dir: string, e: NewEvent): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  const date = parsePartialDate(e.date);
  if (!date.ok) throw new ScaffoldError(`date ${date.message}`);
  // A place in capitals names a country (an activity known only by its country): the file is named by the country's name.
  const country = placeIsCountry(e.place) ? e.place : undefined;
  if (country) {
    if (!isKnownCountry(country, data.countries)) throw new ScaffoldError(unknownCountryPlace(country));
  } else if (!defines(data.places, e.place)) throw new ScaffoldError(unknownPlace(e.place, data.places, data.countries));
  known("type", e.type, data.eventTypes.map((t) => t.id), REFERENCE_FILES.eventTypes);
  if (e.strands.length === 0) throw new ScaffoldError("give at least one strand");
  for (const strand of e.strands) known("strand", strand, data.strands.map((s) => s.id), REFERENCE_FILES.strands);
  if (!e.title.trim()) throw new ScaffoldError("give a title");
  if (!e.summary.trim()) throw new ScaffoldError("give a summary of a few sentences");
  const event = { ...e, date: date.value.iso };
  const place = entryOf(data.places, e.place);
  const countryNamed = country && countryName(country, data.countries);
  const id = e.id ?? (countryNamed
    ? eventId(event.date, countryNamed, e.title, [data.report.organisation])
    : eventId(event.date, e.place, e.title, [data.report.organisation, ...(place ? [place.name, ...(place.local_name ? [place.local_name] : [])] : [])]));
  if (e.id !== undefined) {
    if (!ID_PATTERN.test(id)) {
      const slug = slugify(id);
      throw new ScaffoldError(`--id ${shown(id)} must be an id in lower case letters, digits and hyphens${slug && slug !== id ? `, such as "${slug}"` : ""}; it becomes the event's file name and web address`);
    }
    if (id.length > MAX_GIVEN_ID) throw new ScaffoldError(`--id ${shown(id)} is ${id.length} characters long; an event's id is at most ${MAX_GIVEN_ID}, and ${MAX_EVENT_ID} reads well in a web address`);
  }
  const namesake = data.events.find((x) => x.id === id);
  if (namesake) throw new ScaffoldError(`${path.relative(dir, namesake.file)} has the id "${id}" already; ${e.id === undefined ? "give the new event another with --id" : "give another"}; nothing was written`);
  const file = path.join(dir, "events", String(date.value.year), `${id}.yaml`);
  if (await stat(file).then(() => true, () => false)) throw new ScaffoldError(`${file} exists already; nothing was written`);
  // Validation would place this error in the other file, and name the new one, which is then gone.
  const twin = data.events.find((x) => x.date.iso === date.value.iso && x.place === e.place && normalisedTitle(x.title) === normalisedTitle(e.title));
  if (twin) throw new ScaffoldError(`${path.relative(dir, twin.file)} has the same date, place and title already; nothing was written`);
  const text = eventYaml(event);
  const given: Given[] = [
    { option: "--title", typed: e.title, path: ["title"], value: e.title },
    { option: "--type", typed: e.type, path: ["type"], value: e.type },
    { option: "--date", typed: e.date, path: ["date"], value: event.date },
    { option: "--place", typed: e.place, path: ["place"], value: e.place },
    { option: "--strands", typed: e.strands.join(","), path: ["strands"], value: [...e.strands] },
    { option: "--summary", typed: e.summary, path: ["summary"], value: e.summary },
  ];
  const warnings = await writeChecked(dir, [{ file, text, added: [0, text.length], entry: [], what: `the new event ${path.basename(file)}`, given }]);
  return { file, warnings };
}

export interface NewPlace {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly lat?: number;
  readonly lon?: number;
  /** The coordinates as typed, for messages. */
  readonly typed?: { readonly lat?: string; readonly lon?: string };
}

export async function newPlace(dir: string, p: NewPlace): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  if (p.id in data.places) throw new ScaffoldError(`place "${p.id}" exists already in ${REFERENCE_FILES.places}; nothing was written`);
  const file = path.join(dir, REFERENCE_FILES.places);
  const before = await readFile(file, "utf8");
  const place = { name: p.name, country: p.country, ...(p.lat !== undefined ? { lat: p.lat } : {}), ...(p.lon !== undefined ? { lon: p.lon } : {}) };
  const { text, added } = insertEntry(file, before, [], p.id, place);
  const given: Given[] = [
    { option: "--id", typed: p.id, path: [p.id], value: p.id, key: true },
    { option: "--name", typed: p.name, path: [p.id, "name"], value: p.name },
    { option: "--country", typed: p.country, path: [p.id, "country"], value: p.country },
    ...(p.lat !== undefined ? [{ option: "--lat", typed: p.typed?.lat ?? String(p.lat), path: [p.id, "lat"], value: p.lat }] : []),
    ...(p.lon !== undefined ? [{ option: "--lon", typed: p.typed?.lon ?? String(p.lon), path: [p.id, "lon"], value: p.lon }] : []),
  ];
  const warnings = await writeChecked(dir, [{ file, before, text, added, entry: [p.id], what: `the new place "${p.id}"`, given }]);
  return { file, warnings };
}

export interface NewYear {
  readonly year: number;
  readonly chair?: string;
  readonly coChair?: string;
  readonly som?: { readonly place: string; readonly date: string; readonly number?: number };
}

export async function newYear(dir: string, y: NewYear): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const data = await validData(dir);
  if (String(y.year) in (data.report.editions ?? {})) throw new ScaffoldError(`${REFERENCE_FILES.report} has an edition for ${y.year} already; nothing was written`);
  let somDate: string | undefined;
  if (y.som) {
    known("place", y.som.place, Object.keys(data.places), REFERENCE_FILES.places);
    const date = parsePartialDate(y.som.date);
    if (!date.ok) throw new ScaffoldError(`SOM date ${date.message}`);
    somDate = date.value.iso;
  }
  const file = path.join(dir, REFERENCE_FILES.report);
  const before = await readFile(file, "utf8");
  const edition = {
    ...(y.chair !== undefined ? { chair: y.chair } : {}),
    ...(y.coChair !== undefined ? { co_chair: y.coChair } : {}),
    ...(y.som ? { som: { ...(y.som.number !== undefined ? { number: y.som.number } : {}), place: y.som.place, date: somDate } } : {}),
  };
  const { text, added } = insertEntry(file, before, ["editions"], y.year, edition, true);
  const at = ["editions", y.year];
  const given: Given[] = [
    { option: "--year", typed: String(y.year), path: at, value: y.year, key: true },
    ...(y.chair !== undefined ? [{ option: "--chair", typed: y.chair, path: [...at, "chair"], value: y.chair }] : []),
    ...(y.coChair !== undefined ? [{ option: "--co-chair", typed: y.coChair, path: [...at, "co_chair"], value: y.coChair }] : []),
    ...(y.som ? [
      { option: "--som-place", typed: y.som.place, path: [...at, "som", "place"], value: y.som.place },
      { option: "--som-date", typed: y.som.date, path: [...at, "som", "date"], value: somDate },
      ...(y.som.number !== undefined ? [{ option: "--som-number", typed: String(y.som.number), path: [...at, "som", "number"], value: y.som.number }] : []),
    ] : []),
  ];
  const warnings = await writeChecked(dir, [{ file, before, text, added, entry: at, what: `the new edition ${y.year}`, given }]);
  return { file, warnings };
}

// ---------------------------------------------------------------------------------------------
// Questions, in a terminal.

/** A question for an id that lists the valid ones, or the first `shown` of them and where the rest are. */
export function choicePrompt(question: string, ids: readonly string[], listedIn: string, shown = 12): string {
  if (ids.length === 0) return `${question} (${listedIn} lists none yet)`;
  if (ids.length <= shown) return `${question}, one of: ${ids.join(", ")}`;
  return `${question}, e.g. ${ids.slice(0, shown).join(", ")} (${ids.length - shown} more in ${listedIn})`;
}

export interface EventChoices {
  readonly places: readonly string[];
  readonly types: readonly string[];
  readonly strands: readonly string[];
  /** Where each list is, as the editor finds it. */
  readonly files: { readonly places: string; readonly types: string; readonly strands: string };
}

/** The questions `new event` asks for values not given, each id question listing the valid ids when they are known. */
export function eventQuestions(choices?: EventChoices): [key: string, question: string][] {
  const choice = (question: string, ids: readonly string[] | undefined, file: string | undefined, plain: string) =>
    ids && file ? choicePrompt(question, ids, file) : `${question} (${plain})`;
  return [
    ["date", "Date (YYYY-MM-DD)"],
    ["place", `${choice("Place id", choices?.places, choices?.files.places, `from ${REFERENCE_FILES.places}`)}; or a country code (e.g. PK) when no city is known`],
    ["type", choice("Type id", choices?.types, choices?.files.types, `from ${REFERENCE_FILES.eventTypes}`)],
    ["strands", choice("Strand ids, separated by commas (the first reports it in full)", choices?.strands, choices?.files.strands, `from ${REFERENCE_FILES.strands}`)],
    ["title", "Title"],
    ["summary", "Summary, a few sentences"],
  ];
}

/** The ids an event may use, read from the data folder (which must be valid). */
export async function eventChoices(dir: string): Promise<EventChoices> {
  const data = await validData(dir);
  return {
    places: Object.keys(data.places).sort(),
    types: data.eventTypes.map((t) => t.id),
    strands: data.strands.map((s) => s.id),
    files: {
      places: displayPath(path.join(dir, REFERENCE_FILES.places)),
      types: displayPath(path.join(dir, REFERENCE_FILES.eventTypes)),
      strands: displayPath(path.join(dir, REFERENCE_FILES.strands)),
    },
  };
}
