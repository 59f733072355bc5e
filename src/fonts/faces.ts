/**
 * The report's fonts, self-hosted from @fontsource: which faces it publishes (family, weight, style),
 * from which files, for which characters. Each face is split by script into subset files; the report
 * publishes only some of them, and a subset's @font-face rule says by its unicode-range which
 * characters it is used for. Read from the packages, so that they stay right when the packages update.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { advanceWidths, characterMap, woff2Tables } from "./sfnt.ts";

const require = createRequire(import.meta.url);

/** Text is set in the serif; headings, figures and the pictures' labels in the sans. */
export const SERIF = "Source Serif 4";
export const SANS = "Source Sans 3";

const PACKAGES = [
  { pkg: "@fontsource/source-serif-4", variants: ["400", "400-italic", "600", "700"] },
  { pkg: "@fontsource/source-sans-3", variants: ["400", "600", "700"] },
] as const;
/** Latin covers English; latin-ext covers names such as Türkiye, Hewlêr, Koç. */
export const SUBSETS = ["latin", "latin-ext"] as const;

export interface FontFile {
  readonly subset: string;
  /** The file the site and the print page load. */
  readonly woff2: string;
  /** The same font as WOFF (1.0), from which a TrueType copy is made for the printing browser's fontconfig. */
  readonly woff: string;
  /** The characters this file is used for, as first and last code point of each range. */
  readonly ranges: readonly (readonly [number, number])[];
  /** The package's @font-face rule for this file, as written. */
  readonly rule: string;
}

export interface Face {
  readonly family: string;
  readonly weight: number;
  readonly style: "normal" | "italic";
  readonly files: readonly FontFile[];
}

/** `U+0100-02BA,U+0304` as code point ranges. */
export function unicodeRanges(range: string): [number, number][] {
  return range.split(",").map((part) => {
    const [first, last = first] = part.trim().replace(/^U\+/i, "").split("-").map((hex) => parseInt(hex, 16));
    return [first!, last!];
  });
}

let faces: readonly Face[] | undefined;

/** The faces the report publishes, each with the files of its published subsets. */
export function reportFaces(): readonly Face[] {
  faces ??= PACKAGES.flatMap(({ pkg, variants }) => {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    return variants.map((variant): Face => {
      const files: FontFile[] = [];
      let family = "";
      // The per-weight stylesheet has one block per subset, each opened by a comment naming it.
      for (const rule of readFileSync(path.join(dir, `${variant}.css`), "utf8").split(/(?=\/\* )/)) {
        const name = /^\/\* (\S+) \*\//.exec(rule)?.[1];
        const subset = SUBSETS.find((s) => name?.includes(`-${s}-`) && !name.includes(`-${s}-ext-`));
        if (!subset) continue;
        family = /font-family:\s*'([^']+)'/.exec(rule)![1]!;
        const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)![1]!;
        const woff = /url\(\.\/files\/([^)]+\.woff)\)/.exec(rule)![1]!;
        const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1] ?? "U+0-10FFFF";
        files.push({ subset, woff2: path.join(dir, "files", woff2), woff: path.join(dir, "files", woff), ranges: unicodeRanges(range), rule: rule.trim() });
      }
      return { family, weight: parseInt(variant, 10), style: variant.endsWith("italic") ? "italic" : "normal", files };
    });
  });
  return faces;
}

/** What one face draws: each character's advance in thousandths of an em, and the missing glyph's (the box). */
export interface FaceMetrics {
  readonly advances: ReadonlyMap<number, number>;
  readonly notdef: number;
}

const metrics = new Map<Face, FaceMetrics>();

/**
 * The characters the face draws, with their advances: those in a file's unicode-range that its
 * character map holds. A character outside every range is left to other fonts, and one in a range
 * that the file has no glyph for is drawn by another font or as a box, however the browser finds one.
 */
export function faceMetrics(face: Face): FaceMetrics {
  let found = metrics.get(face);
  if (found) return found;
  const advances = new Map<number, number>();
  let notdef = 0;
  for (const file of face.files) {
    const tables = woff2Tables(readFileSync(file.woff2));
    const widths = advanceWidths(tables);
    notdef = widths[0]!;
    for (const [code, glyph] of characterMap(tables)) {
      if (!advances.has(code) && file.ranges.some(([first, last]) => code >= first && code <= last)) advances.set(code, widths[glyph]!);
    }
  }
  found = { advances, notdef };
  metrics.set(face, found);
  return found;
}

/** The face of `family` at `weight` and `style`. */
export function faceOf(family: string, weight = 400, style: Face["style"] = "normal"): Face {
  const face = reportFaces().find((f) => f.family === family && f.weight === weight && f.style === style);
  if (!face) throw new Error(`the report publishes no ${family} ${weight} ${style}`);
  return face;
}
