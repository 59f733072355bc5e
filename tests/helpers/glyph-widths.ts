/**
 * The advance widths of the labels' font as Chromium lays it out: each character of the
 * subsets the report publishes, measured on a canvas with the published @font-face rules.
 * tests/e2e/labels.test.ts compares them with src/pictures/glyph-widths.ts; run this file to write that
 * table anew (after @fontsource/source-sans-3 changes):
 *
 *     npx tsx tests/helpers/glyph-widths.ts
 */
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "puppeteer";
import { fontAssets } from "../../src/assets/fonts.ts";
import { openSite } from "./browser.ts";

/** The code points of the regular weight's published subsets, from their unicode-range, without controls. */
export function publishedCodePoints(css: string = fontAssets().css): number[] {
  const points = new Set<number>();
  for (const rule of css.split("@font-face").slice(1)) {
    if (!/font-family:\s*'Source Sans 3'/.test(rule) || !/font-weight:\s*400/.test(rule) || !/font-style:\s*normal/.test(rule)) continue;
    const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1] ?? "";
    for (const part of range.split(",")) {
      const [from, to = from] = part.trim().replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
      for (let p = from!; p <= to!; p++) if (p >= 0x20 && !(p >= 0x7f && p < 0xa0) && !(p >= 0x200b && p <= 0x200f) && !(p >= 0x2028 && p <= 0x202e) && !(p >= 0x2060 && p <= 0x206f) && p !== 0xfeff) points.add(p);
    }
  }
  return [...points].sort((a, b) => a - b);
}

/** Runs `work` on a page that has the report's published fonts, as the site and the print pages load them. */
async function withFontPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "glyph-widths-"));
  try {
    const { files, css } = fontAssets();
    await Promise.all(Object.entries(files).map(([from, to]) => cp(from, path.join(dir, to), { recursive: true })));
    await writeFile(path.join(dir, "assets/fonts.css"), css);
    await writeFile(path.join(dir, "index.html"), '<!doctype html><html><head><link rel="stylesheet" href="assets/fonts.css"></head><body></body></html>');
    const site = await openSite(dir);
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

/**
 * Each code point's advance in thousandths of an em, as Chromium measures it in Source Sans 3
 * Regular; a character the font has no glyph for (the fallback font would draw it) is left out.
 */
export function measureAdvances(points: readonly number[]): Promise<Map<number, number>> {
  return withFontPage(async (page) => {
    const measured = await page.evaluate(async (codes: number[]) => {
      await document.fonts.load("1000px 'Source Sans 3'", String.fromCodePoint(...codes));
      const context = document.createElement("canvas").getContext("2d")!;
      // A glyph of the font measures the same whatever the fallback; one it lacks takes the fallback's.
      // (No named functions in here: tsx would wrap them in a helper the page does not have.)
      context.font = "1000px 'Source Sans 3', monospace";
      const withMonospace = codes.map((code) => context.measureText(String.fromCodePoint(code)).width);
      context.font = "1000px 'Source Sans 3', serif";
      return codes.map((code, i) => {
        const width = context.measureText(String.fromCodePoint(code)).width;
        return width === withMonospace[i] ? Math.round(width) : -1;
      });
    }, [...points]);
    return new Map(points.flatMap((p, i) => (measured[i]! >= 0 ? [[p, measured[i]!] as const] : [])));
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
  const runs = advanceRuns(await measureAdvances(publishedCodePoints()));
  const lines = runs.map(([first, widths]) => `  [0x${first.toString(16).padStart(4, "0")}, [${widths.join(", ")}]],`);
  await writeFile(
    TABLE,
    `/**
 * The advance widths of Source Sans 3 Regular, the labels' font, in thousandths of an em: every
 * character of the subsets the report publishes (latin and latin-ext), as runs of consecutive
 * code points. Measured in Chromium with the published fonts by tests/helpers/glyph-widths.ts,
 * which writes this file; tests/e2e/labels.test.ts measures them again.
 */
export const ADVANCE_RUNS: readonly (readonly [number, readonly number[]])[] = [
${lines.join("\n")}
];
`,
  );
  console.log(`${TABLE}: ${runs.reduce((n, [, w]) => n + w.length, 0)} characters in ${runs.length} runs`);
}
