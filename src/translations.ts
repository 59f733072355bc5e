/**
 * `activity-report translations`: the data's texts handed to a translator as
 * XLIFF and taken back (export, import), and translations recorded as made
 * from the English as it stands (confirm). What is taken back is written into
 * the translation files (schema.ts, "Translations") only once the data folder,
 * as it would then be, passes the check: otherwise nothing is written.
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from "yaml";
import { readCatalogues } from "./data/languages/catalogues.ts";
import { DataError, sortDiagnostics, type Diagnostic } from "./data/diagnostics.ts";
import { loadData, type DataSet } from "./data/load.ts";
import { editionLanguages, languageLabel, recordedFingerprint, translationOfUnit } from "./data/languages/translations.ts";
import { fingerprint, textUnits, translationFileOf, translationOf, type TextUnit } from "./data/languages/texts.ts";
import { fromXliff, toXliff, unitId, type HandedText } from "./data/languages/xliff.ts";
import { schemaLine, TRANSLATION_FILE_KINDS, type DataFileKind } from "./data/contract/json-schema.ts";
import type { PathSegment } from "./data/source/yaml-source.ts";
import { ReportError } from "./errors.ts";

/** A request that cannot be carried out as asked; nothing was written. */
export class TranslationsError extends ReportError {
  override readonly name = "TranslationsError";
}

async function validData(dataDir: string): Promise<DataSet> {
  const loaded = await loadData(dataDir);
  if (!loaded.data) throw new DataError(loaded.diagnostics);
  return loaded.data;
}

/** Refuses a language the report cannot be written in. */
function checkLanguage(data: DataSet, lang: string): void {
  if (lang === "en") throw new TranslationsError("English is the language the data is written in: name the language to translate into, e.g. --lang ru");
  if (!readCatalogues(data.dir).byLanguage.has(lang)) {
    throw new TranslationsError(`there is no ${languageLabel(lang)} (${lang}) catalogue of the report's words: add locales/${lang}.yaml to the data folder first`);
  }
}

const relative = (data: DataSet, file: string) => path.relative(data.dir, file).split(path.sep).join("/");

/** What a translator is told of a text: what it is, and how it is written. */
function noteOf(unit: TextUnit, data: DataSet, stale: boolean): string {
  const event = unit.event !== undefined ? data.events.find((e) => e.id === unit.event) : undefined;
  const what = event ? `Event "${event.title}": ${unit.key.join(" ")}` : unit.key.join(" ");
  const form = unit.markdown ? "Markdown: keep the paragraphs, lists, **bold** and links as in the English." : "One line of plain text.";
  return `${what}. ${form}${stale ? " The English has changed since this was translated: revise the translation given." : ""}`;
}

export interface ExportOptions {
  readonly lang: string;
  /** Only this report's texts, and the whole site's. */
  readonly year?: number;
  /** Also the texts translated and up to date, for a revision of the whole. */
  readonly all?: boolean;
}

/** The texts of `lang` that need translating (none translated, or from English since changed), as XLIFF 1.2. */
export async function exportTranslations(dataDir: string, options: ExportOptions): Promise<{ xliff: string; texts: number; stale: number }> {
  const data = await validData(dataDir);
  checkLanguage(data, options.lang);
  const years = editionLanguages(data.report.editions).get(options.lang);
  if (!years) throw new TranslationsError(`no edition names ${languageLabel(options.lang)} in its languages: add \`languages: {${options.lang}: draft}\` to the editions to be translated in report.yaml`);
  if (options.year !== undefined && !years.has(options.year)) {
    throw new TranslationsError(`the edition of ${options.year} is not published in ${languageLabel(options.lang)}: add \`${options.lang}: draft\` to its languages in report.yaml, or name one of ${[...years.keys()].sort().join(", ")}`);
  }
  const files = data.translations.get(options.lang);
  const handed: HandedText[] = [];
  let stale = 0;
  for (const unit of textUnits(data)) {
    const wanted = unit.year === undefined ? true : options.year === undefined ? years.has(unit.year) : unit.year === options.year;
    if (!wanted) continue;
    const translated = translationOfUnit(files, unit);
    const recorded = recordedFingerprint(files, unit);
    const isStale = translated !== undefined && recorded !== undefined && recorded !== fingerprint(unit.text);
    if (translated !== undefined && !isStale && !options.all) continue;
    if (isStale) stale++;
    handed.push({ file: relative(data, unit.home), key: unit.key, source: unit.text, ...(translated !== undefined ? { target: translated } : {}), note: noteOf(unit, data, isStale) });
  }
  return { xliff: await toXliff(handed, options.lang), texts: handed.length, stale };
}

/** The line and column where a unit's id is written in an XLIFF file, for its messages. */
function placeInXliff(xml: string, file: string, id: string): { line: number; col: number } | undefined {
  const escaped = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const start = Math.max(0, xml.indexOf(`original="${escaped(file)}"`));
  const at = xml.indexOf(`id="${escaped(id)}"`, start);
  if (at < 0) return undefined;
  const before = xml.slice(0, at).split("\n");
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** A text set into a YAML document at `key`, the collections on the way made as needed; a text of several lines as a block. */
function setText(doc: Document, key: readonly PathSegment[], value: string): void {
  if (!isMap(doc.contents) && !isSeq(doc.contents)) doc.contents = new YAMLMap();
  let here = doc.contents;
  key.forEach((segment, i) => {
    const last = i === key.length - 1;
    const nextIsItem = !last && typeof key[i + 1] === "number";
    if (here instanceof YAMLSeq) {
      // An item further down the list than any written: those before it are written empty, to be translated later.
      while (here.items.length < Number(segment)) here.items.push(new YAMLMap());
    }
    // A key of digits (a year of editions) is written as YAML reads it, a number, and found written either way.
    const keyOf = here instanceof YAMLMap && typeof segment === "string" && /^\d+$/.test(segment) && !here.has(segment) ? Number(segment) : segment;
    if (last) {
      const scalar = new Scalar(value);
      if (value.includes("\n")) scalar.type = Scalar.BLOCK_LITERAL;
      here.set(keyOf, scalar);
      return;
    }
    const found: unknown = here.get(keyOf, true);
    let next: YAMLMap | YAMLSeq;
    if (isMap(found) || isSeq(found)) next = found;
    else {
      next = nextIsItem ? new YAMLSeq() : new YAMLMap();
      here.set(keyOf, next);
    }
    here = next;
  });
}

/** The translation files as they would be written: path → text. */
type Writes = Map<string, { doc: Document; before: string | undefined }>;

/** The kind of a translation file, for the line that names its JSON Schema. */
function kindOf(file: string, dataDir: string): DataFileKind {
  const english = path.relative(dataDir, translationOf(file)!.english).split(path.sep).join("/");
  return TRANSLATION_FILE_KINDS.find((k) => k.files[0] === english.replace(/\.yaml$/, ".*.yaml")) ?? TRANSLATION_FILE_KINDS[0]!;
}

/** The comment a new translation file starts with: the line naming its JSON Schema, and what it holds. */
export function translationHeader(file: string, dataDir: string): string {
  const schema = schemaLine(file, dataDir, kindOf(file, dataDir)).replace(/^# ?/, " ");
  return `${schema}\n The ${languageLabel(translationOf(file)!.lang)} texts of ${path.basename(translationOf(file)!.english)}.`;
}

async function documentOf(writes: Writes, file: string, dataDir: string): Promise<Document> {
  const known = writes.get(file);
  if (known) return known.doc;
  const before = existsSync(file) ? await readFile(file, "utf8") : undefined;
  const doc = before === undefined ? new Document(new YAMLMap()) : parseDocument(before);
  if (before !== undefined && doc.errors.length > 0) throw new TranslationsError(`${file}: the file is not YAML that can be read: run \`activity-report check\` and correct it first`);
  if (before === undefined) doc.commentBefore = translationHeader(file, dataDir);
  writes.set(file, { doc, before });
  return doc;
}

/** Records in a translation that `unit` was translated from its English as it stands. */
function record(doc: Document, unit: TextUnit): void {
  setText(doc, [...unit.owner, "translated_from", unit.name], fingerprint(unit.text));
}

/** Writes each file whole, through a file beside it renamed over it: a reader never sees half a file. */
async function writeAll(writes: ReadonlyMap<string, string>): Promise<void> {
  for (const [file, text] of writes) {
    const temporary = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(temporary, text);
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}

/** The word on `translated_from` above it, where it is new in a file. */
export const RECORDS_COMMENT = " Written by the tools: what each text was translated from (check tells when the English changes).";

/** `translated_from` last in each mapping, after the texts it speaks of, with a word on what it is where it is new. */
export function tidy(node: unknown, fresh = false): void {
  if (isSeq(node)) for (const item of node.items) tidy(item, fresh);
  if (!isMap(node)) return;
  // A key set by this module is a plain string; one read from a file, a scalar.
  const isRecord = (key: unknown) => key === "translated_from" || (isScalar(key) && key.value === "translated_from");
  const at = node.items.findIndex((pair) => isRecord(pair.key));
  if (at >= 0 && at < node.items.length - 1) node.items.push(...node.items.splice(at, 1));
  const pair = node.items.at(-1);
  // In a document made anew (`fresh`) every key is new.
  if (pair && (pair.key === "translated_from" || (fresh && isRecord(pair.key) && !(pair.key as Scalar).commentBefore))) {
    const key = new Scalar("translated_from");
    key.commentBefore = RECORDS_COMMENT;
    pair.key = key;
  }
  for (const item of node.items) tidy(item.value, fresh);
}

/** A translation file's text, `translated_from` tidied (tidy); `fresh`: a document made anew. */
export const textOf = (doc: Document, fresh = false) => {
  tidy(doc.contents, fresh);
  return doc.toString({ lineWidth: 0 });
};

/** Checks the data folder as it would be with `texts` written, and writes them when it passes; else throws with the errors. */
async function writeChecked(dataDir: string, texts: ReadonlyMap<string, string>): Promise<Diagnostic[]> {
  const after = await loadData(dataDir, { overlay: texts });
  const errors = after.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new DataError(sortDiagnostics(errors));
  await writeAll(texts);
  return after.diagnostics.filter((d) => d.severity === "warning" && texts.has(d.file));
}

export interface ImportResult {
  readonly lang: string;
  /** The translation files written. */
  readonly written: readonly string[];
  readonly taken: number;
  /** Units left empty by the translator. */
  readonly empty: number;
  /** What was not taken, and the warnings of the files written. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Takes an XLIFF file's translations into the translation files, each recorded as made from the English it gives. */
export async function importTranslations(dataDir: string, xliffFile: string, lang?: string): Promise<ImportResult> {
  const xml = await readFile(xliffFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new TranslationsError(`${xliffFile}: ${error.code === "ENOENT" ? "there is no such file" : error.message}`);
  });
  const read = await fromXliff(xml);
  if ("error" in read) throw new DataError([{ severity: "error", file: xliffFile, message: read.error }]);
  const target = lang ?? read.targetLanguage;
  if (!target) throw new TranslationsError(`${xliffFile} does not name its target language: give it with --lang`);
  if (lang && read.targetLanguage && read.targetLanguage !== lang) {
    throw new DataError([{ severity: "error", file: xliffFile, message: `its texts are in ${languageLabel(read.targetLanguage)} (${read.targetLanguage}), not in ${languageLabel(lang)} (${lang}) as --lang says` }]);
  }
  const data = await validData(dataDir);
  checkLanguage(data, target);
  const units = new Map(textUnits(data).map((u) => [`${relative(data, u.home)}\u0000${unitId(u.key)}`, u]));
  const problems: Diagnostic[] = [];
  const problem = (severity: Diagnostic["severity"], file: string, id: string, message: string) =>
    problems.push({ severity, file: xliffFile, ...placeInXliff(xml, file, id), message });
  const writes: Writes = new Map();
  let taken = 0;
  let empty = 0;
  for (const t of read.texts) {
    if (t.problem) {
      problem("error", t.file, t.id, t.problem);
      continue;
    }
    const unit = units.get(`${t.file}\u0000${t.id}`);
    if (!unit) {
      problem("warning", t.file, t.id, `not taken: ${t.file} has no text ${t.id} (any more); export again for the texts as they are now`);
      continue;
    }
    if (t.target === undefined) {
      empty++;
      continue;
    }
    if (t.source.trim() !== unit.text.trim()) {
      problem("warning", t.file, t.id, `not taken: the English of ${t.id} in ${t.file} has changed since the export; export again, and translate it as it reads now`);
      continue;
    }
    const doc = await documentOf(writes, translationFileOf(unit.home, target), dataDir);
    // Markdown keeps its line ends (its paragraphs and lists), and ends with one, as the English files' blocks do.
    setText(doc, unit.key, unit.markdown ? `${t.target.replace(/\s+$/, "")}\n` : t.target.trim());
    record(doc, unit);
    taken++;
  }
  if (problems.some((d) => d.severity === "error")) throw new DataError(sortDiagnostics(problems));
  const texts = new Map([...writes].map(([file, { doc }]) => [file, textOf(doc)] as const).filter(([file, text]) => text !== writes.get(file)!.before));
  const warnings = texts.size > 0 ? await writeChecked(dataDir, texts) : [];
  return { lang: target, written: [...texts.keys()], taken, empty, diagnostics: sortDiagnostics([...problems, ...warnings]) };
}

/**
 * Records the translations of `lang` (in `files`, translation or English files; every one by default) as made from
 * the English as it stands: after a translator has revised them, or checked that an English change needs none.
 */
export async function confirmTranslations(dataDir: string, lang: string, files: readonly string[] = []): Promise<{ written: readonly string[]; texts: number }> {
  const data = await validData(dataDir);
  checkLanguage(data, lang);
  const wanted = new Set(files.map((f) => path.resolve(translationOf(path.resolve(f))?.english ?? f)));
  for (const file of wanted) {
    if (!data.translations.get(lang)?.has(file)) throw new TranslationsError(`${translationFileOf(file, lang)}: there is no such translation file to confirm`);
  }
  const translations = data.translations.get(lang);
  const writes: Writes = new Map();
  let texts = 0;
  for (const unit of textUnits(data)) {
    if (wanted.size > 0 && !wanted.has(unit.home)) continue;
    if (translationOfUnit(translations, unit) === undefined || recordedFingerprint(translations, unit) === fingerprint(unit.text)) continue;
    record(await documentOf(writes, translationFileOf(unit.home, lang), dataDir), unit);
    texts++;
  }
  const out = new Map([...writes].map(([file, { doc }]) => [file, textOf(doc)] as const));
  if (out.size > 0) await writeChecked(dataDir, out);
  return { written: [...out.keys()], texts };
}
