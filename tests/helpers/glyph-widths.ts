/**
 * The advance widths of the labels' font, read from the font file the site and the PDF load, and as
 * Chromium lays it out. src/pictures/glyph-widths.ts holds the first (tests/unit/pictures/glyph-widths.test.ts
 * compares it with the font, tests/e2e/labels.test.ts with Chromium); run this file to write that table
 * anew (after @fontsource/source-sans-3 changes):
 *
 *     npx tsx tests/helpers/glyph-widths.ts
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "puppeteer";
import { fontAssets } from "../../src/assets/fonts.ts";
import { faceMetrics, faceOf, NOT_DRAWN, printedAdvances, SANS, SUBSETS } from "../../src/fonts/faces.ts";
import { printFonts } from "../../src/pdf/fonts.ts";
import { openSite } from "./browser.ts";


const drawable = (entries: Iterable<readonly [number, number]>) => [...entries].filter(([code]) => !NOT_DRAWN.test(String.fromCodePoint(code)));

/**
 * The labels' font's own advances, in thousandths of an em: each character that Source Sans 3
 * Regular draws as the site and the print page publish it (src/fonts/faces.ts); no other.
 */
export function labelFontAdvances(): Map<number, number> {
  return new Map(drawable(faceMetrics(faceOf(SANS)).advances));
}

/**
 * The advances of what the PDF draws for each character that the labels' font lacks in its published
 * subsets but the report's fonts' files draw (src/fonts/faces.ts, printedAdvances).
 */
export function fallbackAdvances(): Map<number, number> {
  const own = labelFontAdvances();
  return new Map(drawable(printedAdvances(faceOf(SANS))).filter(([code]) => !own.has(code)));
}

/** The code points of the regular weight's published subsets, from their unicode-range, without what is never drawn. */
export function publishedCodePoints(): number[] {
  const points = new Set<number>();
  for (const file of faceOf(SANS).files) {
    for (const [first, last] of file.ranges) for (let p = first; p <= last; p++) if (!NOT_DRAWN.test(String.fromCodePoint(p))) points.add(p);
  }
  return [...points].sort((a, b) => a - b);
}

/**
 * Runs `work` on a page that has the report's published fonts, as the site and the print pages load
 * them, in a browser that has the printing browser's fonts (src/pdf/fonts.ts): what the published
 * fonts lack is drawn as in the PDF, whatever fonts this machine has.
 */
async function withFontPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "glyph-widths-"));
  try {
    const { files, css } = fontAssets();
    await Promise.all(Object.entries(files).map(([from, to]) => cp(from, path.join(dir, "site", to), { recursive: true })));
    await writeFile(path.join(dir, "site", "assets/fonts.css"), css);
    await writeFile(path.join(dir, "site", "index.html"), '<!doctype html><html><head><link rel="stylesheet" href="assets/fonts.css"></head><body></body></html>');
    await mkdir(path.join(dir, "browser"));
    const site = await openSite(path.join(dir, "site"), "/", printFonts(path.join(dir, "browser")));
    try {
      const page = await site.browser.newPage();
      await page.goto(site.url("/"), { waitUntil: "load" });
      return await work(page);
    } finally {
      await site.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Each code point's advance in thousandths of an em, as Chromium draws it in Source Sans 3 Regular (or, lacking it, as the PDF would). */
export function measureAdvances(points: readonly number[]): Promise<Map<number, number>> {
  return withFontPage(async (page) => {
    const measured = await page.evaluate(async (codes: number[]) => {
      await document.fonts.load("1000px 'Source Sans 3'", String.fromCodePoint(...codes));
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = "1000px 'Source Sans 3', Arial, sans-serif";
      return codes.map((code) => context.measureText(String.fromCodePoint(code)).width);
    }, [...points]);
    return new Map(points.map((p, i) => [p, Math.round(measured[i]! * 1000) / 1000]));
  });
}

/** The width of each text at `fontSize` in Source Sans 3 Regular as Chromium lays it out, kerning included. */
export function measureTexts(texts: readonly string[], fontSize: number): Promise<number[]> {
  return withFontPage((page) =>
    page.evaluate(async (all: string[], size: number) => {
      await document.fonts.load(`${size}px 'Source Sans 3'`, all.join(""));
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${size}px 'Source Sans 3', sans-serif`;
      return all.map((text) => context.measureText(text).width);
    }, [...texts], fontSize));
}

/** The table as src/pictures/glyph-widths.ts holds it: runs of consecutive code points, each with its widths. */
export function advanceRuns(advances: ReadonlyMap<number, number>): [number, number[]][] {
  const runs: [number, number[]][] = [];
  for (const [point, width] of [...advances].sort((a, b) => a[0] - b[0])) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1].length === point) last[1].push(width);
    else runs.push([point, [width]]);
  }
  return runs;
}

const TABLE = fileURLToPath(new URL("../../src/pictures/glyph-widths.ts", import.meta.url));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runs = advanceRuns(new Map([...labelFontAdvances(), ...fallbackAdvances()]));
  const lines = runs.map(([first, widths]) => `  [0x${first.toString(16).padStart(4, "0")}, [${widths.join(", ")}]],`);
  await writeFile(
    TABLE,
    `/**
 * The advance widths of the labels' text as the PDF draws it, in thousandths of an em, as runs of
 * consecutive code points: every character that Source Sans 3 Regular draws as the site and the PDF
 * publish it (the subsets ${SUBSETS.slice(0, -1).join(", ")} and ${SUBSETS.at(-1)}), and every other that
 * the report's fonts' files draw, which the printing browser finds in them (src/pdf/fonts.ts); any
 * other it prints as a box (src/fonts/box-font.ts). Read from the font files by
 * tests/helpers/glyph-widths.ts, which writes this file; tests/unit/pictures/glyph-widths.test.ts
 * reads the fonts again, tests/e2e/labels.test.ts measures the widths in Chromium.
 */
export const ADVANCE_RUNS: readonly (readonly [number, readonly number[]])[] = [
${lines.join("\n")}
];
`,
  );
  console.log(`${TABLE}: ${runs.reduce((n, [, w]) => n + w.length, 0)} characters in ${runs.length} runs`);
}
