/**
 * Makes the stand-in pictures of the sample data (_data/images/) and of the full fixture
 * (tests/fixtures/full-data/images/): there are no real photos of the meetings to ship. Each
 * picture says on itself that it is a sample, and each exercises one path of the photo
 * processing: a landscape photo stored turned, with EXIF orientation, a GPS position, an
 * author and a camera serial (none of which may survive); a portrait photo; a CMYK JPEG;
 * a PNG with transparency; an SVG logo of plain shapes and text; and a PNG logo whose EXIF
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

/** A logo of plain shapes and text, nothing else: no script, no link, no external reference. */
function logo(colour: string, top: string, bottom: string): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80" viewBox="0 0 200 80">
<rect x="2" y="2" width="196" height="76" rx="8" fill="#fff" stroke="${colour}" stroke-width="4"/>
<circle cx="40" cy="40" r="24" fill="${colour}"/>
<text x="76" y="36" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="20" fill="${colour}">${top}</text>
<text x="76" y="60" font-family="DejaVu Sans, sans-serif" font-size="16" fill="${colour}">${bottom}</text>
</svg>
`);
}

const made = await pictures();
for (const [folder, names] of FOLDERS) {
  await mkdir(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(made)) if (names.includes(name)) await writeFile(path.join(folder, name), bytes);
}
for (const [name, bytes] of Object.entries(made)) process.stdout.write(`${name}: ${Math.round(bytes.length / 1024)} KB\n`);
