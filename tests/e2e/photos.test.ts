/** The photos as a build publishes them: without metadata, at the widths the pages claim, at 300 dpi in the PDF, cached between builds, accessible. */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { AxePuppeteer } from "@axe-core/puppeteer";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRINT_DPI, PRINT_HEIGHT_MM, PRINT_WIDTH_MM } from "../../src/data/attachments/photo-checks.ts";
import { photoCacheFor, printBudget } from "../../src/pictures/photo-processor.ts";
import { openSite } from "../helpers/browser.ts";
import { openPdf, pdfLines, pdfPageBytes } from "../helpers/pdf.ts";
import { runCli } from "../helpers/cli.ts";
import { cleanUp, put, ROOT, sampleCopy, tempDir } from "../helpers/data.ts";
import { builtSite, warmOutput } from "../helpers/sites.ts";
import { gifOfFrames, truncatedJpeg } from "../helpers/hostile-files.ts";
import { rng } from "../../bench/lib/random.ts";
import { photographed } from "../../bench/photos.ts";
import type { SceneColours } from "../../bench/lib/scene.ts";

const { dir } = builtSite("sample");
const FULL_DATA = path.join(ROOT, "tests/fixtures/full-data");
/** The sample's event pages with photos: a turned JPEG with GPS and a portrait; a transparent PNG and a CMYK JPEG. */
const PHOTO_PAGES = ["/events/2017/2017-05-16-istanbul-training-of-trainers-afghanistan/", "/events/2018/2018-05-07-sarajevo-joint-working-group/"];

afterAll(cleanUp);

const htmlOf = (url: string) => readFile(path.join(dir, ...url.split("/").filter(Boolean), "index.html"), "utf8");

/** Each `url width` of a srcset. */
const srcsetEntries = (srcset: string) => srcset.split(",").map((s) => s.trim().split(/\s+/)).map(([url, w]) => ({ url: url!, width: Number(w!.replace(/w$/, "")) }));

describe("the published photo files", () => {
  it("carry no EXIF, GPS or other metadata, are upright and sRGB, and the originals are not published", async () => {
    const files = await readdir(path.join(dir, "photos"));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const bytes = await readFile(path.join(dir, "photos", name));
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, name).toBeUndefined();
      expect(meta.xmp, name).toBeUndefined();
      expect(meta.iptc, name).toBeUndefined();
      expect(meta.orientation ?? 1, name).toBe(1);
      expect(meta.space, name).toBe("srgb");
      // The GPS position and the serial of the turned sample are nowhere in the bytes.
      expect(bytes.includes("SAMPLE-SERIAL-0042"), name).toBe(false);
      expect(bytes.includes("Sample Camera Owner"), name).toBe(false);
    }
    // The print copies went with the print pages: readers get the PDF.
    expect(existsSync(path.join(dir, "photos", "print"))).toBe(false);
    // The originals, with their EXIF, stay in the data folder.
    expect(existsSync(path.join(dir, "images", "sample-landscape-exif.jpg"))).toBe(false);
  });

  it("turn the photo stored on its side upright: the copies of the EXIF-oriented sample are landscape", async () => {
    const html = await htmlOf(PHOTO_PAGES[0]!);
    const img = /<img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="(\d+)" height="(\d+)" alt="Sample picture standing in for a photo of the meeting: flat shapes of seven/.exec(html);
    expect(img).not.toBeNull();
    expect(Number(img![3])).toBeGreaterThan(Number(img![4]));
    const { width, height } = await sharp(path.join(dir, img![1]!)).metadata();
    expect(width).toBeGreaterThan(height!);
  });
});

describe("the event pages with photos", () => {
  it("offer AVIF, WebP and JPEG, each width of each srcset a file of that width, the img's width and height those of its largest copy", async () => {
    for (const url of PHOTO_PAGES) {
      const html = await htmlOf(url);
      const pictures = [...html.matchAll(/<picture>([\s\S]*?)<\/picture>/g)].map((m) => m[1]!);
      expect(pictures.length, url).toBeGreaterThanOrEqual(2);
      for (const picture of pictures) {
        const sources = [...picture.matchAll(/<source type="([^"]+)" srcset="([^"]+)" sizes="[^"]+">/g)];
        expect(sources.map((s) => s[1])).toEqual(["image/avif", "image/webp"]);
        const img = /<img src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="(\d+)" height="(\d+)" alt="([^"]+)" loading="lazy" decoding="async">/.exec(picture);
        expect(img, picture).not.toBeNull();
        expect(img![5]).toMatch(/^Sample picture standing in for a photo of the meeting/);
        const sets: [string, string][] = [["avif", sources[0]![2]!], ["webp", sources[1]![2]!], ["jpeg", img![2]!]];
        for (const [format, srcset] of sets) {
          const entries = srcsetEntries(srcset);
          expect(entries.length, srcset).toBeGreaterThan(1);
          for (const entry of entries) {
            const file = path.join(dir, entry.url);
            expect(existsSync(file), entry.url).toBe(true);
            const meta = await sharp(file).metadata();
            expect(meta.width, entry.url).toBe(entry.width);
            expect(meta.format === "heif" ? "avif" : meta.format, entry.url).toBe(format);
          }
        }
        const largest = srcsetEntries(img![2]!).at(-1)!;
        const meta = await sharp(path.join(dir, largest.url)).metadata();
        expect([Number(img![3]), Number(img![4])]).toEqual([meta.width, meta.height]);
      }
      // Caption and credit under each photo, in the figure.
      expect(html).toMatch(/<\/picture>\s*<figcaption>Sample picture standing in for a photo of the meeting[^<]*<span class="credit">© Sample picture, no rights reserved<\/span><\/figcaption>/);
    }
  });

  it("have no accessibility violations (axe-core, WCAG 2.2 AA), nor has the year page with a photo in an entry", async () => {
    const site = await openSite(dir);
    const page = await site.browser.newPage();
    try {
      for (const url of [...PHOTO_PAGES, "/2017/"]) {
        await page.goto(site.url(url), { waitUntil: "load" });
        const results = await new AxePuppeteer(page).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
        expect(results.violations.map((v) => `${url}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
        // Every photo loads once scrolled to (they load lazily): none is a broken picture.
        const loaded = await page.$$eval("figure.photo img", (imgs) => Promise.all(imgs.map((img) => {
          const i = img;
          i.scrollIntoView();
          return i.decode().then(() => i.naturalWidth > 0, () => false);
        })));
        expect(loaded.length, url).toBeGreaterThan(0);
        expect(loaded.filter((ok) => !ok), url).toEqual([]);
      }
    } finally {
      await page.close();
      await site.close();
    }
  });
});

const PDF_2017 = path.join(dir, "2017", "budapest-process-activity-report-2017.pdf");

describe("the PDF", () => {
  it("prints each photo as a JPEG at about 300 dpi for its printed size", async () => {
    const { stdout } = await promisify(execFile)("pdfimages", ["-list", PDF_2017]);
    const rows = stdout.trim().split("\n").slice(2).map((line) => line.trim().split(/\s+/));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [, , , , , , , , enc, , , , xPpi, yPpi] = row;
      expect(enc, row.join(" ")).toBe("jpeg");
      expect(Math.abs(Number(xPpi) - PRINT_DPI), row.join(" ")).toBeLessThanOrEqual(10);
      expect(Math.abs(Number(yPpi) - PRINT_DPI), row.join(" ")).toBeLessThanOrEqual(10);
    }
  });
});

describe("a report whose photos are as a camera takes them", () => {
  // The sample's stand-ins are flat drawings, which compress far better than photos: the 2017 report is built again
  // with its two printed photos (the cover, the Istanbul training's) drawn as a camera takes them (bench/photos.ts).
  let pdf: string;
  beforeAll(async () => {
    const data = await sampleCopy();
    const camera = async (seed: number, width: number, height: number, colours: SceneColours, label: string) =>
      sharp(await photographed(rng(seed), width, height, colours, label), { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
    await put(data, "images/sample-cmyk.jpg", await camera(3, 2000, 1333, { sky: "#c9d6c3", table: "#444", people: "#1f3b57" }, "landscape, as a camera takes it"));
    await put(data, "images/sample-landscape-exif.jpg", await camera(1, 1800, 1200, { sky: "#b8c4cc", table: "#5b3a29", people: "#3d4f63" }, "landscape, as a camera takes it"));
    const output = await warmOutput();
    const run = await runCli(["build", "--data", data, "--output", output, "--year", "2017"]);
    expect(run.code, run.stderr).toBe(0);
    pdf = path.join(output, "2017", "budapest-process-activity-report-2017.pdf");
  }, 120_000);

  it("keeps every page that prints a photo under 250 KB of its own: its content and the photos it draws (the fonts, embedded once for all pages, not counted)", async () => {
    const pages = await pdfPageBytes(pdf);
    const withPhotos = pages.filter((p) => p.images.length > 0);
    // The cover photo on the first page, the Istanbul training's beside its entry: the images pdfimages finds, page by page.
    const { stdout } = await promisify(execFile)("pdfimages", ["-list", pdf]);
    const rows = stdout.trim().split("\n").slice(2).map((line) => line.trim().split(/\s+/));
    expect(withPhotos.flatMap((p) => p.images.map((i) => `page ${p.page}: ${i.width}x${i.height} ${i.ref}`))).toEqual(rows.map((row) => `page ${row[0]}: ${row[3]}x${row[4]} ${row[10]} 0 R`));
    expect(withPhotos.map((p) => p.page === 1)).toEqual([true, false]);
    for (const page of withPhotos) {
      expect(page.images.every((i) => i.filters.join() === "DCTDecode" && i.bytes > 10_000), JSON.stringify(page)).toBe(true);
      expect(page.total, `page ${page.page}: ${JSON.stringify(page)}`).toBeLessThan(250 * 1024);
      // Each photo within its share of a page (a page of photos stays under the budget however many it holds), at the width it is printed.
      for (const image of page.images) {
        const row = rows.find((r) => r[0] === String(page.page) && `${r[10]} 0 R` === image.ref)!;
        const widthMm = (image.width / Number(row[12])) * 25.4;
        expect(image.bytes, `page ${page.page}: ${JSON.stringify(image)}`).toBeLessThanOrEqual(printBudget(image.width, image.height, widthMm) * 1.01);
      }
    }
    // The cover photo is the widest the report prints.
    expect(Math.round((withPhotos[0]!.images[0]!.width / 300) * 25.4)).toBe(PRINT_WIDTH_MM.cover);
  });
});

describe("a portrait cover photo", () => {
  it("is printed narrower, at most 110 mm tall, still at about 300 dpi, and the cover stays one page", async () => {
    const data = path.join(await tempDir(), "data");
    await cp(FULL_DATA, data, { recursive: true });
    const report = await readFile(path.join(data, "report.yaml"), "utf8");
    await writeFile(path.join(data, "report.yaml"), report.replace(/(cover_photo:\n\s+file: )images\/sample-landscape-exif\.jpg/, "$1images/sample-portrait.jpg"));
    const output = await warmOutput();
    const run = await runCli(["build", "--data", data, "--output", output, "--year", "2019"]);
    expect(run.code, run.stderr).toBe(0);
    const pdf = path.join(output, "2019", "budapest-process-activity-report-2019.pdf");
    const { stdout } = await promisify(execFile)("pdfimages", ["-list", pdf]);
    const cover = stdout.trim().split("\n").slice(2).map((line) => line.trim().split(/\s+/)).filter((row) => row[0] === "1" && row[2] === "image" && row[8] === "jpeg");
    expect(cover).toHaveLength(1);
    const [, , , width, height, , , , , , , , xPpi, yPpi] = cover[0]!;
    expect(Number(height)).toBeGreaterThan(Number(width));
    expect(Math.abs(Number(xPpi) - PRINT_DPI)).toBeLessThanOrEqual(10);
    expect(Math.abs(Number(yPpi) - PRINT_DPI)).toBeLessThanOrEqual(10);
    expect((Number(height) / Number(yPpi)) * 25.4).toBeLessThanOrEqual(PRINT_HEIGHT_MM.cover + 1);
    const lines = await pdfLines(pdf);
    expect(lines[0]).toContain("Chair Türkiye");
    expect(lines[1]!.join(" ")).toMatch(/^Published by/);
  });
});

describe("the tagged PDF", () => {
  it("tags the cover photo and the event's photo as figures with their alt, and their captions as captions on the same pages", async () => {
    const doc = await openPdf(path.join(dir, "2017", "budapest-process-activity-report-2017.pdf"));
    type Node = { role?: string; alt?: string; children?: Node[] };
    const found: { page: number; role: string; alt?: string }[] = [];
    const walk = (node: Node | null, page: number): void => {
      if (!node) return;
      if (node.role === "Figure" || node.role === "Caption") found.push({ page, role: node.role, ...(node.alt ? { alt: node.alt } : {}) });
      for (const child of node.children ?? []) walk(child, page);
    };
    for (let n = 1; n <= doc.numPages; n++) walk((await (await doc.getPage(n)).getStructTree()) as Node, n);
    const photos = found.filter((f) => f.role === "Figure" && f.alt?.startsWith("Sample picture standing in for a photo of the meeting"));
    // The cover photo on the first page, the Istanbul training's beside its entry.
    expect(photos.map((p) => [p.page === 1, p.alt])).toEqual([
      [true, "Sample picture standing in for a photo of the meeting: flat shapes of seven people behind a table in a meeting room, with the words SAMPLE PICTURE."],
      [false, "Sample picture standing in for a photo of the meeting: flat shapes of seven people behind a table, with the words SAMPLE PICTURE."],
    ]);
    for (const photo of photos) expect(found.some((f) => f.role === "Caption" && f.page === photo.page), `page ${photo.page}`).toBe(true);
  });

  it("has alt on every Figure; a photo with its caption is a Div of the Figure and the Caption, not a Figure without alt around them", async () => {
    const doc = await openPdf(path.join(dir, "2017", "budapest-process-activity-report-2017.pdf"));
    type Node = { role?: string; alt?: string; children?: Node[] };
    const figures: { alt?: string; parent?: string; siblings: string[] }[] = [];
    const walk = (node: Node, parent?: Node): void => {
      if (node.role === "Figure") figures.push({ ...(node.alt ? { alt: node.alt } : {}), ...(parent?.role ? { parent: parent.role } : {}), siblings: (parent?.children ?? []).flatMap((c) => (c.role && c !== node ? [c.role] : [])) });
      for (const child of node.children ?? []) walk(child, node);
    };
    for (let n = 1; n <= doc.numPages; n++) {
      const tree = (await (await doc.getPage(n)).getStructTree()) as Node | null;
      if (tree) walk(tree);
    }
    await doc.destroy();
    expect(figures.length).toBeGreaterThanOrEqual(5);
    expect(figures.filter((f) => !f.alt)).toEqual([]);
    const photos = figures.filter((f) => f.alt!.startsWith("Sample picture standing in"));
    expect(photos.map((f) => [f.parent, f.siblings])).toEqual([["Div", ["Caption"]], ["Div", ["Caption"]]]);
  });
});

describe("a second build", () => {
  // The first: the global setup's build of the data folder with every optional field, with no cache beside it yet;
  // the second builds over a copy of it, the cache beside it copied too, as the same folder would be built again.
  const { dir: firstOutput, run: first } = builtSite("full-data");
  let output: string;
  beforeAll(async () => {
    output = path.join(await tempDir(), "site");
    await cp(firstOutput, output, { recursive: true });
    await cp(photoCacheFor(firstOutput), photoCacheFor(output), { recursive: true });
  });

  it("re-encodes nothing: every copy comes from the cache beside the output, which is never published", async () => {
    expect(first.code, first.stderr).toBe(0);
    const encoded = /Published (\d+) picture files \((\d+) encoded\)/.exec(first.stderr);
    expect(encoded, first.stderr).not.toBeNull();
    expect(encoded![1]).toBe(encoded![2]);
    const before = await readdir(path.join(output, "photos"));
    const second = await runCli(["build", "--data", FULL_DATA, "--output", output, "--no-pdf"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`Published ${encoded![1]} picture files (all from the cache).`);
    expect(await readdir(path.join(output, "photos"))).toEqual(before);
    expect(existsSync(path.join(path.dirname(output), ".activity-report-cache", "site", "photos"))).toBe(true);
    expect((await readdir(output, { recursive: true })).filter((f) => f.includes("activity-report-cache"))).toEqual([]);
  });

  it("publishes the PNG logo at its own path as a copy without the EXIF its file carries; the SVG logos as they are", async () => {
    const original = await readFile(path.join(FULL_DATA, "images", "sample-logo-donor.png"));
    expect(original.includes("Sample Logo Designer")).toBe(true);
    const published = await readFile(path.join(output, "images", "sample-logo-donor.png"));
    const meta = await sharp(published).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif, meta.xmp]).toEqual(["png", 800, 320, undefined, undefined]);
    expect(published.includes("Sample Logo Designer") || published.includes("Sample Drawing Program")).toBe(false);
    expect(await readFile(path.join(output, "images", "logo.svg"))).toEqual(await readFile(path.join(FULL_DATA, "images", "logo.svg")));
  });

  it("shows the cover photo at the top of the year page without lazy loading, and the logos in the header in their order with their alt", async () => {
    const year = await readFile(path.join(output, "2019", "index.html"), "utf8");
    const cover = /<figure class="photo cover-photo">[\s\S]*?<img [^>]*>/.exec(year);
    expect(cover).not.toBeNull();
    expect(cover![0]).not.toContain('loading="lazy"');
    expect([...year.matchAll(/<img class="site-logo" src="([^"]+)" alt="([^"]*)"/g)].map((m) => [m[1], m[2]])).toEqual([
      ["/images/logo.svg", "The emblem of the Budapest Process"],
      ["/images/sample-logo-chair.svg", "Sample logo standing in for the emblem of the Chair"],
      ["/images/sample-logo-donor.png", "Sample logo standing in for the emblem of a donor"],
    ]);
  });
});

describe("hostile pictures: check and build agree", () => {
  it("refuse each by name and place, check and build alike, and the frames of a picture are never decoded", async () => {
    const data = await sampleCopy();
    // Unnamed: 23 KB that would decode to 49 megapixels a thousand times, and a name that an address cannot hold.
    await put(data, "images/frames.gif", gifOfFrames(7000, 7000, 1000));
    await put(data, "images/logo#2019.png", await sharp({ create: { width: 600, height: 200, channels: 3, background: "#123" } }).png().toBuffer());
    // An event's first photo cut off halfway, and a strip of a photo after it.
    await put(data, "images/cut.jpg", await truncatedJpeg(1600, 1200));
    await put(data, "images/strip.png", await sharp({ create: { width: 1, height: 4000, channels: 3, background: "#456" } }).png().toBuffer());
    const event = "events/2018/2018-06-01-test-meeting.yaml";
    await put(data, event, [
      "title: Test meeting", "type: working-group-meeting", "date: 2018-06-01", "place: sarajevo", "strands: [silk-routes-working-group]", "summary: A meeting.",
      "photos:", "  - file: images/cut.jpg", "    alt: Delegates around the table", "  - file: images/strip.png", "    alt: The hall", "",
    ].join("\n"));
    const output = path.join(await tempDir(), "site");
    const started = Date.now();
    // check keeps what it learns of the pictures beside the output folder its build would use (REPORT_OUTPUT).
    const check = await runCli(["check", "--data", data], { env: { REPORT_OUTPUT: output } });
    expect(Date.now() - started).toBeLessThan(60_000);
    const build = await runCli(["build", "--data", data, "--output", output, "--no-pdf"]);
    for (const run of [check, build]) {
      expect(run.code, run.stderr).toBe(1);
      const lines = run.stderr.split("\n").map((line) => line.replace(`${data}/`, ""));
      expect(lines).toContainEqual(expect.stringMatching(/^images\/frames\.gif: images\/frames\.gif is 7000 × 7000 pixels in 1,000 frames/));
      expect(lines).toContainEqual(expect.stringMatching(/^images\/logo#2019\.png: the picture has a name that a web address cannot hold as it is .*rename it to images\/logo-2019\.png$/));
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${event}:8:11: images/cut\\.jpg cannot be decoded to its end as a JPEG \\(.+\\): the file is damaged`)));
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${event}:10:11: images/strip\\.png is 1 × 4000 pixels, over 10 times as tall as it is wide`)));
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(output)).toBe(false);
  });
});
