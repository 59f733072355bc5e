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
import { parse, parseDocument, isMap, isScalar, isSeq, stringify } from "yaml";
import type { z } from "zod";
import { formatDiagnostic, type Diagnostic } from "../../data/diagnostics.ts";
import { DATA_FILE_KINDS, schemaLine } from "../../data/json-schema.ts";
import { loadData } from "../../data/load.ts";
import type { Overlay } from "../../data/read.ts";
import { IMAGES_DIR } from "../../data/pictures.ts";
import { DOCUMENTS_DIR, eventSchema } from "../../data/schema.ts";
import { EVENTS_DIR } from "../../data/read.ts";
import { MAX_FILE_BYTES } from "../../data/yaml-source.ts";
import { mergeIntoText, newFileText } from "./merge.ts";
import { placeInside, writableFile, writeWhole, type WritableFile } from "./paths.ts";
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

/** A data file (an event or a reference file) a path names, or the answer that refuses it. */
function dataFileNamed(relative: unknown, kinds: readonly DataFile["kind"][] = ["event", "reference"]): DataFile | Answer {
  const file = named(relative, kinds);
  return isAnswer(file) || !("schema" in file) ? (isAnswer(file) ? file : refused(400, "not a data file")) : file;
}

export function createEditorService(options: EditorServiceOptions): EditorService {
  // Absolute, as the check's files are then named, and the texts of a save found by those names.
  const dataDir = path.resolve(options.dataDir);

  /** A data file as the editor edits it: its value, through view.ts, as YAML. */
  async function entry(relative: string): Promise<{ data: string | null; file: { path: string; id: string | null } }> {
    const file = dataFileNamed(relative);
    const bytes = isAnswer(file) ? undefined : await placeInside(dataDir, file, false).then((target) => readFile(target, "utf8")).catch(() => undefined);
    if (bytes === undefined || isAnswer(file)) return { data: null, file: { path: relative, id: null } };
    let value: unknown;
    try {
      value = parse(bytes);
    } catch {
      // Not YAML: the editor shows an empty form; check names the problem.
      value = undefined;
    }
    const view = fileToView(file.schema, value ?? (wrapsWhole(file.schema) ? [] : {}));
    return { data: stringify(view, { lineWidth: 0 }), file: { path: relative, id: sha(bytes) } };
  }

  async function listFolder(folder: string, depth: number): Promise<string[]> {
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

  async function media(relative: string): Promise<Record<string, unknown>> {
    const file = named(relative, ["image", "document"]);
    if (isAnswer(file)) throw new Error(String((file.json as { error: string }).error));
    const bytes = await readFile(await placeInside(dataDir, file, false));
    return { id: sha(bytes), content: bytes.toString("base64"), encoding: "base64", path: relative, name: path.posix.basename(relative) };
  }

  /** The problems that the new texts bring: errors in the files written, or errors elsewhere that the folder as it is has not. */
  async function problemsOf(overlay: Overlay, written: ReadonlyMap<string, { text: string; schema: z.ZodType }>): Promise<SaveProblem[]> {
    const after = await loadData(dataDir, { overlay, ...(options.pictureCache ? { pictureCache: options.pictureCache } : {}) });
    let errors = after.diagnostics.filter((d) => d.severity === "error");
    if (errors.some((d) => !written.has(d.file))) {
      const before = await loadData(dataDir, options.pictureCache ? { pictureCache: options.pictureCache } : {});
      const known = new Set(before.diagnostics.filter((d) => d.severity === "error").map((d) => formatDiagnostic(d)));
      errors = errors.filter((d) => written.has(d.file) || !known.has(formatDiagnostic(d)));
    }
    return errors.map((d) => {
      const own = written.get(d.file);
      const at = own ? formPathOf(d, own.text, own.schema) : undefined;
      const field = at?.[0];
      return {
        text: formatDiagnostic(d), message: d.message, file: path.relative(dataDir, d.file).split(path.sep).join("/"),
        ...(typeof field === "string" ? { field, path: at } : {}),
      };
    });
  }

  async function persistEntry(params: Record<string, unknown>): Promise<Answer> {
    const dataFiles = Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : [];
    const assets = Array.isArray(params.assets) ? params.assets : [];
    if (dataFiles.length === 0) return refused(400, "nothing to save");
    const overlay = new Map<string, string | null>();
    /** The refusal of a new event's file name, when the event is checked under a provisional one. */
    let unnamed: Answer | undefined;
    const written = new Map<string, { text: string; schema: z.ZodType; target: string; before?: string }>();
    const removed: string[] = [];
    for (const dataFile of dataFiles) {
      if (!isRecord(dataFile) || typeof dataFile.raw !== "string") return refused(400, "a file to save has no text");
      let file = dataFileNamed(dataFile.path);
      let provisional = false;
      if (isAnswer(file)) {
        // A new event whose date is not one has no year to be filed under, and so no file name. It is checked under
        // the events folder itself, so that the answer is check's, at the date's field; nothing is written.
        const name = provisionalEventName(dataFile.path);
        if (!name || dataFile.newPath !== undefined || (await placeInside(dataDir, { kind: "event", path: String(dataFile.path), schema: eventSchema, maxBytes: 0 }, false).then(() => true, () => false))) return file;
        unnamed ??= file;
        provisional = true;
        file = { kind: "event", path: `${EVENTS_DIR}/${name}`, schema: eventSchema, maxBytes: MAX_FILE_BYTES };
      }
      const destination = dataFile.newPath === undefined ? file : dataFileNamed(dataFile.newPath, [file.kind]);
      if (isAnswer(destination)) return destination;
      let value: unknown;
      try {
        value = viewToFile(file.schema, parse(dataFile.raw));
      } catch (error) {
        return refused(400, `${file.path}: the editor sent a text that is not YAML (${(error as Error).message.split("\n")[0]})`);
      }
      const source = await placeInside(dataDir, file, false).catch(() => undefined);
      const before = source ? await readFile(source, "utf8").catch(() => undefined) : undefined;
      let text: string | undefined;
      if (before !== undefined) text = mergeIntoText(before, value, file.schema);
      else {
        const kind = DATA_FILE_KINDS.find((k) => k.schema === file.schema)!;
        const header = file.schema === eventSchema ? schemaLine(path.join(dataDir, destination.path), dataDir, kind) : undefined;
        text = newFileText(value, header);
      }
      if (text === undefined) return refused(422, `${file.path} cannot be read as YAML as it stands: correct it in a text editor (check names the problem)`);
      if (Buffer.byteLength(text) > destination.maxBytes) return refused(413, `${destination.path} would be over ${destination.maxBytes / 1024 / 1024} MB`);
      const target = provisional ? "" : await placeInside(dataDir, destination, true);
      // The name the check reads it by (the folder's real path may differ, through a link above it).
      const named = path.join(dataDir, destination.path);
      overlay.set(named, text);
      written.set(named, { text, schema: file.schema, target, ...(before !== undefined ? { before } : {}) });
      if (source && destination.path !== file.path) removed.push(path.join(dataDir, file.path));
    }
    // Pictures and documents saved with the entry are written first: the check reads them from the disk.
    const created: string[] = [];
    for (const asset of assets) {
      if (!isRecord(asset)) return refused(400, "an upload without its file");
      const placed = await writeAsset(asset);
      if ("status" in placed) {
        await Promise.all(created.map((f) => rm(f, { force: true })));
        return placed;
      }
      if (placed.created) created.push(placed.target);
    }
    // A file moved to another folder is not read in its old place.
    for (const file of removed) overlay.set(file, null);
    const problems = await problemsOf(overlay, written);
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
  async function writeAsset(asset: Record<string, unknown>): Promise<{ target: string; created: boolean } | Answer> {
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

  async function answer(action: unknown, params: Record<string, unknown>): Promise<Answer> {
    switch (action) {
      case "info":
        return ok({ repo: path.basename(path.resolve(dataDir)), publish_modes: ["simple"], type: "local_fs" });
      case "entriesByFolder": {
        const folder = params.folder;
        if (folder !== "events") return refused(400, "the editor lists only the events folder");
        const depth = Math.min(Math.max(Number(params.depth) || 1, 1), 2);
        const files = (await listFolder("events", depth)).filter((f) => f.endsWith(".yaml"));
        return ok(await Promise.all(files.map(entry)));
      }
      case "entriesByFiles": {
        const files = Array.isArray(params.files) ? params.files : [];
        return ok(await Promise.all(files.map((f) => entry(String(isRecord(f) ? f.path : f)))));
      }
      case "getEntry":
        return ok(await entry(String(params.path)));
      case "persistEntry":
        return persistEntry(params);
      case "getMedia": {
        const folder = (typeof params.mediaFolder === "string" ? params.mediaFolder : "").replace(/^\/+|\/+$/g, "");
        // Decap also asks for the media beside an entry's file; the data folder keeps them in images/ and documents/ only.
        if (folder !== IMAGES_DIR && folder !== DOCUMENTS_DIR) return ok([]);
        const files = await listFolder(folder, 1);
        const list = await Promise.all(files.filter((f) => writableFile(f).ok).map((f) => media(f).catch(() => undefined)));
        return ok(list.filter(Boolean));
      }
      case "getMediaFile":
        return ok(await media(String(params.path)));
      case "persistMedia": {
        const asset = isRecord(params.asset) ? params.asset : {};
        const placed = await writeAsset(asset);
        if ("status" in placed) return placed;
        return ok(await media(String(asset.path)));
      }
      case "deleteFile":
      case "deleteFiles": {
        const paths = action === "deleteFile" ? [params.path] : Array.isArray(params.paths) ? params.paths : [];
        for (const p of paths) {
          const file = named(p, ["event", "image", "document"]);
          if (isAnswer(file)) return file;
          await rm(await placeInside(dataDir, file, false), { force: true });
        }
        return ok({ message: "deleted" });
      }
      case "getDeployPreview":
        return ok(null);
      case "eventPage": {
        const file = named(params.path, ["event"]);
        if (isAnswer(file)) return file;
        return ok({ url: options.eventPage?.(path.join(dataDir, file.path)) ?? null });
      }
      default:
        return refused(422, `Unknown action ${String(action).slice(0, 50)}`);
    }
  }

  return {
    async handle(request) {
      if (!isRecord(request)) return refused(400, "the request is not an action");
      try {
        return await answer(request.action, isRecord(request.params) ? request.params : {});
      } catch (error) {
        return refused(400, (error as Error).message);
      }
    },
  };
}
