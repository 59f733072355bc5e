/**
 * The pictures of the data folder (`images/`), which the site publishes at
 * /images/. Only pictures are published: each file is recognised by its
 * content, not by its name, and its name must say what it holds (the web
 * server picks the content type from the extension). An SVG is a document
 * that can hold scripts and load other files, so it is published only when it
 * is drawing and nothing else. Nothing reached through a link that leaves the
 * data folder is read.
 */
import { closeSync, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync, type Stats } from "node:fs";
import { isUtf8 } from "node:buffer";
import path from "node:path";
import { SaxesParser } from "saxes";
import type { Diagnostic } from "../diagnostics.ts";
import { describeFileError, walkFolder } from "../source/files.ts";
import { lineColumns } from "../source/yaml-source.ts";
import { hashFile } from "../../system/file-hashes.ts";

export const IMAGES_DIR = "images";

export type PictureType = "jpeg" | "png" | "gif" | "webp" | "avif" | "svg";

export interface Picture {
  /** Relative to the data folder, with forward slashes: `images/logo.svg`; the site serves it at `/images/logo.svg`. */
  readonly path: string;
  /** Where it is read from: the real path, inside the data folder. */
  readonly file: string;
  readonly type: PictureType;
}

/** Far above a photo or a logo, low enough that the folder cannot carry a video or an archive. */
export const MAX_PICTURE_BYTES = 25 * 1024 * 1024;
export const MAX_SVG_BYTES = 1024 * 1024;

export const EXTENSIONS: Readonly<Record<PictureType, readonly string[]>> = {
  jpeg: [".jpg", ".jpeg"],
  png: [".png"],
  gif: [".gif"],
  webp: [".webp"],
  avif: [".avif"],
  svg: [".svg"],
};

/**
 * A name of images/ that is the same in a web address as on disk: letters, digits, `_`, `-` and `.` (the characters
 * an address never encodes), not beginning with `.` or `-`. `#` ends an address's path and `?` begins its query, `%`
 * would be read as an escape, a space or a comma breaks a list of picture sources: the site's header, the web pages
 * and the print server would each ask for another file.
 */
export const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** A safe name for an unsafe one: `logo#2019.png` → `logo-2019.png`, `Café Été.jpg` → `Cafe-Ete.jpg`. */
function safeName(name: string): string {
  const extension = /\.[A-Za-z0-9]+$/.exec(name)?.[0] ?? "";
  const stem = name.slice(0, name.length - extension.length).normalize("NFKD").replace(/\p{M}/gu, "").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return `${stem || "picture"}${extension}`;
}

/** Why a path under the data folder (`images/logo#2019.png`) is not safe in a web address, saying what to rename it to; undefined when it is. */
export function pictureNameProblem(relative: string): string | undefined {
  const parts = relative.split("/");
  if (parts.every((part) => SAFE_NAME.test(part))) return undefined;
  return `has a name that a web address cannot hold as it is (only letters, digits, "_", "-" and "." may be used, not first "." or "-"); rename it to ${parts.map((part) => (SAFE_NAME.test(part) ? part : safeName(part))).join("/")}`;
}

const TYPE_NAMES: Readonly<Record<PictureType, string>> = { jpeg: "JPEG", png: "PNG", gif: "GIF", webp: "WebP", avif: "AVIF", svg: "SVG" };

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** The kind of raster picture the first bytes of a file announce (its "magic number"), if any. */
export function sniffRaster(head: Uint8Array): Exclude<PictureType, "svg"> | undefined {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (ascii(head, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (/^GIF8[79]a$/.test(ascii(head, 0, 6))) return "gif";
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") return "webp";
  if (ascii(head, 4, 8) === "ftyp" && /^avi[fs]$/.test(ascii(head, 8, 12))) return "avif";
  return undefined;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";
/** Namespaces that drawing programs write for their own settings; browsers ignore their elements. */
const EDITOR_NAMESPACES = new Set([
  "http://www.inkscape.org/namespaces/inkscape",
  "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
  "http://www.bohemiancoding.com/sketch/ns",
  "http://ns.adobe.com/AdobeIllustrator/10.0/",
  "http://ns.adobe.com/Graphs/1.0/",
  "http://ns.adobe.com/SaveForWeb/1.0/",
  "http://ns.adobe.com/Extensibility/1.0/",
]);
/** Namespaces whose elements can run code or show a document inside the picture. */
const ACTIVE_NAMESPACES = new Set(["http://www.w3.org/1999/xhtml", "http://www.w3.org/1998/Math/MathML", "http://www.w3.org/1999/XSL/Transform", "http://www.w3.org/2001/xml-events"]);

/** SVG elements that only draw: no script, no foreign object, no link, no embedded picture, no animation (which can rewrite links). */
const DRAWING_ELEMENTS = new Set([
  "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "switch", "view", "style",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter",
  "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
  "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
  "feMergeNode", "feMorphology", "feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
]);

const WHY: Readonly<Record<string, string>> = {
  script: "a script",
  foreignObject: "a foreign object, which can hold a web page",
  a: "a link",
  image: "an embedded picture, which loads another file",
  feImage: "an embedded picture, which loads another file",
};

/** What in CSS (a style element or attribute) reaches outside the picture or runs code. */
function activeCss(css: string): string | undefined {
  if (/@import/i.test(css)) return "@import, which loads another file";
  for (const match of css.matchAll(/url\s*\(\s*(['"]?)\s*([^'")\s]*)/gi)) {
    if (!match[2]!.startsWith("#")) return `url(${match[2]}), which loads another file`;
  }
  if (/expression\s*\(|javascript:|behavior\s*:|-moz-binding/i.test(css)) return "code";
  return undefined;
}

export interface SvgProblem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export interface SvgReading {
  /** Why the SVG may not be published; none when it only draws. */
  readonly problems: SvgProblem[];
  /** Its first `<text>` element, with the font-family written on it: a picture's text is drawn in the reader's own fonts. */
  readonly text?: { readonly line: number; readonly col: number; readonly font?: string };
}

/**
 * Why an SVG text may not be published, each at its line and column; none when it only draws.
 * The rules are a list of what is allowed, so that anything new or unknown stays out.
 */
export function svgProblems(text: string): SvgProblem[] {
  return readSvg(text).problems;
}

/** An SVG read once: its problems (svgProblems) and where it writes text. */
export function readSvg(text: string): SvgReading {
  const problems: SvgProblem[] = [];
  let firstText: SvgReading["text"];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const place = lineColumns(text);
  // Problems are placed at the "<" of the element they are found in.
  let at = { line: 1, col: 1 };
  const problem = (message: string) => problems.push({ ...at, message });
  parser.on("opentagstart", (tag) => {
    at = place(Math.max(0, text.lastIndexOf(`<${tag.name}`, parser.position)));
  });
  let root = true;
  let metadataDepth = 0;
  let inStyle = false;
  let style = "";

  parser.on("doctype", () => problem("a DOCTYPE declaration, which can define entities; remove it"));
  parser.on("processinginstruction", (pi) => {
    at = place(Math.max(0, text.lastIndexOf(`<?${pi.target}`, parser.position)));
    problem(`a processing instruction <?${pi.target}?>, which can load a style sheet; remove it`);
  });
  parser.on("opentag", (tag) => {
    const name = tag.local;
    if (root) {
      root = false;
      if (tag.uri !== SVG_NS || name !== "svg") problem(`not an SVG picture: the first element is <${tag.name}>${tag.uri ? "" : " (an SVG picture starts with <svg xmlns=\"http://www.w3.org/2000/svg\">)"}`);
    } else if (tag.uri === SVG_NS) {
      if (!DRAWING_ELEMENTS.has(name)) problem(`<${tag.name}> is ${WHY[name] ?? "not a drawing element"}; a published picture may only draw: remove it`);
    } else if (ACTIVE_NAMESPACES.has(tag.uri) || (metadataDepth === 0 && !EDITOR_NAMESPACES.has(tag.uri))) {
      problem(`<${tag.name}> is not an SVG drawing element (namespace ${tag.uri || "none"}); remove it`);
    }
    if (!firstText && tag.uri === SVG_NS && name === "text") {
      const font = Object.values(tag.attributes).find((a) => a.local === "font-family")?.value ?? /font-family\s*:\s*([^;]+)/i.exec(Object.values(tag.attributes).find((a) => a.local === "style")?.value ?? "")?.[1];
      firstText = { ...at, ...(font?.trim() ? { font: font.trim() } : {}) };
    }
    if (metadataDepth > 0 || (tag.uri === SVG_NS && name === "metadata")) metadataDepth++;
    if (tag.uri === SVG_NS && name === "style") {
      inStyle = true;
      style = "";
    }
    for (const attribute of Object.values(tag.attributes)) {
      const local = attribute.local.toLowerCase();
      const value = attribute.value;
      if (local.startsWith("on")) problem(`the event handler ${attribute.name}="${value.slice(0, 40)}" on <${tag.name}> runs a script; remove it`);
      else if (local === "href" && (attribute.uri === XLINK_NS || attribute.uri === "") && !value.trim().startsWith("#")) {
        problem(`${attribute.name}="${value.slice(0, 60)}" on <${tag.name}> refers to another file or address; a published picture may refer only to its own parts (#id)`);
      } else if (/javascript:/i.test(value)) problem(`${attribute.name} on <${tag.name}> holds a script address (javascript:); remove it`);
      else {
        const css = activeCss(value);
        if (css && (local === "style" || /url\s*\(/i.test(value))) problem(`${attribute.name} on <${tag.name}> holds ${css}; remove it`);
      }
    }
  });
  parser.on("text", (t) => {
    if (inStyle) style += t;
  });
  parser.on("cdata", (t) => {
    if (inStyle) style += t;
  });
  parser.on("closetag", (tag) => {
    if (metadataDepth > 0) metadataDepth--;
    if (inStyle && tag.uri === SVG_NS && tag.local === "style") {
      inStyle = false;
      const css = activeCss(style);
      if (css) problem(`the style sheet holds ${css}; remove it`);
    }
  });
  parser.on("error", (error) => {
    at = place(Math.min(parser.position, text.length));
    problem(`the SVG is not well-formed XML (${error.message.replace(/^.*?:\d+:\d+: /, "")}); save it again from a drawing program`);
  });
  try {
    parser.write(text).close();
  } catch {
    // saxes stops at its first error, which "error" has reported.
  }
  if (root && problems.length === 0) problem("not an SVG picture: the file holds no element");
  return { problems, ...(firstText ? { text: firstText } : {}) };
}

/**
 * The warning for an SVG that writes text. A picture shown as an image cannot use the page's
 * fonts, nor load one of its own (it may refer to nothing outside itself): its text is drawn
 * in whatever font the computer that shows or prints it has, and the PDF embeds that one.
 */
export function svgTextWarning(font: string | undefined): string {
  const face = font ? ` in the font ${JSON.stringify(font)}` : "";
  return `the picture writes text${face}; a picture cannot use the report's fonts, so each computer draws the text in a font it happens to have (and the PDF embeds that one, not the face the picture was drawn with). Convert the text to outlines (paths) in the drawing program`;
}

/** A picture as the last build saw it: its file's signature (file-hashes.ts) and a digest of its content. */
export interface PictureStamp {
  /** Empty when the digest is not to be trusted next time (the file had just changed when it was read). */
  readonly signature: string;
  readonly digest: string;
}

/**
 * Each picture's stamp, by its path, for telling which were replaced since the last build. A
 * picture whose signature is that of its stamp in `known` keeps that stamp unread, so that a
 * rebuild does not read every photo again; any other is read (once in this process: the
 * photos' copies are named by the same digest).
 */
export async function pictureStamps(pictures: readonly Picture[], known: Readonly<Record<string, PictureStamp>> = {}): Promise<Record<string, PictureStamp>> {
  const stamps = await Promise.all(pictures.map(async (picture): Promise<[string, PictureStamp]> => {
    const before = Object.hasOwn(known, picture.path) ? known[picture.path] : undefined;
    const { signature, hash, settled } = await hashFile(picture.file, { read: async () => (before?.signature ? { signature: before.signature, hash: before.digest } : undefined), write: async () => {} });
    return [picture.path, { signature: settled ? signature : "", digest: hash }];
  }));
  return Object.fromEntries(stamps);
}

const toPosix = (p: string) => p.split(path.sep).join("/");

/** Where a path leads, links followed; undefined when it leads nowhere. */
function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync(file);
  } catch {
    return undefined;
  }
}
const isWithin = (inner: string, outer: string) => inner.startsWith(`${outer}${path.sep}`);

function readHead(file: string, length: number): Uint8Array {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

function readWhole(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(fstatSync(fd).size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** One entry of the images folder: the picture it is, or why it is not published. */
function checkEntry(shown: string, file: string, stats: Stats, relative: string): { picture?: Picture; diagnostics: Diagnostic[] } {
  const error = (message: string, at: { line?: number; col?: number } = {}): Diagnostic => ({ severity: "error", file: shown, ...at, message });
  if (!stats.isFile()) return { diagnostics: [{ severity: "warning", file: shown, message: "not published: it is not a file (only pictures in images/ are published)" }] };
  if (stats.size > MAX_PICTURE_BYTES) return { diagnostics: [error(`the file is ${Math.round(stats.size / 1024 / 1024)} MB; a picture may be at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB`)] };
  const extension = path.extname(relative).toLowerCase();
  const head = readHead(file, 16);
  let type: PictureType | undefined = sniffRaster(head);
  let writesText: SvgReading["text"];
  if (!type) {
    const start = Buffer.from(head).toString("latin1").replace(/^\xef\xbb\xbf/, "").trimStart();
    if (extension === ".svg" || start.startsWith("<")) {
      if (stats.size > MAX_SVG_BYTES) return { diagnostics: [error(`the SVG is ${Math.round(stats.size / 1024)} KB; an SVG picture may be at most ${MAX_SVG_BYTES / 1024} KB`)] };
      const bytes = readWhole(file);
      const text = isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : undefined;
      const reading: SvgReading = text === undefined ? { problems: [{ line: 1, col: 1, message: "the SVG is not UTF-8 text; save it with UTF-8 encoding" }] } : readSvg(text);
      const { problems } = reading;
      const notSvg = problems.length > 0 && problems.every((p) => /^not an SVG picture|not well-formed/.test(p.message)) && extension !== ".svg";
      if (notSvg) type = undefined;
      else if (problems.length > 0) return { diagnostics: problems.map((p) => error(`${p.message} (an SVG is published only when it does nothing but draw)`, p)) };
      else {
        type = "svg";
        if (reading.text) writesText = reading.text;
      }
    }
  }
  if (!type) {
    return { diagnostics: [{ severity: "warning", file: shown, message: "not published: by its content it is not a picture (JPEG, PNG, GIF, WebP, AVIF or SVG); only pictures in images/ are published" }] };
  }
  if (!EXTENSIONS[type].includes(extension)) {
    const renamed = `${path.basename(relative, path.extname(relative))}${EXTENSIONS[type][0]}`;
    return { diagnostics: [error(`the file holds a ${TYPE_NAMES[type]} picture but its name ends in "${extension || "nothing"}", which would make browsers read it as something else; rename it to ${renamed}`)] };
  }
  const unsafe = pictureNameProblem(toPosix(relative));
  if (unsafe) return { diagnostics: [error(`the picture ${unsafe}`)] };
  const diagnostics: Diagnostic[] = writesText ? [{ severity: "warning", file: shown, line: writesText.line, col: writesText.col, message: svgTextWarning(writesText.font) }] : [];
  return { picture: { path: toPosix(relative), file, type }, diagnostics };
}

/**
 * The publishable pictures of the data folder, and a diagnostic for every file of
 * images/ that is not published or may not be. The folder is walked one level at a
 * time, never into a link: a recursive read follows links to folders on newer
 * versions of Node.
 */
export async function scanPictures(dir: string): Promise<{ pictures: Picture[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const pictures: Picture[] = [];
  const root = path.join(dir, IMAGES_DIR);
  const found = (() => {
    try {
      return lstatSync(root);
    } catch {
      return undefined;
    }
  })();
  if (!found) return { pictures, diagnostics };
  const realDir = realpathSync(dir);
  const realRoot = realOrUndefined(root);
  if (!realRoot || !isWithin(realRoot, realDir)) {
    diagnostics.push({ severity: "error", file: root, message: `the images folder is a link to ${realRoot ?? "nothing"}, outside the data folder; copy the pictures in instead` });
    return { pictures, diagnostics };
  }
  if (!statSync(realRoot).isDirectory()) {
    diagnostics.push({ severity: "error", file: root, message: "images must be a folder of pictures" });
    return { pictures, diagnostics };
  }
  const shownPath = (real: string) => path.join(root, path.relative(realRoot, real));
  for await (const entry of walkFolder(realRoot, (d) => diagnostics.push(d), shownPath)) {
    const relative = path.join(IMAGES_DIR, path.relative(realRoot, entry.path));
    const shown = shownPath(entry.path);
    let file = entry.path;
    let stats: Stats;
    try {
      if (entry.kind === "link") {
        const target = realOrUndefined(file);
        if (!target || !isWithin(target, realDir)) {
          const what = target && statSync(target).isDirectory() ? "folder" : "file";
          diagnostics.push({ severity: "error", file: shown, message: `the ${what} is a link to ${target ?? "nothing"}, outside the data folder; copy the ${what} in instead` });
          continue;
        }
        file = target;
        stats = statSync(file);
        if (stats.isDirectory()) {
          diagnostics.push({ severity: "warning", file: shown, message: "not published: a link to a folder is not followed; put the pictures in images/ itself" });
          continue;
        }
      } else stats = lstatSync(file);
      const checked = checkEntry(shown, file, stats, relative);
      diagnostics.push(...checked.diagnostics);
      if (checked.picture) pictures.push(checked.picture);
    } catch (error) {
      diagnostics.push({ severity: "error", file: shown, message: describeFileError(error, "file") });
    }
  }
  pictures.sort((a, b) => a.path.localeCompare(b.path));
  return { pictures, diagnostics };
}
