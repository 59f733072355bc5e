/**
 * The photos the data names (events' `photos`, editions' `cover_photo`) and the logos of
 * report.yaml, checked against the files of images/. A photo must be one of the pictures
 * that images.ts found publishable, a raster picture (an SVG is a drawing, not a photo),
 * small enough to process and large enough to print. Its size is read from the file's
 * header, once, and kept on the DataSet so that the build does not read it again. sharp is
 * loaded only when there is a raster picture to read: checking data without one stays fast.
 */
import { createHash } from "node:crypto";
import { lstatSync, realpathSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import path from "node:path";
import type { Metadata, SharpOptions } from "sharp";
import { hashFile, limiter, recordedHash, writeWhole } from "../../system/file-hashes.ts";
import type { Diagnostic } from "../diagnostics.ts";
import { IMAGES_DIR, MAX_PICTURE_BYTES, pictureNameProblem, type Picture, type PictureType } from "./images.ts";
import type { WrittenEvent, WrittenFolder, WrittenMapping } from "../read.ts";
import { photoSchema, type Edition, type Photo, type ReportFile } from "../contract/schema.ts";
import type { PathSegment, YamlSource } from "../source/yaml-source.ts";
import { validFields } from "../contract/zod-issues.ts";

/**
 * Far above any camera's photo that a report prints; beyond it decoding needs more memory than a build machine may have.
 * Every frame counts: an animated picture is decoded, and re-encoded, frame by frame.
 */
export const MAX_PHOTO_PIXELS = 50_000_000;
/** A photo at most this many times as long as it is wide (or tall): a panorama passes, a strip a pixel wide does not print. */
export const MAX_PHOTO_PROPORTION = 10;

/**
 * How every step of the build opens a raster picture, and validation too, so that what validation decodes the build
 * decodes alike: a picture cut short is an error (not published with its lower half grey), while the harmless
 * irregularities many cameras write (extraneous bytes before a marker) are not; and never more pixels, every frame
 * counted, than MAX_PHOTO_PIXELS.
 */
export const PICTURE_INPUT = { failOn: "truncated", limitInputPixels: MAX_PHOTO_PIXELS } as const satisfies SharpOptions;
/** Whether the build opens a picture of this type with all its frames: a GIF or a WebP published as itself keeps them (an AVIF sequence, a photo, only its first). */
export const opensAnimated = (type: PictureType): boolean => type === "gif" || type === "webp";
/** Part of the key of a content known to decode: bump it when PICTURE_INPUT or decodeProblem changes. */
const DECODE_VERSION = 1;
/** The long side below which a photo prints blurred: 1,000 pixels are about 300 dpi over 85 mm. */
export const MIN_PRINT_LONG_SIDE = 1000;

/** The printed widths, in millimetres: a cover photo across the A4 text block, an event's photo beside its entry. */
export const PRINT_WIDTH_MM = { cover: 160, event: 75 } as const;
/** The tallest each is printed: a portrait photo is printed narrower, so that the cover keeps room for its title, and an entry for its text. */
export const PRINT_HEIGHT_MM = { cover: 110, event: 90 } as const;
export type PrintUse = keyof typeof PRINT_WIDTH_MM;
/** Enough for a photo at reading distance; more only makes the PDF heavier. */
export const PRINT_DPI = 300;
/** Below this a printed photo looks soft: the cover photo, printed largest, is warned about. */
export const MIN_COVER_DPI = 200;

/** The narrowest a photo is printed, in millimetres: validation refuses the proportions that would print one narrower (MAX_PHOTO_PROPORTION). */
const MIN_PRINT_WIDTH_MM = 1;

/** How wide a photo of `width` × `height` pixels is printed for `use`, in millimetres: the full width, unless that would make it too tall; never under 1 mm. */
export function printedWidthMm(use: PrintUse, width: number, height: number): number {
  return Math.max(MIN_PRINT_WIDTH_MM, Math.min(PRINT_WIDTH_MM[use], Math.round(((PRINT_HEIGHT_MM[use] * width) / height) * 10) / 10));
}

/** Pixels across for a print width in millimetres at PRINT_DPI; never under one. */
export const printPixels = (mm: number): number => Math.max(1, Math.round((mm / 25.4) * PRINT_DPI));

/** A warning when a cover photo has too few pixels for the size the cover prints it at, or undefined. */
export function coverSizeProblem(width: number, height: number): string | undefined {
  const mm = printedWidthMm("cover", width, height);
  const dpi = Math.floor(width / (mm / 25.4));
  if (dpi >= MIN_COVER_DPI) return undefined;
  return `is ${width} pixels across: the cover prints it ${mm} mm wide, at about ${dpi} dpi, which looks soft; a copy of at least ${printPixels(mm).toLocaleString("en")} pixels across prints sharp`;
}

export type RasterType = Exclude<PictureType, "svg">;
const PHOTO_TYPES: readonly PictureType[] = ["jpeg", "png", "webp", "avif"];
const TYPE_NAMES: Readonly<Record<PictureType, string>> = { jpeg: "a JPEG", png: "a PNG", gif: "a GIF", webp: "a WebP", avif: "an AVIF", svg: "an SVG drawing" };

/** What validation learnt about a raster picture: the build reads these instead of the file. */
export interface PictureFacts {
  /** `images/2018-sarajevo.jpg`, as written. */
  readonly path: string;
  /** The file on disk, inside the data folder. */
  readonly file: string;
  /** A photo is never a GIF (validation says so); a logo or another picture of images/ may be. */
  readonly type: RasterType;
  /** In pixels, as the picture is shown: with the rotation its EXIF orientation asks for applied. */
  readonly width: number;
  readonly height: number;
  readonly orientation: "landscape" | "portrait" | "square";
  /** The EXIF orientation as stored (1 to 8; 1 when there is none); 5 to 8 turn the picture by a quarter. */
  readonly exifOrientation: number;
  readonly bytes: number;
  /** When the file last changed (ms): a long-running preview tells a replaced photo of the same size by it. */
  readonly modified: number;
}

/** A logo of the cover, its file under images/. */
export interface LogoEntry {
  readonly file: string;
  /** What it shows (the organisation's name); empty for the older `logo`, which is decorative. */
  readonly alt: string;
}

/**
 * The logos of report.yaml in the order given: `logos`, or the older `logo` read as a
 * one-item list without alt. Everything after validation reads logos from here
 * (DataSet.logos), never `logo` or `logos` themselves.
 */
export function logosOf(report: Pick<Partial<ReportFile>, "logo" | "logos">): LogoEntry[] {
  if (report.logos) return report.logos.map(({ file, alt }) => ({ file, alt }));
  return report.logo === undefined ? [] : [{ file: report.logo, alt: "" }];
}

/** Width and height as shown: EXIF orientations 5 to 8 store the picture turned by a quarter. */
export function shownSize(width: number, height: number, exifOrientation: number): { width: number; height: number } {
  return exifOrientation >= 5 && exifOrientation <= 8 ? { width: height, height: width } : { width, height };
}

export const orientationOf = (width: number, height: number): PictureFacts["orientation"] => (width > height ? "landscape" : width < height ? "portrait" : "square");

/** Why `written` is not a path under images/ (no `..`, no absolute path, forward slashes) with a name safe in a web address, or undefined. */
export function photoPathProblem(written: string): string | undefined {
  const parts = written.split("/");
  if (parts[0] === IMAGES_DIR && parts.length >= 2 && !parts.some((p) => p === "" || p === "." || p === "..") && !written.includes("\\")) {
    const unsafe = pictureNameProblem(written);
    return unsafe && `"${written}" ${unsafe}, and write the new name here`;
  }
  return `"${written}" must be a picture in the ${IMAGES_DIR} folder of the data folder, written from there, e.g. ${IMAGES_DIR}/2018-05-07-sarajevo.jpg`;
}

const comparable = (text: string) => text.normalize("NFC").toLowerCase().replace(/[\s_.-]+/g, " ").trim();

/** Warnings about an alt text that says nothing the reader does not have already: the file's name, or the caption (which is read out too). */
export function altProblems(photo: Pick<Partial<Photo>, "file" | "alt" | "caption">): string[] {
  const { alt, file, caption } = photo;
  if (alt === undefined) return [];
  const out: string[] = [];
  if (file !== undefined) {
    const name = path.posix.basename(file);
    if ([name, name.replace(/\.[^.]*$/, "")].some((n) => comparable(n) === comparable(alt))) {
      out.push("alt repeats the file name, which tells a reader who cannot see the picture nothing; write what the picture shows");
    }
  }
  if (caption !== undefined && comparable(caption) === comparable(alt)) {
    out.push("alt repeats the caption, which is read out as well; write what the picture shows that the caption does not say");
  }
  return out;
}

/** Why the picture's pixels, in all its `frames` (an animated GIF or WebP), are too many to process, or undefined. */
export function pixelProblem(width: number, height: number, frames = 1): string | undefined {
  const pixels = width * height * frames;
  if (pixels <= MAX_PHOTO_PIXELS) return undefined;
  const megapixels = (pixels / 1_000_000).toFixed(1);
  const limit = MAX_PHOTO_PIXELS / 1_000_000;
  if (frames > 1) {
    return `is ${width} × ${height} pixels in ${frames.toLocaleString("en")} frames (${megapixels} megapixels in all); a picture may have at most ${limit} megapixels, every frame counted: keep fewer frames, or scale it down`;
  }
  return `is ${width} × ${height} pixels (${megapixels} megapixels); a picture may have at most ${limit} megapixels: scale it down, e.g. to 6000 pixels on its long side`;
}

/** Why a photo's proportions are too extreme to print (a strip a few pixels wide), or undefined. */
export function proportionProblem(width: number, height: number): string | undefined {
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  if (long <= short * MAX_PHOTO_PROPORTION) return undefined;
  return `is ${width} × ${height} pixels, over ${MAX_PHOTO_PROPORTION} times as ${width > height ? "wide as it is tall" : "tall as it is wide"}: printed beside an entry it would be a sliver; crop it to the part worth showing`;
}

/** A warning when the long side is too short to print sharp, or undefined. */
export function printSizeProblem(width: number, height: number): string | undefined {
  const long = Math.max(width, height);
  if (long >= MIN_PRINT_LONG_SIDE) return undefined;
  return `is ${width} × ${height} pixels, under ${MIN_PRINT_LONG_SIDE.toLocaleString("en")} on its long side: it will print blurred; use a larger copy of the photo if there is one`;
}

/** One place in a data file that names a picture. */
interface PictureUse {
  readonly source: YamlSource;
  /** Where the photo or logo entry is written in the file; its `file` is under it. */
  readonly at: readonly PathSegment[];
  readonly entry: Partial<Photo>;
  /** The event file that shows it, for a photo of an event. */
  readonly event?: string;
  readonly kind: "photo" | "logo";
}

const entryAt = (raw: unknown, at: readonly PathSegment[]): unknown =>
  at.reduce<unknown>((value, key) => (value !== null && typeof value === "object" && Object.hasOwn(value, key) ? (value as Record<PathSegment, unknown>)[key] : undefined), raw);

/** Each entry of a list of photos as written, with its fields that are valid on their own: one mistake hides no other photo. */
function photoEntries(source: YamlSource, at: readonly PathSegment[]): { at: PathSegment[]; entry: Partial<Photo> }[] {
  const list = entryAt(source.value, at);
  if (!Array.isArray(list)) return [];
  return list.map((raw, i) => ({ at: [...at, i], entry: validFields(photoSchema, raw) }));
}

/** Every photo the events and editions name, and every raster logo, in the order of their files. */
function pictureUses(events: readonly WrittenEvent[], report: WrittenMapping<ReportFile>, editions: Readonly<Record<string, Partial<Edition>>> | undefined): PictureUse[] {
  const uses: PictureUse[] = [];
  const reportSource = report.source;
  if (reportSource) {
    for (const year of Object.keys(editions ?? {})) {
      const at = ["editions", year, "cover_photo"];
      const raw = entryAt(reportSource.value, at);
      if (raw !== undefined && raw !== null) uses.push({ source: reportSource, at, entry: validFields(photoSchema, raw), kind: "photo" });
    }
  }
  for (const { source, file } of events) {
    if (!source) continue;
    for (const { at, entry } of photoEntries(source, ["photos"])) uses.push({ source, at, entry, event: file, kind: "photo" });
  }
  return uses;
}

type Checked = { readonly facts: PictureFacts } | { readonly problem: string } | { readonly reported: true };

const isRaster = (picture: Picture): picture is Picture & { readonly type: RasterType } => picture.type !== "svg";

/** Why a picture of this type cannot be a photo, or undefined. */
const notAPhoto = (picture: Pick<Picture, "path" | "type">): string | undefined =>
  PHOTO_TYPES.includes(picture.type) ? undefined : `${picture.path} holds ${TYPE_NAMES[picture.type]}, not a photo: a photo must be a JPEG, PNG, WebP or AVIF file; save it as one`;

/**
 * Where the photo cache `cacheDir` (photoCacheFor, beside the output folder) keeps what outlives a build besides the
 * copies: each picture file's hash with its signature (file-hashes.ts), and the contents known to decode to their end.
 * Validation and the photo processor share them.
 */
export const pictureCacheFolders = (cacheDir: string) => ({ hashes: path.join(cacheDir, "hashes"), decoded: path.join(cacheDir, "decoded") });

/** Pictures decoded at once: each holds its file's bytes while it decodes. */
const decoding = limiter(Math.max(1, availableParallelism()));

/** What a picture's header says, kept with a content known to decode: a second check of it needs no decoder. */
interface HeaderFacts {
  readonly width: number;
  readonly height: number;
  /** Frames: a GIF's, a WebP's or an AVIF's. */
  readonly pages: number;
  readonly orientation: number;
}
const isHeaderFacts = (value: unknown): value is HeaderFacts =>
  value !== null && typeof value === "object" && ["width", "height", "pages", "orientation"].every((k) => Number.isInteger((value as Record<string, unknown>)[k]));

/** Without a cache folder, the contents decoded to their end in this process, by decodedKey: the preview checks the data again at every save. */
const decodedHere = new Map<string, HeaderFacts>();
let decodings = 0;
/** How many pictures this process has decoded to check them (not found known to decode): none on a second check of the same pictures. */
export const pictureDecodings = (): number => decodings;

/**
 * The decoder's version: sharp's, read from its package file rather than by loading it (a tenth of `check`'s time).
 * Each release of sharp brings its own libvips, and a newer one may judge a picture otherwise.
 */
const decoderVersion = (() => {
  let version: string | undefined;
  return () => (version ??= String((createRequire(import.meta.url)("sharp/package.json") as { version?: unknown }).version));
})();
/** A content known to decode, with this version of the checks and of the decoder. */
const decodedKey = (hash: string) => createHash("sha256").update(JSON.stringify([hash, DECODE_VERSION, decoderVersion()])).digest("base64url").slice(0, 32);

/** The header facts kept with a content known to decode, or undefined when it is not known (or the cache is unreadable). */
async function knownFacts(picture: Picture, folders: ReturnType<typeof pictureCacheFolders> | undefined): Promise<HeaderFacts | undefined> {
  try {
    const key = decodedKey((await hashFile(picture.file, folders && recordedHash(folders.hashes, picture.file))).hash);
    if (!folders) return decodedHere.get(key);
    const kept = JSON.parse(await readFile(path.join(folders.decoded, key), "utf8")) as unknown;
    return isHeaderFacts(kept) ? kept : undefined;
  } catch {
    // Not known, or the file cannot be read: said where it is read.
    return undefined;
  }
}

/**
 * Why a raster picture does not decode to its end, every frame, as the build opens it (PICTURE_INPUT); undefined
 * when it does. A header can be whole and the data behind it cut short (a download stopped halfway): only decoding
 * tells. A content that decoded is known by its hash, with its header's facts, kept in the cache folders when given,
 * so that the next check of an unchanged picture reads no pixel of it, nor, while its file's signature stands, any byte.
 */
async function decodeProblem(picture: Picture & { type: RasterType }, header: HeaderFacts, folders: ReturnType<typeof pictureCacheFolders> | undefined): Promise<string | undefined> {
  const { default: sharp } = await import("sharp");
  return decoding(async () => {
    let bytes: Buffer;
    try {
      bytes = await readFile(picture.file);
    } catch (error) {
      return `${picture.path} cannot be read (${error instanceof Error ? error.message : String(error)})`;
    }
    decodings++;
    try {
      // Every frame the build opens, shrunk as it is decoded (a JPEG's blocks are all read, at an eighth of their size),
      // turned and converted to sRGB as the build does: all that matters is that each step reaches the end.
      await sharp(bytes, { ...PICTURE_INPUT, animated: opensAnimated(picture.type) }).rotate().resize({ width: 64, height: 64, fit: "inside" }).withIccProfile("srgb").raw().toBuffer();
    } catch (error) {
      const why = (error instanceof Error ? error.message : String(error)).split("\n")[0]!.trim();
      return `${picture.path} cannot be decoded to its end as ${TYPE_NAMES[picture.type]} (${why}): the file is damaged, perhaps cut short while it was downloaded or copied; copy it again from where it came from, or save it again from a picture program`;
    }
    // The bytes decoded are the ones hashed here: a file replaced meanwhile is known by what was read.
    const key = decodedKey(createHash("sha256").update(bytes).digest("base64url"));
    if (folders) await writeWhole(path.join(folders.decoded, key), JSON.stringify(header)).catch(() => undefined);
    else decodedHere.set(key, header);
    return undefined;
  });
}

/** The header of a raster picture, read by sharp; a string says why it cannot be read. */
async function readHeader(picture: Picture & { type: RasterType }): Promise<HeaderFacts | string> {
  let metadata: Metadata;
  try {
    const { default: sharp } = await import("sharp");
    metadata = await sharp(picture.file, { limitInputPixels: false }).metadata();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return `${picture.path} cannot be read as ${TYPE_NAMES[picture.type]} (${why}); save it again from a picture program`;
  }
  // Opened without `animated`, the height is a frame's; `pages` counts the frames of a GIF, a WebP, an AVIF.
  return { width: metadata.width ?? 0, height: metadata.height ?? 0, pages: Math.max(1, metadata.pages ?? 1), orientation: metadata.orientation ?? 1 };
}

/**
 * The facts of one raster picture from its header, and why it cannot be published: too many pixels, its frames
 * counted (told from the header, before any pixel is decoded), or data that does not decode to its end.
 */
async function readFacts(picture: Picture & { type: RasterType }, { bytes, modified }: { bytes: number; modified: number }, cacheDir: string | undefined): Promise<Checked> {
  const folders = cacheDir === undefined ? undefined : pictureCacheFolders(cacheDir);
  const known = await knownFacts(picture, folders);
  const header = known ?? (await readHeader(picture));
  if (typeof header === "string") return { problem: header };
  const tooMany = pixelProblem(header.width, header.height, header.pages);
  if (tooMany) return { problem: `${picture.path} ${tooMany}` };
  if (!known) {
    const broken = await decodeProblem(picture, header, folders);
    if (broken) return { problem: broken };
  }
  const { width, height } = shownSize(header.width, header.height, header.orientation);
  return { facts: { path: picture.path, file: picture.file, type: picture.type, width, height, orientation: orientationOf(width, height), exifOrientation: header.orientation, bytes, modified } };
}

/**
 * Checks the file a photo or logo names against the disk and the scan of images/: it must be there,
 * inside the data folder, at most 25 MB, and one of the pictures found publishable.
 */
function fileProblem(
  written: string,
  dir: string,
  realDir: string,
  pictures: ReadonlyMap<string, Picture>,
  scanDiagnostics: readonly Diagnostic[],
): { picture: Picture; bytes: number; modified: number } | { problem: string } | { reported: true } {
  const file = path.join(dir, written);
  try {
    lstatSync(file);
  } catch {
    return { problem: `the file ${written} is not in the data folder; put the picture in the ${IMAGES_DIR} folder, or correct the name` };
  }
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return { problem: `${written} is a link to nothing; copy the picture itself in` };
  }
  if (!real.startsWith(`${realDir}${path.sep}`)) return { problem: `${written} is a link to ${real}, outside the data folder; copy the picture in instead` };
  const { size: bytes, mtimeMs: modified } = statSync(real);
  if (bytes > MAX_PICTURE_BYTES) {
    return { problem: `${written} is ${Math.round(bytes / 1024 / 1024)} MB; a picture may be at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB: save it with stronger compression or fewer pixels` };
  }
  const picture = pictures.get(written);
  if (picture) return { picture, bytes, modified };
  const said = scanDiagnostics.find((d) => d.file === file);
  // The scan's error at the file says what to do (rename it, make the SVG only draw); it is not said again here.
  if (said?.severity === "error") return { reported: true };
  return { problem: `${written} ${said ? `is ${said.message}` : "is not a picture that may be published (JPEG, PNG, WebP or AVIF)"}` };
}

export interface PhotoCheck {
  /** Every raster picture of images/ that may be published (photos, logos, others), by its path under the data folder. */
  readonly facts: ReadonlyMap<string, PictureFacts>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Every photo of the events and editions, and every logo, against the data folder `dir` and its
 * scan of images/: errors and warnings at the field that names the picture; each file is read
 * once, however often it is named.
 */
export async function checkPhotos(
  events: readonly WrittenEvent[],
  report: WrittenMapping<ReportFile>,
  editions: Readonly<Record<string, Partial<Edition>>> | undefined,
  scan: WrittenFolder["pictures"],
  dir: string,
  cacheDir?: string,
): Promise<PhotoCheck> {
  const diagnostics: Diagnostic[] = [];
  const facts = new Map<string, PictureFacts>();
  const checked = new Map<string, Promise<Checked>>();
  // Looked up once per photo, logo and picture: a map, not a search of the list each time.
  const byPath = new Map(scan.pictures.map((p) => [p.path, p]));
  let realDir: string | undefined;
  const check = (written: string): Promise<Checked> => {
    let result = checked.get(written);
    if (!result) {
      realDir ??= realpathSync(dir);
      const found = fileProblem(written, dir, realDir, byPath, scan.diagnostics);
      if (!("picture" in found)) result = Promise.resolve(found);
      else if (isRaster(found.picture)) result = readFacts(found.picture, found, cacheDir);
      // An SVG is checked as a drawing by images.ts; named as a photo, it is told so before it gets here.
      else result = Promise.resolve({ reported: true });
      checked.set(written, result);
    }
    return result;
  };

  // Every raster picture of images/ is read below, named or not: all begin at once, so that their decoding overlaps.
  for (const picture of scan.pictures) if (isRaster(picture)) void check(picture.path);

  const uses = pictureUses(events, report, editions);
  const firstEvent = new Map<string, string>();
  for (const use of uses) {
    const { source, at, entry } = use;
    for (const message of altProblems(entry)) diagnostics.push(source.diagnostic([...at, "alt"], message, { severity: "warning" }));
    const written = entry.file;
    if (written === undefined) continue;
    const wrongPath = photoPathProblem(written);
    if (wrongPath) {
      diagnostics.push(source.diagnostic([...at, "file"], `photo ${wrongPath}`));
      continue;
    }
    // A drawing or a GIF is told so before its pixels are read (a GIF that cannot be read is still not a photo).
    const listed = byPath.get(written);
    const problem = listed && notAPhoto(listed);
    if (problem) {
      diagnostics.push(source.diagnostic([...at, "file"], problem));
      continue;
    }
    const result = await check(written);
    if ("problem" in result) diagnostics.push(source.diagnostic([...at, "file"], result.problem));
    if (!("facts" in result)) continue;
    facts.set(written, result.facts);
    const proportions = proportionProblem(result.facts.width, result.facts.height);
    if (proportions) {
      diagnostics.push(source.diagnostic([...at, "file"], `${written} ${proportions}`));
      continue;
    }
    const blurred = printSizeProblem(result.facts.width, result.facts.height) ?? (use.event ? undefined : coverSizeProblem(result.facts.width, result.facts.height));
    if (blurred) diagnostics.push(source.diagnostic([...at, "file"], `${written} ${blurred}`, { severity: "warning" }));
    if (use.event) {
      const first = firstEvent.get(written);
      if (first === undefined) firstEvent.set(written, use.event);
      else if (first !== use.event && first !== "") {
        diagnostics.push(source.diagnostic([...at, "file"], `${written} is also a photo of ${path.relative(dir, first)}; fine when meant, else choose the photo of this event`, { severity: "warning" }));
        // Said once, on the second event that shows it.
        firstEvent.set(written, "");
      }
    }
  }

  const named = new Set(uses.map((use) => use.entry.file));
  // Every other raster picture of images/ (the logos among them, whose entries reportProblems checks) is published too, as a
  // copy without its metadata: it must be readable and not too large to decode, and its size is kept for the pages.
  for (const picture of scan.pictures) {
    if (!isRaster(picture) || facts.has(picture.path)) continue;
    const result = await check(picture.path);
    if ("facts" in result) facts.set(picture.path, result.facts);
    // Said once: at the field that names the picture if one does, else at the file.
    else if ("problem" in result && !named.has(picture.path)) {
      diagnostics.push({ severity: "error", file: path.join(dir, picture.path), message: result.problem });
    }
  }
  return { facts, diagnostics };
}
