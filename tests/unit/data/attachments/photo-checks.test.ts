/** Photos, cover photos and logos: each named file checked at the field that names it, and its facts kept. */
import { readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { loadData } from "../../../../src/data/load.ts";
import { altProblems, coverSizeProblem, logosOf, photoPathProblem, pictureDecodings, pixelProblem, printedWidthMm, printPixels, printSizeProblem, proportionProblem, shownSize } from "../../../../src/data/attachments/photo-checks.ts";
import { cleanUp, diagnosticsOf, put, sampleCopy, tempDir, withoutSamplePictures } from "../../../helpers/data.ts";
import { gifOfFrames, truncatedJpeg, webpOfFrames } from "../../../helpers/hostile-files.ts";

afterAll(cleanUp);

const FILE = "events/2018/2018-06-01-test-meeting.yaml";
const OTHER = "events/2018/2018-06-02-other-meeting.yaml";

/** A valid event (lines 1 to 6), then its photos from line 7: each entry's file on its first line, at column 11. */
const event = (photos: string[], title = "Test meeting") => [
  `title: ${title}`,
  "type: working-group-meeting",
  "date: 2018-06-01",
  "place: sarajevo",
  "strands: [silk-routes-working-group]",
  "summary: A meeting for the tests.",
  "photos:",
  ...photos,
  "",
].join("\n");

const photo = (file: string, alt = "Delegates around the table", more: string[] = []) => [`  - file: ${file}`, `    alt: ${alt}`, ...more.map((l) => `    ${l}`)];

const jpeg = (width: number, height: number, orientation?: number) => {
  const image = sharp({ create: { width, height, channels: 3, background: "#4a6a8a" } }).jpeg();
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
};

/** A PNG whose header says `width` × `height`: sharp reads the size from the header alone, as validation must. */
async function pngHeader(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 2, height: 2, channels: 3, background: "#888" } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

let dir: string;
beforeEach(async () => {
  dir = await sampleCopy();
});

const of = async (file: string) => (await diagnosticsOf(dir)).filter((d) => d.startsWith(file));

describe("the photos of an event", () => {
  it("photos that pass (JPEG, PNG, WebP, AVIF) give no diagnostic, and its facts are on the DataSet, turned as its EXIF orientation says", async () => {
    await put(dir, "images/hall.jpg", await jpeg(1600, 1200, 6));
    await put(dir, "images/square.png", await sharp({ create: { width: 1000, height: 1000, channels: 4, background: "#0000" } }).png().toBuffer());
    const create = { width: 1000, height: 1200, channels: 3 as const, background: "#345" };
    await put(dir, "images/panel.webp", await sharp({ create }).webp().toBuffer());
    await put(dir, "images/panel.avif", await sharp({ create }).avif({ effort: 0 }).toBuffer());
    await put(dir, FILE, event([...photo("images/hall.jpg", "Delegates in the hall", ["caption: Sarajevo, 1 June 2018", "credit: © ICMPD"]), ...photo("images/square.png")]));
    await put(dir, OTHER, event([...photo("images/panel.webp", "The opening panel"), ...photo("images/panel.avif", "The opening panel, seen from the hall")], "Other meeting"));
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    expect(["images/panel.webp", "images/panel.avif"].map((p) => result.data!.pictureFacts.get(p)?.type)).toEqual(["webp", "avif"]);
    expect(result.data!.pictureFacts.get("images/hall.jpg")).toMatchObject({ type: "jpeg", width: 1200, height: 1600, orientation: "portrait", exifOrientation: 6 });
    expect(result.data!.pictureFacts.get("images/square.png")).toMatchObject({ type: "png", width: 1000, height: 1000, orientation: "square", exifOrientation: 1 });
    expect(result.data!.events.find((e) => e.id === "2018-06-01-test-meeting")!.photos).toEqual([
      { file: "images/hall.jpg", alt: "Delegates in the hall", caption: "Sarajevo, 1 June 2018", credit: "© ICMPD" },
      { file: "images/square.png", alt: "Delegates around the table" },
    ]);
  });

  it("errors at the photo's file: missing, outside images/, an SVG or a GIF, not a picture, over 50 megapixels", async () => {
    await put(dir, "images/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    await put(dir, "images/anim.gif", Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"));
    await put(dir, "images/notes.jpg", "not a picture at all");
    await put(dir, "images/huge.png", await pngHeader(10_000, 6_000));
    await put(dir, FILE, event([
      ...photo("images/none.jpg"), //          8
      ...photo("../secret.jpg"), //            10
      ...photo("images/../report.yaml"), //    12
      ...photo("images/logo.svg"), //          14
      ...photo("images/anim.gif"), //          16
      ...photo("images/notes.jpg"), //         18
      ...photo("images/huge.png"), //          20
    ]));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: the file images/none.jpg is not in the data folder; put the picture in the images folder, or correct the name`,
      `${FILE}:10:11: photo "../secret.jpg" must be a picture in the images folder of the data folder, written from there, e.g. images/2018-05-07-sarajevo.jpg`,
      `${FILE}:12:11: photo "images/../report.yaml" must be a picture in the images folder of the data folder, written from there, e.g. images/2018-05-07-sarajevo.jpg`,
      `${FILE}:14:11: images/logo.svg holds an SVG drawing, not a photo: a photo must be a JPEG, PNG, WebP or AVIF file; save it as one`,
      `${FILE}:16:11: images/anim.gif holds a GIF, not a photo: a photo must be a JPEG, PNG, WebP or AVIF file; save it as one`,
      `${FILE}:18:11: images/notes.jpg is not published: by its content it is not a picture (JPEG, PNG, GIF, WebP, AVIF or SVG); only pictures in images/ are published`,
      `${FILE}:20:11: images/huge.png is 10000 × 6000 pixels (60.0 megapixels); a picture may have at most 50 megapixels: scale it down, e.g. to 6000 pixels on its long side`,
    ]);
  });

  it("any other raster picture of images/ (which the site publishes as a cleaned copy) must open and have at most 50 megapixels: an error at the file", async () => {
    const good = await jpeg(1200, 800);
    await put(dir, "images/truncated.jpg", good.subarray(0, 40));
    await put(dir, "images/huge.png", await pngHeader(10_000, 6_000));
    await put(dir, "images/fine.jpg", good);
    const result = await loadData(dir);
    const mine = result.diagnostics.filter((d) => /images\/(truncated|huge|fine)/.test(d.file)).map((d) => `${path.relative(dir, d.file)}: ${d.severity}: ${d.message}`);
    expect(mine).toHaveLength(2);
    expect(mine[0]).toBe("images/huge.png: error: images/huge.png is 10000 × 6000 pixels (60.0 megapixels); a picture may have at most 50 megapixels: scale it down, e.g. to 6000 pixels on its long side");
    expect(mine[1]).toMatch(/^images\/truncated\.jpg: error: images\/truncated\.jpg cannot be read as a JPEG \(.+\); save it again from a picture program$/);
    // A picture named by a photo is told at the field, not twice.
    await put(dir, FILE, event(photo("images/huge.png")));
    const named = await diagnosticsOf(dir);
    expect(named.filter((d) => d.includes("huge.png"))).toEqual([
      `${FILE}:8:11: images/huge.png is 10000 × 6000 pixels (60.0 megapixels); a picture may have at most 50 megapixels: scale it down, e.g. to 6000 pixels on its long side`,
    ]);
  });

  it("the facts of every raster picture of images/ are on the DataSet, named or not; an SVG's are not", async () => {
    await put(dir, "images/unnamed.jpg", await jpeg(300, 200, 6));
    const result = await loadData(dir);
    expect(result.data!.pictureFacts.get("images/unnamed.jpg")).toMatchObject({ type: "jpeg", width: 200, height: 300, exifOrientation: 6 });
    expect([...result.data!.pictureFacts.keys()].filter((k) => k.endsWith(".svg"))).toEqual([]);
  });

  it("a file over 25 MB, and one reached through a link that leaves the data folder: at the field, and at the file", async () => {
    const outside = await tempDir();
    await writeFile(path.join(outside, "secret.jpg"), await jpeg(1200, 800));
    await symlink(path.join(outside, "secret.jpg"), (await put(dir, "images/placeholder", "")).replace("placeholder", "linked.jpg"));
    await put(dir, "images/big.jpg", Buffer.concat([await jpeg(1200, 800), Buffer.alloc(26 * 1024 * 1024)]));
    await put(dir, FILE, event([...photo("images/linked.jpg"), ...photo("images/big.jpg")]));
    const all = await diagnosticsOf(dir);
    expect(all.filter((d) => d.startsWith(FILE))).toEqual([
      `${FILE}:8:11: images/linked.jpg is a link to ${path.join(outside, "secret.jpg")}, outside the data folder; copy the picture in instead`,
      `${FILE}:10:11: images/big.jpg is 26 MB; a picture may be at most 25 MB: save it with stronger compression or fewer pixels`,
    ]);
    expect(all).toContain(`images/linked.jpg: the file is a link to ${path.join(outside, "secret.jpg")}, outside the data folder; copy the file in instead`);
  });

  it("a photo without alt is an error that says what alt is for", async () => {
    await put(dir, "images/hall.jpg", await jpeg(1200, 800));
    await put(dir, FILE, event(["  - file: images/hall.jpg", "    caption: The hall"]));
    expect(await of(FILE)).toEqual([`${FILE}:8:5: missing required field "alt": write what the picture shows, for someone who cannot see it`]);
  });

  it("warnings: under 1,000 pixels on the long side, alt that repeats the file name or the caption", async () => {
    await put(dir, "images/small.jpg", await jpeg(800, 600));
    await put(dir, "images/hall-2018.jpg", await jpeg(1200, 800));
    await put(dir, FILE, event([
      ...photo("images/small.jpg"), //                                          8
      ...photo("images/hall-2018.jpg", "hall 2018"), //                        10
      ...photo("images/hall-2018.jpg", "The hall in Sarajevo", ["caption: The  hall in Sarajevo"]), // 12
    ]));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: warning: images/small.jpg is 800 × 600 pixels, under 1,000 on its long side: it will print blurred; use a larger copy of the photo if there is one`,
      `${FILE}:11:10: warning: alt repeats the file name, which tells a reader who cannot see the picture nothing; write what the picture shows`,
      `${FILE}:13:10: warning: alt repeats the caption, which is read out as well; write what the picture shows that the caption does not say`,
    ]);
  });

  it("a photo used by two events: a warning once, on the second, naming the first", async () => {
    await put(dir, "images/hall.jpg", await jpeg(1200, 800));
    await put(dir, FILE, event(photo("images/hall.jpg")));
    await put(dir, OTHER, event(photo("images/hall.jpg"), "Other meeting"));
    await put(dir, "events/2018/2018-06-03-third-meeting.yaml", event(photo("images/hall.jpg"), "Third meeting"));
    expect((await diagnosticsOf(dir)).filter((d) => d.startsWith("events/2018/2018-06"))).toEqual([
      `${OTHER}:8:11: warning: images/hall.jpg is also a photo of ${FILE}; fine when meant, else choose the photo of this event`,
    ]);
  });

  it("a mistake in one photo hides no other: the valid fields of each entry are checked", async () => {
    await put(dir, FILE, event([...photo("images/none.jpg", "A", ["captoin: The hall"]), ...photo("images/gone.jpg")]));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: the file images/none.jpg is not in the data folder; put the picture in the images folder, or correct the name`,
      `${FILE}:10:5: unknown field "captoin", did you mean "caption"?`,
      `${FILE}:11:11: the file images/gone.jpg is not in the data folder; put the picture in the images folder, or correct the name`,
    ]);
  });
});

describe("pictures that multiply, break off, or cannot be printed or addressed", () => {
  const atFile = async (pattern: RegExp) => (await loadData(dir)).diagnostics.filter((d) => pattern.test(d.file)).map((d) => `${path.relative(dir, d.file)}: ${d.severity}: ${d.message}`);

  it("every frame counts toward the 50 megapixels: an animated GIF or WebP of many large frames is refused at the file, named or not, before any pixel is decoded", async () => {
    // 23 KB that decode to 49 megapixels a frame, a thousand times; and a WebP of 194 bytes, three frames of the same.
    await put(dir, "images/frames.gif", gifOfFrames(7000, 7000, 1000));
    await put(dir, "images/frames.webp", await webpOfFrames(7000, 7000, 3));
    // Small and animated: 200 × 200 in 100 frames is 4 megapixels in all.
    await put(dir, "images/spinner.gif", gifOfFrames(200, 200, 100));
    const decoded = pictureDecodings();
    // With a cache of its own, nothing is known to decode: every picture that gets so far is decoded.
    const result = await loadData(dir, { pictureCache: path.join(await tempDir(), "photos") });
    const rasters = (await readdir(path.join(dir, "images"))).filter((name) => !name.endsWith(".svg"));
    expect(pictureDecodings() - decoded).toBe(rasters.length - 2);
    expect(result.diagnostics.filter((d) => /images\/(frames|spinner)/.test(d.file)).map((d) => `${path.relative(dir, d.file)}: ${d.severity}: ${d.message}`)).toEqual([
      "images/frames.gif: error: images/frames.gif is 7000 × 7000 pixels in 1,000 frames (49000.0 megapixels in all); a picture may have at most 50 megapixels, every frame counted: keep fewer frames, or scale it down",
      "images/frames.webp: error: images/frames.webp is 7000 × 7000 pixels in 3 frames (147.0 megapixels in all); a picture may have at most 50 megapixels, every frame counted: keep fewer frames, or scale it down",
    ]);
    // Named as a photo (a WebP may be one), at the field that names it.
    await put(dir, FILE, event(photo("images/frames.webp")));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: images/frames.webp is 7000 × 7000 pixels in 3 frames (147.0 megapixels in all); a picture may have at most 50 megapixels, every frame counted: keep fewer frames, or scale it down`,
    ]);
  });

  it("a picture cut short (a download stopped halfway), whose header is whole, is an error naming the file and what to do: as a photo at its field, else at the file", async () => {
    await put(dir, "images/cut.jpg", await truncatedJpeg(1200, 800));
    const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } } }).png().toBuffer();
    await put(dir, "images/cut.png", png.subarray(0, Math.floor(png.length * 0.6)));
    const damaged = (name: string, type: string) => new RegExp(`^${name} cannot be decoded to its end as ${type} \\(.+\\): the file is damaged, perhaps cut short while it was downloaded or copied; copy it again from where it came from, or save it again from a picture program$`);
    const [jpegAtFile, pngAtFile, ...rest] = await atFile(/images\/cut/);
    expect(rest).toEqual([]);
    expect(jpegAtFile).toMatch(/^images\/cut\.jpg: error: /);
    expect(jpegAtFile!.replace(/^images\/cut\.jpg: error: /, "")).toMatch(damaged("images/cut\\.jpg", "a JPEG"));
    expect(pngAtFile!.replace(/^images\/cut\.png: error: /, "")).toMatch(damaged("images/cut\\.png", "a PNG"));
    // As an event's first photo and as a later one alike.
    await put(dir, FILE, event([...photo("images/cut.jpg"), ...photo("images/cut.png", "The hall")]));
    const [first, second, ...others] = await of(FILE);
    expect(others).toEqual([]);
    expect(first!.replace(`${FILE}:8:11: `, "")).toMatch(damaged("images/cut\\.jpg", "a JPEG"));
    expect(second!.replace(`${FILE}:10:11: `, "")).toMatch(damaged("images/cut\\.png", "a PNG"));
  });

  it("a JPEG with the extraneous bytes some cameras write decodes, and passes", async () => {
    const good = await jpeg(1200, 800);
    const scan = good.indexOf(Buffer.from([0xff, 0xda]));
    await put(dir, "images/camera.jpg", Buffer.concat([good.subarray(0, scan), Buffer.from([1, 2, 3]), good.subarray(scan)]));
    await put(dir, FILE, event(photo("images/camera.jpg")));
    expect(await of(FILE)).toEqual([]);
  });

  it("a picture known to decode is not decoded again by a check that keeps what it learnt; a replaced one is", async () => {
    const cache = path.join(await tempDir(), "photos");
    await put(dir, "images/kept.jpg", await jpeg(1200, 800));
    await loadData(dir, { pictureCache: cache });
    const before = pictureDecodings();
    expect((await loadData(dir, { pictureCache: cache })).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(pictureDecodings()).toBe(before);
    await put(dir, "images/kept.jpg", await truncatedJpeg(1200, 800));
    expect((await loadData(dir, { pictureCache: cache })).diagnostics.map((d) => d.message)).toContainEqual(expect.stringMatching(/^images\/kept\.jpg cannot be decoded to its end/));
    expect(pictureDecodings()).toBe(before + 1);
  });

  it("a photo over ten times as long as it is wide is an error at its field; as another picture of images/ it passes", async () => {
    await put(dir, "images/strip.png", await sharp({ create: { width: 1, height: 4000, channels: 3, background: "#456" } }).png().toBuffer());
    await put(dir, "images/banner.png", await sharp({ create: { width: 4000, height: 1, channels: 3, background: "#456" } }).png().toBuffer());
    await put(dir, "images/panorama.jpg", await jpeg(5000, 500));
    expect(await atFile(/images\/(strip|banner|panorama)/)).toEqual([]);
    await put(dir, FILE, event([...photo("images/strip.png"), ...photo("images/banner.png", "The hall"), ...photo("images/panorama.jpg", "The square")]));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: images/strip.png is 1 × 4000 pixels, over 10 times as tall as it is wide: printed beside an entry it would be a sliver; crop it to the part worth showing`,
      `${FILE}:10:11: images/banner.png is 4000 × 1 pixels, over 10 times as wide as it is tall: printed beside an entry it would be a sliver; crop it to the part worth showing`,
    ]);
  });

  it("a picture whose name a web address cannot hold as it is: an error at the file, and at the field that names it", async () => {
    const png = await sharp({ create: { width: 600, height: 200, channels: 3, background: "#123" } }).png().toBuffer();
    for (const name of ["logo#2019.png", "a?b.png", "100%.png", "two words.png", "a,b.png", "-dash.png", "Ünïcode.png", "folder one/inside.png"]) await put(dir, `images/${name}`, png);
    for (const name of ["IMG_1234.JPG", "_DSC0001.png", "logo.v2.png", "2019/logo-2019.png"]) await put(dir, `images/${name}`, name.endsWith("JPG") ? await jpeg(1200, 800) : png);
    const rename = (from: string, to: string) => `images/${from}: error: the picture has a name that a web address cannot hold as it is (only letters, digits, "_", "-" and "." may be used, not first "." or "-"); rename it to images/${to}`;
    expect((await atFile(/images\//)).filter((d) => !d.includes("sample-"))).toEqual([
      rename("-dash.png", "dash.png"),
      rename("100%.png", "100.png"),
      rename("a,b.png", "a-b.png"),
      rename("a?b.png", "a-b.png"),
      rename("folder one/inside.png", "folder-one/inside.png"),
      rename("logo#2019.png", "logo-2019.png"),
      rename("two words.png", "two-words.png"),
      rename("Ünïcode.png", "Unicode.png"),
    ].sort((a, b) => a.localeCompare(b)));
    await put(dir, FILE, event([...photo("images/logo#2019.png"), ...photo("images/IMG_1234.JPG", "The hall"), ...photo("images/.hidden.png", "The square")]));
    expect(await of(FILE)).toEqual([
      `${FILE}:8:11: photo "images/logo#2019.png" has a name that a web address cannot hold as it is (only letters, digits, "_", "-" and "." may be used, not first "." or "-"); rename it to images/logo-2019.png, and write the new name here`,
      `${FILE}:12:11: photo "images/.hidden.png" has a name that a web address cannot hold as it is (only letters, digits, "_", "-" and "." may be used, not first "." or "-"); rename it to images/hidden.png, and write the new name here`,
    ]);
  });

  it("printedWidthMm and printPixels never give less than a pixel, whatever the proportions", () => {
    for (const [width, height] of [[1, 4000], [1, 1_000_000], [4000, 1], [1, 1]] as const) {
      for (const use of ["cover", "event"] as const) {
        expect(printPixels(printedWidthMm(use, width, height)), `${use} ${width} × ${height}`).toBeGreaterThanOrEqual(1);
      }
    }
    expect(printPixels(0)).toBe(1);
    expect(proportionProblem(1000, 100)).toBeUndefined();
    expect(proportionProblem(1001, 100)).toContain("over 10 times as wide");
    expect(pixelProblem(1000, 1000, 50)).toBeUndefined();
    expect(pixelProblem(1000, 1000, 51)).toContain("in 51 frames (51.0 megapixels in all)");
  });
});

describe("report.yaml: the cover photo, the logos, the funding line", () => {
  // Without the sample's own logos and cover photo, as these tests write theirs.
  const read = () => withoutSamplePictures(dir);

  it("a cover photo is checked as an event's photo, at its place in the edition", async () => {
    const report = await read();
    const at = report.split("\n").indexOf("  2017:") + 1;
    await put(dir, "report.yaml", report.replace("  2017:\n", "  2017:\n    cover_photo:\n      file: images/cover.svg\n      alt: The conference hall\n"));
    await put(dir, "images/cover.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>');
    expect(await of("report.yaml")).toEqual([`report.yaml:${at + 2}:13: images/cover.svg holds an SVG drawing, not a photo: a photo must be a JPEG, PNG, WebP or AVIF file; save it as one`]);
    await put(dir, "images/cover.jpg", await jpeg(2400, 1600));
    await put(dir, "report.yaml", report.replace("  2017:\n", "  2017:\n    cover_photo:\n      file: images/cover.jpg\n      alt: The conference hall\n"));
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.data!.pictureFacts.get("images/cover.jpg")).toMatchObject({ width: 2400, height: 1600, orientation: "landscape" });
  });

  it("a cover photo with too few pixels for the cover's 160 mm: a warning with the dpi it prints at; an event's photo of the same size gets none", async () => {
    const report = await read();
    const at = report.split("\n").indexOf("  2017:") + 1;
    await put(dir, "images/cover.jpg", await jpeg(1200, 800));
    await put(dir, "report.yaml", report.replace("  2017:\n", "  2017:\n    cover_photo:\n      file: images/cover.jpg\n      alt: The conference hall\n"));
    await put(dir, FILE, event(photo("images/cover.jpg")));
    expect((await diagnosticsOf(dir)).filter((d) => d.includes("cover.jpg"))).toEqual([
      `report.yaml:${at + 2}:13: warning: images/cover.jpg is 1200 pixels across: the cover prints it 160 mm wide, at about 190 dpi, which looks soft; a copy of at least 1,890 pixels across prints sharp`,
    ]);
    // A portrait is printed narrower (at most 110 mm tall): 1,000 × 1,500 pixels make 73.3 mm at 346 dpi, no warning.
    await put(dir, "images/cover.jpg", await jpeg(1000, 1500));
    expect((await diagnosticsOf(dir)).filter((d) => d.includes("cover.jpg"))).toEqual([]);
  });

  it("coverSizeProblem and printedWidthMm: the full width unless too tall, the warning under 200 dpi", () => {
    expect(printedWidthMm("cover", 3000, 2000)).toBe(160);
    expect(printedWidthMm("cover", 1000, 1500)).toBe(73.3);
    expect(printedWidthMm("event", 1000, 1500)).toBe(60);
    expect(printedWidthMm("event", 1600, 1200)).toBe(75);
    expect(coverSizeProblem(1260, 840)).toBeUndefined();
    expect(coverSizeProblem(1259, 840)).toContain("at about 199 dpi");
    expect(coverSizeProblem(1250, 840)).toContain("at about 198 dpi");
  });

  it("logos: a list of file and alt, an SVG allowed; the older logo read as one logo without alt; not both", async () => {
    const report = await read();
    await put(dir, "images/chair.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>');
    await put(dir, "images/donor.png", await sharp({ create: { width: 600, height: 200, channels: 3, background: "#123" } }).png().toBuffer());
    const logos = "logos:\n  - file: images/chair.svg\n    alt: Türkiye\n  - file: images/donor.png\n    alt: European Union\n  - file: images/none.png\n    alt: Hungary\nimprint:\n  funding: This report was produced with the financial support of the European Union.\n";
    await put(dir, "report.yaml", report.replace("title: Annual Activity Report\n", `title: Annual Activity Report\n${logos}`));
    expect(await of("report.yaml")).toEqual([
      'report.yaml:10:11: logos entry 3 file "images/none.png" must be a picture (SVG, PNG, JPEG, GIF, WebP or AVIF) in the images folder of the data folder, e.g. images/logo.svg',
    ]);
    await put(dir, "report.yaml", report.replace("title: Annual Activity Report\n", `title: Annual Activity Report\n${logos.replace(/  - file: images\/none.png\n    alt: Hungary\n/, "")}`));
    const result = await loadData(dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.data!.logos).toEqual([{ file: "images/chair.svg", alt: "Türkiye" }, { file: "images/donor.png", alt: "European Union" }]);
    expect(result.data!.report.imprint?.funding).toBe("This report was produced with the financial support of the European Union.");
    expect(result.data!.pictureFacts.get("images/donor.png")).toMatchObject({ width: 600, height: 200 });
    expect(result.data!.pictureFacts.has("images/chair.svg")).toBe(false);

    await put(dir, "report.yaml", report.replace("title: Annual Activity Report\n", "title: Annual Activity Report\nlogo: images/chair.svg\n"));
    expect((await loadData(dir)).data!.logos).toEqual([{ file: "images/chair.svg", alt: "" }]);
    await put(dir, "report.yaml", report.replace("title: Annual Activity Report\n", "title: Annual Activity Report\nlogo: images/chair.svg\nlogos:\n  - file: images/chair.svg\n"));
    expect(await of("report.yaml")).toEqual([
      "report.yaml:5:1: logo and logos are both written: logos replaces logo; move this file into logos, with its alt",
      'report.yaml:7:5: missing required field "alt": write what the picture shows, for someone who cannot see it',
    ]);
  });
});

describe("the rules, one by one", () => {
  it("photoPathProblem wants a path under images/, written from the data folder", () => {
    expect(photoPathProblem("images/a.jpg")).toBeUndefined();
    expect(photoPathProblem("images/2018/a.jpg")).toBeUndefined();
    for (const wrong of ["a.jpg", "/images/a.jpg", "images/", "images//a.jpg", "images/./a.jpg", "images/../a.jpg", "images\\a.jpg", "documents/a.jpg"]) {
      expect(photoPathProblem(wrong), wrong).toMatch(/must be a picture in the images folder/);
    }
  });

  it("altProblems compares without case, spacing or separators, with and without the extension", () => {
    expect(altProblems({ file: "images/IMG_0042.JPG", alt: "img 0042" })).toHaveLength(1);
    expect(altProblems({ file: "images/img-0042.jpg", alt: "IMG-0042.jpg" })).toHaveLength(1);
    expect(altProblems({ file: "images/img.jpg", alt: "Two ministers shake hands", caption: "Two  ministers shake hands" })).toEqual([
      "alt repeats the caption, which is read out as well; write what the picture shows that the caption does not say",
    ]);
    expect(altProblems({ file: "images/img.jpg", alt: "Two ministers shake hands", caption: "Istanbul, 20 February 2019" })).toEqual([]);
    expect(altProblems({ file: "images/img.jpg" })).toEqual([]);
  });

  it("shownSize turns only orientations 5 to 8; pixelProblem and printSizeProblem draw their lines exactly", () => {
    expect([1, 2, 3, 4].map((o) => shownSize(30, 20, o))).toEqual(Array(4).fill({ width: 30, height: 20 }));
    expect([5, 6, 7, 8].map((o) => shownSize(30, 20, o))).toEqual(Array(4).fill({ width: 20, height: 30 }));
    expect(pixelProblem(10_000, 5_000)).toBeUndefined();
    expect(pixelProblem(10_000, 5_001)).toContain("50.0 megapixels");
    expect(printSizeProblem(1000, 10)).toBeUndefined();
    expect(printSizeProblem(999, 999)).toContain("999 × 999 pixels");
  });

  it("logosOf prefers logos, reads logo as one logo without alt, and gives none without either", () => {
    expect(logosOf({ logos: [{ file: "images/a.svg", alt: "A" }], logo: "images/b.svg" })).toEqual([{ file: "images/a.svg", alt: "A" }]);
    expect(logosOf({ logo: "images/b.svg" })).toEqual([{ file: "images/b.svg", alt: "" }]);
    expect(logosOf({})).toEqual([]);
  });
});
