/**
 * The editor's write service: the actions of Decap CMS's proxy backend
 * (what its `decap-server` answers at /api/v1), on the data folder alone.
 *
 * The editor reads each data file as it edits it (view.ts). A save is written
 * into the file as it stands (merge.ts), and the data folder as it would then
 * be is checked by the same validation as `check` (loadData, with the new
 * texts in place of the files'): when that finds an error the save brings,
 * nothing is written and the answer carries check's messages, each with the
 * field it is about. Only the files paths.ts allows are written, whole.
 */
import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Document, parse, parseDocument, isMap, isScalar, isSeq, stringify } from "yaml";
import type * as z from "zod";
import { formatDiagnostic, type Diagnostic } from "../../data/diagnostics.ts";
import { DATA_FILE_KINDS, schemaLine } from "../../data/contract/json-schema.ts";
import { loadData } from "../../data/load.ts";
import { readEvent, readReferenceFiles, type Overlay } from "../../data/read.ts";
import { IMAGES_DIR } from "../../data/attachments/images.ts";
import { DOCUMENTS_DIR, eventSchema, eventTranslationSchema, type EventFile } from "../../data/contract/schema.ts";
import { EVENTS_DIR } from "../../data/read.ts";
import { eventTextUnits, textUnits, translationOf as translationFileOf, valueAt, type TextUnit } from "../../data/languages/texts.ts";
import { MAX_FILE_BYTES } from "../../data/source/yaml-source.ts";
import { RECORDS_COMMENT, textOf as translationTextOf, translationHeader } from "../../translations.ts";
import { assignTexts, dataPath, editorLanguages, editorPath, formOfTranslation, isBlank, pruned, recordTranslatedFrom, TRANSLATED_FROM, translationOf } from "./i18n.ts";
import { editText, mergeIntoText, newFileText } from "./merge.ts";
import { placeInside, writableFile, writeWhole, type WritableFile } from "./paths.ts";
import { fromTranslationForm, siteTexts, toTranslationForm, translationFormPath } from "./translation-forms.ts";
import { fileToView, viewPath, viewToFile, wrapsWhole, type FieldPath } from "./view.ts";

/** A problem of a save, as check words it, with the form's field it is about. */
export interface SaveProblem {
  /** The line check prints: `path:line:col: message`. */
  readonly text: string;
  readonly message: string;
  /** The file, relative to the data folder. */
  readonly file: string;
  /** The field of the form it is about (a field of the file's top level), if any. */
  readonly field?: string;
  /** Where in the form it is: the fields and list positions down to the field it is about (view.ts). */
  readonly path?: FieldPath;
  /** The language of the form it is in, for a translation: the form of that language, beside the English one. */
  readonly locale?: string;
}

export interface Answer {
  readonly status: number;
  readonly json: unknown;
}

export interface EditorServiceOptions {
  readonly dataDir: string;
  /** Where validation keeps what it learnt of the pictures (as the preview's builds do). */
  readonly pictureCache?: string;
  /** The address of an event's page in the preview, from the last build, by its file. */
  readonly eventPage?: (file: string) => string | undefined;
}

export interface EditorService {
  /** Answers one request of the editor's page: `{ action, params }`. */
  handle(request: unknown): Promise<Answer>;
}

const sha = (bytes: string | Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const ok = (json: unknown): Answer => ({ status: 200, json });
const refused = (status: number, error: string, problems: readonly SaveProblem[] = []): Answer => ({ status, json: { error, problems } });

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The 1-based line and column of a diagnostic as an offset into `text`. */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + col - 1;
}

/**
 * The place in the file that a diagnostic is about, read from its position in
 * the file's text: the keys and list positions down to the deepest value (or
 * key) it falls in. A missing field is placed at the set of fields it is
 * missing from: the path is that set's, with the field's name.
 */
export function filePathOf(d: Pick<Diagnostic, "line" | "col" | "message">, text: string): { path: FieldPath; atKey: boolean } | undefined {
  const missing = /^missing required field "([^"]+)"/.exec(d.message)?.[1];
  if (d.line === undefined) return missing ? { path: [missing], atKey: false } : undefined;
  const doc = parseDocument(text);
  const offset = offsetOf(text, d.line, d.col ?? 1);
  const path: (string | number)[] = [];
  let atKey = false;
  // The deepest set of fields met on the way, for a missing field.
  let map: FieldPath = [];
  // From a node's first character to its value's last (not the line end or comment after it).
  const inside = (range: readonly number[] | null | undefined) => range !== undefined && range !== null && offset >= range[0]! && (offset < range[1]! || offset === range[0]);
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      map = [...path];
      const pair = node.items.find((p) => {
        const key = p.key as { range?: [number, number, number] } | null;
        const value = p.value as { range?: [number, number, number] } | null;
        const start = key?.range?.[0];
        const end = value?.range?.[1] ?? key?.range?.[1];
        return start !== undefined && end !== undefined && offset >= start && (offset < end || offset === start);
      });
      if (!pair) break;
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (name === undefined) break;
      path.push(name);
      if (inside((pair.key as { range?: [number, number, number] }).range) && !inside((pair.value as { range?: [number, number, number] } | null)?.range)) {
        atKey = true;
        // A field missing from an entry of a mapping may be placed at the entry's key.
        if (missing && isMap(pair.value)) return { path: [...path, missing], atKey: false };
        break;
      }
      node = pair.value;
      continue;
    }
    if (isSeq(node)) {
      const index = node.items.findIndex((item) => inside((item as { range?: [number, number, number] } | null)?.range));
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
      continue;
    }
    break;
  }
  if (missing) {
    // Placed at the set of fields itself, which starts where its first key does.
    const at = atKey && path.length === map.length + 1 ? map : isMap(node) ? path : map;
    return { path: [...at, missing], atKey: false };
  }
  return { path, atKey };
}

/** The field of the form a diagnostic is about, as a path in the form (view.ts), if it can be placed. */
function formPathOf(d: Diagnostic, text: string, schema: z.ZodType): FieldPath | undefined {
  const place = filePathOf(d, text);
  if (!place) return undefined;
  let value: unknown;
  try {
    value = parse(text);
  } catch {
    return undefined;
  }
  return viewPath(schema, value, place.path, place.atKey);
}

/** A name for a new event whose path is not one (its folder is not a year), to check it by: its file name, cleaned; else undefined. */
function provisionalEventName(relative: unknown): string | undefined {
  if (typeof relative !== "string" || !relative.startsWith(`${EVENTS_DIR}/`) || relative.includes("..")) return undefined;
  const base = path.posix.basename(relative).replace(/\.yaml$/, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return base ? `${base}.yaml` : undefined;
}

/** The file a path names, or the answer that refuses it. */
function named(relative: unknown, kinds?: readonly WritableFile["kind"][]): WritableFile | Answer {
  const check = writableFile(relative);
  if (!check.ok) return refused(400, check.reason);
  if (kinds && !kinds.includes(check.file.kind)) return refused(400, `${check.file.path}: the editor does not do this with such a file`);
  return check.file;
}
const isAnswer = (value: object): value is Answer => "status" in value;

type DataFile = Extract<WritableFile, { readonly schema: z.ZodType }>;

/** A data file (an event, a reference file, a translation of either) a path names, or the answer that refuses it. */
function dataFileNamed(relative: unknown, kinds: readonly DataFile["kind"][] = ["event", "reference", "translation"]): DataFile | Answer {
  const file = named(relative, kinds);
  return isAnswer(file) || !("schema" in file) ? (isAnswer(file) ? file : refused(400, "not a data file")) : file;
}

type Translation = Extract<WritableFile, { readonly kind: "translation" }>;

/** A file's value as YAML, or undefined when it is not YAML (check names the problem) or missing. */
function valueOf(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `text` (a translation file's) with a word on what `translated_from` is above each one that `before` (its value) had not. */
function explainRecords(text: string, before: unknown): string {
  const explain = (node: unknown, at: (string | number)[]): void => {
    if (isSeq(node)) node.items.forEach((item, i) => explain(item, [...at, i]));
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) continue;
      if (key === TRANSLATED_FROM && isScalar(pair.key) && !pair.key.commentBefore && valueAt(before, [...at, key]) === undefined) pair.key.commentBefore = RECORDS_COMMENT;
      else explain(pair.value, [...at, key]);
    }
  };
  return editText(text, (doc) => explain(doc.contents, [])) ?? text;
}

/** What a diagnostic of a file written is about in the form: its place, by the form of the file's kind. */
function placeOf(file: DataFile, d: Diagnostic, text: string): FieldPath | undefined {
  if (file.kind !== "translation") return formPathOf(d, text, file.schema);
  // An event's translation is edited in the event's form, whose places it shares.
  if (file.of === "event") return formPathOf(d, text, eventSchema);
  const place = filePathOf(d, text);
  return place && translationFormPath(file.schema, valueOf(text), place.path);
}

// What follows takes the data folder as an absolute path (`dataDir`, or the service's options with it: createEditorService
// resolves it), as the check names its files, by which the texts of a save are found.

/** The text of a data file, if it can be read. */
const read = (dataDir: string, file: WritableFile) => placeInside(dataDir, file, false).then((target) => readFile(target, "utf8")).catch(() => undefined);

/** A data file as the editor edits it (`asked`: the editor's name of it): its value, through view.ts, as YAML. */
async function entry(dataDir: string, asked: string): Promise<{ data: string | null; file: { path: string; id: string | null } }> {
  const file = dataFileNamed(dataPath(asked));
  const bytes = isAnswer(file) ? undefined : await read(dataDir, file);
  if (!isAnswer(file) && file.kind === "translation") {
    // Not YAML: the editor shows the texts as missing; check names the problem.
    const value = valueOf(bytes);
    const view = file.of === "event"
      // A translation not yet begun is shown too: the event's documents and photos, their texts to write.
      ? fileToView(eventSchema, formOfTranslation(eventTranslationSchema, valueOf(await read(dataDir, { ...file, path: file.english })), value))
      : toTranslationForm(file.schema, value ?? {});
    return { data: stringify(view, { lineWidth: 0 }), file: { path: asked, id: bytes === undefined ? null : sha(bytes) } };
  }
  if (bytes === undefined || isAnswer(file)) return { data: null, file: { path: asked, id: null } };
  // Not YAML: the editor shows an empty form; check names the problem.
  const value = valueOf(bytes);
  const view = fileToView(file.schema, value ?? (wrapsWhole(file.schema) ? [] : {}));
  return { data: stringify(view, { lineWidth: 0 }), file: { path: asked, id: sha(bytes) } };
}

/** The names of the translation files beside an event's file (relative to the data folder). */
async function translationsBeside(dataDir: string, event: string): Promise<string[]> {
  const id = path.posix.basename(event, ".yaml");
  const names = await readdir(path.join(dataDir, path.posix.dirname(event))).catch(() => [] as string[]);
  return names.filter((name) => path.basename(translationFileOf(name)?.english ?? "", ".yaml") === id).sort();
}

/** The languages the events are edited in besides English: those the editions are published in. */
async function languages(dataDir: string): Promise<string[]> {
  const { report } = await readReferenceFiles(dataDir, []);
  return editorLanguages((report.value ?? report.fields)?.editions);
}

/** The texts of an English file (relative to the data folder) as a save leaves it (`overlay`). */
async function englishUnits(dataDir: string, file: Translation, overlay: Overlay): Promise<TextUnit[]> {
  const english = path.join(dataDir, file.english);
  if (file.of === "event") {
    const { event } = readEvent(english, overlay);
    const value = (event.value ?? event.fields) as EventFile | undefined;
    return value ? eventTextUnits({ ...value, id: event.id, file: english, reportYear: 0 }) : [];
  }
  return textUnits(siteTexts(dataDir, await readReferenceFiles(dataDir, [], overlay))).filter((u) => u.file === english);
}

/**
 * The text of a translation file after a save: the texts the form shows written into the file as it is
 * (`before`), each one the save changed recorded as translated from its English as the save leaves it;
 * undefined for a file that is not there and would hold no text.
 */
async function translationText(dataDir: string, file: Translation, target: Translation, form: unknown, before: string | undefined, overlay: Overlay): Promise<string | undefined | Answer> {
  const shown = file.of === "event" ? translationOf(eventTranslationSchema, viewToFile(eventSchema, form)) : fromTranslationForm(file.schema, form);
  const old = before === undefined ? {} : valueOf(before);
  if (old === undefined) return refused(422, `${file.path} cannot be read as YAML as it stands: correct it in a text editor (check names the problem)`);
  const next = (assignTexts(file.schema, old, shown) ?? {}) as Record<string, unknown>;
  recordTranslatedFrom(next, old, await englishUnits(dataDir, target, overlay));
  const value = pruned(file.schema, next) ?? {};
  if (before !== undefined) {
    const merged = mergeIntoText(before, value, file.schema);
    return merged === undefined ? undefined : explainRecords(merged, old);
  }
  if (isBlank(value)) return undefined;
  const doc = new Document(value);
  doc.commentBefore = translationHeader(path.join(dataDir, target.path), dataDir);
  return translationTextOf(doc, true);
}

async function listFolder(dataDir: string, folder: string, depth: number): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, level: number): Promise<void> => {
    const entries = await readdir(path.join(dataDir, relative), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const child = `${relative}/${e.name}`;
      if (e.isDirectory() && level < depth) await walk(child, level + 1);
      else if (e.isFile() && level === depth) found.push(child);
    }
  };
  await walk(folder, 1);
  return found.sort();
}

async function media(dataDir: string, relative: string): Promise<Record<string, unknown>> {
  const file = named(relative, ["image", "document"]);
  if (isAnswer(file)) throw new Error(String((file.json as { error: string }).error));
  const bytes = await readFile(await placeInside(dataDir, file, false));
  return { id: sha(bytes), content: bytes.toString("base64"), encoding: "base64", path: relative, name: path.posix.basename(relative) };
}

/** The problems that the new texts bring: errors in the files written, or errors elsewhere that the folder as it is has not. */
async function problemsOf(service: EditorServiceOptions, overlay: Overlay, written: ReadonlyMap<string, { text: string; file: DataFile }>): Promise<SaveProblem[]> {
  const { dataDir, pictureCache } = service;
  const after = await loadData(dataDir, { overlay, ...(pictureCache ? { pictureCache } : {}) });
  let errors = after.diagnostics.filter((d) => d.severity === "error");
  if (errors.some((d) => !written.has(d.file))) {
    const before = await loadData(dataDir, pictureCache ? { pictureCache } : {});
    const known = new Set(before.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d)));
    errors = errors.filter((d) => written.has(d.file) || !known.has(formatDiagnostic(d)));
  }
  return errors.map((d) => {
    const own = written.get(d.file);
    const at = own ? placeOf(own.file, d, own.text) : undefined;
    const field = at?.[0];
    return {
      text: formatDiagnostic(d), message: d.message, file: path.relative(dataDir, d.file).split(path.sep).join("/"),
      ...(typeof field === "string" ? { field, path: at } : {}),
      ...(own?.file.kind === "translation" ? { locale: own.file.lang } : {}),
    };
  });
}

/** A file of a save: the file it is, the file it goes to (a moved event's new place), whether it is a new event checked under a provisional name, and the form's text. */
interface SavePlan {
  readonly file: DataFile;
  readonly destination: DataFile;
  readonly provisional: boolean;
  readonly raw: string;
}

/**
 * The files of a save (`dataFiles`, as the editor sends them), or the refusal of one; `unnamed`, the refusal of a new
 * event's file name, when the event is checked under a provisional one.
 */
async function savePlans(dataDir: string, dataFiles: readonly unknown[]): Promise<{ plans: SavePlan[]; unnamed?: Answer } | Answer> {
  let unnamed: Answer | undefined;
  const plans: SavePlan[] = [];
  for (const dataFile of dataFiles) {
    if (!isRecord(dataFile) || typeof dataFile.raw !== "string") return refused(400, "a file to save has no text");
    const asked = typeof dataFile.path === "string" ? dataPath(dataFile.path) : dataFile.path;
    let file = dataFileNamed(asked);
    let provisional = false;
    if (isAnswer(file)) {
      // A new event whose date is not one has no year to be filed under, and so no file name. It is checked under
      // the events folder itself, so that the answer is check's, at the date's field; nothing is written. Its
      // translations wait for its name.
      if (translationFileOf(String(asked))) continue;
      const name = provisionalEventName(asked);
      if (!name || dataFile.newPath !== undefined || (await placeInside(dataDir, { kind: "event", path: String(asked), schema: eventSchema, maxBytes: 0 }, false).then(() => true, () => false))) return file;
      unnamed ??= file;
      provisional = true;
      file = { kind: "event", path: `${EVENTS_DIR}/${name}`, schema: eventSchema, maxBytes: MAX_FILE_BYTES };
    }
    const destination = dataFile.newPath === undefined ? file : dataFileNamed(typeof dataFile.newPath === "string" ? dataPath(dataFile.newPath) : dataFile.newPath, [file.kind]);
    if (isAnswer(destination)) return destination;
    plans.push({ file, destination, provisional, raw: dataFile.raw });
  }
  return { plans, ...(unnamed ? { unnamed } : {}) };
}

/**
 * The text a save writes into a file, from the form (`form`) and what the file holds (`before`): null for a translation
 * not begun and given no text, for which no file is made; a refusal for a file that cannot be read as YAML as it stands.
 */
async function textToWrite(dataDir: string, plan: SavePlan, form: unknown, before: string | undefined, overlay: Overlay): Promise<string | null | Answer> {
  const { file, destination } = plan;
  let text: string | undefined;
  if (file.kind === "translation" && destination.kind === "translation") {
    const made = await translationText(dataDir, file, destination, form, before, overlay);
    if (typeof made === "object") return made;
    if (made === undefined) return null;
    text = made;
  } else if (before !== undefined) text = mergeIntoText(before, viewToFile(file.schema, form), file.schema);
  else {
    const kind = DATA_FILE_KINDS.find((k) => k.schema === file.schema)!;
    const header = file.schema === eventSchema ? schemaLine(path.join(dataDir, destination.path), dataDir, kind) : undefined;
    text = newFileText(viewToFile(file.schema, form), header);
  }
  if (text === undefined) return refused(422, `${file.path} cannot be read as YAML as it stands: correct it in a text editor (check names the problem)`);
  return text;
}

type Written = Map<string, { text: string; file: DataFile; target: string; before?: string }>;

/** An event moved to another folder takes along the translations the editor did not send (of a language it does not show). */
async function carryTranslations(dataDir: string, plans: readonly SavePlan[], written: Written, removed: string[], overlay: Map<string, string | null>): Promise<void> {
  for (const { file, destination } of plans) {
    if (file.kind !== "event" || destination.path === file.path || !removed.includes(path.join(dataDir, file.path))) continue;
    for (const name of await translationsBeside(dataDir, file.path)) {
      const from = path.posix.join(path.posix.dirname(file.path), name);
      const to = dataFileNamed(path.posix.join(path.posix.dirname(destination.path), name.replace(path.posix.basename(file.path, ".yaml"), path.posix.basename(destination.path, ".yaml"))), ["translation"]);
      if (isAnswer(to) || written.has(path.join(dataDir, to.path)) || removed.includes(path.join(dataDir, from))) continue;
      const text = await readFile(path.join(dataDir, from), "utf8");
      overlay.set(path.join(dataDir, to.path), text);
      written.set(path.join(dataDir, to.path), { text, file: to, target: await placeInside(dataDir, to, true) });
      removed.push(path.join(dataDir, from));
    }
  }
}

/** Writes the pictures and documents uploaded with a save, and gives those that are new; an upload refused removes those new ones first. */
async function writeAssets(dataDir: string, assets: readonly unknown[]): Promise<string[] | Answer> {
  const created: string[] = [];
  for (const asset of assets) {
    if (!isRecord(asset)) return refused(400, "an upload without its file");
    const placed = await writeAsset(dataDir, asset);
    if ("status" in placed) {
      await Promise.all(created.map((f) => rm(f, { force: true })));
      return placed;
    }
    if (placed.created) created.push(placed.target);
  }
  return created;
}

async function persistEntry(service: EditorServiceOptions, params: Record<string, unknown>): Promise<Answer> {
  const { dataDir } = service;
  const dataFiles = Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : [];
  const assets = Array.isArray(params.assets) ? params.assets : [];
  if (dataFiles.length === 0) return refused(400, "nothing to save");
  const overlay = new Map<string, string | null>();
  const written: Written = new Map();
  const removed: string[] = [];
  const planned = await savePlans(dataDir, dataFiles);
  if (isAnswer(planned)) return planned;
  const { plans, unnamed } = planned;
  // The English files first: a translation records what it translates as the save leaves it.
  plans.sort((a, b) => Number(a.file.kind === "translation") - Number(b.file.kind === "translation"));
  for (const plan of plans) {
    const { file, destination, provisional, raw } = plan;
    let form: unknown;
    try {
      form = parse(raw) as unknown;
    } catch (error) {
      return refused(400, `${file.path}: the editor sent a text that is not YAML (${(error as Error).message.split("\n")[0]})`);
    }
    const source = await placeInside(dataDir, file, false).catch(() => undefined);
    const before = source ? await readFile(source, "utf8").catch(() => undefined) : undefined;
    const text = await textToWrite(dataDir, plan, form, before, overlay);
    if (text === null) continue;
    if (typeof text === "object") return text;
    if (Buffer.byteLength(text) > destination.maxBytes) return refused(413, `${destination.path} would be over ${destination.maxBytes / 1024 / 1024} MB`);
    const target = provisional ? "" : await placeInside(dataDir, destination, true);
    // The name the check reads it by (the folder's real path may differ, through a link above it).
    const named = path.join(dataDir, destination.path);
    overlay.set(named, text);
    // What the file held, to leave it be when the save does not change it; a file moved is written in its new place all the same.
    written.set(named, { text, file: destination, target, ...(before !== undefined && destination.path === file.path ? { before } : {}) });
    if (source && destination.path !== file.path) removed.push(path.join(dataDir, file.path));
  }
  await carryTranslations(dataDir, plans, written, removed, overlay);
  // Pictures and documents saved with the entry are written first: the check reads them from the disk.
  const created = await writeAssets(dataDir, assets);
  if (isAnswer(created)) return created;
  // A file moved to another folder is not read in its old place.
  for (const file of removed) overlay.set(file, null);
  const problems = await problemsOf(service, overlay, written);
  if (problems.length > 0) {
    await Promise.all(created.map((f) => rm(f, { force: true })));
    return refused(422, `Nothing was saved: the data would have ${problems.length === 1 ? "an error" : `${problems.length} errors`}:\n${problems.map((p) => p.text).join("\n")}`, problems);
  }
  if (unnamed) return unnamed;
  for (const { target, text, before } of written.values()) if (text !== before) await writeWhole(target, text);
  for (const file of removed) await rm(file, { force: true });
  return ok({ message: "entry persisted" });
}

/** Writes an uploaded picture or document; whether it is new, for undoing a save that is refused. */
async function writeAsset(dataDir: string, asset: Record<string, unknown>): Promise<{ target: string; created: boolean } | Answer> {
  const file = named(asset.path, ["image", "document"]);
  if (isAnswer(file)) return file;
  if (asset.encoding !== "base64" || typeof asset.content !== "string") return refused(400, `${file.path}: the upload is not in base64`);
  const bytes = Buffer.from(asset.content, "base64");
  if (bytes.length > file.maxBytes) return refused(413, `${file.path} is ${Math.round(bytes.length / 1024 / 1024)} MB; at most ${file.maxBytes / 1024 / 1024} MB may be uploaded`);
  const target = await placeInside(dataDir, file, true);
  const existed = await readFile(target).then(() => true, () => false);
  await writeWhole(target, bytes);
  return { target, created: !existed };
}

async function answer(service: EditorServiceOptions, action: unknown, params: Record<string, unknown>): Promise<Answer> {
  const { dataDir } = service;
  switch (action) {
    case "info":
      return ok({ repo: path.basename(path.resolve(dataDir)), publish_modes: ["simple"], type: "local_fs" });
    case "entriesByFolder": {
      const folder = params.folder;
      if (folder !== "events") return refused(400, "the editor lists only the events folder");
      const depth = Math.min(Math.max(Number(params.depth) || 1, 1), 2);
      // The events, each by its English file; the editor asks for the translations of the one it opens.
      const files = (await listFolder(dataDir, "events", depth)).filter((f) => f.endsWith(".yaml") && !translationFileOf(f));
      // The editor's page says which languages its form has (client.js); else the editions' languages say it, as they did to its configuration.
      const several = Array.isArray(params.locales) ? params.locales.length > 1 : (await languages(dataDir)).length > 0;
      const named = several ? files.map(editorPath) : files;
      return ok(await Promise.all(named.map((f) => entry(dataDir, f))));
    }
    case "entriesByFiles": {
      const files = Array.isArray(params.files) ? params.files : [];
      return ok(await Promise.all(files.map((f) => entry(dataDir, String(isRecord(f) ? f.path : f)))));
    }
    case "getEntry":
      return ok(await entry(dataDir, String(params.path)));
    case "persistEntry":
      return persistEntry(service, params);
    case "getMedia": {
      const folder = (typeof params.mediaFolder === "string" ? params.mediaFolder : "").replace(/^\/+|\/+$/g, "");
      // Decap also asks for the media beside an entry's file; the data folder keeps them in images/ and documents/ only.
      if (folder !== IMAGES_DIR && folder !== DOCUMENTS_DIR) return ok([]);
      const files = await listFolder(dataDir, folder, 1);
      const list = await Promise.all(files.filter((f) => writableFile(f).ok).map((f) => media(dataDir, f).catch(() => undefined)));
      return ok(list.filter(Boolean));
    }
    case "getMediaFile":
      return ok(await media(dataDir, String(params.path)));
    case "persistMedia": {
      const asset = isRecord(params.asset) ? params.asset : {};
      const placed = await writeAsset(dataDir, asset);
      if ("status" in placed) return placed;
      return ok(await media(dataDir, String(asset.path)));
    }
    case "deleteFile":
    case "deleteFiles": {
      const paths = action === "deleteFile" ? [params.path] : Array.isArray(params.paths) ? params.paths : [];
      for (const p of paths) {
        const file = named(typeof p === "string" ? dataPath(p) : p, ["event", "translation", "image", "document"]);
        if (isAnswer(file)) return file;
        // An event's translations go with it; those of report.yaml and the reference files stay.
        if (file.kind === "translation" && file.of !== "event") return refused(400, `${file.path}: the editor does not delete this file`);
        // Also those of a language the editor does not show: a translation of no event is an error.
        if (file.kind === "event") for (const name of await translationsBeside(dataDir, file.path)) await rm(path.join(dataDir, path.posix.dirname(file.path), name), { force: true });
        await rm(await placeInside(dataDir, file, false), { force: true });
      }
      return ok({ message: "deleted" });
    }
    case "getDeployPreview":
      return ok(null);
    case "eventPage": {
      const file = named(typeof params.path === "string" ? dataPath(params.path) : params.path, ["event"]);
      if (isAnswer(file)) return file;
      return ok({ url: service.eventPage?.(path.join(dataDir, file.path)) ?? null });
    }
    default:
      return refused(422, `Unknown action ${String(action).slice(0, 50)}`);
  }
}

export function createEditorService(options: EditorServiceOptions): EditorService {
  // Absolute, as the check's files are then named, and the texts of a save found by those names.
  const service = { ...options, dataDir: path.resolve(options.dataDir) };
  return {
    async handle(request) {
      if (!isRecord(request)) return refused(400, "the request is not an action");
      try {
        return await answer(service, request.action, isRecord(request.params) ? request.params : {});
      } catch (error) {
        return refused(400, (error as Error).message);
      }
    },
  };
}
