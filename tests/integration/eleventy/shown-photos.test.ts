/** The photos as the templates get them: each event's by its URL, the print copy where the PDF prints one, the covers by year, the logos in order. */
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadDataOrThrow } from "../../../src/data/load.ts";
import { PAGE_SIZES, photoOriginals, publishPhotos } from "../../../src/eleventy/shown-photos.ts";
import { PRINT_WIDTH_MM, printPixels } from "../../../src/data/attachments/photo-checks.ts";
import { photoProcessor } from "../../../src/pictures/photo-processor.ts";
import { cleanUp, ROOT, tempDir } from "../../helpers/data.ts";

afterAll(cleanUp);

const FULL_DATA = path.join(ROOT, "tests/fixtures/full-data");
const EVENT = "/events/2019/2019-02-20-pristina-training/";

describe("publishPhotos", () => {
  it("gives each event's photos by its URL, a print copy for its first only, each cover by year, the logos in their order", async () => {
    const { data } = await loadDataOrThrow(FULL_DATA);
    const processor = photoProcessor(path.join(await tempDir(), "cache"));
    const { shown, files, originals } = await publishPhotos(data, processor);

    expect(Object.keys(shown.events)).toEqual([EVENT]);
    const [first, second] = shown.events[EVENT]!;
    expect(first!.alt).toMatch(/^Sample picture standing in for a photo of the meeting/);
    expect(first!.credit).toBe("© Sample picture, no rights reserved");
    expect(first!.web.sizes).toBe(PAGE_SIZES);
    expect(first!.web.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp"]);
    // Printed 75 mm wide: 283 CSS pixels (96 to the inch) in the <img>'s attributes; the JPEG has 300 dpi there.
    expect(first!.print).toMatchObject({ widthMm: PRINT_WIDTH_MM.event, width: 283, height: 189 });
    expect(files.find((f) => f.url === first!.print!.src)!.width).toBe(printPixels(PRINT_WIDTH_MM.event));
    expect(second!.print).toBeUndefined();
    expect(second!.credit).toBeUndefined();
    // The portrait keeps its shape: taller than wide.
    expect(second!.web.img.height).toBeGreaterThan(second!.web.img.width);

    expect(Object.keys(shown.covers)).toEqual(["2019"]);
    // The stand-in is 1800 pixels wide, less than 160 mm at 300 dpi: it is not enlarged.
    expect(shown.covers["2019"]!.print).toMatchObject({ widthMm: PRINT_WIDTH_MM.cover, width: 605 });
    expect(files.find((f) => f.url === shown.covers["2019"]!.print!.src)!.width).toBe(1800);

    expect(shown.logos).toEqual([
      { src: "/images/logo.svg", alt: "The emblem of the Budapest Process" },
      { src: "/images/sample-logo-chair.svg", alt: "Sample logo standing in for the emblem of the Chair" },
      { src: "/images/sample-logo-donor.png", alt: "Sample logo standing in for the emblem of a donor", width: 800, height: 320 },
    ]);
    // Every URL a template is given is among the files to write.
    const urls = new Set(files.map((f) => f.url));
    for (const photo of [first!, second!, shown.covers["2019"]!]) {
      for (const url of [photo.web.img.src, ...[photo.web.img.srcset, ...photo.web.sources.map((s) => s.srcset)].flatMap((set) => set.split(", ").map((e) => e.split(" ")[0]!))]) {
        expect(urls.has(url), url).toBe(true);
      }
      if (photo.print) expect(urls.has(photo.print.src)).toBe(true);
    }
    // Every raster picture is published as a processed copy only: the photos as /photos/…, the PNG logo at its own path, cleaned.
    expect([...originals].sort()).toEqual(["images/sample-landscape-exif.jpg", "images/sample-logo-donor.png", "images/sample-portrait.jpg"]);
    expect(files.filter((f) => f.url.startsWith("/images/")).map((f) => [f.url, f.format, f.width, f.height])).toEqual([["/images/sample-logo-donor.png", "png", 800, 320]]);
  });
});

describe("photoOriginals", () => {
  it("names the files of the events' photos and the editions' cover photos, and nothing else", () => {
    const photo = (file: string) => ({ file, alt: "A meeting" });
    const originals = photoOriginals({
      events: [{ photos: [photo("images/a.jpg"), photo("images/b.png")] }, {}] as never,
      report: { editions: { 2018: { cover_photo: photo("images/c.jpg") }, 2019: {} } } as never,
    });
    expect([...originals].sort()).toEqual(["images/a.jpg", "images/b.png", "images/c.jpg"]);
  });
});
