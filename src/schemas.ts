/**
 * `activity-report schema`: writes the JSON Schemas of the data files
 * (src/data/contract/json-schema.ts) into the data folder's `.schemas/`, where the
 * YAML extension of an editor such as VS Code finds them: completion, with
 * the ids of the data folder's own reference files, and red marks as one types.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DATA_FILE_KINDS, definitionsOf, jsonSchemaOf, SCHEMAS_DIR, termsOf, TRANSLATION_FILE_KINDS, type DataFileKind, type Terms } from "./data/contract/json-schema.ts";
import { NO_FOLDER, OPTIONAL_FILES, readReferenceFiles, REFERENCE_FILES } from "./data/read.ts";
import { eventSchema, type Vocabulary } from "./data/contract/schema.ts";
import { DataError } from "./data/diagnostics.ts";

/** The file that defines each kind of id. */
const DEFINED_IN: Readonly<Record<Vocabulary, string>> = {
  places: REFERENCE_FILES.places,
  strands: REFERENCE_FILES.strands,
  types: REFERENCE_FILES.eventTypes,
  topics: REFERENCE_FILES.topics,
  goals: OPTIONAL_FILES.frameworks,
  countries: REFERENCE_FILES.countries,
};

export interface WrittenSchemas {
  readonly dir: string;
  /** The schema files whose content changed (or that were missing); the others are left as they were. */
  readonly written: readonly string[];
  readonly all: readonly string[];
  /** The reference files whose ids could not be read (missing, or with errors): their references are not listed. */
  readonly unread: readonly string[];
}

/**
 * The project's VS Code settings for the data folder `dataDir` (relative to
 * the project): its files mapped to their schemas, for the YAML extension.
 */
export function vscodeSchemas(dataDir: string): Record<string, string[]> {
  const posix = dataDir.split(path.sep).join("/").replace(/\/$/, "");
  // A translation file's name matches its English file's patterns too: a `!` pattern keeps it out, where the editor reads them.
  const excluded = (kind: DataFileKind) => (kind.schema === eventSchema ? TRANSLATION_FILE_KINDS[0]!.files.map((f) => `!${f}`) : []);
  return Object.fromEntries([...DATA_FILE_KINDS, ...TRANSLATION_FILE_KINDS].map((kind) => [
    `./${posix}/${SCHEMAS_DIR}/${kind.schemaFile}`,
    [...kind.files, ...excluded(kind)].map((f) => (f.startsWith("!") ? `!${posix}/${f.slice(1)}` : `${posix}/${f}`)),
  ]));
}

/** Each schema file's text, with the ids of `terms`. */
export function schemaTexts(terms: Terms): Map<string, string> {
  return new Map([...DATA_FILE_KINDS, ...TRANSLATION_FILE_KINDS].map((kind) => [kind.schemaFile, `${JSON.stringify(jsonSchemaOf(kind, terms), null, 2)}\n`]));
}

/** The ids of the data folder `dataDir`, as far as its reference files can be read, and the files that could not. */
export async function termsIn(dataDir: string): Promise<{ terms: Terms; unread: string[] }> {
  const terms = termsOf(definitionsOf(await readReferenceFiles(dataDir, [])));
  const unread = [...new Set((Object.keys(DEFINED_IN) as Vocabulary[]).filter((v) => !terms[v]).map((v) => DEFINED_IN[v]))];
  return { terms, unread };
}

/**
 * The file in a data folder's `.schemas` that says which ids its schemas
 * offer: a hash of them, so that check, build and dev can tell in a moment
 * whether the schemas are stale, without making them.
 */
export const SCHEMAS_STAMP = ".ids.sha256";

/** The stamp of schemas made with `terms`. */
export const termsStamp = (terms: Terms): string => `${createHash("sha256").update(JSON.stringify(terms)).digest("hex")}\n`;

/** Writes the schema files of `terms` into `dir`, each only when its text changed. */
async function writeSchemaFiles(dir: string, terms: Terms): Promise<{ written: string[]; all: string[] }> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  const all: string[] = [];
  for (const [name, text] of schemaTexts(terms)) {
    const file = path.join(dir, name);
    all.push(file);
    if ((await readFile(file, "utf8").catch(() => undefined)) === text) continue;
    await writeFile(file, text);
    written.push(file);
  }
  return { written, all };
}

/**
 * Writes the schemas of the data folder `dataDir` into `dir` (its `.schemas`
 * by default); a file whose text is unchanged is not written again, so that
 * an editor watching it does not reload it for nothing. The data folder's own
 * schemas get their stamp when every reference file could be read; else the
 * next check that passes writes them again.
 */
export async function writeSchemas(dataDir: string, dir = path.join(dataDir, SCHEMAS_DIR)): Promise<WrittenSchemas> {
  const isFolder = await stat(dataDir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new DataError([{ severity: "error", file: dataDir, message: NO_FOLDER }], "Nothing was written.");
  const { terms, unread } = await termsIn(dataDir);
  const { written, all } = await writeSchemaFiles(dir, terms);
  if (path.resolve(dir) === path.resolve(dataDir, SCHEMAS_DIR)) {
    const stamp = path.join(dir, SCHEMAS_STAMP);
    if (unread.length > 0) await rm(stamp, { force: true });
    else await writeStamp(stamp, terms);
  }
  return { dir, written, all, unread };
}

async function writeStamp(file: string, terms: Terms): Promise<void> {
  const text = termsStamp(terms);
  if ((await readFile(file, "utf8").catch(() => undefined)) !== text) await writeFile(file, text);
}

/**
 * Brings the schemas of a data folder that has them (`.schemas`) up to date
 * with its ids, `terms` (those of the valid data, or read from its reference
 * files): nothing is made or written while the stamp says they are current.
 * Returns the schema files written, none when they were current.
 */
export async function refreshSchemas(dataDir: string, terms?: Terms): Promise<string[]> {
  const dir = path.join(dataDir, SCHEMAS_DIR);
  const stamp = path.join(dir, SCHEMAS_STAMP);
  const current = await readFile(stamp, "utf8").catch(() => undefined);
  if (current === undefined && !(await stat(dir).then((s) => s.isDirectory(), () => false))) return [];
  if (terms === undefined) {
    const read = await termsIn(dataDir);
    if (read.unread.length > 0) return [];
    terms = read.terms;
  }
  if (current === termsStamp(terms)) return [];
  const { written } = await writeSchemaFiles(dir, terms);
  await writeStamp(stamp, terms);
  return written;
}
