/**
 * Which files of the data folder the editor may write, read strictly from
 * the path its page sends: an event file in its year folder, one of the
 * reference files, the translation file of either in another language
 * (`<name>.ru.yaml` beside it), a picture of images/ or a document of documents/, each
 * within the size the check allows it. Nothing else: no `..`, no name
 * starting with a dot, no other folder, no other kind of file. The folders
 * on the way are checked on the disk too (writeInside): none may be a link.
 */
import { randomBytes } from "node:crypto";
import { lstat, mkdir, realpath, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type * as z from "zod";
import { DATA_FILE_KINDS } from "../../data/contract/json-schema.ts";
import { MAX_DOCUMENT_BYTES } from "../../data/attachments/documents.ts";
import { EXTENSIONS, IMAGES_DIR, MAX_PICTURE_BYTES, MAX_SVG_BYTES, SAFE_NAME } from "../../data/attachments/images.ts";
import { EVENTS_DIR } from "../../data/read.ts";
import { DOCUMENT_FILE, DOCUMENT_NAME, DOCUMENTS_DIR, eventSchema, eventTranslationSchema, ID_PATTERN } from "../../data/contract/schema.ts";
import { TRANSLATION_NAME } from "../../data/languages/texts.ts";
import { MAX_FILE_BYTES } from "../../data/source/yaml-source.ts";
import { ENGLISH } from "./i18n.ts";
import { translatedFileOf } from "./translation-forms.ts";

export type WritableFile =
  | { readonly kind: "event"; readonly path: string; readonly schema: z.ZodType; readonly maxBytes: number }
  | { readonly kind: "reference"; readonly path: string; readonly schema: z.ZodType; readonly maxBytes: number }
  /** The texts of an event file or a reference file (`english`) in the language `lang`. */
  | { readonly kind: "translation"; readonly path: string; readonly schema: z.ZodType; readonly maxBytes: number; readonly english: string; readonly lang: string; readonly of: "event" | "reference" }
  | { readonly kind: "image" | "document"; readonly path: string; readonly maxBytes: number };

export type PathCheck = { readonly ok: true; readonly file: WritableFile } | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): PathCheck => ({ ok: false, reason });

const PICTURE_EXTENSIONS = Object.values(EXTENSIONS).flat();

/**
 * What a path relative to the data folder (`events/2018/2018-05-07-sarajevo.yaml`) names, if the editor may write it.
 * An event under a folder named by its whole date (`events/2018-05-07/…`) is the file of that year's folder.
 */
export function writableFile(relative: unknown): PathCheck {
  if (typeof relative !== "string" || relative === "") return refuse("no file was named");
  if (relative.length > 300) return refuse("the path is too long");
   
  if (/[\\\x00-\x1f\x7f]/.test(relative) || relative.startsWith("/")) return refuse(`"${relative}" is not a path inside the data folder`);
  const parts = relative.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || p.startsWith("."))) return refuse(`"${relative}" leads out of its folder or to a hidden file`);
  const [top, ...rest] = parts;
  const name = parts.at(-1)!;
  if (top === EVENTS_DIR) {
    // A new event's folder is its date as the form holds it (config.ts): its year names the folder.
    const dated = rest.length === 2 ? /^(\d{4})(?:-\d{2}){0,2}$/.exec(rest[0]!) : null;
    if (dated && dated[1] !== rest[0]) return writableFile(`${EVENTS_DIR}/${dated[1]}/${name}`);
    const translation = rest.length === 2 && /^\d{4}$/.test(rest[0]!) ? TRANSLATION_NAME.exec(name) : null;
    if (translation && ID_PATTERN.test(translation[1]!)) {
      if (translation[2] === ENGLISH) return refuse(`"${relative}": the English texts are the event's file itself`);
      const english = `${EVENTS_DIR}/${rest[0]}/${translation[1]}.yaml`;
      return { ok: true, file: { kind: "translation", path: relative, schema: eventTranslationSchema, maxBytes: MAX_FILE_BYTES, english, lang: translation[2]!, of: "event" } };
    }
    if (rest.length !== 2 || !/^\d{4}$/.test(rest[0]!) || !name.endsWith(".yaml") || !ID_PATTERN.test(name.slice(0, -5))) {
      return refuse(`"${relative}": an event file is events/<year>/<name>.yaml, named in lower case letters, digits and hyphens`);
    }
    return { ok: true, file: { kind: "event", path: relative, schema: eventSchema, maxBytes: MAX_FILE_BYTES } };
  }
  if (parts.length === 1) {
    const translated = translatedFileOf(name);
    if (translated) {
      if (translated.lang === ENGLISH) return refuse(`"${relative}": the English texts are ${translated.english} itself`);
      return { ok: true, file: { kind: "translation", path: relative, schema: translated.schema as z.ZodType, maxBytes: MAX_FILE_BYTES, english: translated.english, lang: translated.lang, of: "reference" } };
    }
    const kind = DATA_FILE_KINDS.find((k) => k.schema !== eventSchema && k.files[0] === name);
    if (!kind) return refuse(`"${relative}" is not one of the data folder's files`);
    return { ok: true, file: { kind: "reference", path: relative, schema: kind.schema, maxBytes: MAX_FILE_BYTES } };
  }
  if (top === IMAGES_DIR) {
    const extension = path.extname(name).toLowerCase();
    if (rest.length !== 1 || !SAFE_NAME.test(name) || !PICTURE_EXTENSIONS.includes(extension)) {
      return refuse(`"${relative}": a picture is images/<name> with one of ${PICTURE_EXTENSIONS.join(", ")}, named in letters, digits, "_", "-" and "."`);
    }
    return { ok: true, file: { kind: "image", path: relative, maxBytes: extension === ".svg" ? MAX_SVG_BYTES : MAX_PICTURE_BYTES } };
  }
  if (top === DOCUMENTS_DIR) {
    if (rest.length !== 1 || !DOCUMENT_NAME.test(name) || !DOCUMENT_FILE.test(name)) {
      return refuse(`"${relative}": a document is documents/<name>.pdf or .docx, named in lower case letters, digits, "-", "_" and "."`);
    }
    return { ok: true, file: { kind: "document", path: relative, maxBytes: MAX_DOCUMENT_BYTES } };
  }
  return refuse(`"${relative}" is not in a folder the editor writes to (${EVENTS_DIR}/, ${IMAGES_DIR}/, ${DOCUMENTS_DIR}/)`);
}

/**
 * The absolute path of `file` in the data folder `dir`, once every folder on
 * the way is checked to be a folder, not a link (those missing are made), and
 * the file itself, if it exists, an ordinary file.
 */
export async function placeInside(dir: string, file: WritableFile, create: boolean): Promise<string> {
  const root = await realpath(dir);
  const parts = file.path.split("/");
  let at = root;
  for (const part of parts.slice(0, -1)) {
    at = path.join(at, part);
    const info = await lstat(at).catch(() => undefined);
    if (!info) {
      if (!create) throw new Error(`${file.path}: there is no such file`);
      await mkdir(at);
    } else if (!info.isDirectory()) throw new Error(`${file.path}: ${path.relative(root, at)} is not a folder of the data folder (a link or a file)`);
  }
  const target = path.join(at, parts.at(-1)!);
  const info = await lstat(target).catch(() => undefined);
  if (info && !info.isFile()) throw new Error(`${file.path} is not an ordinary file (a link or a folder); the editor does not write it`);
  return target;
}

/** Writes `bytes` whole to `target`: into a hidden file beside it, renamed into place, so that no reader sees half a file. */
export async function writeWhole(target: string, bytes: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.tmp-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
