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

/** What is never drawn as a glyph, so never a box: controls, separators of lines and paragraphs, and what text shapers hide (soft hyphen, joiners, marks of direction). */
export const NOT_DRAWN = /[\p{Cc}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;

/** Text is set in the serif; headings, figures and the pictures' labels in the sans. */
export const SERIF = "Source Serif 4";
export const SANS = "Source Sans 3";
/**
 * Arabic script, which neither has: after either in every font stack, so that it draws the Arabic letters
 * (and those of Persian, Urdu, Pashto…) and nothing else, the serif's and the sans's own characters staying theirs.
 * A Naskh drawn letter by letter: each letter's form is one glyph with its dots, so that the PDF's text maps
 * back to the letters written (a face that draws a dotless base and its dots as glyphs apart cannot: src/pdf/glyph-text.ts).
 */
export const ARABIC = "Amiri";

/**
 * Latin covers English; latin-ext covers names such as Türkiye, Hewlêr, Koç; cyrillic covers Russian
 * (and Ukrainian, Belarusian, Serbian, Macedonian); cyrillic-ext the Cyrillic letters of Kazakh, Tajik,
 * Kyrgyz, Uzbek and Azerbaijani names, and the hryvnia. The first is the one fontconfig offers whole (printedAdvances).
 */
export const SUBSETS = ["latin", "latin-ext", "cyrillic", "cyrillic-ext"] as const;
/** The Arabic face's own subset: its Latin ones would never be used, the serif's and the sans's coming first. */
export const ARABIC_SUBSETS = ["arabic"] as const;

/**
 * The weights and styles that the style sheets set; the Arabic face is published upright alone (Arabic script
 * has no italic), in its regular and bold: the browser draws the semibold's Arabic in the bold (arabicFaceFor).
 */
const PACKAGES = [
  { pkg: "@fontsource/source-serif-4", variants: ["400", "400-italic", "600", "700"], subsets: SUBSETS },
  { pkg: "@fontsource/source-sans-3", variants: ["400", "600", "700"], subsets: SUBSETS },
  { pkg: "@fontsource/amiri", variants: ["400", "700"], subsets: ARABIC_SUBSETS },
] as const;

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
  /** Its published subsets, the first the one fontconfig offers whole. */
  readonly subsets: readonly string[];
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
  faces ??= PACKAGES.flatMap(({ pkg, variants, subsets }) => {
    const dir = path.dirname(require.resolve(`${pkg}/package.json`));
    return variants.map((variant): Face => {
      const files: FontFile[] = [];
      let family = "";
      // The per-weight stylesheet has one block per subset, each opened by a comment naming it:
      // `source-serif-4-latin-ext-400-italic`, `amiri-arabic-400-normal`.
      for (const rule of readFileSync(path.join(dir, `${variant}.css`), "utf8").split(/(?=\/\* )/)) {
        const name = /^\/\* (\S+)-\d+-(?:normal|italic) \*\//.exec(rule)?.[1];
        const subset = subsets.find((s) => name?.endsWith(`-${s}`));
        if (!subset) continue;
        family = /font-family:\s*'([^']+)'/.exec(rule)![1]!;
        const woff2 = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(rule)![1]!;
        const woff = /url\(\.\/files\/([^)]+\.woff)\)/.exec(rule)![1]!;
        const range = /unicode-range:\s*([^;]+);/.exec(rule)?.[1] ?? "U+0-10FFFF";
        files.push({ subset, woff2: path.join(dir, "files", woff2), woff: path.join(dir, "files", woff), ranges: unicodeRanges(range), rule: rule.trim() });
      }
      return { family, weight: parseInt(variant, 10), style: variant.endsWith("italic") ? "italic" : "normal", subsets, files };
    });
  });
  return faces;
}

/** What one face draws: each character's advance in thousandths of an em, and the missing glyph's (the box). */
export interface FaceMetrics {
  readonly advances: ReadonlyMap<number, number>;
  readonly notdef: number;
}

interface FileGlyphs {
  /** Each character the file has a glyph for, with the glyph's advance. */
  readonly advances: ReadonlyMap<number, number>;
  readonly notdef: number;
}

const files = new Map<string, FileGlyphs>();

function fileGlyphs(file: FontFile): FileGlyphs {
  let found = files.get(file.woff2);
  if (!found) {
    const tables = woff2Tables(readFileSync(file.woff2));
    const widths = advanceWidths(tables);
    found = { advances: new Map([...characterMap(tables)].map(([code, glyph]) => [code, widths[glyph]!])), notdef: widths[0]! };
    files.set(file.woff2, found);
  }
  return found;
}

/** One way of writing a character by decomposition: a composed start and the marks after it. */
interface Decomposition {
  readonly start: number;
  readonly marks: readonly number[];
}

let decomposable: ReadonlyMap<number, readonly Decomposition[]> | undefined;

/**
 * The characters that decompose (NFD), each with the ways of writing it, longest composed start
 * first: those of the alphabets, as far as Greek and Cyrillic's extensions and Latin's additional
 * letters (U+2FFF). Hangul and the compatibility ideographs, which no face of the report draws, are left out.
 */
function decompositions(): ReadonlyMap<number, readonly Decomposition[]> {
  if (decomposable) return decomposable;
  const found = new Map<number, Decomposition[]>();
  for (let code = 0xc0; code <= 0x2fff; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCodePoint(code);
    const parts = [...char.normalize("NFD")].map((p) => p.codePointAt(0)!);
    if (parts.length === 1 && parts[0] === code) continue;
    const ways: Decomposition[] = [];
    for (let k = parts.length; k >= 1; k--) {
      const start = [...String.fromCodePoint(...parts.slice(0, k)).normalize("NFC")];
      if (start.length === 1 && start[0]!.codePointAt(0) !== code) ways.push({ start: start[0]!.codePointAt(0)!, marks: parts.slice(k) });
    }
    found.set(code, ways);
  }
  decomposable = found;
  return found;
}

/**
 * The advance with which a font of these glyphs draws `code` by its canonical decomposition, when it
 * has no glyph of its own: the text shaper (HarfBuzz, in Chromium) writes ȫ as o with two marks when
 * the font has those. It takes the longest composed start it has a glyph for, and then each mark.
 */
function decomposedAdvance(code: number, advances: ReadonlyMap<number, number>): number | undefined {
  for (const { start, marks } of decompositions().get(code) ?? []) {
    const first = advances.get(start);
    if (first !== undefined && marks.every((m) => advances.has(m))) return marks.reduce((sum, m) => sum + advances.get(m)!, first);
  }
  return undefined;
}

/**
 * The width of a space that the font has no glyph for, as HarfBuzz draws it from the font's space:
 * in fractions of an em, or as wide as a digit or a full stop (hb-ot-shape-fallback.cc). (U+2000
 * and U+2001 decompose to U+2002 and U+2003.)
 */
type Advances = ReadonlyMap<number, number>;
const SPACE_FALLBACK: ReadonlyMap<number, (advances: Advances) => number | undefined> = new Map<number, (advances: Advances) => number | undefined>([
  [0x2002, () => 500], [0x2003, () => 1000], [0x2004, () => 333], [0x2005, () => 250], [0x2006, () => 167],
  [0x2007, (a) => a.get(0x30)], [0x2008, (a) => a.get(0x2e) ?? a.get(0x2c)], [0x2009, () => 200], [0x200a, () => 63],
  [0x202f, (a) => (a.get(0x20) === undefined ? undefined : Math.round(a.get(0x20)! / 2))], [0x205f, () => 222], [0x3000, () => 1000],
]);

/** The spaces that HarfBuzz draws blank from the font's space when the font has no glyph of their own. */
export const FALLBACK_SPACES: ReadonlySet<number> = new Set([...SPACE_FALLBACK.keys(), 0x2000, 0x2001]);

function spaceAdvance(code: number, advances: ReadonlyMap<number, number>): number | undefined {
  const space = code === 0x2000 || code === 0x2001 ? code + 2 : code;
  if (space !== code && advances.has(space)) return advances.get(space);
  return advances.has(0x20) ? SPACE_FALLBACK.get(space)?.(advances) : undefined;
}

/** Each character the glyphs draw, directly, by decomposition or as a space, among `candidates`, with its advance. */
function drawn(advances: ReadonlyMap<number, number>, candidates: Iterable<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const code of candidates) {
    const advance = advances.get(code) ?? decomposedAdvance(code, advances) ?? spaceAdvance(code, advances);
    if (advance !== undefined) out.set(code, advance);
  }
  return out;
}

function* inRanges(ranges: readonly (readonly [number, number])[]): Generator<number> {
  for (const [first, last] of ranges) for (let code = first; code <= last; code++) yield code;
}

const metrics = new Map<Face, FaceMetrics>();

/**
 * The characters the face draws as the site and the print page load it, with their advances. Each of
 * its files is used only for the characters of its unicode-range, and its glyphs only for those too
 * (Chromium looks no other up in it, not even to draw a decomposition): a character that the file of
 * its range cannot draw so is drawn by another font, or as a box.
 */
export function faceMetrics(face: Face): FaceMetrics {
  let found = metrics.get(face);
  if (found) return found;
  const advances = new Map<number, number>();
  for (const file of face.files) {
    const inRange = (code: number) => file.ranges.some(([first, last]) => code >= first && code <= last);
    const own = new Map([...fileGlyphs(file).advances].filter(([code]) => inRange(code)));
    for (const [code, advance] of drawn(own, inRanges(file.ranges))) if (!advances.has(code)) advances.set(code, advance);
  }
  found = { advances, notdef: fileGlyphs(face.files[0]!).notdef };
  metrics.set(face, found);
  return found;
}

const printed = new Map<Face, ReadonlyMap<number, number>>();

/**
 * Of `weights`, the one that a browser draws text of weight `desired` in (CSS Fonts 4, 5.2): the desired
 * weight; else for 400 to 500, the next heavier up to 500, then lighter ones, then heavier; below 400 lighter
 * ones first, above 500 heavier ones first, the nearest first.
 */
export function matchingWeight(weights: readonly number[], desired: number): number {
  if (weights.includes(desired)) return desired;
  const heavier = weights.filter((w) => w > desired).sort((a, b) => a - b);
  const lighter = weights.filter((w) => w < desired).sort((a, b) => b - a);
  const order = desired > 500 ? [...heavier, ...lighter]
    : desired >= 400 ? [...heavier.filter((w) => w <= 500), ...lighter, ...heavier.filter((w) => w > 500)]
    : [...lighter, ...heavier];
  return order[0]!;
}

/** The Arabic face that draws the Arabic of text set at `weight` (normal or italic: it is drawn upright). */
export function arabicFaceFor(weight: number): Face {
  const arabic = reportFaces().filter((f) => f.family === ARABIC);
  const chosen = matchingWeight(arabic.map((f) => f.weight), weight);
  return arabic.find((f) => f.weight === chosen)!;
}

/**
 * The face that the style sheets name after `face` (a serif's or a sans's): the Arabic face of its weight, or
 * of the weight the browser takes for it, in its normal style (it has no italic). None after the Arabic face itself.
 */
function followingFace(face: Face): Face | undefined {
  return face.family === ARABIC ? undefined : arabicFaceFor(face.weight);
}

/**
 * What the PDF draws for text set in the face, with the advances: the printing browser's fonts are
 * the report's own files (src/pdf/fonts.ts). A character is drawn by the face as published
 * (faceMetrics); else by the Arabic face that follows it in the style sheets' font stacks, as
 * published; else by the font that fontconfig offers for the face's family and weight, its file of
 * the first subset (latin; arabic for the Arabic face), taken whole: any glyph, a decomposition or a space; else by whichever
 * other file has a glyph for it, of the same weight and style first (the widest, as fontconfig's
 * choice among them is not foreseen). Any other character is printed as a box (box-font.ts).
 */
export function printedAdvances(face: Face): ReadonlyMap<number, number> {
  let found = printed.get(face);
  if (found) return found;
  const advances = new Map(faceMetrics(face).advances);
  const following = followingFace(face);
  for (const [code, advance] of following ? faceMetrics(following).advances : []) if (!advances.has(code)) advances.set(code, advance);
  const primary = fileGlyphs(face.files.find((f) => f.subset === face.subsets[0])!).advances;
  for (const [code, advance] of drawn(primary, [...primary.keys(), ...decompositions().keys(), ...FALLBACK_SPACES])) {
    if (!advances.has(code)) advances.set(code, advance);
  }
  // fontconfig offers the faces of the same weight and style first.
  const alike = (f: Face) => f.weight === face.weight && f.style === face.style;
  for (const group of [reportFaces().filter(alike), reportFaces().filter((f) => !alike(f))]) {
    const elsewhere = new Map<number, number>();
    for (const file of group.flatMap((f) => f.files)) {
      for (const [code, advance] of fileGlyphs(file).advances) if (!advances.has(code)) elsewhere.set(code, Math.max(advance, elsewhere.get(code) ?? 0));
    }
    for (const [code, advance] of elsewhere) advances.set(code, advance);
  }
  found = advances;
  printed.set(face, found);
  return found;
}

let mapped: ReadonlySet<number> | undefined;

/** Every character that a file of the report's fonts has a glyph for. */
export function mappedCharacters(): ReadonlySet<number> {
  mapped ??= new Set(reportFaces().flatMap((face) => face.files.flatMap((file) => [...fileGlyphs(file).advances.keys()])));
  return mapped;
}

let printable: ReadonlySet<number> | undefined;

/**
 * The characters that the PDF draws in every face that the style sheets set text in (the serif's and
 * the sans's, each followed by the Arabic face), so wherever the text is set: any other is printed as
 * a box (box-font.ts) in one face at least.
 */
export function reportCharacters(): ReadonlySet<number> {
  if (printable) return printable;
  const [first, ...others] = reportFaces().filter((face) => face.family !== ARABIC).map((face) => printedAdvances(face));
  printable = new Set([...first!.keys()].filter((code) => others.every((face) => face.has(code))));
  return printable;
}

/** The face of `family` at `weight` and `style`. */
export function faceOf(family: string, weight = 400, style: Face["style"] = "normal"): Face {
  const face = reportFaces().find((f) => f.family === family && f.weight === weight && f.style === style);
  if (!face) throw new Error(`the report publishes no ${family} ${weight} ${style}`);
  return face;
}
