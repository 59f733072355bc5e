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
import { Document, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node, type Pair, type YAMLMap } from "yaml";
import { DataError, displayPath, formatDiagnostic, type Diagnostic } from "./data/diagnostics.ts";
import { ReportError } from "./errors.ts";
import { loadData, OPTIONAL_FILES, REFERENCE_FILES, type DataSet } from "./data/load.ts";
import { emptyFileMessage, missingFileMessage } from "./data/read.ts";
import { countryName } from "./data/countries.ts";
import { defines, entryOf } from "./data/lookup.ts";
import { isKnownCountry, placeIsCountry, unknownCountryPlace, unknownPlace } from "./data/rules/references.ts";
import { fieldsOf, type Field } from "./data/contract/fields.ts";
import { DATA_FILE_KINDS, schemaLine, termsOf, type Terms } from "./data/contract/json-schema.ts";
import { editionSchema, eventSchema, eventTypeSchema, ID_PATTERN, STRAND_KINDS, strandSchema, type Vocabulary } from "./data/contract/schema.ts";
import { didYouMean } from "./data/rules/suggest.ts";
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
  /** How many characters of `before` the new lines replace: an empty `[]` or `{}` that they fill. */
  readonly replaced?: number;
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
    const [error] = doc.errors;
    if (error) throw error;
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  },
];

/**
 * A whole file's YAML for `value`, as editors write it: a list of plain values
 * on one line (`[a, b]`), everything else in blocks, and text that the
 * contract reads as Markdown (`markdown`: field names) as a literal block.
 */
export function yamlText(value: unknown, markdown: ReadonlySet<string> = new Set()): string {
  const doc = new Document(value);
  visit(doc, {
    Seq: (_, node) => {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Pair: (_, pair) => {
      if (isScalar(pair.key) && markdown.has(String(pair.key.value)) && isScalar(pair.value) && typeof pair.value.value === "string") pair.value.type = "BLOCK_LITERAL";
    },
  });
  return doc.toString(STYLE);
}

/** Whether `text` reads as `expected` to both YAML readers of the build. */
export const readsAs = (text: string, expected: unknown) =>
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

// ---------------------------------------------------------------------------------------------
// The fields not given, offered as comments: made from the contract (data/fields.ts).

/** A line of YAML as an offered field reads once its `# ` is removed, and what the field is, as a comment after it. */
interface Line {
  readonly text: string;
  readonly note?: string;
}

/** What the offered fields' examples are made of: the data folder's ids, and examples of the moment (the event's own date). */
export interface Offer {
  readonly terms: Terms;
  readonly examples?: Readonly<Record<string, unknown>>;
}

/** An example id of each kind, when the data folder has none yet. */
const PLACEHOLDER: Readonly<Record<Vocabulary, string>> = {
  places: "place-id", strands: "strand-id", types: "type-id", topics: "topic-id", goals: "goal-id", countries: "TR",
};

const firstId = (to: Vocabulary, offer: Offer) => offer.terms[to]?.[0]?.id ?? PLACEHOLDER[to];

function exampleOf(field: Field, offer: Offer): unknown {
  if (offer.examples && Object.hasOwn(offer.examples, field.name)) return offer.examples[field.name];
  if (field.example !== undefined) return field.example;
  if (field.reference) return field.holds === "list" ? [firstId(field.reference, offer)] : firstId(field.reference, offer);
  if (field.values) return field.values[0];
  return field.boolean ? true : "…";
}

/** The description, and the values a field of a fixed list may take where the description does not name them all. */
function noteOf(field: Field): string {
  const values = field.values && !field.values.every((v) => field.description.includes(v)) ? ` (${field.values.join(", ")})` : "";
  return `${field.description}${values}`;
}

/** `key: value` on one line (lists in brackets), or `key:` for an empty value. */
const pairLine = (key: string, value: unknown) => (value === null ? `${key}:` : yamlPair(key, value, { flow: true }).trimEnd());

const indented = (lines: readonly Line[], by: string): Line[] => lines.map((l) => ({ ...l, text: `${by}${l.text}` }));

/** Whether a field is offered: one that is no longer read, or read only in an older form, is not. */
const isOffered = (field: Field) => !field.retired && !field.deprecated && !field.readOnly;

/** The lines of a field filled in with its example, and those of the fields inside it. */
function fieldLines(field: Field, offer: Offer): Line[] {
  const head = { text: `${field.name}:`, note: noteOf(field) };
  const inner = (fields: readonly Field[]) => fields.filter(isOffered).flatMap((f) => fieldLines(f, { terms: offer.terms }));
  switch (field.holds) {
    case "object":
      return [head, ...indented(inner(field.fields!), "  ")];
    case "objects":
      return [head, ...indented(inner(field.fields!), "    ").map((l, i) => (i === 0 ? { ...l, text: `  - ${l.text.slice(4)}` } : l))];
    case "mapping": {
      const example = exampleOf(field, offer);
      if (field.fields) {
        const key = field.reference ? firstId(field.reference, offer) : "key";
        return [head, { text: `  ${key}:` }, ...indented(inner(field.fields), "    ")];
      }
      const entries = example !== null && typeof example === "object" ? Object.entries(example) : [["key", "value"]];
      return [head, ...entries.map(([k, v]) => ({ text: `  ${pairLine(String(k), v)}` }))];
    }
    default: {
      const example = exampleOf(field, offer);
      if (field.markdown) return [{ text: `${field.name}: |`, note: head.note }, ...(typeof example === "string" ? example : "…").split("\n").map((l) => ({ text: `  ${l}` }))];
      return [{ text: pairLine(field.name, example), note: head.note }];
    }
  }
}

/** Where the notes begin, so that they line up. */
const NOTE_COLUMN = 32;

/** The fields as comments at `indent`: removing a line's `# ` gives the YAML of the field, each with what it is. */
function commentLines(lines: readonly Line[], indent: number): string[] {
  return lines.map(({ text, note }) => {
    const line = `${" ".repeat(indent)}# ${text}`;
    return note ? `${line.padEnd(Math.max(NOTE_COLUMN + indent, line.length + 2))}# ${note}` : line;
  });
}

/** Every field of `fields` that is not given, as comments at `indent`. */
export function offeredFields(fields: readonly Field[], given: ReadonlySet<string>, offer: Offer, indent = 0): string[] {
  return commentLines(fields.filter((f) => isOffered(f) && !given.has(f.name)).flatMap((f) => fieldLines(f, offer)), indent);
}

const EVENT_KIND = DATA_FILE_KINDS.find((k) => k.schemaFile === "event.schema.json")!;

/**
 * The event file's text: the line that names its JSON Schema, the given
 * fields, and every other field of the contract as a comment to fill in,
 * each in the contract's order.
 */
export function eventYaml(e: NewEvent, offer: Offer & { readonly schemaLine?: string } = { terms: {} }): string {
  // Only in comments, so only a date that is one: anything else must not reach the text unwritten by yaml.
  const sample = /^\d{4}(?:-\d{2}){0,2}$/.test(e.date) ? e.date : "2018-05-07";
  const given: Record<string, string> = {
    title: yamlPair("title", e.title),
    type: yamlPair("type", e.type),
    date: yamlPair("date", e.date),
    place: yamlPair("place", e.place),
    strands: yamlPair("strands", [...e.strands], { flow: true }),
    summary: yamlPair("summary", e.summary, { block: true }),
  };
  const examples = { end: sample, report_year: Number(sample.slice(0, 4)), ...offer.examples };
  const lines = fieldsOf(eventSchema).flatMap((field) =>
    Object.hasOwn(given, field.name) ? [given[field.name]!.replace(/\n$/, "")] : offeredFields([field], new Set(), { ...offer, examples }));
  return [
    ...(offer.schemaLine ? [offer.schemaLine] : []),
    "# One event. Every field is described in docs/data.md; remove the # before a field to use it.",
    ...lines,
  ].join("\n") + "\n";
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

/** The ids the data folder defines, for the examples of the fields offered. */
const termsOfData = (data: DataSet): Terms => termsOf(data);

const HAS_ERRORS = "Nothing was written: the data folder has errors already; fix the errors above, then run the command again.";

/** The data before `new` adds to it: with errors, nothing is written, and the command says so. */
async function validData(dir: string): Promise<DataSet> {
  const loaded = await loadData(dir);
  if (!loaded.data) throw new DataError(loaded.diagnostics, HAS_ERRORS);
  return loaded.data;
}

/**
 * The data before `new` adds to the reference file `file`, which may be empty
 * or missing (`new` then writes its first entry): undefined when that is the
 * data folder's only error, since nothing else can be known then.
 */
async function dataBefore(dir: string, file: string): Promise<DataSet | undefined> {
  const loaded = await loadData(dir);
  if (loaded.data) return loaded.data;
  const name = path.basename(file);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  const fresh = (d: Diagnostic) => path.resolve(d.file) === path.resolve(file) && (d.message === emptyFileMessage(name) || d.message === missingFileMessage(name));
  if (errors.length > 0 && errors.every(fresh)) return undefined;
  throw new DataError(loaded.diagnostics, HAS_ERRORS);
}

/** A reference file's text before `new` adds to it; undefined for one that is missing, which `new` then writes. */
const textBefore = (file: string): Promise<string | undefined> =>
  readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });

/** A new reference file: the line that names its schema, then `body`'s lines; `added` is where they are. */
function newFile(file: string, dir: string, body: Inserted): Inserted {
  const kind = DATA_FILE_KINDS.find((k) => k.files.includes(path.basename(file)))!;
  const head = `${schemaLine(file, dir, kind)}\n`;
  return { text: head + body.text, added: [head.length + body.added[0], head.length + body.added[1]] };
}

/** Adds `item` to the list of the reference file `file` (written when missing), checked as writeChecked checks. */
async function addItem(dir: string, file: string, index: number, item: Record<string, unknown>, comments: readonly string[], what: string, given: readonly Given[]) {
  const before = await textBefore(file);
  const inserted = before === undefined ? newFile(file, dir, insertItem(file, "", item, comments)) : insertItem(file, before, item, comments);
  const warnings = await writeChecked(dir, [{ file, ...(before !== undefined ? { before } : {}), ...inserted, entry: [index], what, given }]);
  return { file, warnings };
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
  // The goals offered are those of a framework in force in the event's year, where one is.
  const inForce = data.frameworks.find((f) => f.from <= date.value.year && date.value.year <= f.to);
  const examples = inForce ? { goals: [inForce.goals[0]!.id] } : {};
  const text = eventYaml(event, { terms: termsOfData(data), examples, schemaLine: schemaLine(file, dir, EVENT_KIND) });
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
  const file = path.join(dir, REFERENCE_FILES.places);
  const data = await dataBefore(dir, file);
  if (data && defines(data.places, p.id)) throw new ScaffoldError(`place "${p.id}" exists already in ${REFERENCE_FILES.places}; nothing was written`);
  const before = await textBefore(file);
  const place = { name: p.name, country: p.country, ...(p.lat !== undefined ? { lat: p.lat } : {}), ...(p.lon !== undefined ? { lon: p.lon } : {}) };
  const inserted = before === undefined ? newFile(file, dir, insertEntry(file, "", [], p.id, place)) : insertEntry(file, before, [], p.id, place);
  const given: Given[] = [
    { option: "--id", typed: p.id, path: [p.id], value: p.id, key: true },
    { option: "--name", typed: p.name, path: [p.id, "name"], value: p.name },
    { option: "--country", typed: p.country, path: [p.id, "country"], value: p.country },
    ...(p.lat !== undefined ? [{ option: "--lat", typed: p.typed?.lat ?? String(p.lat), path: [p.id, "lat"], value: p.lat }] : []),
    ...(p.lon !== undefined ? [{ option: "--lon", typed: p.typed?.lon ?? String(p.lon), path: [p.id, "lon"], value: p.lon }] : []),
  ];
  const warnings = await writeChecked(dir, [{ file, ...(before !== undefined ? { before } : {}), ...inserted, entry: [p.id], what: `the new place "${p.id}"`, given }]);
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
  const written = {
    ...(y.chair !== undefined ? { chair: y.chair } : {}),
    ...(y.coChair !== undefined ? { co_chair: y.coChair } : {}),
    ...(y.som ? { som: { ...(y.som.number !== undefined ? { number: y.som.number } : {}), place: y.som.place, date: somDate } } : {}),
  };
  // An edition needs a field before the others can be written under it: with none given, it is a draft, which it is until its report is final.
  const edition: Record<string, unknown> = Object.keys(written).length > 0 ? written : { status: "draft" };
  const comments = offeredFields(fieldsOf(editionSchema), new Set(Object.keys(edition)), { terms: termsOfData(data) });
  const { text, added } = insertEntry(file, before, ["editions"], y.year, edition, true, comments);
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

export interface NewStrand {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly shortTitle?: string;
}

/** Adds a strand at the end of strands.yaml, its other fields offered as comments. */
export async function newStrand(dir: string, s: NewStrand): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, REFERENCE_FILES.strands);
  const strands = (await dataBefore(dir, file))?.strands ?? [];
  if (strands.some((x) => x.id === s.id)) throw new ScaffoldError(`strand "${s.id}" exists already in ${REFERENCE_FILES.strands}; nothing was written`);
  const strand = { id: s.id, title: s.title, ...(s.shortTitle !== undefined ? { short_title: s.shortTitle } : {}), kind: s.kind };
  const at = strands.length;
  return addItem(dir, file, at, strand, offeredFields(fieldsOf(strandSchema), new Set(Object.keys(strand)), { terms: {} }), `the new strand "${s.id}"`, [
    { option: "--id", typed: s.id, path: [at, "id"], value: s.id },
    { option: "--title", typed: s.title, path: [at, "title"], value: s.title },
    ...(s.shortTitle !== undefined ? [{ option: "--short-title", typed: s.shortTitle, path: [at, "short_title"], value: s.shortTitle }] : []),
    { option: "--kind", typed: s.kind, path: [at, "kind"], value: s.kind },
  ]);
}

export interface NewType {
  readonly id: string;
  readonly label: string;
  readonly plural: string;
  /** Events of the type are trainings. */
  readonly training?: boolean;
}

/** Adds an event type at the end of event-types.yaml. */
export async function newType(dir: string, t: NewType): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, REFERENCE_FILES.eventTypes);
  const types = (await dataBefore(dir, file))?.eventTypes ?? [];
  if (types.some((x) => x.id === t.id)) throw new ScaffoldError(`type "${t.id}" exists already in ${REFERENCE_FILES.eventTypes}; nothing was written`);
  const type = { id: t.id, label: t.label, plural: t.plural, ...(t.training ? { training: true } : {}) };
  const at = types.length;
  return addItem(dir, file, at, type, offeredFields(fieldsOf(eventTypeSchema), new Set(Object.keys(type)), { terms: {} }), `the new type "${t.id}"`, [
    { option: "--id", typed: t.id, path: [at, "id"], value: t.id },
    { option: "--label", typed: t.label, path: [at, "label"], value: t.label },
    { option: "--plural", typed: t.plural, path: [at, "plural"], value: t.plural },
    ...(t.training ? [{ option: "--training", typed: "true", path: [at, "training"], value: true }] : []),
  ]);
}

export interface NewFramework {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly adopted: string;
  readonly from: number;
  readonly to: number;
  /** The titles of its priority goals, in their order: numbered from 1. */
  readonly goals: readonly string[];
}

/** The longest id `new framework` makes for a goal. */
const MAX_GOAL_ID = 60;

/** A goal's id: the framework's, then the phrases of the goal's title that carry its meaning, whole and in order. */
export function goalId(framework: string, title: string): string {
  let id = framework;
  for (const phrase of titlePhrases(title)) {
    const longer = `${id}-${phrase.join("-")}`;
    if (longer.length > MAX_GOAL_ID) break;
    id = longer;
  }
  return id;
}

/** Adds a framework with its priority goals at the end of frameworks.yaml, which is written when missing. */
export async function newFramework(dir: string, f: NewFramework): Promise<{ file: string; warnings: readonly Diagnostic[] }> {
  const file = path.join(dir, OPTIONAL_FILES.frameworks);
  const frameworks = (await dataBefore(dir, file))?.frameworks ?? [];
  if (frameworks.some((x) => x.id === f.id)) throw new ScaffoldError(`framework "${f.id}" exists already in ${OPTIONAL_FILES.frameworks}; nothing was written`);
  if (f.goals.length === 0) throw new ScaffoldError("give the framework's priority goals, each with --goal TITLE");
  const adopted = parsePartialDate(f.adopted);
  if (!adopted.ok) throw new ScaffoldError(`--adopted ${adopted.message}`);
  const goals = f.goals.map((title, i) => ({ id: goalId(f.id, title), number: i + 1, title }));
  const taken = new Set(frameworks.flatMap((x) => x.goals.map((g) => g.id)));
  for (const [i, goal] of goals.entries()) {
    if (taken.has(goal.id)) throw new ScaffoldError(`--goal ${shown(f.goals[i]!)} would have the id "${goal.id}", which another goal has already; give the goal a title that tells it apart`);
    taken.add(goal.id);
  }
  const framework = { id: f.id, title: f.title, short_title: f.shortTitle, adopted: adopted.value.iso, from: f.from, to: f.to, goals };
  const at = frameworks.length;
  return addItem(dir, file, at, framework, [], `the new framework "${f.id}"`, [
    { option: "--id", typed: f.id, path: [at, "id"], value: f.id },
    { option: "--title", typed: f.title, path: [at, "title"], value: f.title },
    { option: "--short-title", typed: f.shortTitle, path: [at, "short_title"], value: f.shortTitle },
    { option: "--adopted", typed: f.adopted, path: [at, "adopted"], value: adopted.value.iso },
    { option: "--from", typed: String(f.from), path: [at, "from"], value: f.from },
    { option: "--to", typed: String(f.to), path: [at, "to"], value: f.to },
    ...goals.map((g, i) => ({ option: "--goal", typed: g.title, path: [at, "goals", i, "title"], value: g.title })),
  ]);
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

/** The questions of `new strand`, `new type` and `new framework` for values not given. */
export const QUESTIONS = {
  strand: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. silk-routes-working-group)"],
    ["title", "Title, the chapter's heading"],
    ["kind", choicePrompt("Kind", STRAND_KINDS, "docs/data.md")],
  ],
  type: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. working-group-meeting)"],
    ["label", "Name in the singular (e.g. Working group meeting)"],
    ["plural", "Name in the plural (e.g. Working group meetings)"],
  ],
  framework: [
    ["id", "Id (lower case letters, digits and hyphens, e.g. call-for-action-2019)"],
    ["title", "Full title"],
    ["short-title", "Short title, for lists and messages"],
    ["adopted", "Adopted on (YYYY-MM-DD, or YYYY-MM)"],
    ["from", "First year in force (YYYY)"],
    ["to", "Last year in force (YYYY)"],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

/** The question for each of a new framework's goals, asked until one is left empty. */
export const goalQuestion = (n: number) => `Title of priority goal ${n}${n > 1 ? " (leave empty when there are no more)" : ""}`;

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
