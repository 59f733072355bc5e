/**
 * `activity-report schema`: writes the JSON Schemas of the data files
 * (src/data/json-schema.ts) into the data folder's `.schemas/`, where the
 * YAML extension of an editor such as VS Code finds them: completion, with
 * the ids of the data folder's own reference files, and red marks as one types.
 */
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { DATA_FILE_KINDS, definitionsOf, jsonSchemaOf, SCHEMAS_DIR, termsOf, type Terms } from "./data/json-schema.ts";
import { NO_FOLDER, OPTIONAL_FILES, readReferenceFiles, REFERENCE_FILES } from "./data/read.ts";
import type { Vocabulary } from "./data/schema.ts";
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
  return Object.fromEntries(DATA_FILE_KINDS.map((kind) => [`./${posix}/${SCHEMAS_DIR}/${kind.schemaFile}`, kind.files.map((f) => `${posix}/${f}`)]));
}

/** Each schema file's text, with the ids of `terms`. */
export function schemaTexts(terms: Terms): Map<string, string> {
  return new Map(DATA_FILE_KINDS.map((kind) => [kind.schemaFile, `${JSON.stringify(jsonSchemaOf(kind, terms), null, 2)}\n`]));
}

/** The ids of the data folder `dataDir`, as far as its reference files can be read, and the files that could not. */
export async function termsIn(dataDir: string): Promise<{ terms: Terms; unread: string[] }> {
  const terms = termsOf(definitionsOf(await readReferenceFiles(dataDir, [])));
  const unread = [...new Set((Object.keys(DEFINED_IN) as Vocabulary[]).filter((v) => !terms[v]).map((v) => DEFINED_IN[v]))];
  return { terms, unread };
}

/**
 * Writes the schemas of the data folder `dataDir` into `dir` (its `.schemas`
 * by default); a file whose text is unchanged is not written again, so that
 * an editor watching it does not reload it for nothing.
 */
export async function writeSchemas(dataDir: string, dir = path.join(dataDir, SCHEMAS_DIR)): Promise<WrittenSchemas> {
  const isFolder = await stat(dataDir).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new DataError([{ severity: "error", file: dataDir, message: NO_FOLDER }], "Nothing was written.");
  const { terms, unread } = await termsIn(dataDir);
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
  return { dir, written, all, unread };
}
