/**
 * The text of the PDF's glyphs, as readers extract it. Chromium (Skia) maps each glyph of a font to one text
 * in the font's ToUnicode map, read from the font's own character map, and where a glyph stands for other
 * text than that, or a cluster of glyphs for one text (a letter and its mark: لّ, دً), it writes the text
 * as a span's ActualText around them, which some readers use (Acrobat, poppler) and others do not (pdf.js,
 * so Firefox). A glyph that the character map does not reach, a letter's form made for a mark above it,
 * is mapped to U+0000, which PDF/A-2u forbids (6.2.11.7.2) and which gives no letter to a reader of the
 * map; a glyph reached only through a presentation form (ﺎ for ا) is mapped to that form.
 *
 * Here each such glyph is mapped to the text it stands for wherever it is drawn: a glyph of a cluster to
 * what the cluster's text leaves once its other glyphs' text is taken, a presentation form to its letter
 * (a ligature's form, ﻻ, stays: below).
 * A span whose glyphs then map to its text exactly is taken out, so that every reader reads the same
 * letters, and a word is not cut where a span began. What cannot be so mapped stays as it was, for
 * glyphTextProblems (the machine checks, conformance.ts) to find: a glyph drawn for different letters,
 * or a cluster of more glyphs than letters (a face that draws a letter as a dotless base and its dots).
 */
import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from "pdf-lib";
import { deref, dictEntry, nameOf, streamBytes, walkPage, type Operand } from "./content.ts";

/** A font's ToUnicode map, code → text: only the two-byte codes of the Type0 fonts that Chromium writes. */
export type UnicodeMap = Map<number, string>;

const utf16 = (hex: string) => {
  const units = hex.replace(/\s+/g, "").match(/.{1,4}/g) ?? [];
  return String.fromCharCode(...units.map((unit) => parseInt(unit.padEnd(4, "0"), 16)));
};

/** The mappings of a ToUnicode CMap (bfchar and bfrange sections, ISO 32000-1, 9.10.3). */
export function readToUnicode(cmap: string): UnicodeMap {
  const map: UnicodeMap = new Map();
  for (const [, body] of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(code!, 16), utf16(text!));
  }
  for (const [, body] of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, first, last, start, list] of body!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:<([0-9a-fA-F\s]*)>|\[([^\]]*)\])/g)) {
      const [from, to] = [parseInt(first!, 16), parseInt(last!, 16)];
      if (list !== undefined) {
        [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, text], k) => map.set(from + k, utf16(text!)));
      } else {
        // The last UTF-16 unit counts up through the range.
        const base = utf16(start!);
        for (let code = from; code <= to; code++) map.set(code, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + code - from));
      }
    }
  }
  return map;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");

/** A ToUnicode CMap of two-byte codes mapping each code of `map` to its text, as Chromium writes one (bfchar sections of at most 100). */
export function writeToUnicode(map: ReadonlyMap<number, string>): string {
  const entries = [...map].sort(([a], [b]) => a - b);
  const sections: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    // A JavaScript string is UTF-16 already: each of its units, in order.
    const lines = chunk.map(([code, text]) => `<${hex4(code)}> <${Array.from({ length: text.length }, (_, k) => hex4(text.charCodeAt(k))).join("")}>`);
    sections.push(`${chunk.length} beginbfchar\n${lines.join("\n")}\nendbfchar`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<<  /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
${sections.join("\n")}
endcmap
CMapName currentdict /CMap defineresource pop
end
end
`;
}

/** A text that a reader can use: not empty, and without U+0000, U+FEFF or U+FFFE (PDF/A-2 6.2.11.7.2). */
export const validText = (text: string | undefined): text is string => text !== undefined && text !== "" && !/[\u0000\ufeff\ufffe]/.test(text);

/** A string operand as text: UTF-16BE after its byte order mark, else PDFDocEncoding (as Latin-1, which agrees on letters). */
function textOf(operand: Operand | undefined): string | undefined {
  if (!(operand instanceof Uint8Array)) return undefined;
  if (operand[0] === 0xfe && operand[1] === 0xff) {
    let text = "";
    for (let k = 2; k + 1 < operand.length; k += 2) text += String.fromCharCode(operand[k]! * 256 + operand[k + 1]!);
    return text;
  }
  return Buffer.from(operand).toString("latin1");
}

/** The Type0 fonts of two-byte codes (Identity-H, as Chromium writes them) with their ToUnicode maps, read once. */
export class FontTexts {
  private readonly read = new Map<PDFDict, { map: UnicodeMap; ref: PDFRef | undefined } | null>();
  constructor(private readonly doc: PDFDocument) {}

  of(font: PDFDict | undefined): { map: UnicodeMap; ref: PDFRef | undefined } | undefined {
    if (font === undefined) return undefined;
    let found = this.read.get(font);
    if (found === undefined) {
      found = null;
      const toUnicode = font.get(PDFName.of("ToUnicode"));
      const stream = deref(this.doc, toUnicode);
      if (nameOf(font.get(PDFName.of("Subtype"))) === "Type0" && nameOf(font.get(PDFName.of("Encoding"))) === "Identity-H" && stream instanceof PDFRawStream) {
        found = { map: readToUnicode(Buffer.from(streamBytes(stream)).toString("latin1")), ref: toUnicode instanceof PDFRef ? toUnicode : undefined };
      }
      this.read.set(font, found);
    }
    return found ?? undefined;
  }
}

/** A glyph drawn: its font and code. */
interface Glyph {
  readonly font: PDFDict;
  readonly code: number;
}

/** A span with an ActualText, the glyphs drawn in it, and where its BDC and EMC are in the page's content. */
interface Span {
  readonly text: string;
  readonly glyphs: Glyph[];
  readonly begin: readonly [number, number];
  end?: readonly [number, number];
}

const codesOf = (codes: Uint8Array) => Array.from({ length: codes.length >> 1 }, (_, k) => codes[2 * k]! * 256 + codes[2 * k + 1]!);

/**
 * The spans with an ActualText of page `index` (in the innermost of which each glyph is counted), and each
 * glyph drawn outside any: read from `content`, the page's joined content, and the forms it draws.
 */
function spansOf(doc: PDFDocument, fonts: FontTexts, index: number, content?: Uint8Array): { spans: Span[]; outside: Glyph[] } {
  const spans: Span[] = [];
  const outside: Glyph[] = [];
  const open: (Span | undefined)[] = [];
  walkPage(doc, index, {
    begin: (_tag, properties, start, end) => {
      const text = textOf(dictEntry(properties, "ActualText"));
      const span = text === undefined ? undefined : { text, glyphs: [], begin: [start, end] as const };
      if (span) spans.push(span);
      open.push(span);
    },
    end: (start, end) => {
      const span = open.pop();
      if (span) span.end = [start, end];
    },
    show: (font, codes) => {
      if (!fonts.of(font)) return;
      const span = open.findLast((s) => s !== undefined);
      for (const code of codesOf(codes)) (span ? span.glyphs : outside).push({ font: font!, code });
    },
  }, content);
  return { spans, outside };
}

/** The code points of `text` decomposed (NFD), compatibility forms (NFKC) first when `compatible`. */
const points = (text: string, compatible = false) => [...(compatible ? text.normalize("NFKC") : text).normalize("NFD")];

/** Whether `texts`, joined in any order, are `text`'s letters: as multisets of code points (a cluster's glyphs are drawn in visual order). */
function sameLetters(texts: readonly string[], text: string, compatible: boolean): boolean {
  const key = (list: string[]) => list.sort().join("");
  return key(texts.flatMap((t) => points(t, compatible))) === key(points(text, compatible));
}

/** Spans that say what soft hyphens are (soft-hyphens.ts), or that have no text: left alone. */
const softHyphenSpan = (text: string) => text === "" || text.includes("\u00ad");

/**
 * What each glyph of `span` should map to, so that its glyphs map to its text: each mapped glyph to its text as
 * letters (a presentation form's NFKC), and the one glyph left unmapped, if any, to what the text leaves.
 * Undefined when no such mapping is found.
 */
function mapping(span: Span, fonts: FontTexts): (readonly [Glyph, string])[] | undefined {
  const left = points(span.text);
  const out: [Glyph, string][] = [];
  const unmapped: Glyph[] = [];
  for (const glyph of span.glyphs) {
    const current = fonts.of(glyph.font)!.map.get(glyph.code);
    if (!validText(current)) {
      unmapped.push(glyph);
      continue;
    }
    const letters = current.normalize("NFKC");
    for (const point of points(letters)) {
      const at = left.indexOf(point);
      if (at < 0) return undefined;
      left.splice(at, 1);
    }
    // A ligature's presentation form (ﻻ) stays: readers reverse a right-to-left run's text code point by code
    // point, and would read its letters (لا) in the wrong order; its span's ActualText keeps them exact.
    out.push([glyph, [...current].length === 1 && [...letters].length > 1 ? current : letters]);
  }
  if (unmapped.length > 1 || (unmapped.length === 1) !== left.length > 0) return undefined;
  if (unmapped.length === 1) out.push([unmapped[0]!, left.join("").normalize("NFC")]);
  return out;
}

/**
 * Maps each glyph of the document's Type0 fonts to the text it stands for wherever it is drawn (above), writing
 * the fonts' ToUnicode maps anew where that changes them. Returns the fonts' maps as they now are, for
 * `plainSpans`, and how many glyphs were mapped anew.
 */
export function mapGlyphsToText(doc: PDFDocument): { fonts: FontTexts; changed: number } {
  const fonts = new FontTexts(doc);
  const proposed = new Map<PDFDict, Map<number, Set<string>>>();
  const drawnOutside = new Map<PDFDict, Set<number>>();
  for (let index = 0; index < doc.getPageCount(); index++) {
    const { spans, outside } = spansOf(doc, fonts, index);
    for (const { font, code } of outside) drawnOutside.set(font, (drawnOutside.get(font) ?? new Set()).add(code));
    for (const span of spans) {
      if (softHyphenSpan(span.text)) continue;
      for (const [{ font, code }, text] of mapping(span, fonts) ?? []) {
        const byCode = proposed.get(font) ?? new Map<number, Set<string>>();
        proposed.set(font, byCode.set(code, (byCode.get(code) ?? new Set()).add(text)));
      }
    }
  }
  let changed = 0;
  for (const [font, byCode] of proposed) {
    const { map, ref } = fonts.of(font)!;
    let fontChanged = false;
    for (const [code, texts] of byCode) {
      const [text] = texts;
      const current = map.get(code);
      // A glyph drawn for different texts, or drawn outside a span as its own text, keeps its text: one map cannot say both.
      if (texts.size !== 1 || text === current || (validText(current) && drawnOutside.get(font)?.has(code))) continue;
      map.set(code, text!);
      fontChanged = true;
      changed++;
    }
    if (fontChanged) {
      const stream = doc.context.flateStream(writeToUnicode(map));
      if (ref) doc.context.assign(ref, stream);
      else font.set(PDFName.of("ToUnicode"), doc.context.register(stream));
    }
  }
  return { fonts, changed };
}

/**
 * Page `index`'s content (`content`, its streams joined) without the spans whose glyphs map to their text
 * exactly (as letters in any order: a right-to-left cluster's glyphs are drawn in visual order), their
 * glyphs kept; undefined when it has none.
 */
export function plainSpans(doc: PDFDocument, fonts: FontTexts, index: number, content: Uint8Array): Uint8Array | undefined {
  const cuts: (readonly [number, number])[] = [];
  for (const span of spansOf(doc, fonts, index, content).spans) {
    if (softHyphenSpan(span.text) || span.end === undefined || span.begin[0] < 0 || span.glyphs.length === 0) continue;
    const texts = span.glyphs.map(({ font, code }) => fonts.of(font)!.map.get(code));
    if (texts.every(validText) && sameLetters(texts, span.text, false)) cuts.push(span.begin, span.end);
  }
  if (cuts.length === 0) return undefined;
  cuts.sort(([a], [b]) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    parts.push(content.subarray(from, start));
    from = end;
  }
  parts.push(content.subarray(from));
  return Buffer.concat(parts);
}

/**
 * Where the text that readers extract is not the text written, by page: a glyph drawn that its font maps to
 * no text, or to U+0000, U+FEFF or U+FFFE (PDF/A-2 6.2.11.7.2), and a span whose glyphs map to other letters
 * than its ActualText, presentation forms read as their letters (a dotless ٮ where ب was written).
 */
export function glyphTextProblems(doc: PDFDocument): string[] {
  const fonts = new FontTexts(doc);
  const problems: string[] = [];
  const fontName = (font: PDFDict) => nameOf(font.get(PDFName.of("BaseFont")))?.replace(/^[A-Z]{6}\+/, "") ?? "(unnamed)";
  for (let index = 0; index < doc.getPageCount(); index++) {
    const { spans, outside } = spansOf(doc, fonts, index);
    const unmapped = new Map<string, Set<number>>();
    for (const { font, code } of [...outside, ...spans.flatMap((s) => s.glyphs)]) {
      if (!validText(fonts.of(font)!.map.get(code))) unmapped.set(fontName(font), (unmapped.get(fontName(font)) ?? new Set()).add(code));
    }
    for (const [name, codes] of unmapped) {
      problems.push(`page ${index + 1}: ${name} maps ${codes.size === 1 ? "a glyph" : `${codes.size} glyphs`} to no text, or to U+0000, U+FEFF or U+FFFE (${[...codes].slice(0, 5).map(hex4).join(", ")})`);
    }
    const wrong = spans.filter((span) => !softHyphenSpan(span.text) && span.glyphs.length > 0 && !sameLetters(span.glyphs.map(({ font, code }) => fonts.of(font)!.map.get(code) ?? ""), span.text, true));
    if (wrong.length > 0) {
      const shown = wrong.slice(0, 3).map((span) => `"${span.text}" read as "${span.glyphs.map(({ font, code }) => fonts.of(font)!.map.get(code) ?? "").join("").replace(/\u0000/g, "")}"`);
      problems.push(`page ${index + 1}: ${wrong.length === 1 ? "a text is" : `${wrong.length} texts are`} read from the glyphs as other letters: ${shown.join(", ")}${wrong.length > 3 ? ", …" : ""}`);
    }
  }
  return problems;
}
