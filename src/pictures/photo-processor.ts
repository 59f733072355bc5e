/**
 * The published copies of the photos: for the web, AVIF, WebP and a JPEG fallback at several
 * widths, made with @11ty/eleventy-img (sharp underneath); for the PDF, one JPEG sized for
 * print (about 300 dpi) and within its share of a page's bytes, made with sharp. Every copy is turned upright as its EXIF orientation says, converted to sRGB, and
 * carries no metadata but the sRGB colour profile: no EXIF, no GPS position, no camera
 * serial number, no author. Copies are cached by the photo's content (the file names hold
 * its hash), so a rebuild after a text edit encodes nothing; and each set of copies is
 * recorded in the cache, so that a rebuild publishes them from that record, reading each
 * photo once (for its hash) and never opening, decoding or holding the copies themselves.
 * The other raster pictures of images/ (a logo, say) are published at their own paths in
 * their own format, as copies cleaned the same way.
 */
import { createHash } from "node:crypto";
import { copyFile, link, mkdir, readFile, stat } from "node:fs/promises";
import { existsSync, readdirSync, unlinkSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import Image, { type ImageOptions } from "@11ty/eleventy-img";
import sharp, { type Sharp } from "sharp";
import { displayPath } from "../data/diagnostics.ts";
import { opensAnimated, PICTURE_INPUT, pictureCacheFolders, PRINT_WIDTH_MM, printedWidthMm, printPixels, type PictureFacts, type PrintUse } from "../data/attachments/photo-checks.ts";
import { hashFile, limiter, recordedHash, removeUnfinishedWrites, writeWhole } from "../system/file-hashes.ts";

export { removeUnfinishedWrites };

/**
 * The widths offered to browsers, from a phone to a laptop's screen at twice its density, where the page's column
 * (43.5rem, PAGE_SIZES of src/eleventy/shown-photos.ts) is 1,392 pixels; none wider than the photo.
 */
export const WEB_WIDTHS = [480, 800, 1200, 1400] as const;
/** Where the copies are published in the site. */
export const PHOTOS_URL = "/photos/";
/**
 * Part of the cache's path: bump it when the processing changes (options, the pipeline),
 * because eleventy-img's hash covers the photo and sharp's format options but not the code.
 */
const PIPELINE_VERSION = "1";

/**
 * The widths of a photo's web copies: those of WEB_WIDTHS narrower than the photo, and the
 * photo's own width when it is between two of them (a photo 1,000 pixels wide is offered at
 * 1,000, not cut down to 800), never wider than the widest of WEB_WIDTHS.
 */
export function webWidths(photoWidth: number): number[] {
  const widest = WEB_WIDTHS[WEB_WIDTHS.length - 1]!;
  return [...new Set([...WEB_WIDTHS.filter((w) => w < photoWidth), Math.min(photoWidth, widest)])];
}


/**
 * Effort 3 encodes in about a quarter of the time of sharp's default, 4, and at quality 51 keeps the MS-SSIM that
 * quality 50 had at effort 4, for 9 % more bytes (bench/avif.ts; bench/README.md). 4:4:4, sharp's default: 4:2:0 needs
 * more bytes for the same quality and is no faster.
 */
export const WEB_AVIF = { quality: 51, effort: 3 };
export const WEB_WEBP = { quality: 75 };
export const WEB_JPEG = { quality: 78, mozjpeg: true };
/** The print JPEG's quality when the photo fits its share of the page at it; lowered in steps of 5, to PRINT_MIN_QUALITY at most, when not. */
const PRINT_JPEG = { quality: 80, mozjpeg: true, chromaSubsampling: "4:2:0" } as const;
const PRINT_MIN_QUALITY = 40;
/** Part of the print copies' key: bump it when the print encoding changes (encodePrint). */
const PRINT_VERSION = 2;

/** Re-encoding a logo or a drawing loses a little; these keep it unseen. */
const CLEAN_OPTIONS = {
  jpeg: { quality: 92, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 92, alphaQuality: 100 },
  avif: { quality: 70 },
  gif: {},
} as const;

/** What the photos of one PDF page may weigh together, so that a page with a photo stays under 250 KB with its text (issue 14). */
export const PAGE_PHOTO_BYTES = 230 * 1024;
/**
 * The most photo one page prints, in mm²: a column of event photos beside the entries, 75 mm wide and at most
 * about 200 mm of photo on the page's 250 mm (each photo comes with its caption and margins). A cover photo is
 * alone on its page.
 */
export const PAGE_PHOTO_AREA_MM2 = PRINT_WIDTH_MM.event * 200;

/**
 * The bytes a print copy of `width` × `height` pixels printed `widthMm` wide may take: its share of
 * PAGE_PHOTO_BYTES by the paper it covers, so that any column of photos on a page stays within it (about
 * 0.9 bits per pixel at 300 dpi), and never more than the whole (a cover photo).
 */
export function printBudget(width: number, height: number, widthMm: number): number {
  const areaMm2 = widthMm * ((widthMm * height) / width);
  return Math.floor(Math.min(PAGE_PHOTO_BYTES, (PAGE_PHOTO_BYTES * areaMm2) / PAGE_PHOTO_AREA_MM2));
}

/**
 * The print JPEG of a photo: `width` pixels across (never more than the photo's own), upright, sRGB, on white,
 * without metadata, at PRINT_JPEG's quality or, for a photo that does not fit its printBudget at it, at the
 * highest quality that fits, down to PRINT_MIN_QUALITY (a photo of pure noise may take more). The photo is
 * decoded and scaled once; only the JPEG is made again at each step.
 */
export async function encodePrint(file: string, width: number, widthMm: number): Promise<{ bytes: Buffer; width: number; height: number; quality: number }> {
  const { data, info } = await sharp(file, { ...PICTURE_INPUT, animated: false })
    .rotate()
    .resize({ width, withoutEnlargement: true })
    .withIccProfile("srgb")
    .flatten({ background: "#ffffff" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const budget = printBudget(info.width, info.height, widthMm);
  for (let quality = PRINT_JPEG.quality; ; quality -= 5) {
    const bytes = await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .withIccProfile("srgb")
      .jpeg({ ...PRINT_JPEG, quality })
      .toBuffer();
    if (bytes.length <= budget || quality - 5 < PRINT_MIN_QUALITY) return { bytes, width: info.width, height: info.height, quality };
  }
}

/** One published copy: a file in the cache, copied into the output by writePhotoFiles. */
export interface PhotoFile {
  /** Root-relative, e.g. `/photos/Hk3x9Qa-800.webp`. */
  readonly url: string;
  readonly format: "avif" | "webp" | "jpeg" | "png" | "gif";
  readonly width: number;
  readonly height: number;
  /** The copy in the cache. */
  readonly file: string;
}

/** What a template needs for a <picture>: a <source> per modern format, the JPEG <img>, and the files behind them. */
export interface WebPhoto {
  readonly sources: readonly { readonly type: "image/avif" | "image/webp"; readonly srcset: string }[];
  /** The fallback; width and height are the largest copy's, so that the page keeps the photo's place before it loads. */
  readonly img: { readonly src: string; readonly srcset: string; readonly width: number; readonly height: number };
  readonly sizes: string;
  readonly files: readonly PhotoFile[];
}

/** The JPEG the print page shows, sized for its printed width. */
export interface PrintPhoto extends PhotoFile {
  readonly widthMm: number;
}

export interface PhotoProcessor {
  /** The web copies of a photo; `sizes` says how wide it is shown (e.g. "(min-width: 50rem) 40rem, 100vw"). */
  web(photo: PictureFacts, sizes: string): Promise<WebPhoto>;
  /** The print copy of a photo for its place in the PDF. */
  print(photo: PictureFacts, use: PrintUse): Promise<PrintPhoto>;
  /**
   * The copy of a picture that is not shown as a photo (a logo, another picture of images/), published at its own
   * path (`/images/…`) in its own format and size: upright, sRGB, without metadata; a GIF or WebP keeps its frames.
   */
  clean(picture: PictureFacts): Promise<PhotoFile>;
  /** How many copies this processor has encoded (not found in the cache): zero on a rebuild with the same photos. */
  encodings(): number;
}

/** `srcset` of copies of one format, ascending by width. */
export const srcsetOf = (files: readonly Pick<PhotoFile, "url" | "width">[]): string => files.map((f) => `${f.url} ${f.width}w`).join(", ");

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: a process of another user has that number; it is alive, and its file is left alone.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/**
 * Removes the temporary files that a build stopped mid-write left in the cache `root`
 * (`<copy>.tmp-<pid>-<n>`, see writeWhole), those of processes that are gone. Returns their names.
 */
export function removeStaleTemporaries(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = /\.tmp-(\d+)-\d+$/.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid));
  });
  for (const name of stale) unlinkSync(path.join(root, name));
  return stale;
}

/** Print copies made at once: each decodes a photo. */
const printing = limiter(Math.max(1, availableParallelism()));

/**
 * The SHA-256 of a photo's content (base64url), which names its copies: kept in `hashesDir`
 * with the file's signature, so that a photo is read again only when it has changed
 * (file-hashes.ts). Validation keeps its hashes in the same folder (pictureCacheFolders).
 */
async function contentHash(photo: PictureFacts, hashesDir: string): Promise<string> {
  return (await hashFile(photo.file, recordedHash(hashesDir, photo.file))).hash;
}

/** A copy as the cache's record of a request keeps it: `file` is relative to the cache's version folder. */
interface Recorded {
  readonly url: string;
  readonly format: PhotoFile["format"];
  readonly width: number;
  readonly height: number;
  readonly file: string;
}

const RECORDED_NAME = /^[A-Za-z0-9_-]+-\d+\.(avif|webp|jpeg)$/;

/** Whether `entry` is a copy as photoProcessor records it: anything else (a damaged or foreign file) is not trusted. */
function isRecorded(entry: unknown): entry is Recorded {
  if (typeof entry !== "object" || entry === null) return false;
  const { url, format, width, height, file } = entry as Record<string, unknown>;
  return typeof url === "string" && typeof file === "string" && ["avif", "webp", "jpeg"].includes(format as string)
    && Number.isInteger(width) && (width as number) > 0 && Number.isInteger(height) && (height as number) > 0
    && /^(web|print)\/[^/]+$/.test(file) && RECORDED_NAME.test(path.posix.basename(file)) && url === `${PHOTOS_URL}${file.startsWith("print/") ? "print/" : ""}${path.posix.basename(file)}`;
}

/**
 * A processor whose cache is the folder `cacheDir` (kept between builds, e.g. beside the
 * output folder; see photoCacheFor). eleventy-img runs in dry-run mode: it looks for each
 * copy in the cache and encodes only the missing ones, but writes nothing itself, so that
 * each new copy reaches the cache whole (writeWhole).
 */
export function photoProcessor(cacheDir: string): PhotoProcessor {
  removeStaleTemporaries(cacheDir);
  Image.concurrency = Math.max(1, availableParallelism());
  return new PhotoCache(cacheDir);
}

/**
 * A failure names the picture: validation decoded every picture as the build opens it, so one that fails here
 * failed of the machine (memory, the disk) or of a file changed since; either way the editor is told which.
 */
async function naming<T>(picture: PictureFacts, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`the picture ${displayPath(picture.file)} could not be processed`, { cause: error });
  }
}

/** The copies of the photos in the cache folder: found there by the record of their request, or made and recorded. */
class PhotoCache implements PhotoProcessor {
  private encoded = 0;
  private readonly root: string;
  private readonly hashes: string;
  /** The copies of each request of this build: a photo shown twice (a cover and an event's photo) is looked up and made once. */
  private readonly requests = new Map<string, Promise<PhotoFile[]>>();

  constructor(cacheDir: string) {
    this.root = path.join(cacheDir, `v${PIPELINE_VERSION}`);
    this.hashes = pictureCacheFolders(cacheDir).hashes;
  }

  encodings(): number {
    return this.encoded;
  }

  web(photo: PictureFacts, sizes: string): Promise<WebPhoto> {
    return naming(photo, async () => {
      const web = { outputDir: path.join(this.root, "web"), urlPath: PHOTOS_URL, widths: webWidths(photo.width) };
      const [modern, jpeg] = await Promise.all([
        this.cached(photo, ["web", web.widths, WEB_AVIF, WEB_WEBP], (hash) => this.encode(photo, hash, { ...web, formats: ["avif", "webp"], sharpAvifOptions: WEB_AVIF, sharpWebpOptions: WEB_WEBP, transform: this.toSrgb })),
        this.cached(photo, ["web", web.widths, WEB_JPEG], (hash) => this.encode(photo, hash, { ...web, formats: ["jpeg"], sharpJpegOptions: WEB_JPEG, transform: this.toSrgbOnWhite })),
      ]);
      const byWidth = (a: PhotoFile, b: PhotoFile) => a.width - b.width;
      const of = (format: PhotoFile["format"]) => modern.filter((f) => f.format === format).sort(byWidth);
      const fallback = [...jpeg].sort(byWidth);
      const largest = fallback.at(-1)!;
      return {
        sources: [{ type: "image/avif", srcset: srcsetOf(of("avif")) }, { type: "image/webp", srcset: srcsetOf(of("webp")) }],
        img: { src: fallback[0]!.url, srcset: srcsetOf(fallback), width: largest.width, height: largest.height },
        sizes,
        files: [...of("avif"), ...of("webp"), ...fallback],
      };
    });
  }

  print(photo: PictureFacts, use: PrintUse): Promise<PrintPhoto> {
    return naming(photo, async () => {
      const widthMm = printedWidthMm(use, photo.width, photo.height);
      const width = printPixels(widthMm);
      const request = ["print", PRINT_VERSION, width, widthMm, PRINT_JPEG, PRINT_MIN_QUALITY, PAGE_PHOTO_BYTES, PAGE_PHOTO_AREA_MM2];
      const [file] = await this.cached(photo, request, async (hash) => {
        const made = await printing(() => encodePrint(photo.file, width, widthMm));
        this.encoded++;
        const name = `${createHash("sha256").update(JSON.stringify([hash, request])).digest("base64url").slice(0, 10)}-${made.width}.jpeg`;
        const target = path.join(this.root, "print", name);
        await writeWhole(target, made.bytes);
        return [{ url: `${PHOTOS_URL}print/${name}`, format: "jpeg", width: made.width, height: made.height, file: target }];
      });
      return { ...file!, widthMm };
    });
  }

  clean(picture: PictureFacts): Promise<PhotoFile> {
    return naming(picture, async () => {
      const hash = await contentHash(picture, this.hashes);
      const file = path.join(this.root, "clean", `${hash.slice(0, 22)}.${picture.type}`);
      const copy = { url: `/${picture.path}`, format: picture.type, width: picture.width, height: picture.height, file };
      if (existsSync(file)) return copy;
      this.encoded++;
      // sharp writes no metadata unless asked, and converts to sRGB on the way; rotate() without an angle turns the picture upright first.
      const bytes = await sharp(picture.file, { ...PICTURE_INPUT, animated: opensAnimated(picture.type) })
        .rotate()
        .toFormat(picture.type, CLEAN_OPTIONS[picture.type])
        .toBuffer();
      await writeWhole(file, bytes);
      return copy;
    });
  }

  // Called by eleventy-img only for a copy it encodes: it counts them, and sets the colour space.
  // Its own pipeline keeps the input's ICC profile; asking for sRGB converts CMYK, Adobe RGB or P3 first.
  private readonly toSrgb = (image: Sharp) => {
    this.encoded++;
    image.withIccProfile("srgb");
  };

  // JPEG has no transparency: a transparent PNG is laid on white, the page's colour, not on black.
  private readonly toSrgbOnWhite = (image: Sharp) => {
    this.toSrgb(image);
    image.flatten({ background: "#ffffff" });
  };

  /** The copies eleventy-img encodes of `photo` (those the cache lacks), written whole into the cache. */
  private async encode(photo: PictureFacts, hash: string, options: ImageOptions & { outputDir: string; urlPath: string }): Promise<PhotoFile[]> {
    const results = await Image(photo.file, {
      ...options,
      dryRun: true,
      fixOrientation: true,
      // Only the first frame of an animated WebP or AVIF: a photo does not move.
      sharpOptions: { ...PICTURE_INPUT, animated: false },
      // eleventy-img's in-memory cache, which a long-running preview keeps, knows a photo by its path and size: its content's hash tells a replaced one.
      contentHash: hash,
      // eleventy-img writes the source's path into these after each run; a fresh object keeps its in-memory cache's key the same from build to build.
      htmlOptions: { imgAttributes: {} },
    });
    const files: PhotoFile[] = [];
    for (const list of Object.values(results)) {
      for (const file of list) {
        const bytes = file.buffer;
        if (!bytes || !file.outputPath) throw new Error(`eleventy-img gave no picture for ${photo.path} (${file.format}, ${file.width} px)`);
        if (!existsSync(file.outputPath)) await writeWhole(file.outputPath, bytes);
        // eleventy-img computes the height rounding down where sharp rounds: the file's own header is what the page must say.
        const { width, height } = await sharp(bytes).metadata();
        files.push({ url: file.url, format: file.format as PhotoFile["format"], width: width!, height: height!, file: file.outputPath });
      }
    }
    return files;
  }

  /**
   * The copies `make` gives for `photo`, taken from the cache's record of the same request
   * for the same content when it has one and every copy it names is there; else made, and
   * recorded. `request` is everything that decides the copies besides the photo's content.
   */
  private async cached(photo: PictureFacts, request: unknown, make: (hash: string) => Promise<PhotoFile[]>): Promise<PhotoFile[]> {
    const hash = await contentHash(photo, this.hashes);
    const key = createHash("sha256").update(JSON.stringify([hash, request])).digest("base64url").slice(0, 32);
    let files = this.requests.get(key);
    if (!files) {
      files = (async () => {
        const record = path.join(this.root, "records", `${key}.json`);
        const found = await this.readRecord(record);
        if (found) return found;
        const made = await make(hash);
        const entries: Recorded[] = made.map(({ url, format, width, height, file }) => ({ url, format, width, height, file: path.relative(this.root, file).split(path.sep).join("/") }));
        await writeWhole(record, Buffer.from(JSON.stringify(entries)));
        return made;
      })();
      this.requests.set(key, files);
    }
    return files;
  }

  /** The copies a record names, if it is whole and every one of them is in the cache. */
  private async readRecord(record: string): Promise<PhotoFile[] | undefined> {
    let entries: unknown;
    try {
      entries = JSON.parse(await readFile(record, "utf8"));
    } catch {
      return undefined;
    }
    if (!Array.isArray(entries) || entries.length === 0 || !entries.every(isRecorded)) return undefined;
    const files = entries.map((e): PhotoFile => ({ url: e.url, format: e.format, width: e.width, height: e.height, file: path.join(this.root, ...e.file.split("/")) }));
    const present = await Promise.all(files.map((f) => stat(f.file).then((s) => s.isFile() && s.size > 0, () => false)));
    return present.every(Boolean) ? files : undefined;
  }
}

export { photoCacheFor } from "../settings.ts";

/** Copies the copies from the cache into the output folder `outputDir`, at their URLs. */
export async function writePhotoFiles(files: readonly PhotoFile[], outputDir: string): Promise<void> {
  const unique = new Map(files.map((f) => [f.url, f]));
  const folders = new Set([...unique.keys()].map((url) => path.dirname(path.join(outputDir, ...url.split("/").filter(Boolean)))));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));
  await Promise.all([...unique.values()].map(async (f) => {
    const target = path.join(outputDir, ...f.url.split("/").filter(Boolean));
    // A second name for the cached copy, which is never changed in place (writeWhole replaces a file whole): no bytes to write.
    // Where the output cannot share it (another file system), a copy.
    await link(f.file, target).catch(() => copyFile(f.file, target));
  }));
}
