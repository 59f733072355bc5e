/**
 * The published copies of the photos, made with @11ty/eleventy-img (sharp underneath): for
 * the web, AVIF, WebP and a JPEG fallback at several widths; for the PDF, one JPEG sized for
 * print. Every copy is turned upright as its EXIF orientation says, converted to sRGB, and
 * carries no metadata but the sRGB colour profile: no EXIF, no GPS position, no camera
 * serial number, no author. Copies are cached by the photo's content (the file names hold
 * its hash), so a rebuild after a text edit encodes nothing. The other raster pictures of
 * images/ (a logo, say) are published at their own paths in their own format, as copies
 * cleaned the same way.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { existsSync, readdirSync, unlinkSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import Image, { type ImageFile, type ImageOptions } from "@11ty/eleventy-img";
import sharp, { type Sharp } from "sharp";
import { printedWidthMm, printPixels, type PictureFacts, type PrintUse } from "../data/photos.ts";

/** The widths offered to browsers, from a phone to a wide screen at twice its density; none wider than the photo. */
export const WEB_WIDTHS = [480, 800, 1200, 1600] as const;
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


const WEB_AVIF = { quality: 50 };
const WEB_WEBP = { quality: 75 };
const WEB_JPEG = { quality: 78, mozjpeg: true };
// Aimed at a PDF page with a photo under 250 KB (issue 14); the bench is to measure it on real photos.
const PRINT_JPEG = { quality: 80, mozjpeg: true, chromaSubsampling: "4:2:0" };

/** Re-encoding a logo or a drawing loses a little; these keep it unseen. */
const CLEAN_OPTIONS = {
  jpeg: { quality: 92, mozjpeg: true },
  png: { compressionLevel: 9 },
  webp: { quality: 92, alphaQuality: 100 },
  avif: { quality: 70 },
  gif: {},
} as const;

/** One published copy, held in memory until it is written into the output. */
export interface PhotoFile {
  /** Root-relative, e.g. `/photos/Hk3x9Qa-800.webp`. */
  readonly url: string;
  readonly format: "avif" | "webp" | "jpeg" | "png" | "gif";
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
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

/**
 * Writes `bytes` to `file` through a temporary file renamed into place, so that a build
 * stopped mid-write never leaves a partial copy that a later build would take as cached.
 */
async function writeWhole(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

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
 * (`<copy>.tmp-<pid>`, see writeWhole), those of processes that are gone. Returns their names.
 */
export function removeStaleTemporaries(root: string): string[] {
  let names: string[];
  try {
    names = readdirSync(root, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = /\.tmp-(\d+)$/.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid));
  });
  for (const name of stale) unlinkSync(path.join(root, name));
  return stale;
}

/**
 * A processor whose cache is the folder `cacheDir` (kept between builds, e.g. beside the
 * output folder; see photoCacheFor). eleventy-img runs in dry-run mode: it looks for each
 * copy in the cache and encodes only the missing ones, but writes nothing itself, so that
 * each new copy reaches the cache whole (writeWhole).
 */
export function photoProcessor(cacheDir: string): PhotoProcessor {
  let encoded = 0;
  // Called by eleventy-img only for a copy it encodes: it counts them, and sets the colour space.
  // Its own pipeline keeps the input's ICC profile; asking for sRGB converts CMYK, Adobe RGB or P3 first.
  const toSrgb = function toSrgb(image: Sharp) {
    encoded++;
    image.withIccProfile("srgb");
  };
  // JPEG has no transparency: a transparent PNG is laid on white, the page's colour, not on black.
  const toSrgbOnWhite = function toSrgbOnWhite(image: Sharp) {
    toSrgb(image);
    image.flatten({ background: "#ffffff" });
  };
  const root = path.join(cacheDir, `v${PIPELINE_VERSION}`);
  removeStaleTemporaries(root);
  Image.concurrency = Math.max(1, availableParallelism());

  async function run(photo: PictureFacts, options: ImageOptions & { outputDir: string; urlPath: string }): Promise<PhotoFile[]> {
    const results = await Image(photo.file, {
      ...options,
      dryRun: true,
      fixOrientation: true,
      // Only the first frame of an animated WebP or AVIF: a photo does not move.
      sharpOptions: { animated: false, limitInputPixels: false },
      // eleventy-img's in-memory cache, which a long-running preview keeps, knows a photo by its path and size; the change time tells a replaced one.
      modified: photo.modified,
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
        files.push({ url: file.url, format: file.format as PhotoFile["format"], width: width!, height: height!, bytes });
      }
    }
    return files;
  }

  return {
    async web(photo, sizes) {
      const web = { outputDir: path.join(root, "web"), urlPath: PHOTOS_URL, widths: webWidths(photo.width) };
      const [modern, jpeg] = await Promise.all([
        run(photo, { ...web, formats: ["avif", "webp"], sharpAvifOptions: WEB_AVIF, sharpWebpOptions: WEB_WEBP, transform: toSrgb }),
        run(photo, { ...web, formats: ["jpeg"], sharpJpegOptions: WEB_JPEG, transform: toSrgbOnWhite }),
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
    },
    async print(photo, use) {
      const widthMm = printedWidthMm(use, photo.width, photo.height);
      const [file] = await run(photo, {
        outputDir: path.join(root, "print"), urlPath: `${PHOTOS_URL}print/`, widths: [printPixels(widthMm)],
        formats: ["jpeg"], sharpJpegOptions: PRINT_JPEG, transform: toSrgbOnWhite,
      });
      return { ...file!, widthMm };
    },
    async clean(picture) {
      const original = await readFile(picture.file);
      const hash = createHash("sha256").update(original).digest("base64url").slice(0, 22);
      const cached = path.join(root, "clean", `${hash}.${picture.type}`);
      const url = `/${picture.path}`;
      if (existsSync(cached)) return { url, format: picture.type, width: picture.width, height: picture.height, bytes: await readFile(cached) };
      encoded++;
      const animated = picture.type === "gif" || picture.type === "webp";
      // sharp writes no metadata unless asked, and converts to sRGB on the way; rotate() without an angle turns the picture upright first.
      const bytes = await sharp(original, { animated, limitInputPixels: false })
        .rotate()
        .toFormat(picture.type, CLEAN_OPTIONS[picture.type])
        .toBuffer();
      await writeWhole(cached, bytes);
      return { url, format: picture.type, width: picture.width, height: picture.height, bytes };
    },
    encodings: () => encoded,
  };
}

/**
 * The photo cache of the output folder `outputDir`: a hidden folder beside it, kept when the
 * build swaps a new output into place, and used by one build at a time (the output's lock).
 */
export function photoCacheFor(outputDir: string): string {
  const resolved = path.resolve(outputDir);
  return path.join(path.dirname(resolved), ".activity-report-cache", path.basename(resolved), "photos");
}

/** Writes the copies into the output folder `outputDir` at their URLs. */
export async function writePhotoFiles(files: readonly PhotoFile[], outputDir: string): Promise<void> {
  const unique = new Map(files.map((f) => [f.url, f]));
  await Promise.all([...unique.values()].map(async (f) => {
    const target = path.join(outputDir, ...f.url.split("/").filter(Boolean));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.bytes);
  }));
}
