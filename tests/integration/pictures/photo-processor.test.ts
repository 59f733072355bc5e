/** The published copies of photos: upright, sRGB, without metadata, at the widths they claim, cached by content. */
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PictureFacts } from "../../../src/data/attachments/photo-checks.ts";
import { PRINT_DPI, PRINT_WIDTH_MM, printPixels } from "../../../src/data/attachments/photo-checks.ts";
import { encodePrint, PAGE_PHOTO_AREA_MM2, PAGE_PHOTO_BYTES, photoCacheFor, photoProcessor, printBudget, removeStaleTemporaries, srcsetOf, webWidths, writePhotoFiles, type PrintPhoto } from "../../../src/pictures/photo-processor.ts";
import { HASH_SETTLED_MS } from "../../../src/system/file-hashes.ts";
import { standInPhoto } from "../../../bench/photos.ts";
import { cleanUp, put, ROOT, tempDir } from "../../helpers/data.ts";
import { truncatedJpeg } from "../../helpers/hostile-files.ts";
import { failureMessage } from "../../../src/errors.ts";

afterAll(cleanUp);

// eleventy-img itself, counting its runs: a rebuild from a warm cache should not need it.
const eleventyImg = vi.hoisted(() => ({ runs: 0 }));
vi.mock("@11ty/eleventy-img", async (importOriginal) => {
  const actual = await importOriginal<{ default: ((src: unknown, options: unknown) => Promise<unknown>) & { concurrency: number } }>();
  const real = actual.default;
  const counted = Object.assign((src: unknown, options: unknown) => {
    eleventyImg.runs++;
    return real(src, options);
  }, real);
  Object.defineProperty(counted, "concurrency", { get: () => real.concurrency, set: (n: number) => (real.concurrency = n) });
  return { ...actual, default: counted };
});

const RED = { r: 200, g: 30, b: 30 };
const BLUE = { r: 30, g: 30, b: 200 };

/** A landscape JPEG stored 2000 × 1200 with its top rows red, EXIF orientation 6 (shown turned a quarter clockwise), a GPS position, an author and a camera serial. */
async function turnedJpeg(): Promise<Buffer> {
  const red = await sharp({ create: { width: 2000, height: 300, channels: 3, background: RED } }).png().toBuffer();
  return sharp({ create: { width: 2000, height: 1200, channels: 3, background: BLUE } })
    .composite([{ input: red, top: 0, left: 0 }])
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Artist: "Jane Photographer", Copyright: "Jane" },
      IFD2: { BodySerialNumber: "SN-0042-SECRET" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "47/1 29/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "19/1 2/1 0/1" },
    })
    .toBuffer();
}

const cmykJpeg = () => sharp({ create: { width: 1900, height: 1000, channels: 3, background: "#c05020" } }).withIccProfile("cmyk").jpeg().toBuffer();
/** Opaque on its left half, fully transparent on its right. */
async function transparentPng(): Promise<Buffer> {
  const opaque = await sharp({ create: { width: 400, height: 600, channels: 4, background: { ...BLUE, alpha: 1 } } }).png().toBuffer();
  return sharp({ create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).composite([{ input: opaque, left: 0, top: 0 }]).png().toBuffer();
}

const facts = async (file: string, type: PictureFacts["type"], width: number, height: number, exifOrientation = 1): Promise<PictureFacts> => {
  const { size, mtimeMs } = await stat(file);
  return { path: `images/${path.basename(file)}`, file, type, width, height, orientation: width > height ? "landscape" : "portrait", exifOrientation, bytes: size, modified: mtimeMs };
};

let turned: PictureFacts;
let cmyk: PictureFacts;
let transparent: PictureFacts;
let cacheDir: string;
let first: ReturnType<typeof photoProcessor>;
let results: { turned: Awaited<ReturnType<typeof first.web>>; cmyk: Awaited<ReturnType<typeof first.web>>; transparent: Awaited<ReturnType<typeof first.web>>; printEvent: PrintPhoto; printCover: PrintPhoto; printSmall: PrintPhoto };

beforeAll(async () => {
  const data = await tempDir();
  turned = await facts(await put(data, "images/turned.jpg", await turnedJpeg()), "jpeg", 1200, 2000, 6);
  cmyk = await facts(await put(data, "images/cmyk.jpg", await cmykJpeg()), "jpeg", 1900, 1000);
  transparent = await facts(await put(data, "images/transparent.png", await transparentPng()), "png", 800, 600);
  cacheDir = path.join(await tempDir(), "cache");
  first = photoProcessor(cacheDir);
  results = {
    turned: await first.web(turned, "100vw"),
    cmyk: await first.web(cmyk, "100vw"),
    transparent: await first.web(transparent, "100vw"),
    printEvent: await first.print(turned, "event"),
    printCover: await first.print(cmyk, "cover"),
    printSmall: await first.print(transparent, "cover"),
  };
}, 120_000);

/** A copy's bytes, from its file in the cache. */
const bytesOf = (file: { file: string }) => readFile(file.file);

/** Waits until the file's last change is HASH_SETTLED_MS in the past (its change time cannot be set back). */
async function settled(file: string): Promise<void> {
  const { ctimeMs } = await stat(file);
  while (Date.now() <= ctimeMs + HASH_SETTLED_MS + 50) await new Promise((resolve) => setTimeout(resolve, 100));
}

const every = () => [...results.turned.files, ...results.cmyk.files, ...results.transparent.files, results.printEvent, results.printCover, results.printSmall];

describe("the copies of a photo", () => {
  it("carry no EXIF, GPS, author or serial number, and no colour profile but sRGB", async () => {
    const srgb = (await sharp(await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } }).withIccProfile("srgb").png().toBuffer()).metadata()).icc;
    for (const file of every()) {
      const metadata = await sharp(await bytesOf(file)).metadata();
      expect([file.url, metadata.exif, metadata.xmp, metadata.iptc, metadata.orientation]).toEqual([file.url, undefined, undefined, undefined, undefined]);
      if (metadata.icc) expect(metadata.icc.equals(srgb!), file.url).toBe(true);
      const text = (await bytesOf(file)).toString("latin1");
      for (const secret of ["Jane", "SN-0042", "GPS", "Exif"]) expect(text.includes(secret), `${file.url} holds ${secret}`).toBe(false);
    }
  });

  it("are upright: the EXIF orientation is applied, width and height swapped, the stored top on the right", async () => {
    const largest = results.turned.files.filter((f) => f.format === "jpeg").at(-1)!;
    expect([largest.width, largest.height]).toEqual([1200, 2000]);
    const { data, info } = await sharp(await bytesOf(largest)).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const near = (found: number[], want: { r: number; g: number; b: number }) => found.every((v, i) => Math.abs(v - [want.r, want.g, want.b][i]!) < 40);
    expect(near(pixel(info.width - 20, 1000), RED), String(pixel(info.width - 20, 1000))).toBe(true);
    expect(near(pixel(20, 1000), BLUE), String(pixel(20, 1000))).toBe(true);
  });

  it("are sRGB with three channels from a CMYK JPEG, and keep its colour", async () => {
    expect((await sharp(await cmykJpeg()).metadata()).space).toBe("cmyk");
    for (const file of [...results.cmyk.files, results.printCover]) {
      const metadata = await sharp(await bytesOf(file)).metadata();
      expect([file.url, metadata.space, metadata.channels]).toEqual([file.url, "srgb", 3]);
    }
    const { dominant } = await sharp(await bytesOf(results.printCover)).stats();
    expect(Math.abs(dominant.r - 0xc0) < 48 && dominant.g < 0x80 && dominant.b < 0x60, JSON.stringify(dominant)).toBe(true);
  });

  it("lay a transparent PNG on white in JPEG, and keep its transparency in AVIF and WebP", async () => {
    const jpeg = results.transparent.files.find((f) => f.format === "jpeg")!;
    const { data, info } = await sharp(await bytesOf(jpeg)).raw().toBuffer({ resolveWithObject: true });
    const right = (info.height / 2 * info.width + info.width - 10) * info.channels;
    expect([...data.subarray(right, right + 3)].every((v) => v > 245)).toBe(true);
    for (const file of results.transparent.files.filter((f) => f.format !== "jpeg")) expect((await sharp(await bytesOf(file)).metadata()).hasAlpha, file.url).toBe(true);
  });

  it("come at the widths of WEB_WIDTHS up to the photo's own, never wider, in AVIF, WebP and JPEG, each a file in the cache", async () => {
    const widths = (web: typeof results.turned, format: string) => web.files.filter((f) => f.format === format).map((f) => f.width);
    for (const format of ["avif", "webp", "jpeg"]) {
      expect(widths(results.turned, format), format).toEqual([480, 800, 1200]);
      expect(widths(results.cmyk, format), format).toEqual([480, 800, 1200, 1400]);
      expect(widths(results.transparent, format), format).toEqual([480, 800]);
    }
    const cached = (await readdir(cacheDir, { recursive: true })).map((f) => path.basename(f));
    for (const file of every()) expect(cached).toContain(path.basename(file.url));
  });

  it("give a template the <picture> it needs: sources, srcset, sizes, width and height of the files themselves", async () => {
    const web = results.turned;
    expect(web.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp"]);
    expect(web.sources[0]!.srcset).toBe(srcsetOf(web.files.filter((f) => f.format === "avif")));
    expect(web.sources[1]!.srcset).toMatch(/^\/photos\/\S+-480\.webp 480w, \/photos\/\S+-800\.webp 800w, \/photos\/\S+-1200\.webp 1200w$/);
    expect(web.img.src).toMatch(/^\/photos\/\S+-480\.jpeg$/);
    expect(web.img.srcset).toMatch(/-480\.jpeg 480w, .*-1200\.jpeg 1200w$/);
    expect([web.img.width, web.img.height, web.sizes]).toEqual([1200, 2000, "100vw"]);
    for (const file of every()) {
      const metadata = await sharp(await bytesOf(file)).metadata();
      expect([file.url, metadata.width, metadata.height]).toEqual([file.url, file.width, file.height]);
    }
    const output = await tempDir();
    await writePhotoFiles(every(), output);
    for (const file of every()) {
      const written = path.join(output, file.url);
      expect((await sharp(written).metadata()).width, file.url).toBe(file.width);
    }
  });

  it("for print: one JPEG about 300 dpi at its printed width, never wider than the photo", async () => {
    expect(printPixels(PRINT_WIDTH_MM.event)).toBe(886);
    expect(printPixels(PRINT_WIDTH_MM.cover)).toBe(1890);
    const dpi = (file: PrintPhoto) => file.width / (file.widthMm / 25.4);
    const { printEvent, printCover, printSmall } = results;
    // The portrait beside an entry: at most 90 mm tall, so 54 mm wide, at 300 dpi there.
    expect([printEvent.format, printEvent.width, printEvent.height, printEvent.widthMm]).toEqual(["jpeg", 638, 1063, 54]);
    expect(Math.abs(dpi(printEvent) - PRINT_DPI)).toBeLessThan(1);
    expect([printCover.width, printCover.height, printCover.widthMm]).toEqual([1890, 995, 160]);
    expect(Math.abs(dpi(printCover) - PRINT_DPI)).toBeLessThan(1);
    // 800 pixels are all the photo has: printed 146.7 mm wide on the cover, it is not enlarged (validation warns about it).
    expect([printSmall.width, printSmall.widthMm, printSmall.url.startsWith("/photos/print/")]).toEqual([800, 146.7, true]);
    expect((await sharp(await bytesOf(printEvent)).metadata()).format).toBe("jpeg");
  });

  it("for print: each copy within its share of a page's bytes, a busy photo at a lower quality, a plain one at 80", async () => {
    // Shares by the paper covered: a column of event photos on one page, or a cover alone on its page, stays within PAGE_PHOTO_BYTES.
    // Two landscape photos and a portrait one fill 200 mm of a 75 mm column.
    expect(PAGE_PHOTO_AREA_MM2).toBe(75 * 200);
    expect(2 * printBudget(900, 600, 75) + printBudget(900, 1200, 75)).toBeLessThanOrEqual(PAGE_PHOTO_BYTES);
    expect(printBudget(900, 1200, 75)).toBe(2 * printBudget(900, 600, 75));
    expect(printBudget(1890, 1260, 160)).toBe(PAGE_PHOTO_BYTES);
    // The benchmark's stand-in for a camera's photo: at quality 80 it would take more than its share.
    const busy = await facts(await put(await tempDir(), "images/busy.jpg", (await standInPhoto(1, 0, "busy")).bytes), "jpeg", 3600, 2400);
    const processor = photoProcessor(path.join(await tempDir(), "cache"));
    for (const use of ["event", "cover"] as const) {
      const copy = await processor.print(busy, use);
      const budget = printBudget(copy.width, copy.height, copy.widthMm);
      const atEighty = await sharp(busy.file).resize(copy.width).jpeg({ quality: 80, mozjpeg: true, chromaSubsampling: "4:2:0" }).toBuffer();
      expect(atEighty.length, use).toBeGreaterThan(budget);
      expect((await bytesOf(copy)).length, use).toBeLessThanOrEqual(budget);
      expect(copy.width).toBe(printPixels(PRINT_WIDTH_MM[use]));
      const made = await encodePrint(busy.file, copy.width, copy.widthMm);
      expect(made.quality, use).toBeLessThan(80);
      expect(made.quality, use).toBeGreaterThanOrEqual(40);
    }
    expect((await encodePrint(turned.file, 886, 75)).quality).toBe(80);
  }, 60_000);
});

describe("what validation passes, the processor processes; what fails, it names", () => {
  it("a JPEG with the extraneous bytes some cameras write (which validation passes) gives every copy", async () => {
    const data = await tempDir();
    const good = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#4a6a8a" } }).jpeg().toBuffer();
    const scan = good.indexOf(Buffer.from([0xff, 0xda]));
    const file = await put(data, "images/camera.jpg", Buffer.concat([good.subarray(0, scan), Buffer.from([1, 2, 3]), good.subarray(scan)]));
    const processor = photoProcessor(path.join(await tempDir(), "cache"));
    const photo = await facts(file, "jpeg", 1200, 800);
    expect((await processor.print(photo, "event")).width).toBe(printPixels(PRINT_WIDTH_MM.event));
    expect((await processor.web(photo, "100vw")).files.length).toBeGreaterThan(0);
    expect((await processor.clean(photo)).width).toBe(1200);
  });

  it("a photo of 1 × 4000 pixels (which validation refuses as a photo) prints at least a pixel wide, never width 0", async () => {
    const data = await tempDir();
    const file = await put(data, "images/strip.png", await sharp({ create: { width: 1, height: 4000, channels: 3, background: "#456" } }).png().toBuffer());
    const print = await photoProcessor(path.join(await tempDir(), "cache")).print(await facts(file, "png", 1, 4000), "event");
    expect(print.width).toBeGreaterThanOrEqual(1);
    expect(print.widthMm).toBeGreaterThan(0);
  });

  it("a picture that fails in the build (here a JPEG cut short, handed past validation) fails naming its file", async () => {
    const data = await tempDir();
    const file = await put(data, "images/cut.jpg", await truncatedJpeg(1200, 800));
    const processor = photoProcessor(path.join(await tempDir(), "cache"));
    const photo = await facts(file, "jpeg", 1200, 800);
    for (const work of [() => processor.print(photo, "event"), () => processor.web(photo, "100vw"), () => processor.clean(photo)]) {
      const error = await work().then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      // What libvips says after it is its own (now and then, of pipelines running at once, only "Unknown error"): the file is named.
      expect(failureMessage(error).startsWith(`the picture ${file} could not be processed: `), failureMessage(error)).toBe(true);
    }
  });
});

describe("webWidths", () => {
  it("offers the widths of WEB_WIDTHS below the photo's own, and the photo's own up to the widest", () => {
    expect(webWidths(300)).toEqual([300]);
    expect(webWidths(800)).toEqual([480, 800]);
    expect(webWidths(1000)).toEqual([480, 800, 1000]);
    expect(webWidths(1400)).toEqual([480, 800, 1200, 1400]);
    expect(webWidths(1600)).toEqual([480, 800, 1200, 1400]);
    expect(webWidths(4000)).toEqual([480, 800, 1200, 1400]);
  });
});

describe("the copy of a picture that is not a photo (a logo)", () => {
  it("keeps its path, format and size, is upright and sRGB, and carries no metadata", async () => {
    const data = await tempDir();
    const cache = path.join(await tempDir(), "cache");
    const processor = photoProcessor(cache);
    // A JPEG logo stored on its side with a camera's EXIF, a CMYK one, a PNG with an author in its EXIF, a GIF.
    const turnedLogo = await facts(await put(data, "images/turned-logo.jpg", await turnedJpeg()), "jpeg", 1200, 2000, 6);
    const cmykLogo = await facts(await put(data, "images/cmyk-logo.jpg", await cmykJpeg()), "jpeg", 1900, 1000);
    const png = await sharp(await transparentPng()).png().withExif({ IFD0: { Artist: "Jane Photographer" } }).toBuffer();
    expect(png.toString("latin1")).toContain("Jane");
    const pngLogo = await facts(await put(data, "images/donor.png", png), "png", 800, 600);
    const gif = await sharp({ create: { width: 120, height: 60, channels: 3, background: BLUE } }).gif().toBuffer();
    const gifLogo = await facts(await put(data, "images/small.gif", gif), "gif", 120, 60);

    const copies = await Promise.all([turnedLogo, cmykLogo, pngLogo, gifLogo].map((logo) => processor.clean(logo)));
    expect(copies.map((c) => [c.url, c.format, c.width, c.height])).toEqual([
      ["/images/turned-logo.jpg", "jpeg", 1200, 2000],
      ["/images/cmyk-logo.jpg", "jpeg", 1900, 1000],
      ["/images/donor.png", "png", 800, 600],
      ["/images/small.gif", "gif", 120, 60],
    ]);
    for (const copy of copies) {
      const bytes = await bytesOf(copy);
      const metadata = await sharp(bytes).metadata();
      expect([copy.url, metadata.format, metadata.width, metadata.height, metadata.exif, metadata.xmp, metadata.iptc, metadata.orientation]).toEqual([copy.url, copy.format, copy.width, copy.height, undefined, undefined, undefined, undefined]);
      expect(metadata.space, copy.url).toBe("srgb");
      const text = bytes.toString("latin1");
      for (const secret of ["Jane", "SN-0042", "GPS", "Exif"]) expect(text.includes(secret), `${copy.url} holds ${secret}`).toBe(false);
    }
    // The turned logo stands upright: its stored top rows (red) are on the right.
    const { data: pixels, info } = await sharp(await bytesOf(copies[0]!)).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => (y * info.width + x) * info.channels;
    expect(pixels[at(info.width - 20, 1000)]! > 150 && pixels[at(20, 1000) + 2]! > 150).toBe(true);
    // The PNG keeps its transparency.
    expect((await sharp(await bytesOf(copies[2]!)).metadata()).hasAlpha).toBe(true);
    expect(processor.encodings()).toBe(4);

    // Cached by content: a new processor encodes nothing and gives the same bytes; a changed file is encoded again.
    const again = photoProcessor(cache);
    const copiesAgain = await Promise.all([turnedLogo, cmykLogo, pngLogo, gifLogo].map((logo) => again.clean(logo)));
    expect(again.encodings()).toBe(0);
    expect(copiesAgain.map((c) => c.file)).toEqual(copies.map((c) => c.file));
    await put(data, "images/small.gif", await sharp({ create: { width: 120, height: 60, channels: 3, background: RED } }).gif().toBuffer());
    await again.clean(await facts(gifLogo.file, "gif", 120, 60));
    expect(again.encodings()).toBe(1);
  });
});

describe("the cache", () => {
  it("encodes each copy once: a second build, in a process of its own, encodes nothing and gives the same files", async () => {
    expect(first.encodings()).toBe(every().length);
    // In this process eleventy-img remembers its results; a new process finds the copies on disk by the photos' content.
    const script = [
      `import { photoProcessor } from ${JSON.stringify(path.join(ROOT, "src/pictures/photo-processor.ts"))};`,
      "const [cache, ...photos] = JSON.parse(process.env.PHOTOS);",
      "const p = photoProcessor(cache);",
      "const urls = [];",
      "for (const photo of photos) urls.push(...(await p.web(photo, '100vw')).files.map((f) => f.url));",
      "urls.push((await p.print(photos[0], 'event')).url, (await p.print(photos[1], 'cover')).url, (await p.print(photos[2], 'cover')).url);",
      "console.log(JSON.stringify({ encodings: p.encodings(), urls }));",
    ].join("\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT, env: { ...process.env, PHOTOS: JSON.stringify([cacheDir, turned, cmyk, transparent]) },
    });
    const again = JSON.parse(stdout) as { encodings: number; urls: string[] };
    expect(again.encodings).toBe(0);
    expect(again.urls).toEqual(every().map((f) => f.url));
    // And in this process too, with a new processor, as a preview rebuilds.
    const second = photoProcessor(cacheDir);
    await second.web(turned, "100vw");
    await second.print(turned, "event");
    expect(second.encodings()).toBe(0);
  }, 120_000);

  it("loses the half-written files of a build that was stopped, and keeps those of a build still running", async () => {
    const cache = path.join(await tempDir(), "cache");
    // The number of a process that has ended, and one of a process that runs.
    const ended = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ["-e", ""]);
      child.on("exit", () => resolve(child.pid!));
    });
    const root = path.join(cache, "v1");
    const stale = await put(root, `web/abc-800.webp.tmp-${ended}-1`, "half");
    const running = await put(root, `web/abc-480.webp.tmp-${process.ppid}-1`, "half");
    const copy = await put(root, "web/abc-800.webp", "whole");
    photoProcessor(cache);
    expect([existsSync(stale), existsSync(running), existsSync(copy)]).toEqual([false, true, true]);
    expect(removeStaleTemporaries(path.join(cache, "missing"))).toEqual([]);
  });

  it("publishes a rebuild from its record of each photo's copies: no image pipeline runs, no copy is opened, the same files", async () => {
    const before = eleventyImg.runs;
    const again = photoProcessor(cacheDir);
    const files = [...(await again.web(turned, "100vw")).files, ...(await again.web(cmyk, "100vw")).files, ...(await again.web(transparent, "100vw")).files,
      await again.print(turned, "event"), await again.print(cmyk, "cover"), await again.print(transparent, "cover")];
    expect(eleventyImg.runs - before).toBe(0);
    expect(again.encodings()).toBe(0);
    expect(files.map(({ url, width, height, file }) => ({ url, width, height, file }))).toEqual(every().map(({ url, width, height, file }) => ({ url, width, height, file })));
  });

  it("makes a copy missing from the cache again, and does not trust a damaged record", async () => {
    const dir = path.join(await tempDir(), "cache");
    const made = await photoProcessor(dir).web(turned, "100vw");
    const gone = made.files.find((f) => f.format === "webp")!;
    await rm(gone.file);
    const remade = photoProcessor(dir);
    const again = await remade.web(turned, "100vw");
    expect(again.files.map((f) => f.url)).toEqual(made.files.map((f) => f.url));
    // Back in the cache (in this process from eleventy-img's memory, in a new one encoded again).
    expect((await sharp(gone.file).metadata()).width).toBe(gone.width);
    // A record cut short or written by something else is ignored: the copies are looked up in eleventy-img's way again.
    const records = path.join(dir, "v1", "records");
    for (const name of await readdir(records)) await writeFile(path.join(records, name), '[{"url":"/photos/../../etc/passwd","format":"jpeg","width":1,"height":1,"file":"../../x"}]');
    const third = photoProcessor(dir);
    expect((await third.web(turned, "100vw")).files.map((f) => f.file)).toEqual(made.files.map((f) => f.file));
    expect(third.encodings()).toBe(0);
  });

  it("knows a photo changed since the last build, even with its old modification time put back: its copies are its own", async () => {
    const data = await tempDir();
    const file = path.join(data, "images", "replaced.jpg");
    const colour = async (background: string) => sharp({ create: { width: 1200, height: 800, channels: 3, background } }).jpeg().toBuffer();
    await put(data, "images/replaced.jpg", await colour("#c02020"));
    // Settled (its last change HASH_SETTLED_MS ago): its hash is kept in the cache, and the file is not read again while it stays the same.
    const longAgo = new Date(Date.now() - 3_600_000);
    await utimes(file, longAgo, longAgo);
    await settled(file);
    const dir = path.join(await tempDir(), "cache");
    const red = await photoProcessor(dir).print(await facts(file, "jpeg", 1200, 800), "event");
    expect(await readdir(path.join(dir, "hashes"))).toHaveLength(1);
    // Replaced by another picture, its modification time set back as some copying tools do: the change time still tells.
    await writeFile(file, await colour("#2020c0"));
    await utimes(file, longAgo, longAgo);
    const blue = await photoProcessor(dir).print(await facts(file, "jpeg", 1200, 800), "event");
    expect(blue.url).not.toBe(red.url);
    const { dominant } = await sharp(await bytesOf(blue)).stats();
    expect(dominant.b > 150 && dominant.r < 80, JSON.stringify(dominant)).toBe(true);
  });

  it("does not keep the hash of a photo saved just before it was read, which may change again within the same tick", async () => {
    const data = await tempDir();
    const file = await put(data, "images/fresh.jpg", await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#208020" } }).jpeg().toBuffer());
    const dir = path.join(await tempDir(), "cache");
    await photoProcessor(dir).print(await facts(file, "jpeg", 1200, 800), "event");
    expect(existsSync(path.join(dir, "hashes"))).toBe(false);
  });

  it("lives beside the output folder, in a hidden folder of its own for each output", () => {
    expect(photoCacheFor("/srv/site/output")).toBe("/srv/site/.activity-report-cache/output/photos");
    expect(photoCacheFor("/srv/site/output-2019/")).toBe("/srv/site/.activity-report-cache/output-2019/photos");
    expect(existsSync(path.join(ROOT, ".gitignore"))).toBe(true);
  });
});
