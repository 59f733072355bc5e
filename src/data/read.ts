/**
 * Reading a data folder into what was written: every reference file and event
 * file parsed and checked against its own shape, each kept with its source so
 * that later checks can place what they find. What a file shows on its own
 * (missing, unreadable, not YAML, not of its shape, characters that are not
 * text or that the report's fonts cannot print) is reported here; what files show together is checked by
 * references.ts, report-rules.ts and event-rules.ts.
 */
import { lstat, realpath, stat } from "node:fs/promises";
import path from "node:path";
import type * as z from "zod";
import type { Diagnostic } from "./diagnostics.ts";
import { listFolder, walkFolder, type FolderEntry } from "./source/files.ts";
import { scanPictures, type Picture } from "./attachments/images.ts";
import {
  countriesSchema, countriesTranslationSchema, DOCUMENTS_DIR, eventSchema, eventTranslationSchema, eventTypesSchema, eventTypesTranslationSchema,
  frameworksSchema, frameworksTranslationSchema, placesSchema, placesTranslationSchema, reportSchema, reportTranslationSchema, strandsSchema,
  strandsTranslationSchema, topicsSchema, topicsTranslationSchema,
  type CountryFile, type EventFile, type EventType, type Framework, type PlaceFile, type ReportFile, type Strand, type Topic,
} from "./contract/schema.ts";
import { translationOf } from "./languages/texts.ts";
import { didYouMean } from "./rules/suggest.ts";
import { compiled, parseFields, parseWith } from "./contract/zod-issues.ts";
import { unprintableCharacters } from "./rules/printable.ts";
import { characterProblems, createSource, readYamlSource, type YamlSource } from "./source/yaml-source.ts";

export const REFERENCE_FILES = {
  report: "report.yaml",
  strands: "strands.yaml",
  eventTypes: "event-types.yaml",
  topics: "topics.yaml",
  places: "places.yaml",
  countries: "countries.yaml",
} as const;

/** Reference files that a data folder may do without. */
export const OPTIONAL_FILES = {
  frameworks: "frameworks.yaml",
} as const;

/**
 * How a reference file starts: what it holds with no entries yet, what those
 * entries are, and the command that adds one. The messages for a missing or
 * an empty file say it, so that no editor has to guess what to write.
 */
export const STARTS: Readonly<Record<string, { readonly none: "[]" | "{}"; readonly entries: string; readonly command?: string; readonly note?: string }>> = {
  [REFERENCE_FILES.strands]: { none: "[]", entries: "strands", command: "new strand" },
  [REFERENCE_FILES.eventTypes]: { none: "[]", entries: "types", command: "new type" },
  [REFERENCE_FILES.topics]: { none: "[]", entries: "topics" },
  [REFERENCE_FILES.places]: { none: "{}", entries: "places", command: "new place" },
  [REFERENCE_FILES.countries]: { none: "{}", entries: "names of its own", note: " (the report then uses the English names of ISO 3166-1)" },
  [OPTIONAL_FILES.frameworks]: { none: "[]", entries: "frameworks", command: "new framework" },
};

/** The command that starts a data folder with every file. */
const INIT = "`activity-report init DIR` starts a new data folder with every file";

/** What a missing reference file's message says to do. */
export function missingFileMessage(name: string): string {
  const start = STARTS[name];
  if (!start) return `the file is missing; every data folder needs one, with the organisation, the secretariat and the title of the report (docs/data.md); ${INIT}`;
  return `the file is missing; every data folder needs it: write \`${start.none}\` into it for no ${start.entries} yet${start.note ?? ""}${start.command ? `, then add them with \`activity-report ${start.command}\`` : ""}`;
}

/** What an empty file's message says to do: for a reference file (`name`), or for an event file. */
export function emptyFileMessage(name: string | undefined): string {
  if (name === undefined) return "the file is empty: write the event's fields, or delete the file; `activity-report new event` writes an event file with all of them";
  const start = STARTS[name];
  if (!start) return `the file is empty: write the organisation, the secretariat and the title of the report (docs/data.md); ${INIT}`;
  return `the file is empty: write \`${start.none}\` for no ${start.entries} yet${start.note ?? ""}${start.command ? `, or add one with \`activity-report ${start.command}\`` : ""}`;
}

/** Far above what the archive of a dialogue will hold; a guard against a data folder that is not one. */
export const MAX_EVENTS = 100_000;

export const EVENTS_DIR = "events";

/** The message for a data folder that is not there. */
export const NO_FOLDER = "the data folder does not exist; `activity-report init DIR` makes one";
const YAML_FILE = /\.ya?ml$/;

/** A data file as read. */
export interface WrittenFile<T> {
  readonly file: string;
  /** The parsed file, when it could be read as YAML (its value is then undefined if the YAML has errors). */
  readonly source?: YamlSource;
  /** The value, when the whole file has the shape of its kind. */
  readonly value?: T;
}

/** A file that is one mapping, also with the fields that are valid on their own. */
export interface WrittenMapping<T> extends WrittenFile<T> {
  /** Set when the file holds a mapping; every field of it that is valid on its own. */
  readonly fields?: Partial<T>;
}

export interface WrittenEvent extends WrittenMapping<EventFile> {
  /** The file name without extension: the event's id and URL slug. */
  readonly id: string;
}

export interface WrittenFolder {
  readonly dir: string;
  readonly report: WrittenMapping<ReportFile>;
  readonly strands: WrittenFile<Strand[]>;
  readonly eventTypes: WrittenFile<EventType[]>;
  readonly topics: WrittenFile<Topic[]>;
  readonly places: WrittenFile<Record<string, PlaceFile>>;
  readonly countries: WrittenFile<Record<string, CountryFile>>;
  /** frameworks.yaml; its value is an empty list when the folder has none. */
  readonly frameworks: WrittenFile<Framework[]>;
  /** Every event file that is read, in the order of their paths. */
  readonly events: readonly WrittenEvent[];
  /** Every translation file (an event's or a reference file's sibling in another language), in the order of their paths. */
  readonly translations: readonly WrittenTranslation[];
  /** The pictures of images/ that may be published, and the problems of those that may not. */
  readonly pictures: { readonly pictures: readonly Picture[]; readonly diagnostics: readonly Diagnostic[] };
  /** Everything found while reading, the pictures' problems included. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The file kinds that have translations, and the schema of each kind's translation files. */
export const TRANSLATION_SCHEMAS = {
  event: eventTranslationSchema,
  [REFERENCE_FILES.report]: reportTranslationSchema,
  [REFERENCE_FILES.strands]: strandsTranslationSchema,
  [REFERENCE_FILES.eventTypes]: eventTypesTranslationSchema,
  [REFERENCE_FILES.topics]: topicsTranslationSchema,
  [REFERENCE_FILES.places]: placesTranslationSchema,
  [REFERENCE_FILES.countries]: countriesTranslationSchema,
  [OPTIONAL_FILES.frameworks]: frameworksTranslationSchema,
} as const;
export type TranslationKind = keyof typeof TRANSLATION_SCHEMAS;

/** A translation file as read: its language, the English file it translates, and its texts when they have their shape. */
export interface WrittenTranslation extends WrittenFile<Readonly<Record<string, unknown>>> {
  readonly lang: string;
  readonly english: string;
  readonly kind: TranslationKind;
}

/** The folder as read, or only a diagnostic when there is no folder. */
export type ReadResult = { readonly folder: WrittenFolder; readonly diagnostics?: never } | { readonly folder?: never; readonly diagnostics: readonly Diagnostic[] };

/**
 * Texts to read in place of what the disk holds, by absolute path: the
 * folder as it would be once they are written (null: once the file is
 * removed). An event file in it need not exist yet. The editor
 * (src/dev/editor/) checks a save this way before it writes anything.
 */
export type Overlay = ReadonlyMap<string, string | null>;

const NO_OVERLAY: Overlay = new Map();

/** Reads every file of the data folder `dir` (with the texts of `overlay` in place of theirs). */
export async function readDataFolder(dir: string, overlay: Overlay = NO_OVERLAY): Promise<ReadResult> {
  const isFolder = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) return { diagnostics: [{ severity: "error", file: dir, message: NO_FOLDER }] };

  const out: Diagnostic[] = [];
  out.push(...unknownRootFiles(await listFolder(dir).catch(() => [])));
  const { report, strands, eventTypes, topics, places, countries, frameworks } = await readReferenceFiles(dir, out, overlay);
  const pictures = await scanPictures(dir);
  out.push(...pictures.diagnostics);
  const listed = await listEventFiles(dir, out, overlay);
  const events = listed.filter((file) => !translationOf(file)).map((eventFile) => {
    const { event, diagnostics } = readEvent(eventFile, overlay);
    out.push(...diagnostics);
    return event;
  });
  const rootTranslations = [...(await listFolder(dir).catch(() => [])).map((entry) => entry.path), ...overlay.keys()]
    .filter((file) => path.dirname(file) === dir && referenceTranslation(file) !== undefined);
  const translationFiles = [...new Set([...rootTranslations, ...listed.filter((file) => translationOf(file))])].filter((file) => overlay.get(file) !== null).sort();
  const translations = translationFiles.map((file) => readTranslation(file, out, overlay));
  return { folder: { dir, report, strands, eventTypes, topics, places, countries, frameworks, events, translations, pictures, diagnostics: out } };
}

/** The reference files of the data folder `dir`, each read and checked against its own shape; their problems go to `out`. */
export type ReferenceFiles = Pick<WrittenFolder, "report" | "strands" | "eventTypes" | "topics" | "places" | "countries" | "frameworks">;

export async function readReferenceFiles(dir: string, out: Diagnostic[], overlay: Overlay = NO_OVERLAY): Promise<ReferenceFiles> {
  const file = (name: string) => path.join(dir, name);
  const [report, strands, eventTypes, topics, places, countries, frameworks] = await Promise.all([
    readMapping(file(REFERENCE_FILES.report), reportSchema, out, overlay),
    readReference(file(REFERENCE_FILES.strands), strandsSchema, out, overlay),
    readReference(file(REFERENCE_FILES.eventTypes), eventTypesSchema, out, overlay),
    readReference(file(REFERENCE_FILES.topics), topicsSchema, out, overlay),
    readReference(file(REFERENCE_FILES.places), placesSchema, out, overlay),
    readReference(file(REFERENCE_FILES.countries), countriesSchema, out, overlay),
    readReference(file(OPTIONAL_FILES.frameworks), frameworksSchema, out, overlay, []),
  ]);
  return { report, strands, eventTypes, topics, places, countries, frameworks };
}

/** A YAML file read, or its text in `overlay`. */
function readYaml(file: string, overlay: Overlay): ReturnType<typeof readYamlSource> {
  const text = overlay.get(file);
  return typeof text === "string" ? createSource(file, text) : readYamlSource(file);
}

/** An event file read and checked against the event schema. */
export function readEvent(file: string, overlay: Overlay = NO_OVERLAY): { event: WrittenEvent; diagnostics: Diagnostic[] } {
  const id = path.basename(file).replace(YAML_FILE, "");
  const { source, diagnostics } = readYaml(file, overlay);
  // The shape is checked only on YAML that could be read: a syntax error says all there is to say.
  const empty = source && diagnostics.length === 0 && isEmpty(source);
  const parsed = source && diagnostics.length === 0 && !empty ? parseFields(source, eventSchema, compiled(eventSchema)) : undefined;
  const problems = diagnostics;
  if (empty) problems.push(source.diagnostic([], emptyFileMessage(undefined)));
  if (parsed) problems.push(...parsed.diagnostics);
  if (source) problems.push(...characterProblems(source), ...unprintableCharacters(source));
  return { event: { file, id, source, value: parsed?.value, fields: parsed?.fields }, diagnostics: problems };
}

/** The kind of a translation file in the data folder's root: the reference file it translates, or undefined. */
function referenceTranslation(file: string): TranslationKind | undefined {
  const english = translationOf(file)?.english;
  const name = english && path.basename(english);
  return name && name in TRANSLATION_SCHEMAS && name !== "event" ? (name as TranslationKind) : undefined;
}

/** A translation file read and checked against its kind's schema; its problems go to `out`. */
export function readTranslation(file: string, out: Diagnostic[], overlay: Overlay = NO_OVERLAY): WrittenTranslation {
  const { english, lang } = translationOf(file)!;
  const kind = referenceTranslation(file) ?? "event";
  const { source, diagnostics } = readYaml(file, overlay);
  out.push(...diagnostics);
  if (!source || diagnostics.length > 0) return { file, lang, english, kind, source };
  out.push(...characterProblems(source), ...unprintableCharacters(source));
  // A translation begun and not yet written is empty: it translates nothing yet.
  if (isEmpty(source)) return { file, lang, english, kind, source, value: {} };
  const { value, diagnostics: problems } = parseWith(source, TRANSLATION_SCHEMAS[kind] as z.ZodType);
  out.push(...problems);
  return { file, lang, english, kind, source, value: value as Record<string, unknown> | undefined };
}

/**
 * A reference file read as YAML, or undefined with a diagnostic when it is
 * missing or leads out of the data folder.
 */
async function readSource(file: string, out: Diagnostic[], overlay: Overlay, optional = false): Promise<{ source?: YamlSource; readable: boolean; missing?: true }> {
  const given = overlay.get(file);
  if (given === null) {
    if (!optional) out.push({ severity: "error", file, message: "the file is missing; every data folder needs it (see docs/data.md)" });
    return { readable: false, missing: true };
  }
  if (given !== undefined) {
    const { source, diagnostics } = createSource(file, given);
    out.push(...diagnostics, ...characterProblems(source), ...unprintableCharacters(source));
    return { source, readable: diagnostics.length === 0 };
  }
  // Whether anything has the name: a folder or a pipe under it is reported by the reader, for what it is.
  const exists = await lstat(file).then(() => true, (error: NodeJS.ErrnoException) => error.code !== "ENOENT");
  if (!exists) {
    if (!optional) out.push({ severity: "error", file, message: missingFileMessage(path.basename(file)) });
    return { readable: false, missing: true };
  }
  const outside = await linkOutOf(await realpath(path.dirname(file)), file);
  if (outside) {
    out.push(outside);
    return { readable: false };
  }
  const { source, diagnostics } = readYamlSource(file);
  out.push(...diagnostics, ...(source ? [...characterProblems(source), ...unprintableCharacters(source)] : []));
  const readable = source !== undefined && diagnostics.length === 0;
  // An empty file (or one of comments only) is told what to hold, rather than checked against its shape.
  if (readable && isEmpty(source)) {
    out.push(source.diagnostic([], emptyFileMessage(path.basename(file))));
    return { source, readable: false };
  }
  return { source, readable };
}

/** Whether a file that was read holds nothing: empty, or comments only. */
const isEmpty = (source: YamlSource) => source.value === null || source.value === undefined;

/** A reference file read and checked against its schema; `absent` is its value when an optional file is missing. */
async function readReference<S extends z.ZodType>(file: string, schema: S, out: Diagnostic[], overlay: Overlay, absent?: z.output<S>): Promise<WrittenFile<z.output<S>>> {
  const { source, readable, missing } = await readSource(file, out, overlay, absent !== undefined);
  if (missing && absent !== undefined) return { file, value: absent };
  if (!source || !readable) return { file, source };
  const { value, diagnostics } = parseWith(source, schema);
  out.push(...diagnostics);
  return { file, source, value };
}

/** readReference for a file that is one mapping, also returning the fields that are valid on their own. */
async function readMapping<S extends z.ZodObject>(file: string, schema: S, out: Diagnostic[], overlay: Overlay): Promise<WrittenMapping<z.output<S>>> {
  const { source, readable } = await readSource(file, out, overlay);
  // A file that is not YAML has no fields; its syntax error says all there is to say.
  if (!source || !readable) return { file, source };
  const parsed = parseFields(source, schema);
  out.push(...parsed.diagnostics);
  return { file, source, value: parsed.value, fields: parsed.fields };
}

/** An error when `file` leads, through a link, out of the data folder (`realDir`, resolved): a link may point anywhere on the machine. */
async function linkOutOf(realDir: string, file: string, what: "file" | "events folder" = "file"): Promise<Diagnostic | undefined> {
  const target = await realpath(file).catch(() => undefined);
  if (target?.startsWith(`${realDir}${path.sep}`)) return undefined;
  const copy = what === "file" ? "the file" : "the events";
  return { severity: "error", file, message: `the ${what} is a link to ${target ?? "nothing"}, outside the data folder; copy ${copy} in instead` };
}

/** The event files, in the order of their paths, and a diagnostic for a missing folder or for files that are not read. */
async function listEventFiles(dir: string, out: Diagnostic[], overlay: Overlay): Promise<string[]> {
  const root = path.join(dir, EVENTS_DIR);
  const files: string[] = [];
  const realDir = await realpath(dir);
  if (!(await lstat(root).then(() => true, () => false))) {
    out.push({ severity: "error", file: root, message: "the events folder is missing; every data folder needs one: make the folder, or let `activity-report new event` make it with the first event" });
    return [];
  }
  // The events folder itself may be a link; it must not lead out of the data folder either.
  const outside = await linkOutOf(realDir, root, "events folder");
  if (outside) {
    out.push(outside);
    return [];
  }
  for await (const entry of walkFolder(root, (d) => out.push(d))) {
    if (entry.kind === "link") {
      const outside = await linkOutOf(realDir, entry.path);
      if (outside) {
        out.push(outside);
        continue;
      }
    }
    // What is not an ordinary file (a folder behind a link, a pipe) is reported by the reader, which never waits on it.
    if (YAML_FILE.test(entry.name)) files.push(entry.path);
    else if (/\.ya?ml$/i.test(entry.name)) {
      out.push({ severity: "warning", file: entry.path, message: `not read: event files end in .yaml, in lower case; rename it to ${entry.name.replace(/\.ya?ml$/i, ".yaml")}` });
    } else out.push({ severity: "warning", file: entry.path, message: "not read: event files are .yaml files (lower case)" });
  }
  // An event of the overlay that is not written yet.
  for (const [file, text] of overlay) {
    if (text === null) files.splice(0, files.length, ...files.filter((f) => f !== file));
    else if (file.startsWith(`${root}${path.sep}`) && YAML_FILE.test(file) && !files.includes(file)) files.push(file);
  }
  if (files.length === 0) out.push({ severity: "warning", file: root, message: "there are no events yet: add one with `activity-report new event`" });
  // Their translations beside them are not events: a folder may hold a translation of each event in each language.
  const events = files.filter((file) => !translationOf(file)).length;
  if (events > MAX_EVENTS) {
    out.push({ severity: "error", file: root, message: `there are ${events} event files; a report holds at most ${MAX_EVENTS.toLocaleString("en")}` });
    return [];
  }
  return files.sort();
}

/** What the root of the data folder may hold besides the reference files. */
const ROOT_FOLDERS = [EVENTS_DIR, "images", DOCUMENTS_DIR];

/**
 * Warnings for YAML files in the data folder's root (its `entries`) that are
 * not reference files: `place.yaml` is not read, and would otherwise be
 * ignored in silence.
 */
export function unknownRootFiles(entries: readonly FolderEntry[]): Diagnostic[] {
  const known: string[] = [...Object.values(REFERENCE_FILES), ...Object.values(OPTIONAL_FILES)];
  const out: Diagnostic[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || known.includes(entry.name) || ROOT_FOLDERS.includes(entry.name) || !/\.ya?ml$/i.test(entry.name)) continue;
    if (referenceTranslation(entry.path) !== undefined) continue;
    const holds = `${known.slice(0, -1).join(", ")} and ${known.at(-1)}, the events in the folder ${EVENTS_DIR}, pictures in the folder images and documents in the folder ${DOCUMENTS_DIR}`;
    const hint = didYouMean(entry.name, known);
    out.push({
      severity: "warning",
      file: entry.path,
      message: hint ? `not read${hint} The data folder holds ${holds}` : `not read: the data folder holds ${holds}; an event file goes into the events folder`,
    });
  }
  return out;
}
