/**
 * Makes the stand-in pictures of the sample data (_data/images/) and of the full fixture
 * (tests/fixtures/full-data/images/): there are no real photos of the meetings to ship. Each
 * picture says on itself that it is a sample, and each exercises one path of the photo
 * processing: a landscape photo stored turned, with EXIF orientation, a GPS position, an
 * author and a camera serial (none of which may survive); a portrait photo; a CMYK JPEG;
 * a PNG with transparency; an SVG logo of plain shapes and lettering drawn as strokes; and a PNG logo whose EXIF
 * names an author (which may not survive either). They are flat drawings, kept small; the
 * PDF's bytes per page are tested on photo-like copies of them (bench/photos.ts).
 *
 * Run with `npx tsx bench/sample-pictures.ts`; the same pictures come out each time.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { scene } from "./lib/scene.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where each goes: the sample the photos its events show, the fully filled fixture a photo, a portrait and a logo. */
const FOLDERS: readonly [string, readonly string[]][] = [
  [path.join(ROOT, "_data", "images"), ["sample-landscape-exif.jpg", "sample-portrait.jpg", "sample-cmyk.jpg", "sample-transparent.png", "sample-logo-chair.svg"]],
  [path.join(ROOT, "tests", "fixtures", "full-data", "images"), ["sample-landscape-exif.jpg", "sample-portrait.jpg", "sample-logo-chair.svg", "sample-logo-donor.png"]],
];

const COLOURS = {
  hall: { sky: "#b8c4cc", table: "#5b3a29", people: "#3d4f63" },
  panel: { sky: "#d9cbb0", table: "#2f4858", people: "#6b2d2d" },
  room: { sky: "#c9d6c3", table: "#444", people: "#1f3b57" },
};

async function pictures(): Promise<Record<string, Buffer>> {
  // Drawn upright, stored turned a quarter anticlockwise: EXIF orientation 6 tells a viewer to turn it back.
  const upright = await sharp(scene(1800, 1200, COLOURS.hall, "landscape, stored turned, EXIF orientation 6, GPS tag")).jpeg().toBuffer();
  const turned = await sharp(upright)
    .rotate(270)
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Artist: "Sample Camera Owner", Copyright: "Not to be published" },
      IFD2: { BodySerialNumber: "SAMPLE-SERIAL-0042" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "41/1 0/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "28/1 58/1 0/1" },
    })
    .toBuffer();
  return {
    "sample-landscape-exif.jpg": turned,
    "sample-portrait.jpg": await sharp(scene(1000, 1500, COLOURS.panel, "portrait")).jpeg({ quality: 80 }).toBuffer(),
    "sample-cmyk.jpg": await sharp(scene(2000, 1333, COLOURS.room, "landscape, CMYK colour space")).toColourspace("cmyk").jpeg({ quality: 80 }).toBuffer(),
    "sample-transparent.png": await sharp(scene(1200, 800, COLOURS.panel, "PNG, transparent corners"))
      .composite([{ input: Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" rx="160" fill="#fff"/></svg>`), blend: "dest-in" }])
      .png({ compressionLevel: 9, palette: true })
      .toBuffer(),
    "sample-logo-chair.svg": logo("#1f3b57", "SAMPLE", "Chair"),
    "sample-logo-donor.png": await sharp(logo("#6b2d2d", "SAMPLE", "Donor"), { density: 288 })
      .png({ compressionLevel: 9, palette: true })
      .withExif({ IFD0: { Artist: "Sample Logo Designer", Software: "Sample Drawing Program" } })
      .toBuffer(),
  };
}

/**
 * Capitals drawn as strokes, 20 units tall (y down, baseline at 20), each with its advance: a
 * logo's lettering as outlines, as a designer's logo comes, since a picture's text would be
 * drawn in whatever font the computer has.
 */
const LETTERS: Readonly<Record<string, readonly [string, number]>> = {
  A: ["M0 20 L6.5 0 L13 20 M2.6 13 L10.4 13", 13],
  C: ["M12 3.5 C10.5 1 8.5 0 6.5 0 C2.5 0 0 4 0 10 C0 16 2.5 20 6.5 20 C8.5 20 10.5 19 12 16.5", 12],
  E: ["M11 0 L0 0 L0 20 L11 20 M0 10 L9 10", 11],
  H: ["M0 0 L0 20 M12 0 L12 20 M0 10 L12 10", 12],
  I: ["M0 0 L0 20", 0],
  L: ["M0 0 L0 20 L10.5 20", 10.5],
  M: ["M0 20 L0 0 L7.5 15 L15 0 L15 20", 15],
  P: ["M0 20 L0 0 L6 0 C12.5 0 12.5 11 6 11 L0 11", 10.5],
  R: ["M0 20 L0 0 L6 0 C12.5 0 12.5 11 6 11 L0 11 M5.5 11 L11.5 20", 11.5],
  S: ["M11 3.5 C9.5 1 8 0 5.8 0 C2.6 0 0.6 2 0.6 5 C0.6 11.5 11.4 8.5 11.4 15 C11.4 18.2 9 20 5.8 20 C3.3 20 1.3 19 0 16.5", 11.4],
  D: ["M0 0 L0 20 L5 20 C10.5 20 13 16 13 10 C13 4 10.5 0 5 0 Z", 13],
  N: ["M0 20 L0 0 L12 20 L12 0", 12],
  O: ["M6.5 0 C2.5 0 0 4 0 10 C0 16 2.5 20 6.5 20 C10.5 20 13 16 13 10 C13 4 10.5 0 6.5 0 Z", 13],
};

/** `text` in the capitals above, its top left at (x, y), `height` tall, as paths stroked `weight` wide. */
function lettering(text: string, x: number, y: number, height: number, weight: number, colour: string): string {
  const scale = height / 20;
  let advance = 0;
  const paths = [...text.toUpperCase()].map((char) => {
    const [d, width] = LETTERS[char] ?? (() => { throw new Error(`no drawn capital for ${JSON.stringify(char)}`); })();
    const path = `<path transform="translate(${+(advance).toFixed(2)} 0)" d="${d}"/>`;
    advance += width + 4;
    return path;
  });
  return `<g transform="translate(${x} ${y}) scale(${scale})" fill="none" stroke="${colour}" stroke-width="${+(weight / scale).toFixed(2)}" stroke-linecap="round" stroke-linejoin="round">${paths.join("")}</g>`;
}

/** A logo of plain shapes and stroked lettering, nothing else: no text, no script, no link, no external reference. */
function logo(colour: string, top: string, bottom: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
<rect x="2" y="2" width="196" height="76" rx="8" fill="#fff" stroke="${colour}" stroke-width="4"/>
<circle cx="40" cy="40" r="24" fill="${colour}"/>
${lettering(top, 76, 20, 16, 2.6, colour)}
${lettering(bottom, 76, 46, 12, 1.8, colour)}
</svg>
`);
}

const made = await pictures();
for (const [folder, names] of FOLDERS) {
  await mkdir(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(made)) if (names.includes(name)) await writeFile(path.join(folder, name), bytes);
}
for (const [name, bytes] of Object.entries(made)) process.stdout.write(`${name}: ${Math.round(bytes.length / 1024)} KB\n`);
